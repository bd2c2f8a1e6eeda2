import type { FrameworkRecord } from './types.js';
import { nodeToolchain } from './toolchains.js';

// No starter yet: deployTargets stays empty until templates/nestjs/ keeps the contract under the e2e harness.
export const nestjs: FrameworkRecord = {
  id: 'nestjs',
  name: 'NestJS',
  language: 'typescript',
  ecosystem: 'node',
  sweetSpot: 'Structured, opinionated apps; teams that like DI',
  watchOutFor: 'Heavier abstraction than plain Express',
  opinion: 'opinionated',
  defaultPort: 3000,
  deployTargets: [],
  commands: {
    install: 'npm install',
    test: 'npm test',
    start: 'npm run build && npm start',
    lambda: '',
  },
  lambdaHandler: '',
  resources: { cpuRequest: '100m', memoryRequest: '128Mi', memoryLimit: '256Mi' },
  toolchain: nodeToolchain,
};
