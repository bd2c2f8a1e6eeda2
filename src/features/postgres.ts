import type { FeatureRecord } from './types.js';

/** PostgreSQL 18: the major the starters' compose and CI use, and the one the e2e harness runs. */
export const postgres: FeatureRecord = {
  id: 'postgres',
  name: 'PostgreSQL',
  answer: { key: 'database', value: 'postgres' },
  // Nothing to check on the machine: the database can be anywhere DATABASE_URL points (compose's db is one option).
  toolchain: [],
  setup: ['docker compose up -d db   # a local PostgreSQL; or set DATABASE_URL to yours', 'export DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/app'],
  services: [{ id: 'postgres', major: 18, image: 'postgres:18', urlEnv: 'DATABASE_URL' }],
};
