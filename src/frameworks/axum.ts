import type { FrameworkRecord } from './types.js';
import { rustToolchain, rustTools } from './toolchains.js';

export const axum: FrameworkRecord = {
  id: 'axum',
  name: 'Axum',
  language: 'rust',
  ecosystem: 'rust',
  sweetSpot: 'Latency- and cost-critical services',
  watchOutFor: 'Steeper learning curve, longer build times',
  opinion: 'minimal',
  defaultPort: 3000,
  deployTargets: ['containers', 'serverless'],
  commands: {
    install: 'cargo fetch',
    test: 'cargo test',
    lint: 'cargo fmt --check && cargo clippy --all-targets --all-features -- -D warnings',
    start: 'cargo run --release',
    // The build for this machine (the deploy build cross-compiles for arm64 with cargo-lambda) and the bootstrap's
    // start, in one script the README names (scripts/lambda-runtime.sh).
    lambda: 'sh scripts/lambda-runtime.sh',
  },
  lambdaHandler: 'bootstrap',
  resources: { cpuRequest: '50m', memoryRequest: '32Mi', memoryLimit: '64Mi' },
  toolchain: rustToolchain,
  tools: rustTools,
};
