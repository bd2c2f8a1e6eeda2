import type { FrameworkRecord } from './types.js';
import { nodeStarter } from './node.js';

export const fastify: FrameworkRecord = {
  id: 'fastify',
  name: 'Fastify',
  ...nodeStarter,
  sweetSpot: 'High-throughput Node APIs with low overhead',
  watchOutFor: 'Less batteries-included than NestJS',
  opinion: 'minimal',
  openApi: true,
  features: {
    postgres: {
      commands: { migrate: 'npm run migrate' },
      imageMigrate: ['node', 'node_modules/node-pg-migrate/bin/node-pg-migrate.js', 'up', '--migrations-dir', 'migrations'],
    },
  },
};
