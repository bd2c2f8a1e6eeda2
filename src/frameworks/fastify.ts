import type { FrameworkRecord } from './types.js';
import { nodeToolchain } from './toolchains.js';

export const fastify: FrameworkRecord = {
  id: 'fastify',
  name: 'Fastify',
  language: 'typescript',
  ecosystem: 'node',
  sweetSpot: 'High-throughput Node APIs with low overhead',
  watchOutFor: 'Less batteries-included than NestJS',
  opinion: 'minimal',
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
      imageMigrate: ['node', 'node_modules/node-pg-migrate/bin/node-pg-migrate.js', 'up', '--migrations-dir', 'migrations'],
    },
  },
};
