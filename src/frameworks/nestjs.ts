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
    start: 'npm run build && npm start',
    lambda: 'make build-ApiFunction ARTIFACTS_DIR="$PWD/.aws-sam/build/ApiFunction" >&2 && cd .aws-sam/build/ApiFunction && export LAMBDA_TASK_ROOT="$PWD" && exec aws-lambda-ric "$_HANDLER"',
  },
  lambdaHandler: 'dist/lambda.handler',
  resources: { cpuRequest: '100m', memoryRequest: '128Mi', memoryLimit: '256Mi' },
  toolchain: nodeToolchain,
  features: {
    postgres: {
      commands: { migrate: 'npm run migrate' },
      imageMigrate: ['node', 'node_modules/typeorm/cli.js', 'migration:run', '--dataSource', 'dist/database/migration-data-source.js'],
    },
  },
};
