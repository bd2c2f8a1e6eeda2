/**
 * Section 6b for the Go starters: Gin and Echo with `--database postgres`, `GET /invoices/<id>` read from PostgreSQL,
 * against a bare net/http + pgx server running the same query (database-go-bare.go: Go's own mux, a pgxpool of 10 as
 * the starters' default, one slog JSON line per request as the contract asks of a starter; its twin without the line
 * is the second figure, the price of that line). Every server is a binary built beforehand with `go build`, inside the
 * Gin starter's module for the bare one so pgx is the same version; the same database and row for all, loaded by
 * autocannon from a second process on 127.0.0.1, rounds rotating the order.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CLI, freshDir, MINUTE, request, table } from './lib.mjs';
import { LOAD } from './starters.mjs';
import { PAIRED_HEADERS, pairedLoad } from './paired-load.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FRAMEWORKS = ['gin', 'echo'];
const COMPARISONS = [
  { kind: 'gin', against: 'bare, request lines on', goal: 'within -5% of a bare net/http + pgx server logging the same line' },
  { kind: 'echo', against: 'bare, request lines on', goal: 'within -5% of a bare net/http + pgx server logging the same line' },
  { kind: 'bare, request lines on', against: 'bare', goal: 'second figure: what the request line costs the bare server' },
];

export async function databaseGo({ e, scratch, server, quick, rounds: roundsAsked }) {
  const env = { ...e.toolEnv(), DATABASE_URL: await server.createDatabase('bench_go') };
  const root = freshDir('db-go');
  const binaries = {};
  for (const id of FRAMEWORKS) {
    execFileSync(process.execPath, [CLI, id, '--framework', id, '--database', 'postgres', '--yes', '--no-install', '--no-git'], { cwd: root, stdio: 'ignore' });
    const dir = path.join(root, id);
    // One schema for all: the Gin project migrates it; Echo's migrations are the same files (templates/_go).
    const steps = ['go mod download', ...(id === 'gin' ? ['go run ./cmd/server migrate'] : []), `go build -trimpath -o '${root}/${id}-server' ./cmd/server`];
    if (id === 'gin') {
      fs.mkdirSync(path.join(dir, 'cmd/bare'), { recursive: true });
      fs.copyFileSync(path.join(HERE, 'database-go-bare.go'), path.join(dir, 'cmd/bare/main.go'));
      steps.push(`go build -trimpath -o '${root}/bare-server' ./cmd/bare`);
    }
    for (const command of steps) {
      const r = await e.runShell(command, { cwd: dir, env, timeoutMs: 15 * MINUTE });
      if (r.code !== 0) throw new Error(`${id}: ${e.describeRun(command, r)}`);
    }
    binaries[id] = `exec '${root}/${id}-server'`;
  }
  const [{ id }] = await server.query('bench_go', "INSERT INTO invoices (status) VALUES ('paid') RETURNING id::int AS id");
  const commandOf = { ...binaries, 'bare, request lines on': `exec '${root}/bare-server'`, bare: `BARE_LOG=off exec '${root}/bare-server'` };

  const rounds = roundsAsked ?? (quick ? 1 : 3);
  const { rows, notes } = await pairedLoad({ e, scratch, cwd: root, env, id, commandOf, comparisons: COMPARISONS, rounds, logs: freshDir('db-go-logs') });
  table(
    `6b (Go). Gin and Echo: throughput on GET /invoices/${id} from PostgreSQL ${server.major}, ${LOAD.connections} keep-alive connections, ${LOAD.warmupS} s warm-up + ${LOAD.durationS} s measured, ${rounds} round(s) rotating the order`,
    PAIRED_HEADERS,
    rows,
    [...notes, `bare: test/bench/database-go-bare.go (net/http's ServeMux, pgxpool of 10, the same query), built in the Gin starter's module; every server a \`go build\` binary; PostgreSQL from the e2e harness on 127.0.0.1, fsync off.`],
  );
}
