import type { FrameworkRecord } from './types.js';
import { nodeStarter } from './node.js';

export const nestjs: FrameworkRecord = {
  id: 'nestjs',
  name: 'NestJS',
  ...nodeStarter,
  sweetSpot: 'Structured, opinionated apps; teams that like DI',
  watchOutFor: 'Heavier abstraction than plain Express',
  opinion: 'opinionated',
  openApi: true,
  features: {
    postgres: {
      commands: { migrate: 'npm run migrate' },
      imageMigrate: ['node', 'node_modules/typeorm/cli.js', 'migration:run', '--dataSource', 'dist/database/migration-data-source.js'],
      migrations: 'src/migrations/',
    },
  },
};
