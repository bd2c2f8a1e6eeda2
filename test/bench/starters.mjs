/**
 * Section 4: the starters as servers (containers projects).
 * - Startup: for every starter whose toolchain is present, after install and one warm start (which builds), the time
 *   from spawning the start command to the first 200 on /healthz; and, where the start command builds first
 *   (`npm run build && npm start`, `go run`, `cargo run`, `mvnw package && java -jar`), the same for the already-built
 *   program alone.
 * - Throughput: Fastify and NestJS starters against a bare server of the same framework with one route (files written
 *   into the scratch folder, importing the framework from the starter's node_modules, so versions match), both on
 *   Node 24, loaded by autocannon from a second process on 127.0.0.1. The Fastify starter also runs with its request
 *   lines off (LOG_LEVEL=warn), which splits its gap to bare into the contract's log line and the rest, and beside a
 *   bare Fastify with its own logger on (Fastify's default request logging).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { e2e, ensureScratchTools, fmt, freshDir, listFrameworks, median, min, MINUTE, ms, now, ratio, request, sleep, table, timeToFirst200, WORK } from './lib.mjs';
import { prepareProjects } from './projects.mjs';

export const LOAD = { connections: 10, warmupS: 2, durationS: 5, maxRequests: 2_000_000 };

export async function starters({ frameworks, quick, rounds: roundsAsked }) {
  const e = await e2e();
  e.requireTools();
  const scratch = ensureScratchTools();
  const env = e.toolEnv();
  const listed = listFrameworks().filter((f) => f.deployTargets.includes('containers') && (!frameworks || frameworks.includes(f.id)));
  const projects = await prepareProjects(listed, 'containers', e, env);
  const logs = freshDir('logs', 'starters');

  /** Starts `command` in `dir` on a free port, output to a log file; returns ms to the first 200 on `probe`. */
  async function timeStart(id, dir, command, { probe = '/healthz', timeoutMs = 10 * MINUTE, keep = false } = {}) {
    const port = await e.freePort();
    const log = path.join(logs, `${id}-${port}.log`);
    const t0 = now();
    const server = e.startShell(`{ ${command}\n} >>'${log}' 2>&1`, { cwd: dir, env: { ...env, PORT: String(port) } });
    const t = await timeToFirst200(`http://127.0.0.1:${port}${probe}`, { since: t0, timeoutMs, alive: () => server.child.exitCode === null });
    if (t === undefined) {
      e.killGroup(server.child);
      throw new Error(`${id}: \`${command}\` never answered ${probe}; log ${log}:\n${fs.readFileSync(log, 'utf8').slice(-3000)}`);
    }
    if (keep) return { ms: t, port, log, stop: () => stop(server) };
    await stop(server);
    return { ms: t };
  }
  async function stop(server) {
    e.killGroup(server.child);
    await Promise.race([server.exited, sleep(10_000)]);
  }

  // ---- startup
  const startupRows = [];
  const runOnly = new Map();
  const reps = quick ? 1 : 3;
  for (const p of projects) {
    const fw = p.fw;
    if (p.problem) {
      startupRows.push([fw.id, 'n/a', '', '', '', '', p.problem]);
      continue;
    }
    try {
      process.stderr.write(`[bench] ${fw.id}: first start (builds): ${fw.commands.start}\n`);
      const first = await timeStart(fw.id, p.dir, fw.commands.start);
      const warm = await timeStart(fw.id, p.dir, fw.commands.start);
      const split = await splitStart(fw.commands.start, p.dir, env, e);
      const runs = [];
      if (split) for (let i = 0; i < reps; i++) runs.push((await timeStart(fw.id, p.dir, split.run)).ms);
      runOnly.set(fw.id, split?.run ?? fw.commands.start);
      startupRows.push([fw.id, fmt(p.installMs / 1000, 1), fmt(first.ms / 1000, 1), ms(warm.ms), split ? ms(median(runs)) : '(same)', split ? ms(min(runs)) : '', split?.what ?? fw.commands.start]);
    } catch (error) {
      startupRows.push([fw.id, fmt(p.installMs / 1000, 1), '', '', '', '', `failed: ${String(error.message).split('\n')[0].slice(0, 100)}`]);
      process.stderr.write(`[bench] ${error.message}\n`);
    }
  }
  table(
    '4a. Starter startup: spawn to the first 200 on GET /healthz (containers projects)',
    ['framework', 'install s', 'first start s (builds)', 'start cmd ms (warm)', `built program ms (median of ${reps})`, 'min', 'built program timed'],
    startupRows,
    [
      'install: commands.install with warm package caches. first start: commands.start right after install (includes the build).',
      'start cmd (warm): commands.start again, everything built (npm/tsc, go run, cargo, mvnw still run their up-to-date checks).',
      'built program: what the start command ends up running, started alone (for go run / cargo run: the binary built by go build / cargo build).',
      `Node starters run on Node 24 (${env.PATH?.split(':')[0]}); probes every 10 ms, each on a new connection.`,
    ],
  );

  // ---- throughput
  const bareDir = freshDir('bare');
  const bareSources = writeBareServers(bareDir);
  const loadScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'load.mjs');
  const node24 = e.requireTools().node24;
  // Paired rounds, alternating which goes first: on a shared 2-core machine one pair swings by 10% either way, so the
  // figure is the median of the per-round ratios.
  const rounds = roundsAsked ?? (quick ? 1 : 5);
  const rows = [];
  const notes = [];
  for (const id of ['fastify', 'nestjs']) {
    const p = projects.find((x) => x.fw.id === id);
    if (!p || p.problem || !runOnly.has(id)) {
      if (!frameworks || frameworks.includes(id)) rows.push([id, 'not measured (no working starter)', '', '', '', '', '']);
      continue;
    }
    // Fastify's starter reads LOG_LEVEL: a third server, the same starter with its request lines off, splits the gap
    // to bare into what the contract's one log line per request costs and what the rest of the starter costs.
    // And a bare Fastify with its own logger on (two pino lines per request): the framework's default way to log
    // requests, what a team would otherwise start from.
    const kinds = id === 'fastify' ? ['bare', 'starter', 'starter, no request lines', 'bare, Fastify logger on'] : ['bare', 'starter'];
    const commandOf = {
      bare: `exec '${node24}' '${bareSources[id]}'`,
      starter: runOnly.get(id),
      'starter, no request lines': `LOG_LEVEL=warn ${runOnly.get(id)}`,
      'bare, Fastify logger on': `exec '${node24}' '${bareSources.fastifyLogged}'`,
    };
    const results = Object.fromEntries(kinds.map((kind) => [kind, []]));
    for (let round = 0; round < rounds; round++) {
      // Rotate which goes first, so none always runs on the cache another just warmed.
      for (const kind of kinds.map((_, i) => kinds[(i + round) % kinds.length])) {
        const server = await timeStart(`${id}-${kind.replace(/\W+/g, '-')}`, p.dir, commandOf[kind], { probe: '/invoices/42', timeoutMs: 2 * MINUTE, keep: true });
        const answer = await request(`http://127.0.0.1:${server.port}/invoices/42`);
        if (answer.status !== 200) throw new Error(`${id} ${kind}: GET /invoices/42 answered ${answer.status}`);
        const linesBefore = countLines(server.log);
        const r = await runLoad(loadScript, scratch.autocannon, `http://127.0.0.1:${server.port}/invoices/42`);
        const logged = countLines(server.log) - linesBefore;
        await server.stop();
        results[kind].push(r);
        rows.push([id, kind, fmt(r.rps, 0), fmt(r.mean, 2), fmt(r.p99, 0), fmt(r.requests, 0), `${r.non2xx + r.errors + r.timeouts}`, fmt(logged, 0)]);
      }
    }
    for (const comparison of COMPARISONS[id]) {
      const c = compare(comparison, results, rounds);
      rows.push([id, c.label, c.rps, '', c.p99, '', '', '']);
      notes.push(`${id} ${c.note}; ran \`${commandOf[comparison.kind]}\` and \`${commandOf[comparison.against]}\`.`);
    }
  }
  table(
    `4b. Throughput on GET /invoices/42, ${LOAD.connections} keep-alive connections, ${LOAD.warmupS} s warm-up + ${LOAD.durationS} s measured, ${rounds} round(s) rotating the order`,
    ['framework', 'server', 'req/s', 'mean ms', 'p99 ms', 'requests', 'non-2xx/errors', 'log lines (warm-up + run)'],
    rows,
    [
      ...notes,
      `bare servers: ${Object.values(bareSources).join(', ')} (one route, logging off but in fastify-bare-logged.mjs, framework imported from the starter's node_modules), run on Node 24.`,
      `load: autocannon@${JSON.parse(fs.readFileSync(path.join(scratch.autocannon, 'package.json'), 'utf8')).version} in its own process (${process.execPath}), capped at ${fmt(LOAD.maxRequests)} requests; server output goes to a file, not a pipe.`,
      'req/s = requests completed in the measured run / its duration; mean and p99 latency from autocannon (its histogram has 1 ms resolution, so p99 is a whole number of ms).',
    ],
  );
}

