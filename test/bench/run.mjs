#!/usr/bin/env node
/**
 * `npm run bench` (= npm run build && node test/bench/run.mjs): figures only, no pass/fail.
 *
 *   node test/bench/run.mjs [--only cli,generate,modules,package,starters,lambda,database,logs] [--frameworks fastify,nestjs,...] [--quick] [--rounds N]
 *
 * Sections: cli (1. cold start), generate (2. generation), modules (3. modules loaded for --help), starters
 * (4. throughput and startup of the starters), lambda (5. Lambda cold start under the runtime emulator), database
 * (6. --database postgres: generation, and GET /invoices/<id> from PostgreSQL against a bare server with the same driver),
 * logs (8. the Node starters' log writer against pino's own buffered one, in CPU time).
 * Scratch lives in $BENCH_WORK (default /tmp/bench-work); network is used for package registries (installs) and
 * otherwise only on 127.0.0.1. See the header of each module for what is measured.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { MissingTool, WORK } from './lib.mjs';

const SECTIONS = ['cli', 'generate', 'modules', 'package', 'starters', 'lambda', 'database', 'logs'];
const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    frameworks: { type: 'string' },
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log('node test/bench/run.mjs [--only cli,generate,modules,package,starters,lambda,database,logs] [--frameworks id,...] [--quick] [--rounds N (paired throughput rounds)]');
  process.exit(0);
}
const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean) ?? SECTIONS;
const unknown = only.filter((s) => !SECTIONS.includes(s));
if (unknown.length) {
  console.error(`unknown section(s): ${unknown.join(', ')}; choose from ${SECTIONS.join(', ')}`);
  process.exit(2);
}
const frameworks = values.frameworks?.split(',').map((s) => s.trim()).filter(Boolean);
const quick = values.quick;
const rounds = values.rounds === undefined ? undefined : Number(values.rounds);
if (rounds !== undefined && !(Number.isInteger(rounds) && rounds >= 1 && rounds <= 15)) {
  console.error(`--rounds takes a whole number from 1 to 15, got ${values.rounds}`);
  process.exit(2);
}

// Some shells and CI images set PYTHONDONTWRITEBYTECODE: with it, every start of a Python starter compiles each module
// it imports again (Django's start measured 921 ms with it against 422 ms without, on 2026-12-07), where a developer's
// machine keeps the bytecode and the starters' images compile it at build (UV_COMPILE_BYTECODE). The Lambda script
// sets it again for the function, whose artifact ships its bytecode.
delete process.env.PYTHONDONTWRITEBYTECODE;

const started = Date.now();
console.log(`# create-backend-fit benchmark`);
console.log(
  `${new Date().toISOString()} | node ${process.version} | ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'} | ${Math.round(os.totalmem() / 2 ** 30)} GiB | load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} | scratch ${WORK}`,
);
console.log(`sections: ${only.join(', ')}${frameworks ? ` | frameworks: ${frameworks.join(', ')}` : ''}${quick ? ' | --quick (fewer runs)' : ''}`);

let failed = false;
for (const section of only) {
  const t0 = Date.now();
  try {
    if (section === 'cli') await (await import('./cli.mjs')).coldStart({ runs: quick ? 5 : 15 });
    if (section === 'generate') await (await import('./cli.mjs')).generation({ pairs: quick ? 4 : 10 });
    if (section === 'modules') await (await import('./cli.mjs')).modules();
    if (section === 'package') await (await import('./package.mjs')).packageFootprint({ runs: quick ? 1 : 3 });
    if (section === 'starters') await (await import('./starters.mjs')).starters({ frameworks, quick, rounds });
    if (section === 'lambda') await (await import('./lambda.mjs')).lambda({ frameworks, quick });
    if (section === 'database') await (await import('./database.mjs')).database({ quick, frameworks, rounds });
    if (section === 'logs') await (await import('./log-writer.mjs')).logWriter({ quick });
    console.log(`  (section ${section}: ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  } catch (error) {
    failed = true;
    console.log(`\n## ${section}: FAILED TO RUN\n  ${error instanceof MissingTool ? error.message : (error?.stack ?? error)}`);
  }
}
console.log(`\ntotal: ${((Date.now() - started) / 1000).toFixed(0)} s | load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
process.exit(failed ? 1 : 0);
