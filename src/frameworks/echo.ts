import type { FrameworkRecord } from './types.js';
import { goToolchain } from './toolchains.js';

// No starter yet: deployTargets stays empty until templates/echo/ keeps the contract under the e2e harness.
export const echo: FrameworkRecord = {
  id: 'echo',
  name: 'Echo',
  language: 'go',
  ecosystem: 'go',
  sweetSpot: 'Simple, fast HTTP services',
  watchOutFor: 'Manual wiring; less magic',
  opinion: 'minimal',
  defaultPort: 8080,
  deployTargets: [],
  commands: {
    install: 'go mod download',
    test: 'go test ./...',
    start: 'go run ./cmd/server',
    lambda: '',
  },
  lambdaHandler: '',
  resources: { cpuRequest: '50m', memoryRequest: '32Mi', memoryLimit: '64Mi' },
  toolchain: goToolchain,
};
