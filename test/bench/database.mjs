/**
 * Section 6: the starters with `--database postgres`.
 * - Generation with --database postgres against create-vite (as section 2, with the feature's layers).
 * - Throughput on GET /invoices/<id> read from PostgreSQL: the Fastify starter against a bare Fastify with a
 *   node-postgres Pool of the same size running the same query (files written into the scratch folder, importing
 *   fastify and pg from the starter's node_modules, so versions match), both on Node 24, loaded by autocannon from a
 *   second process, against the e2e harness's PostgreSQL (test/e2e/postgres.ts) on 127.0.0.1. The starter also runs
 *   with its request lines off (LOG_LEVEL=warn), splitting its gap into the contract's log line and the rest.
 * - Lambda cold start with the database against without, for the Fastify and NestJS serverless starters under
 *   aws-lambda-rie: from spawning the emulator to the answer of the first GET /invoices/<id> (payload 2.0), which with
 *   the database is read from it, so the figure holds the driver's import and the connection; the artifact built once
 *   beforehand by the build step of commands.lambda (LAMBDA_STEPS=build).
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { generationPairs } from './cli.mjs';
import { CLI, e2e, ensureScratchTools, fmt, freshDir, median, MINUTE, ratio, request, sleep, table, now } from './lib.mjs';
import { COMPARISONS, LOAD } from './starters.mjs';
import { PAIRED_HEADERS, pairedLoad } from './paired-load.mjs';
import { lambdaSteps } from './lambda.mjs';

const bareFastifyPg = (logger) => `// A bare Fastify with one route reading one invoice from PostgreSQL: a node-postgres Pool of 10 (the starter's
// default), the starter's query, logger ${logger ? 'on (Fastify\'s own request logging)' : 'off'}; fastify and pg come from the starter's node_modules (the cwd).
import { createRequire } from 'node:module';
import path from 'node:path';
const require = createRequire(path.join(process.cwd(), 'package.json'));
const Fastify = require('fastify');
const pg = require('pg');
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify({ logger: ${logger} });
app.get('/invoices/:id', async (request, reply) => {
  const { rows } = await pool.query('SELECT id, status FROM invoices WHERE id = $1', [Number(request.params.id)]);
  if (rows.length === 0) return reply.code(404).send({ message: 'not found' });
  return { id: Number(rows[0].id), status: rows[0].status };
});
await app.listen({ host: '0.0.0.0', port: Number(process.env.PORT) });
`;

export async function database({ quick, frameworks, rounds: roundsAsked }) {
  const e = await e2e();
  const tools = e.requireTools();
  const scratch = ensureScratchTools();
  // --frameworks narrows the section to those starters' rows (6a and the Fastify rows are Fastify's).
  const only = (...ids) => !frameworks || ids.some((id) => frameworks.includes(id));

  // ---- generation
  if (only('fastify')) {
    const pairs = quick ? 4 : 10;
    const gen = await generationPairs({ oursNode: tools.node24, viteNode: tools.node24, tools: scratch, pairs, prefix: 'db-', extraArgs: ['--database', 'postgres'] });
    table(
      `6a. Generation with --database postgres, ${pairs} pairs on Node 24 (ours/vite ratio per pair; median: the median of the pair ratios)`,
      ['run', 'create-backend-fit ms', 'create-vite ms', 'ours/vite'],
      [...gen.rows, gen.medianRow],
      [`ours: create-backend-fit app --framework fastify --deploy containers --database postgres --yes --no-install --no-git; vite: create-vite app --template react-ts --no-interactive --no-immediate; both on Node 24, each run in a fresh folder, wall time from spawn to exit`],
    );
  }

  // ---- throughput
  const server = await e.startPostgres();
  try {
    if (only('gin', 'echo')) await (await import('./database-go.mjs')).databaseGo({ e, scratch, server, quick, rounds: roundsAsked });
    if (only('axum')) await (await import('./database-axum.mjs')).axumThroughput({ e, scratch, server, quick, rounds: roundsAsked });
    if (only('spring-boot')) await (await import('./database-spring-boot.mjs')).springBootThroughput({ e, server, scratch, quick, rounds: roundsAsked });
    if (only('fastapi', 'django')) await (await import('./database-python.mjs')).databasePython({ e, server, quick, frameworks, rounds: roundsAsked });
    if (only('fastify')) {
      const env = { ...e.toolEnv(), DATABASE_URL: await server.createDatabase('bench_fastify') };
      const root = freshDir('db-projects');
      execFileSync(process.execPath, [CLI, 'invoice-api', '--framework', 'fastify', '--database', 'postgres', '--yes', '--no-install', '--no-git'], { cwd: root, stdio: 'ignore' });
      const dir = path.join(root, 'invoice-api');
      for (const command of ['npm install --no-audit --no-fund', 'npm run migrate', 'npm run build']) {
        const r = await e.runShell(command, { cwd: dir, env, timeoutMs: 15 * MINUTE });
        if (r.code !== 0) throw new Error(e.describeRun(command, r));
      }
      const [{ id }] = await server.query('bench_fastify', "INSERT INTO invoices (status) VALUES ('paid') RETURNING id::int AS id");
      const bareDir = freshDir('db-bare');
      const bare = path.join(bareDir, 'fastify-pg-bare.mjs');
      const bareLogged = path.join(bareDir, 'fastify-pg-bare-logged.mjs');
      fs.writeFileSync(bare, bareFastifyPg(false));
      fs.writeFileSync(bareLogged, bareFastifyPg(true));
      const commandOf = {
        'bare, Fastify logger on': `exec '${tools.node24}' '${bareLogged}'`,
        starter: `exec '${tools.node24}' dist/server.js`,
        bare: `exec '${tools.node24}' '${bare}'`,
        'starter, no request lines': `LOG_LEVEL=warn exec '${tools.node24}' dist/server.js`,
      };
      const rounds = roundsAsked ?? (quick ? 1 : 3);
      // The same pairing as section 4 (COMPARISONS): the starter against a bare Fastify doing the contract's work, its
      // request line included; the pair without request lines as the second figure.
      const { rows, notes } = await pairedLoad({ e, scratch, cwd: dir, env, id, commandOf, comparisons: COMPARISONS.fastify, rounds, logs: freshDir('db-logs') });
      table(
        `6b. Throughput on GET /invoices/${id} from PostgreSQL ${server.major}, ${LOAD.connections} keep-alive connections, ${LOAD.warmupS} s warm-up + ${LOAD.durationS} s measured, ${rounds} round(s) rotating the order`,
        PAIRED_HEADERS,
        rows,
        [...notes, `bare: ${bare} and ${bareLogged} (one route, the same query on a pg Pool of 10, logger off / on), on Node 24; PostgreSQL from the e2e harness on 127.0.0.1, fsync off.`],
      );
    }
    await coldStarts({ e, tools, server, quick, only });
  } finally {
    await server.close();
  }
}

async function coldStarts({ e, tools, server, quick, only }) {
  const reps = quick ? 2 : 5;
  const listed = JSON.parse(execFileSync(process.execPath, [CLI, 'list', '--json'], { encoding: 'utf8' }));
  const rows = [];
  for (const fw of listed.filter((f) => f.features.includes('postgres') && f.deployTargets.includes('serverless') && only(f.id))) {
    const cold = {};
    for (const withDb of [false, true]) {
      const label = `${fw.id}${withDb ? ' + postgres' : ''}`;
      // A plain database name: a framework id may hold a hyphen (spring-boot), which createDatabase refuses.
      const database = `bench_lambda_${fw.id.replace(/\W/g, '_')}_${withDb ? 'db' : 'none'}`;
      const env = { ...e.toolEnv(), ...(withDb && { DATABASE_URL: await server.createDatabase(database) }) };
      const root = freshDir('db-lambda', `${fw.id}-${withDb ? 'db' : 'none'}`);
      execFileSync(process.execPath, [CLI, 'invoice-api', '--framework', fw.id, '--deploy', 'serverless', ...(withDb ? ['--database', 'postgres'] : []), '--yes', '--no-install', '--no-git'], { cwd: root, stdio: 'ignore' });
      const dir = path.join(root, 'invoice-api');
      const steps = lambdaSteps(fw.commands.lambda, dir);
      const fn = e.readSamFunction(path.join(dir, 'template.yaml'));
      for (const command of [fw.commands.install, ...(withDb ? [fw.commands.migrate] : []), steps.build]) {
        const r = await e.runShell(command, { cwd: dir, env: { ...env, _HANDLER: fn.handler }, timeoutMs: 15 * MINUTE });
        if (r.code !== 0) throw new Error(`${label}: ${e.describeRun(command, r)}`);
      }
      let invoicePath = '/invoices/42';
      if (withDb) {
        const [{ id }] = await server.query(database, "INSERT INTO invoices (status) VALUES ('paid') RETURNING id::int AS id");
        invoicePath = `/invoices/${id}`;
      }
      const times = [];
      for (let rep = 0; rep < reps; rep++) {
        const [apiPort, runtimePort] = [await e.freePort(), await e.freePort()];
        const t0 = now();
        const rie = e.startProcess(
          tools.awsLambdaRie,
          ['--runtime-interface-emulator-address', `127.0.0.1:${apiPort}`, '--runtime-api-address', `127.0.0.1:${runtimePort}`, 'sh', '-c', steps.run, fn.handler],
          { cwd: dir, env: { ...env, AWS_LAMBDA_FUNCTION_TIMEOUT: '60' } },
        );
        try {
          const url = `http://127.0.0.1:${apiPort}/2015-03-31/functions/function/invocations`;
          const answered = await e.waitFor(
            async () => {
              const res = await fetch(url, { method: 'POST', body: JSON.stringify(e.httpApiEvent({ method: 'GET', rawPath: invoicePath })), signal: AbortSignal.timeout(60_000) });
              return res.ok && JSON.parse(await res.text()).statusCode === 200;
            },
            { timeoutMs: 2 * MINUTE, intervalMs: 5, while: () => rie.child.exitCode === null },
          );
          if (!answered) throw new Error(`${label}: no 200 for ${invoicePath} under the emulator:\n${rie.output().slice(-3000)}`);
          times.push(now() - t0);
        } finally {
          e.killGroup(rie.child);
          await Promise.race([rie.exited, sleep(10_000)]);
        }
      }
      cold[withDb] = times;
      rows.push([label, fmt(median(times), 0), fmt(Math.min(...times), 0), times.map((t) => fmt(t, 0)).join(', ')]);
    }
    rows.push([`${fw.id}: with/without`, ratio(median(cold.true), median(cold.false)), '', `${median(cold.true) >= median(cold.false) ? '+' : ''}${fmt(median(cold.true) - median(cold.false), 0)} ms`]);
  }
  table(
    `6c. Lambda cold start under aws-lambda-rie, with --database postgres against without: spawn to the first 200 on GET /invoices/<id> (median of ${reps})`,
    ['function', 'cold ms (median)', 'min', 'runs'],
    rows,
    ['with the database the first invoice is read from PostgreSQL 18 on 127.0.0.1: the figure holds the driver\'s import, the connection and the query (NestJS/TypeORM connects at init).'],
  );
}
