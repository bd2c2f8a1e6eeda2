import pg from 'pg';
import { required, wholeNumber } from './env.ts';

/** What the routes need of the database: a pool, or in tests one client inside a transaction that is rolled back. */
export interface Database {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

const onLambda = Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME);

/**
 * The pool's settings from the environment. On Lambda one instance serves one request at a time, so one connection
 * per instance, opened on first use and kept between invocations (put RDS Proxy in front to pool across instances);
 * in a container a small pool (DATABASE_POOL_MAX, default 10) shared by the requests in flight.
 */
export function poolConfig(env: NodeJS.ProcessEnv = process.env): pg.PoolConfig {
  const connectionString = required(env, 'DATABASE_URL', 'the postgres:// URL of the database');
  const max = wholeNumber(env, 'DATABASE_POOL_MAX', onLambda ? 1 : 10);
  return {
    connectionString,
    max,
    // A request waits at most this long for a connection: with the database down it answers 503 quickly.
    connectionTimeoutMillis: wholeNumber(env, 'DATABASE_CONNECT_TIMEOUT_MS', 2000),
    // Lambda keeps its one connection across invocations; a container closes idle ones after 30 s.
    idleTimeoutMillis: onLambda ? 0 : 30_000,
    // A query the server has not answered in 5 s is cancelled on the server and fails here.
    statement_timeout: 5000,
    application_name: 'api',
  };
}

let pool: pg.Pool | undefined;

/** The process's pool, made on the first query (so a build step that only loads the app needs no DATABASE_URL). */
function sharedPool(): pg.Pool {
  if (!pool) {
    pool = new pg.Pool(poolConfig());
    // A pooled connection that the server drops while idle (a restart, a failover) is removed from the pool and
    // reported here; without a listener the error would end the process.
    pool.on('error', (error) =>
      console.error(JSON.stringify({ level: 'warn', msg: 'idle database connection lost', err: error.message })),
    );
  }
  return pool;
}

/** The process's database: its pool, made on first use. */
export const sharedDatabase: Database = {
  query: (text, values) => sharedPool().query(text, values),
};

/** Closes the shared pool, if one was made (on shutdown, after the server stopped taking requests). */
export async function closeSharedPool(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.end();
}

/** A database that did not answer: the routes turn it into a JSON 503, and the next request tries again. */
export class DatabaseUnavailableError extends Error {
  readonly statusCode = 503;
  readonly code = 'DATABASE_UNAVAILABLE';

  constructor(cause: unknown) {
    super('the database is unavailable; try again shortly', { cause });
  }
}

/** Runs one query; any failure to reach or use the server is a DatabaseUnavailableError (logged with its cause). */
export async function query<R extends pg.QueryResultRow>(
  db: Database,
  text: string,
  values: unknown[] = [],
): Promise<pg.QueryResult<R>> {
  try {
    return await db.query<R>(text, values);
  } catch (error) {
    throw new DatabaseUnavailableError(error);
  }
}
