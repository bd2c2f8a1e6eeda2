/**
 * Shared pieces of the benchmark: paths, the e2e suite's modules (imported, not copied), statistics, tables,
 * HTTP on 127.0.0.1, peak-RSS sampling from /proc, and the pinned tools installed into the scratch folder.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { register } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(REPO, 'bin/create-backend-fit.cjs');
export const WORK = process.env.BENCH_WORK ?? '/tmp/bench-work';
/** Pinned versions of what the benchmark installs into WORK/tools with npm. */
export const PINNED = { 'create-vite': '9.3.0', autocannon: '8.0.0' };
export const MINUTE = 60_000;

/** Fails the run with what is missing and how to get it. */
export class MissingTool extends Error {}
export function need(condition, what, how) {
  if (!condition) throw new MissingTool(`missing: ${what}. Install it with: ${how}`);
}

export function which(command) {
  const r = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

let hooksRegistered = false;
/** The e2e suite's processes.ts, tools.ts, lambda-gateway.ts and sam.ts, loaded in place (see ts-hooks.mjs). */
export async function e2e() {
  if (!hooksRegistered) {
    register('./ts-hooks.mjs', import.meta.url, { data: { repo: REPO } });
    hooksRegistered = true;
  }
  const load = (name) => import(pathToFileURL(path.join(REPO, 'test/e2e', name)).href);
  const [processes, tools, lambdaEvent, sam, postgres] = await Promise.all(['processes.ts', 'tools.ts', 'lambda-gateway.ts', 'sam.ts', 'postgres.ts'].map(load));
  return { ...processes, ...tools, ...lambdaEvent, ...sam, ...postgres };
}

// ---------------------------------------------------------------------------------------------------- statistics

export const sorted = (xs) => [...xs].sort((a, b) => a - b);
export function quantile(xs, q) {
  if (xs.length === 0) return NaN;
  const s = sorted(xs);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
export function median(xs) {
  if (xs.length === 0) return NaN;
  const s = sorted(xs);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
export const min = (xs) => (xs.length ? Math.min(...xs) : NaN);
export const max = (xs) => (xs.length ? Math.max(...xs) : NaN);

/** Fixed-point formatting that leaves room for "n/a". */
export function fmt(value, digits = 0) {
  if (value === undefined || value === null || Number.isNaN(value)) return 'n/a';
  if (typeof value === 'string') return value;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
export const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${fmt(a / b, 2)}x` : 'n/a');
export const ms = (value) => (Number.isFinite(value) ? fmt(value, value < 100 ? 1 : 0) : 'n/a');
export const mb = (kib) => (Number.isFinite(kib) ? fmt(kib / 1024, 1) : 'n/a');

/** Prints a titled, aligned table; numbers are right-aligned. */
export function table(title, headers, rows, notes = []) {
  const cells = [headers, ...rows].map((row) => row.map((c) => String(c ?? '')));
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((row) => /^[\d.,x%+-]+$|^n\/a$/.test(String(row[i] ?? ''))));
  const line = (row) => row.map((c, i) => (numeric[i] && i > 0 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const out = [`\n## ${title}\n`, line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)];
  for (const note of notes) out.push(`  ${note}`);
  console.log(out.join('\n'));
}

export const now = () => performance.now();
export const sleep = (msec) => new Promise((r) => setTimeout(r, msec));

// -------------------------------------------------------------------------------------------- HTTP on 127.0.0.1

const noKeepAlive = new http.Agent({ keepAlive: false });

/** One request with node:http (no keep-alive, so every probe is a fresh connection); never throws on a status. */
export function request(url, { method = 'GET', body, timeoutMs = 5000 } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent: noKeepAlive, headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Polls `url` until it answers 200, the process exits or the time is up; returns ms since `since`, or undefined. */
export async function timeToFirst200(url, { since, timeoutMs, alive, intervalMs = 10 }) {
  const deadline = since + timeoutMs;
  while (now() < deadline) {
    if (alive && !alive()) return undefined;
    try {
      const res = await request(url, { timeoutMs: 2000 });
      if (res.status === 200) return now() - since;
    } catch {
      // not listening yet
    }
    await sleep(intervalMs);
  }
  return undefined;
}

/** Resolves when something accepts TCP connections on 127.0.0.1:port (polls every 5 ms). */
export async function waitForPort(port, { timeoutMs, alive }) {
  const deadline = now() + timeoutMs;
  while (now() < deadline) {
    if (alive && !alive()) return false;
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return true;
    await sleep(5);
  }
  return false;
}

// ------------------------------------------------------------------------------------------------ memory (/proc)

const readText = (file) => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

/** Peak resident set size of one process so far (VmHWM, KiB), or 0 when it is gone. */
export function peakRssKib(pid) {
  const m = /VmHWM:\s+(\d+) kB/.exec(readText(`/proc/${pid}/status`));
  return m ? Number(m[1]) : 0;
}

/** A process's descendants (children lists from /proc/<pid>/task/<tid>/children). */
export function descendants(pid) {
  const out = [];
  const stack = [pid];
  while (stack.length > 0 && out.length < 1000) {
    const p = stack.pop();
    let tids = [];
    try {
      tids = fs.readdirSync(`/proc/${p}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      for (const child of readText(`/proc/${p}/task/${tid}/children`).trim().split(/\s+/).filter(Boolean)) {
        out.push(Number(child));
        stack.push(Number(child));
      }
    }
  }
  return out;
}

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on every Linux this runs on). */
const USER_HZ = 100;

/**
 * CPU time (user + system, ms) used so far by `pid` and its descendants, the reaped ones included (cutime, cstime):
 * what a server costs per request, which scheduling noise on a shared machine moves far less than its req/s.
 */
export function treeCpuMs(pid) {
  const ticks = (p) => {
    // Fields after the command name, which may hold spaces: state is field 3, utime..cstime fields 14 to 17.
    const after = readText(`/proc/${p}/stat`).split(') ').pop().split(' ');
    return after.length > 14 ? after.slice(11, 15).reduce((sum, t) => sum + Number(t), 0) : 0;
  };
  return ([pid, ...descendants(pid)].reduce((sum, p) => sum + ticks(p), 0) * 1000) / USER_HZ;
}

/**
 * Samples, every `intervalMs`, the sum of the peak RSS (VmHWM) of the processes under `pid` (with or without `pid`
 * itself) and keeps the largest sum: the peak memory of that process tree, to within one sample.
 */
export function sampleTreeRss(pid, { includeRoot = true, intervalMs = 20 } = {}) {
  let peak = 0;
  const sample = () => {
    const pids = [...(includeRoot ? [pid] : []), ...descendants(pid)];
    peak = Math.max(peak, pids.reduce((sum, p) => sum + peakRssKib(p), 0));
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      sample();
      clearInterval(timer);
      return peak;
    },
  };
}

// ------------------------------------------------------------------------------------- tools in the scratch dir

/** Installs the pinned create-vite and autocannon into WORK/tools once (npm, from the registry). */
export function ensureScratchTools() {
  const dir = path.join(WORK, 'tools');
  const installed = (name) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8')).version;
    } catch {
      return undefined;
    }
  };
  const wanted = Object.entries(PINNED).filter(([name, version]) => installed(name) !== version);
  if (wanted.length > 0) {
    need(which('npm'), 'npm', 'install Node.js (it ships npm): https://nodejs.org');
    fs.mkdirSync(dir, { recursive: true });
    if (!fs.existsSync(path.join(dir, 'package.json'))) fs.writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
    process.stderr.write(`[bench] npm install ${wanted.map(([n, v]) => `${n}@${v}`).join(' ')} into ${dir}\n`);
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', ...wanted.map(([n, v]) => `${n}@${v}`)], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: cleanEnv(),
    });
  }
  return {
    dir,
    createVite: path.join(dir, 'node_modules/create-vite/index.js'),
    createViteEngines: JSON.parse(fs.readFileSync(path.join(dir, 'node_modules/create-vite/package.json'), 'utf8')).engines?.node,
    autocannon: path.join(dir, 'node_modules/autocannon'),
  };
}

/** The environment without what `npm run` adds, so `npm run bench` and `node test/bench/run.mjs` measure the same. */
export function cleanEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'INIT_CWD' && k !== 'NODE_OPTIONS'));
  return { ...env, ...extra };
}

/** Does `version` (v20.20.2) satisfy an engines range made of `^x.y.z`, `>=x.y.z` joined by `||`? */
export function satisfies(version, range) {
  if (!range) return true;
  const v = version.replace(/^v/, '').split('.').map(Number);
  const cmp = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  return range.split('||').some((part) => {
    const m = /^\s*(\^|>=)\s*(\d+)\.(\d+)\.(\d+)\s*$/.exec(part);
    if (!m) return false;
    const w = [Number(m[2]), Number(m[3]), Number(m[4])];
    return m[1] === '>=' ? cmp(v, w) >= 0 : v[0] === w[0] && cmp(v, w) >= 0;
  });
}

/** The frameworks as `list --json` describes them (the built CLI is the source of truth, as in the e2e suite). */
export function listFrameworks() {
  need(fs.existsSync(path.join(REPO, 'dist/cli.cjs')), 'the built CLI (dist/cli.cjs)', 'npm run build');
  return JSON.parse(execFileSync(process.execPath, [CLI, 'list', '--json'], { encoding: 'utf8' }));
}

/** Which program a language's starters need, and how to get it. */
export const TOOLCHAIN = {
  typescript: [['node', 'Node.js 24: bash .ci/install-tools.sh puts it in .tmp/tools']],
  python: [['python3', 'Python 3.11+: https://www.python.org/downloads/']],
  go: [['go', 'Go 1.25+: https://go.dev/dl/']],
  rust: [['cargo', 'Rust: https://rustup.rs']],
  java: [['java', 'a JDK 25: https://adoptium.net']],
};
export function missingToolchain(language, env) {
  const search = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { env, encoding: 'utf8' }).status === 0;
  return (TOOLCHAIN[language] ?? []).filter(([cmd]) => !search(cmd)).map(([cmd, how]) => `${cmd} (${how})`);
}

export function freshDir(...parts) {
  const dir = path.join(WORK, ...parts);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
