/**
 * Sections 1-3: the CLI's own cost. Cold start of --help/--version against create-vite --help, generation of one
 * starter against create-vite's react-ts template, and which modules --help (and friends) load.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanEnv, CLI, e2e, ensureScratchTools, fmt, freshDir, max, mb, median, min, ms, need, now, ratio, REPO, satisfies, table, WORK } from './lib.mjs';

const TIME = '/usr/bin/time';

/** Node 24 from .tmp/tools, where the e2e suite's tool list says it is (and fails loudly when it is missing). */
const node24Path = async () => (await e2e()).requireTools().node24;

/** The Node that runs create-vite: this one if its engines allow, else Node 24 from .tmp/tools. */
async function viteNode(engines) {
  if (satisfies(process.version, engines)) return { node: process.execPath, note: `create-vite engines "${engines}": run with this Node ${process.version} (same as ours)` };
  const node24 = await node24Path();
  return { node: node24, note: `create-vite engines "${engines}" exclude ${process.version}: run with Node 24 (${node24})` };
}

/**
 * Runs a command to completion, returning wall time (ms, around the spawn) and peak RSS (KiB): from GNU time's %M
 * when /usr/bin/time exists (the child's maxrss), else from sampling /proc/<pid>/status VmHWM (a lower bound).
 */