function countLines(file) {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.split('\n').length - 1;
  } catch {
    return 0;
  }
}

export function runLoad(script, autocannonDir, url) {
  const args = [script, autocannonDir, url, String(LOAD.connections), String(LOAD.warmupS), String(LOAD.durationS), String(LOAD.maxRequests)];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), (LOAD.warmupS + LOAD.durationS + 30) * 1000);
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`load generator exited ${code}: ${err.slice(-2000)}`));
      resolve(JSON.parse(out.trim().split('\n').pop()));
    });
  });
}

/**
 * The already-built program a start command runs, when the command builds first. Returns the command that runs it
 * alone (the build has been done by the warm start, or is done here for go run / cargo run), or undefined.
 */
async function splitStart(start, dir, env, e) {
  const goRun = /^go run (\S+)$/.exec(start);
  if (goRun) {
    const build = `go build -o .bench-bin/server ${goRun[1]}`;
    const r = await e.runShell(build, { cwd: dir, env, timeoutMs: 10 * MINUTE });
    if (r.code !== 0) throw new Error(e.describeRun(build, r));
    return { run: 'exec ./.bench-bin/server', what: `go build -o bin ${goRun[1]}; bin` };
  }
  if (/^cargo run --release\b/.test(start)) {
    const build = 'cargo build --release --message-format=json';
    const r = await e.runShell(`${build} 2>/dev/null`, { cwd: dir, env, timeoutMs: 15 * MINUTE });
    if (r.code !== 0) throw new Error(e.describeRun(build, r));
    const exe = r.output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l))
      .find((m) => m.reason === 'compiler-artifact' && m.executable && m.target?.src_path?.endsWith('src/main.rs'))?.executable;
    if (!exe) throw new Error(`cargo build did not report the binary of src/main.rs in ${dir}`);
    return { run: `exec '${exe}'`, what: `the release binary (${path.basename(exe)}) cargo run starts` };
  }
  const i = start.lastIndexOf(' && ');
  if (i > 0) return { run: start.slice(i + 4), what: start.slice(i + 4) };
  return undefined;
}

