import type { DataSourceOptions } from 'typeorm';
import { required, wholeNumber } from '../env.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { CreateInvoices1764547200000 } from '../migrations/1764547200000-CreateInvoices.js';

const onLambda = Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME);

/**
 * The connection from the environment: DATABASE_URL, and a pool of DATABASE_POOL_MAX connections (default 10). On
 * Lambda one instance serves one request at a time: one connection, opened at init and kept between invocations
 * (put RDS Proxy in front to pool across instances). Entities and migrations are listed, not globbed, so the Lambda
 * bundle holds them.
 */
export function databaseOptions(env: NodeJS.ProcessEnv = process.env): DataSourceOptions {
  const url = required(env, 'DATABASE_URL', 'the postgres:// URL of the database');
  const poolSize = wholeNumber(env, 'DATABASE_POOL_MAX', onLambda ? 1 : 10);
  return {
    type: 'postgres',
    url,
    entities: [Invoice],
    migrations: [CreateInvoices1764547200000],
    // The schema is the migrations' job (npm run migrate), never the app's at start-up.
    synchronize: false,
    migrationsRun: false,
    poolSize,
    applicationName: 'api',
    // node-postgres pool settings: a request waits at most 2 s for a connection, so with the database down it
    // answers 503 quickly; Lambda keeps its one connection, a container closes idle ones after 30 s.
    extra: {
      connectionTimeoutMillis: wholeNumber(env, 'DATABASE_CONNECT_TIMEOUT_MS', 2000),
      idleTimeoutMillis: onLambda ? 0 : 30_000,
      statement_timeout: 5000,
    },
  };
}
