import type { FrameworkRecord } from './types.js';
import { nodeToolchain, nodeTools } from './toolchains.js';

/**
 * What the Node starters (Fastify, NestJS) share: the same npm scripts (templates/_node and each package.json), the
 * same Lambda script and the same runtime footprint, so they are installed, tested, linted, started and run on
 * Lambda the same way. Each record adds its migrations (its own data layer).
 */
export const nodeStarter = {
  language: 'typescript',
  ecosystem: 'node',
  defaultPort: 3000,
  deployTargets: ['containers', 'serverless'],
  commands: {
    // From the shipped package-lock.json, exactly (issue 21): what CI tested is what the user installs. `npm ci` fails
    // when package.json and the lock disagree, rather than resolving again.
    install: 'npm ci',
    test: 'npm test',
    // Biome lints and formats in one fast tool that needs no TypeScript API (so no typescript-eslint/TypeScript version
    // lock-step); tsc type-checks. One script runs both; `npm run format` rewrites. Its useImportType rule is off
    // (templates/_node/base/biome.json): Nest's injection reads constructor parameter types at run time
    // (emitDecoratorMetadata), so an `import type` of a service breaks it; tsc's verbatimModuleSyntax covers Fastify.
    lint: 'npm run lint',
    start: 'npm run build && npm start',
    // The build and the runtime interface client, in one script the README names (templates/_node/serverless/scripts).
    lambda: 'sh scripts/lambda-runtime.sh',
  },
  // After add (a dependency more in package.json), or with a lock of the user's own: resolve and update the lock.
  relock: 'npm install',
  lambdaHandler: 'dist/lambda.handler',
  resources: { cpuRequest: '100m', memoryRequest: '128Mi', memoryLimit: '256Mi' },
  toolchain: nodeToolchain,
  tools: nodeTools,
} as const satisfies Omit<FrameworkRecord, 'id' | 'name' | 'sweetSpot' | 'watchOutFor' | 'opinion'>;
