import path from 'node:path';
import { runner } from 'node-pg-migrate';
import pg from 'pg';

/** The database the tests use: DATABASE_URL, else the one `docker compose up -d db` starts. */
export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/app';

/**
 * One client for the whole test file, connected once and migrated (the same migrations `npm run migrate` applies).
 * With no database answering, this fails at once, saying where it looked and how to start one.
 */
export async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `No PostgreSQL answered at ${DATABASE_URL} (${(error as Error).message}). Start one with \`docker compose up -d db\`, or set DATABASE_URL to yours.`,
    );
  }
  await runner({
    dbClient: client,
    dir: path.resolve('migrations'),
    direction: 'up',
    migrationsTable: 'pgmigrations',
    log: () => {},
  });
  return client;
}

/**
 * Each test runs inside a transaction that is rolled back after it, so tests never see each other's rows and leave
 * the database as they found it.
 */
export function isolated(client: pg.Client) {
  return {
    begin: () => client.query('BEGIN'),
    rollback: () => client.query('ROLLBACK'),
  };
}