async function measure(argv, { cwd, env }) {
  if (fs.existsSync(TIME)) {
    const out = path.join(WORK, 'time.out');
    const t0 = now();
    const r = spawnSync(TIME, ['-f', '%M', '-o', out, ...argv], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    const wall = now() - t0;
    if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status ?? r.signal}: ${String(r.stderr).slice(-2000)}`);
    return { wall, rss: Number(fs.readFileSync(out, 'utf8').trim().split('\n').pop()), stdout: String(r.stdout) };
  }
  return new Promise((resolve, reject) => {
    const t0 = now();
    const child = spawn(argv[0], argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let peak = 0;
    const poll = () => {
      const m = /VmHWM:\s+(\d+) kB/.exec((() => { try { return fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'); } catch { return ''; } })());
      if (m) peak = Math.max(peak, Number(m[1]));
    };
    const timer = setInterval(poll, 1);
    child.stdout.on('data', (d) => (poll(), (stdout += d)));
    child.on('close', (code) => {
      clearInterval(timer);
      const wall = now() - t0;
      if (code !== 0) reject(new Error(`${argv.join(' ')} exited ${code}`));
      else resolve({ wall, rss: peak, stdout });
    });
  });
}

export const rssSource = () => (fs.existsSync(TIME) ? `${TIME} -f %M (the child's maximum resident set size)` : '/proc/<pid>/status VmHWM polled every 1 ms (a lower bound: no /usr/bin/time here)');

export async function coldStart({ runs = 15 } = {}) {
  const tools = ensureScratchTools();
  const vite = await viteNode(tools.createViteEngines);
  const env = cleanEnv();
  const cwd = freshDir('cold');
  const cases = [
    { name: 'create-backend-fit --help', argv: [process.execPath, CLI, '--help'] },
    { name: 'create-backend-fit --version', argv: [process.execPath, CLI, '--version'] },
    { name: 'create-vite --help', argv: [vite.node, tools.createVite, '--help'] },
  ];
  // One unmeasured run each warms the file cache; then the cases take turns so drift hits them alike.
  for (const c of cases) await measure(c.argv, { cwd, env });
  const results = new Map(cases.map((c) => [c.name, []]));
  for (let i = 0; i < runs; i++) for (const c of cases) results.get(c.name).push(await measure(c.argv, { cwd, env }));
  const vh = median(results.get('create-vite --help').map((r) => r.wall));
  table(
    `1. CLI cold start (${runs} runs each, alternating, after one warm-up run each)`,
    ['command', 'median ms', 'min ms', 'max ms', 'vs create-vite --help', 'peak RSS MiB (median)', 'max'],
    cases.map((c) => {
      const rs = results.get(c.name);
      const walls = rs.map((r) => r.wall);
      return [c.name, ms(median(walls)), ms(min(walls)), ms(max(walls)), ratio(median(walls), vh), mb(median(rs.map((r) => r.rss))), mb(max(rs.map((r) => r.rss)))];
    }),
    [
      `wall: spawn to exit of a new process (file cache warm), measured around the spawn; node ${process.version} for ours.`,
      `peak RSS: ${rssSource()}.`,
      `create-vite@${(JSON.parse(fs.readFileSync(path.join(tools.dir, 'node_modules/create-vite/package.json'), 'utf8'))).version} installed into ${tools.dir}; ${vite.note}.`,
    ],
  );
}

export async function generation({ pairs = 10 } = {}) {
  const tools = ensureScratchTools();
  const vite = await viteNode(tools.createViteEngines);
  const root = freshDir('gen');
  const countFiles = (dir) => fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  const { rows, medianRow } = await generationPairs({ oursNode: process.execPath, viteNode: vite.node, tools, pairs, prefix: '' });
  // The same on Node 24 (the LTS the Node starters target, from .tmp/tools), whose start-up is much shorter.
  const node24 = await node24Path();
  const on24 = await generationPairs({ oursNode: node24, viteNode: node24, tools, pairs, prefix: 'node24-' });
  rows.push(medianRow, ['', '', '', ''], ...on24.rows, [`${on24.medianRow[0]} (Node 24, both)`, ...on24.medianRow.slice(1)]);
  const oursFiles = countFiles(path.join(root, '0-ours/app'));
  const viteFiles = countFiles(path.join(root, '0-vite/app'));
  table(
    `2. Generation, ${pairs} pairs of runs on this Node, then ${pairs} on Node 24 (ours/vite ratio per pair; median rows: medians and the median of the pair ratios)`,
    ['run', 'create-backend-fit ms', 'create-vite ms', 'ours/vite'],
    rows,
    [
      `ours: create-backend-fit app --framework fastify --deploy containers --yes --no-install --no-git (${oursFiles} files)`,
      `vite: create-vite app --template react-ts --no-interactive --no-immediate (${viteFiles} files); ${vite.note}`,
      `each run in a fresh folder under ${root}; wall time from spawn to exit.`,
    ],
  );
}

export async function generationPairs({ oursNode, viteNode: viteBin, tools, pairs, prefix, extraArgs = [] }) {
  const env = cleanEnv();
  const ours = (cwd) => measure([oursNode, CLI, 'app', '--framework', 'fastify', '--deploy', 'containers', '--yes', '--no-install', '--no-git', ...extraArgs], { cwd, env });
  const theirs = (cwd) => measure([viteBin, tools.createVite, 'app', '--template', 'react-ts', '--no-interactive', '--no-immediate'], { cwd, env });
  // Warm-up pair, not counted.
  await ours(freshDir('gen', `${prefix}warm-ours`));
  await theirs(freshDir('gen', `${prefix}warm-vite`));
  const rows = [];
  const o = [];
  const v = [];
  for (let i = 0; i < pairs; i++) {
    // Alternate which goes first, so neither always runs on the cache the other just warmed.
    const a = freshDir('gen', `${prefix}${i}-ours`);
    const b = freshDir('gen', `${prefix}${i}-vite`);
    let ro, rv;
    if (i % 2 === 0) {
      ro = await ours(a);
      rv = await theirs(b);
    } else {
      rv = await theirs(b);
      ro = await ours(a);
    }
    o.push(ro.wall);
    v.push(rv.wall);
    rows.push([`pair ${i + 1}${i % 2 ? ' (vite first)' : ''}`, ms(ro.wall), ms(rv.wall), ratio(ro.wall, rv.wall)]);
  }
  const pairRatios = o.map((x, i) => x / v[i]);
  return { rows, medianRow: ['median', ms(median(o)), ms(median(v)), `${fmt(median(pairRatios), 2)}x`] };
}

const WATCHED = ['@clack/prompts', 'handlebars', 'execa', 'node-plop'];

const PACKAGE_IN_PATH = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//;

/**
 * The npm packages a loaded file stands for: its own node_modules folder, or, for an output file of our build, the
 * packages bundled into it, from the inputs esbuild lists for it in .tmp/build/meta.json (npm run build writes it;
 * the minified output keeps no trace of them).
 */
function packagesIn(url, buildMeta) {
  const m = PACKAGE_IN_PATH.exec(url);
  if (m) return [m[1]];
  const output = buildMeta.outputs[path.relative(REPO, fileURLToPath(url))];
  return [...new Set(Object.keys(output?.inputs ?? {}).flatMap((input) => PACKAGE_IN_PATH.exec(input)?.[1] ?? []))];
}

function readBuildMeta() {
  const file = path.join(REPO, '.tmp/build/meta.json');
  need(fs.existsSync(file), 'the build\'s .tmp/build/meta.json', 'npm run build');
  const meta = JSON.parse(fs.readFileSync(file, 'utf8'));
  // A build that lists no package at all would make every column below read "no": refuse it rather than pass.
  const bundled = Object.values(meta.outputs).some((o) => Object.keys(o.inputs ?? {}).some((i) => PACKAGE_IN_PATH.test(i)));
  if (!bundled) throw new Error(`${file} names no bundled npm package: rebuild with npm run build`);
  return meta;
}

const bytesOf = (url) => {
  try {
    return fs.statSync(fileURLToPath(url)).size;
  } catch {
    return 0;
  }
};

export async function modules() {
  const buildMeta = readBuildMeta();
  const hook = path.join(path.dirname(fileURLToPath(import.meta.url)), 'module-count.mjs');
  const cwd = freshDir('modules');
  const commands = [
    { name: '--help', args: ['--help'] },
    { name: '--version', args: ['--version'] },
    { name: 'list --json', args: ['list', '--json'] },
    { name: 'create (fastify, --yes --no-install --no-git)', args: ['app', '--framework', 'fastify', '--yes', '--no-install', '--no-git'] },
  ];
  const rows = [];
  const packagesSeen = [];
  const builtinsSeen = [];
  const builtinHook = path.join(path.dirname(fileURLToPath(import.meta.url)), 'builtin-count.cjs');
  const stdio = ['ignore', 'ignore', 'pipe'];
  /** The public built-ins a run loads, by a second run of the same command under builtin-count.cjs. */
  const builtinsOf = (args) => {
    const out = path.join(cwd, 'builtins.json');
    fs.rmSync(path.join(cwd, 'app'), { recursive: true, force: true });
    const r = spawnSync(process.execPath, ['-r', builtinHook, ...args], { cwd, env: cleanEnv({ BENCH_MODULES_OUT: out }), stdio, timeout: 60_000 });
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status ?? r.signal}: ${String(r.stderr).slice(-2000)}`);
    return JSON.parse(fs.readFileSync(out, 'utf8'));
  };
  // What Node loads with no program at all: a command costs what it adds.
  const bareBuiltins = new Set(builtinsOf(['-e', '']));
  for (const c of commands) {
    const out = path.join(cwd, 'modules.json');
    fs.rmSync(path.join(cwd, 'app'), { recursive: true, force: true });
    const r = spawnSync(process.execPath, ['--import', hook, CLI, ...c.args], { cwd, env: cleanEnv({ BENCH_MODULES_OUT: out }), stdio, timeout: 60_000 });
    if (r.status !== 0) throw new Error(`create-backend-fit ${c.args.join(' ')} exited ${r.status ?? r.signal}: ${String(r.stderr).slice(-2000)}`);
    const urls = JSON.parse(fs.readFileSync(out, 'utf8'));
    const files = urls.filter((u) => u.startsWith('file:'));
    const builtins = builtinsOf([CLI, ...c.args]).filter((u) => !bareBuiltins.has(u));
    const deps = files.filter((u) => u.includes('/node_modules/'));
    const packages = [...new Set(files.flatMap((u) => packagesIn(u, buildMeta)))].sort();
    const kib = files.reduce((sum, u) => sum + bytesOf(u), 0) / 1024;
    packagesSeen.push(`${c.name}: ${packages.join(', ') || '(none)'}`);
    builtinsSeen.push(`${c.name}: ${builtins.map((u) => u.slice('node:'.length)).sort().join(', ') || '(none)'}`);
    rows.push([c.name, String(files.length), String(files.length - deps.length), String(deps.length), fmt(kib, 0), String(builtins.length), ...WATCHED.map((p) => (packages.includes(p) ? 'YES' : 'no'))]);
  }
  table(
    '3. Modules loaded per command (counted by a module hook: every ESM load plus require.cache at exit)',
    ['command', 'JS files', 'own (bin, dist)', 'node_modules', 'KiB of JS', 'node: built-ins', ...WATCHED],
    rows,
    [
      'JS files = own + node_modules. node: built-ins = Node\'s public modules loaded beyond a bare `node -e \'\'` (process.moduleLoadList, second run).',
      'A package counts as loaded when a file of it loads, or a loaded output file of our build bundles one of its files (esbuild\'s metafile).',
      'A YES for --help/--version is a lazy import gone eager.',
      'packages loaded (from node_modules or inlined in loaded chunks):',
      ...packagesSeen.map((s) => `  ${s}`),
      'built-ins loaded beyond a bare node:',
      ...builtinsSeen.map((s) => `  ${s}`),
    ],
  );
}
