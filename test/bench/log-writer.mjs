/**
 * Section 8: the Node starters' log writer. Their request lines go through a small batching writer of their own
 * (`BatchedStdout` in the Fastify starter's src/log.ts; NestJS has the same class) instead of pino's own buffered
 * destination, SonicBoom (`pino.destination({ minLength, periodicFlush })`). This measures why: the CPU time (user +
 * system, the process's own) of writing N request-sized lines to a pipe, in bursts of 10 per event-loop turn as a
 * server writes them, with each writer, and with SonicBoom unbuffered and synchronous (pino's default destination,
 * what a bare Fastify with its logger on writes through). Both writers come from a generated, installed Fastify
 * starter: its src/log.ts (run with Node 24's type stripping) and the sonic-boom its pino depends on.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { e2e, fmt, freshDir, listFrameworks, median, table } from './lib.mjs';
import { prepareProjects } from './projects.mjs';

const LINES = 300_000;
const BATCHED = 'new BatchedStdout({ maxBytes: 16 * 1024, maxDelayMs: 50 })';
const WRITERS = {
  starter: `handMade(${BATCHED})`,
  // The same fields through a pino call, as Fastify's own request logging makes its line, into the starter's writer.
  "pino .info(fields) into the starter's writer": `viaPino(${BATCHED})`,
  // 12 KiB: SonicBoom requires minLength below its maxWrite (16 KiB); the starter's batches go up to 16 KiB.
  'sonic-boom buffered': "handMade(new SonicBoom({ fd: 1, minLength: 12 * 1024, periodicFlush: 50, sync: false }))",
  'sonic-boom sync (pino default)': 'handMade(new SonicBoom({ fd: 1, sync: true }))',
};

export async function logWriter({ quick }) {
  const e = await e2e();
  e.requireTools();
  const env = e.toolEnv();
  const [fastify] = listFrameworks().filter((f) => f.id === 'fastify');
  const [project] = await prepareProjects([fastify], 'containers', e, env);
  if (project.problem) throw new Error(`fastify: ${project.problem}`);
  const require = createRequire(pathToFileURL(path.join(project.dir, 'node_modules/pino/package.json')));
  const sonicBoom = require.resolve('sonic-boom');
  const pinoModule = require.resolve('pino');
  const logModule = path.join(project.dir, 'src/log.ts');

  const scratch = freshDir('log-writer');
  const script = path.join(scratch, 'write-lines.mjs');
  fs.writeFileSync(
    script,
    `import { createRequire } from 'node:module';
import { BatchedStdout } from ${JSON.stringify(pathToFileURL(logModule).href)};
const SonicBoom = createRequire(import.meta.url)(${JSON.stringify(sonicBoom)});
const pino = createRequire(import.meta.url)(${JSON.stringify(pinoModule)});
const line = (i) => '{"level":30,"time":' + Date.now() + ',"pid":' + process.pid + ',"hostname":"bench","reqId":"req-' + i + '","method":"GET","path":"/invoices/42","statusCode":200,"responseTimeMs":0,"msg":"request completed"}\\n';
const end = (destination) => () => (destination.flushSync ? destination.flushSync() : destination.flush());
const handMade = (destination) => ({ emit: (i) => destination.write(line(i)), end: end(destination) });
const viaPino = (destination) => {
  const log = pino({ level: 'info' }, destination);
  const emit = (i) => log.info({ reqId: 'req-' + i, method: 'GET', path: '/invoices/42', statusCode: 200, responseTimeMs: 0 }, 'request completed');
  return { emit, end: end(destination) };
};
const WRITERS = { ${Object.entries(WRITERS).map(([name, make]) => `${JSON.stringify(name)}: () => ${make}`).join(', ')} };
const writer = WRITERS[process.argv[2]]();
const n = Number(process.argv[3]);
const before = process.cpuUsage();
let i = 0;
await new Promise((resolve) => {
  const burst = () => {
    for (let k = 0; k < 10 && i < n; k++, i++) writer.emit(i);
    if (i < n) setImmediate(burst); else resolve();
  };
  burst();
});
writer.end();
const used = process.cpuUsage(before);
process.stderr.write(JSON.stringify({ cpuMs: (used.user + used.system) / 1000 }) + '\\n');
`,
  );

  const runs = quick ? 3 : 7;
  const cpu = Object.fromEntries(Object.keys(WRITERS).map((name) => [name, []]));
  for (let run = 0; run < runs; run++) {
    // Alternating writers, so a change in the machine's load falls on all of them.
    for (const name of Object.keys(WRITERS)) {
      // stdout is a pipe to `wc -c`, which also proves every byte arrived.
      const r = spawnSync('sh', ['-c', `"${e.requireTools().node24}" "${script}" "${name}" ${LINES} | wc -c`], { encoding: 'utf8', env });
      const bytes = Number(r.stdout.trim());
      const figures = JSON.parse(r.stderr.trim().split('\n').pop() ?? '{}');
      if (r.status !== 0 || !(bytes > LINES * 100) || !Number.isFinite(figures.cpuMs)) throw new Error(`${name}: ${r.stderr.slice(-2000)}`);
      cpu[name].push(figures.cpuMs);
    }
  }
  const starter = median(cpu.starter);
  table(
    `8. Node starters' log writer: CPU time to write ${LINES.toLocaleString('en')} request lines to a pipe (median of ${runs} alternating runs, Node 24)`,
    ['writer', 'CPU ms', 'us per line', 'vs the starter\'s'],
    Object.entries(cpu).map(([name, xs]) => [name, fmt(median(xs)), fmt((median(xs) * 1000) / LINES, 2), `${fmt(median(xs) / starter, 2)}x`]),
    ['CPU time is the process\'s own (process.cpuUsage): little moved by other load on the machine, unlike wall time.'],
  );
}
