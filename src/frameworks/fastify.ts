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
    // The TypeScript compiler's strict type check, the one checker these starters have so far.
    lint: 'npm run typecheck',
    start: 'npm run build && npm start',
    lambda: 'make build-ApiFunction ARTIFACTS_DIR="$PWD/.aws-sam/build/ApiFunction" >&2 && cd .aws-sam/build/ApiFunction && export LAMBDA_TASK_ROOT="$PWD" && exec aws-lambda-ric "$_HANDLER"',
  },
  lambdaHandler: 'dist/lambda.handler',
  resources: { cpuRequest: '100m', memoryRequest: '128Mi', memoryLimit: '256Mi' },
  toolchain: nodeToolchain,
};
