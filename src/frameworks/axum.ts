import type { FrameworkRecord } from './types.js';
import { rustToolchain } from './toolchains.js';

// No starter yet: deployTargets stays empty until templates/axum/ keeps the contract under the e2e harness.
export const axum: FrameworkRecord = {
  id: 'axum',
  name: 'Axum',
  language: 'rust',
  ecosystem: 'rust',
  sweetSpot: 'Latency- and cost-critical services',
  watchOutFor: 'Steeper learning curve, longer build times',
  opinion: 'minimal',
  defaultPort: 3000,
  deployTargets: [],
  commands: {
    install: 'cargo fetch',
    test: 'cargo test',
    start: 'cargo run --release',
    lambda: '',
  },
  lambdaHandler: '',
  resources: { cpuRequest: '50m', memoryRequest: '32Mi', memoryLimit: '64Mi' },
  toolchain: rustToolchain,
};
