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
  openApi: true,
  defaultPort: 3000,
  deployTargets: ['containers', 'serverless'],
  commands: {
    // From the shipped Cargo.lock: --locked fails rather than resolve again when Cargo.toml and the lock disagree.
    install: 'cargo fetch --locked',
    test: 'cargo test --locked',
    lint: 'cargo fmt --check && cargo clippy --locked --all-targets --all-features -- -D warnings',
    start: 'cargo run --release --locked',
    // The build for this machine (the deploy build cross-compiles for arm64 with cargo-lambda) and the bootstrap's
    // start, in one script the README names (scripts/lambda-runtime.sh).
    lambda: 'sh scripts/lambda-runtime.sh',
  },
  relock: 'cargo fetch',
  lambdaHandler: 'bootstrap',
  resources: { cpuRequest: '50m', memoryRequest: '32Mi', memoryLimit: '64Mi' },
  toolchain: rustToolchain,
  tools: rustTools,
  features: {
    postgres: {
      // The server binary applies the migrations compiled into it (sqlx::migrate!), then exits. A debug build: the
      // one `cargo test` reuses (CI migrates, then tests), so migrating costs no compile of its own.
      commands: { migrate: 'cargo run --locked -- migrate' },
      imageMigrate: ['/usr/local/bin/server', 'migrate'],
    },
  },
};
