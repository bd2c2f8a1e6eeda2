import type { FrameworkRecord } from './types.js';
import { nodeToolchain } from './toolchains.js';

export const nestjs: FrameworkRecord = {
  id: 'nestjs',
  name: 'NestJS',
  language: 'typescript',
  ecosystem: 'node',
  sweetSpot: 'Structured, opinionated apps; teams that like DI',
  watchOutFor: 'Heavier abstraction than plain Express',
  opinion: 'opinionated',
  defaultPort: 3000,
  deployTargets: ['containers', 'serverless'],
  commands: {
    install: 'npm install',
    test: 'npm test',
    // The TypeScript compiler's strict type check, the one checker these starters have so far.
    lint: 'npm run typecheck',
    start: 'npm run build && npm start',
    // The build and the runtime interface client, in one script the README names (templates/_node/serverless/scripts).
    lambda: 'sh scripts/lambda-runtime.sh',
  },
  lambdaHandler: 'dist/lambda.handler',
  resources: { cpuRequest: '100m', memoryRequest: '128Mi', memoryLimit: '256Mi' },
  toolchain: nodeToolchain,
  features: {
    postgres: {
      commands: { migrate: 'npm run migrate' },
      imageMigrate: ['node', 'node_modules/typeorm/cli.js', 'migration:run', '--dataSource', 'dist/database/migration-data-source.js'],
      migrations: 'src/migrations/',
    },
  },
};