/**
 * Which server each one is measured against. Decided: a starter is compared with a bare server of the same framework
 * doing the same contract work, the one request line per request included (for Fastify, a bare Fastify with its own
 * logger on); the pair without request lines stays as a second figure. The bare NestJS logs nothing (Nest has no
 * request logging of its own), a stricter baseline than the contract's.
 */
export const COMPARISONS = {
  fastify: [
    { kind: 'starter', against: 'bare, Fastify logger on', goal: 'within -5% (the decided baseline)' },
    { kind: 'starter, no request lines', against: 'bare', goal: 'second figure: both without request lines' },
  ],
  nestjs: [{ kind: 'starter', against: 'bare', goal: 'within -5% (the bare NestJS logs nothing)' }],
};

/**
 * One comparison of paired rounds: the median of the per-round req/s ratios, the ratio of the p99 medians, and the
 * note that says it (sections 4b and 6b both print it).
 */
export function compare({ kind, against, goal }, results, rounds) {
  const rpsRatios = results[kind].map((r, i) => r.rps / results[against][i].rps);
  const rpsRatio = median(rpsRatios);
  const p99 = (k) => median(results[k].map((r) => r.p99));
  const note = `${kind} against ${against}: throughput ${fmt((rpsRatio - 1) * 100, 1)}%, median of ${rounds} paired round(s) (each round: ${rpsRatios.map((r) => `${fmt(r, 2)}x`).join(', ')}); goal: ${goal}`;
  return { label: `${kind} / ${against}`, rps: `${fmt(rpsRatio, 2)}x`, p99: ratio(p99(kind), p99(against)), note };
}

/** A bare Fastify server with one route, its logger off or on (Fastify's default: two pino lines per request). */
const fastifyBare = (logger) => `// A bare Fastify server with one route, logger ${logger ? 'on' : 'off'}; fastify comes from the starter's node_modules (STARTER_DIR = cwd).
import { createRequire } from 'node:module';
import path from 'node:path';
const require = createRequire(path.join(process.cwd(), 'package.json'));
const Fastify = require('fastify');
const app = Fastify({ logger: ${logger} });
app.get('/invoices/:id', async (request) => ({ id: Number(request.params.id), status: 'paid' }));
await app.listen({ host: '0.0.0.0', port: Number(process.env.PORT) });
`;

function writeBareServers(dir) {
  const fastify = path.join(dir, 'fastify-bare.mjs');
  fs.writeFileSync(fastify, fastifyBare(false));
  const fastifyLogged = path.join(dir, 'fastify-bare-logged.mjs');
  fs.writeFileSync(fastifyLogged, fastifyBare(true));
  const nestjs = path.join(dir, 'nestjs-bare.mjs');
  fs.writeFileSync(
    nestjs,
    `// A bare NestJS app with one controller and one route, decorators applied by hand (plain JS); @nestjs/* come from
// the starter's node_modules (the cwd), on the starter's platform (express).
import { createRequire } from 'node:module';
import path from 'node:path';
const require = createRequire(path.join(process.cwd(), 'package.json'));
require('reflect-metadata');
const { Controller, Get, Module, Param } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
class InvoicesController {
  get(id) {
    return { id: Number(id), status: 'paid' };
  }
}
Param('id')(InvoicesController.prototype, 'get', 0);
Get(':id')(InvoicesController.prototype, 'get', Object.getOwnPropertyDescriptor(InvoicesController.prototype, 'get'));
Controller('invoices')(InvoicesController);
class AppModule {}
Module({ controllers: [InvoicesController] })(AppModule);
const app = await NestFactory.create(AppModule, { logger: false });
await app.listen(Number(process.env.PORT), '0.0.0.0');
`,
  );
  return { fastify, fastifyLogged, nestjs };
}

export { WORK };
