/**
 * Generation against create-vite in CPU time, for a loaded machine: wall time there measures the other processes as
 * much as ours (pairs of section 2 spread from 0.6x to 2x at a load average of 10), while the CPU time a process
 * uses (Linux perf's task-clock: user and system, all its threads) moves far less. Alternates the commands given, so
 * drift hits them alike, and prints medians. Not part of `npm run bench`: it needs perf, and section 2 remains the
 * figure on a quiet machine.
 *
 *   node test/bench/generation-cpu.mjs [--runs 30] [--node24] [--database] [--also <dir of another build>]...
 *
 * --also names another checkout's root (bin/, dist/, templates/, package.json: e.g. the build before a change), run
 * in turn with ours and create-vite's react-ts.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cleanEnv, CLI, e2e, ensureScratchTools, fmt, freshDir, median, min, need, table, which } from './lib.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '30' }, node24: { type: 'boolean', default: false }, database: { type: 'boolean', default: false }, also: { type: 'string', multiple: true, default: [] } } });
need(which('perf'), 'perf (Linux perf_event: task-clock)', 'apt-get install linux-perf');
const node = values.node24 ? (await e2e()).requireTools().node24 : process.execPath;
const tools = ensureScratchTools();
const env = cleanEnv();
const ours = ['app', '--framework', 'fastify', '--deploy', 'containers', '--yes', '--no-install', '--no-git', ...(values.database ? ['--database', 'postgres'] : [])];
const cases = [
  { name: 'create-backend-fit (this checkout)', argv: [node, CLI, ...ours] },
  ...values.also.map((dir) => ({ name: `create-backend-fit (${dir})`, argv: [node, path.join(path.resolve(dir), 'bin/create-backend-fit.cjs'), ...ours] })),
  { name: 'create-vite react-ts', argv: [node, tools.createVite, 'app', '--template', 'react-ts', '--no-interactive', '--no-immediate'] },
];

const perfOut = path.join(freshDir('gen-cpu'), 'perf.csv');
function run(c, i) {
  const cwd = freshDir('gen-cpu', `${i}`);
  const r = spawnSync('perf', ['stat', '-x,', '-e', 'task-clock', '-o', perfOut, ...c.argv], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${c.argv.join(' ')} exited ${r.status ?? r.signal}: ${String(r.stderr).slice(-2000)}`);
  fs.rmSync(cwd, { recursive: true, force: true });
  return Number(fs.readFileSync(perfOut, 'utf8').split('\n').find((line) => line.includes('task-clock')).split(',')[0]);
}

const load = [os.loadavg()[0]];
const cpu = new Map(cases.map((c) => [c.name, []]));
let k = 0;
for (const c of cases) run(c, k++); // one unmeasured run each warms the file cache
for (let i = 0; i < Number(values.runs); i++) {
  for (const c of i % 2 ? [...cases].reverse() : cases) cpu.get(c.name).push(run(c, k++));
}
load.push(os.loadavg()[0]);
const vite = median(cpu.get(cases.at(-1).name));
table(
  `Generation in CPU time (perf task-clock), ${values.runs} runs each, alternating, on Node ${spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()}${values.database ? ', ours with --database postgres' : ''}`,
  ['command', 'median CPU ms', 'min', 'vs create-vite (medians)'],
  cases.map((c) => [c.name, fmt(median(cpu.get(c.name)), 1), fmt(min(cpu.get(c.name)), 1), `${fmt(median(cpu.get(c.name)) / vite, 2)}x`]),
  [`${new Date().toISOString()}, load average ${fmt(load[0], 2)} at the start, ${fmt(load[1], 2)} at the end; each run in a fresh folder.`, `ours: create-backend-fit ${ours.join(' ')}`],
);
