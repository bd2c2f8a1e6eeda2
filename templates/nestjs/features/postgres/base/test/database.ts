import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { getRepositoryToken } from '@nestjs/typeorm';
import pg from 'pg';
import { DataSource, type QueryRunner } from 'typeorm';
import { configureApp } from '../src/app.factory.js';
import { AppModule } from '../src/app.module.js';
import { Invoice } from '../src/invoices/invoice.entity.js';

/** The database the tests use: DATABASE_URL, else the one `docker compose up -d db` starts. */
export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/app';
process.env.DATABASE_URL = DATABASE_URL;

/**
 * A client on the test database, which must have its schema: with no database answering, or one not migrated yet,
 * fails at once, saying where it looked and what to run.
 */
export async function requireDatabase(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw new Error(
      `No PostgreSQL answered at ${DATABASE_URL} (${(error as Error).message}). Start one with \`docker compose up -d db\`, or set DATABASE_URL to yours.`,
    );
  }
  const { rows } = await client.query("SELECT to_regclass('invoices') AS t");
  if (rows[0].t === null) {
    await client.end();
    throw new Error(`The database at ${DATABASE_URL} has no invoices table: run \`npm run migrate\` first.`);
  }
  return client;
}

/**
 * The whole app on the test database (migrated by `npm run migrate`), with the invoices
 * repository on one query runner: each test runs inside its transaction, rolled back after it, so tests never see
 * each other's rows and leave the database as they found it.
 */
export async function isolatedApp(options: Parameters<typeof Test.createTestingModule>[0] = { imports: [AppModule] }) {
  await (await requireDatabase()).end();
  let runner: QueryRunner | undefined;
  const moduleRef = await Test.createTestingModule(options)
    .overrideProvider(getRepositoryToken(Invoice))
    .useFactory({
      factory: (dataSource: DataSource) => {
        runner = dataSource.createQueryRunner();
        return runner.manager.getRepository(Invoice);
      },
      inject: [DataSource],
    })
    .compile();
  // Made by the repository factory when Nest instantiates the providers.
  const transactions = () => {
    if (!runner) throw new Error('the Invoice repository was never created, so there is no query runner');
    return runner;
  };
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  configureApp(app);
  await app.init();
  return {
    app,
    dataSource: app.get(DataSource),
    begin: () => transactions().startTransaction(),
    rollback: () => transactions().rollbackTransaction(),
    close: async () => {
      await runner?.release();
      await app.close();
    },
  };
}
