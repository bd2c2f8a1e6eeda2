import type { FeatureRecord } from './types.js';

/** PostgreSQL 18: the major the starters' compose and CI use, and the one the e2e harness runs. */
export const postgres: FeatureRecord = {
  id: 'postgres',
  name: 'PostgreSQL',
  answer: { key: 'database', value: 'postgres' },
  toolchain: [
    {
      command: 'docker',
      versionArgs: ['--version'],
      hint: 'The tests need a PostgreSQL at DATABASE_URL: `docker compose up -d db` starts one (or point DATABASE_URL at yours).',
    },
  ],
  services: [{ id: 'postgres', major: 18, image: 'postgres:18', urlEnv: 'DATABASE_URL' }],
};
