import type { FrameworkRecord } from './types.js';
import { nodeToolchain, nodeTools } from './toolchains.js';

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
    // Biome lints and formats in one fast tool that needs no TypeScript API (so no typescript-eslint/TypeScript version
    // lock-step); tsc type-checks. One script runs both; `npm run format` rewrites. Its useImportType rule is off
    // (templates/_node/base/biome.json): Nest's injection reads constructor parameter types at run time
    // (emitDecoratorMetadata), so an `import type` of a service breaks it; tsc's verbatimModuleSyntax covers Fastify.
    lint: 'npm run lint',
    start: 'npm run build && npm start',
    // The build and the runtime interface client, in one script the README names (templates/_node/serverless/scripts).
    lambda: 'sh scripts/lambda-runtime.sh',
  },
  lambdaHandler: 'dist/lambda.handler',
  resources: { cpuRequest: '100m', memoryRequest: '128Mi', memoryLimit: '256Mi' },
  toolchain: nodeToolchain,
  tools: nodeTools,
  features: {
    postgres: {
      commands: { migrate: 'npm run migrate' },
      imageMigrate: ['node', 'node_modules/typeorm/cli.js', 'migration:run', '--dataSource', 'dist/database/migration-data-source.js'],
      migrations: 'src/migrations/',
    },
  },
};
