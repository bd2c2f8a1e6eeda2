/**
 * The hostile corpus and the checks the hostile suite shares: generated project names and flag values, in-memory
 * plans of every starter, validity rules of every ecosystem's names, and real parsers (JSON, YAML here; TOML and
 * XML through python3's tomllib and xml.etree, one child process per batch).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProjectAnswers } from '../../src/answers.js';
import { decide } from '../../src/decide/decide.js';
import { frameworks } from '../../src/frameworks/index.js';
import type { DeployTarget, FrameworkRecord } from '../../src/frameworks/types.js';
import { deriveNames, NameError, type NameOverrides, type ProjectNames } from '../../src/plan/names.js';
import { plan, type Plan } from '../../src/plan/plan.js';
import { COMPILED_TEMPLATES_DIR } from '../../src/plan/compiled.js';
import { requireFreshBuild } from '../built-cli.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** One scratch folder per checkout: two worktrees running the suite at once must not clear each other's folders. */
export const SCRATCH = `/tmp/hostile-work-${crypto.createHash('sha256').update(ROOT).digest('hex').slice(0, 8)}`;

/**
 * The built CLI, copied (bin, dist, templates, package.json; node_modules linked) to a private folder once per test
 * file: other work in the tree may rebuild dist/ while these tests spawn it, and a half-rebuilt dist/ is not a
 * defect of the tool. The copy is checked with a dry run before use.
 */
let cliPath: string | undefined;
export function cli(): string {
  if (cliPath) return cliPath;
  for (let attempt = 0; attempt < 10; attempt++) {
    const dir = path.join(SCRATCH, `cli-${process.pid}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    for (const entry of ['bin', 'dist', 'templates', 'package.json']) fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    const bin = path.join(dir, 'bin/create-backend-fit.cjs');
    const check = spawnSync(process.execPath, [bin, 'probe', '--framework', 'spring-boot', '--dry-run', '--json'], { cwd: SCRATCH, encoding: 'utf8' });
    if (check.status === 0) return (cliPath = bin);
    execFileSync('sleep', ['2']);
  }
  throw new Error('the built CLI does not run (npm run build first)');
}

/** The files a CLI run would write, from the same build that the tests spawn (`--dry-run --json`). */
export function cliPlan(args: string[]): { path: string; bytes: number }[] {
  const out = spawnSync(process.execPath, [cli(), ...args, '--dry-run', '--json'], { cwd: SCRATCH, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`dry run failed: ${out.stderr}`);
  return JSON.parse(out.stdout).files;
}

// ---------------------------------------------------------------------------------------------------------------
// Reserved words of every target language and of npm.

export const RESERVED = {
  python: (
    'False None True and as assert async await break class continue def del elif else except finally for from global if ' +
    'import in is lambda nonlocal not or pass raise return try while with yield match case type _ __init__ __main__ test tests'
  ).split(' '),
  go: (
    'break case chan const continue default defer else fallthrough for func go goto if import interface map package range ' +
    'return select struct switch type var any bool byte comparable error true false iota nil append cap clear close len make ' +
    'new panic print println recover main internal vendor testdata std cmd'
  ).split(' '),
  rust: (
    'as break const continue crate else enum extern false fn for if impl in let loop match mod move mut pub ref return self ' +
    'Self static struct super trait true type unsafe use where while async await dyn abstract become box do final macro ' +
    'override priv typeof unsized virtual yield try gen union raw std core alloc proc_macro test build deps examples incremental'
  ).split(' '),
  java: (
    'abstract assert boolean break byte case catch char class const continue default do double else enum extends final ' +
    'finally float for goto if implements import instanceof int interface long native new package private protected public ' +
    'return short static strictfp super switch synchronized this throw throws transient try void volatile while true false ' +
    'null var record yield sealed permits non-sealed when module open java javax _'
  ).split(' '),
  js: (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function ' +
    'if import in instanceof new null return super switch this throw true try typeof var void while with yield let static ' +
    'implements interface package private protected public await arguments eval undefined NaN Infinity constructor ' +
    '__proto__ prototype'
  ).split(' '),
  npm: ['node_modules', 'favicon.ico', 'npm', 'node', 'package.json', ...builtinModules] as string[],
};

// ---------------------------------------------------------------------------------------------------------------
// Planning every starter in memory.

export const STARTERS = frameworks.flatMap((f) => f.deployTargets.map((deploy) => ({ f, deploy })));

/**
 * The build's precompiled templates, as users' generations render them (from the private copy cli() made, checked
 * against templates/ first). From src/ every plan would compile every template with Handlebars: 13 ms a plan against
 * 1-4 ms, and family 1 plans 8,064 starters (171 s of a CI run). test/unit/compiled-templates.test.ts holds the two
 * renderings to the same bytes.
 */
let compiledTemplates: string | undefined;
function builtTemplates(): string {
  if (compiledTemplates) return compiledTemplates;
  requireFreshBuild();
  return (compiledTemplates = path.join(path.dirname(path.dirname(cli())), COMPILED_TEMPLATES_DIR));
}

export function planStarter(f: FrameworkRecord, deploy: DeployTarget, projectName: string, overrides: NameOverrides = {}): Plan {
  const answers: ProjectAnswers = {
    projectName,
    framework: f.id,
    deploy,
    packageManager: 'npm',
    install: false,
    git: false,
    goModule: overrides.goModule,
    javaPackage: overrides.javaPackage,
  };
  return plan(decide(answers), answers, { compiledTemplates: builtTemplates() });
}

export const text = (p: Plan, file: string) => p.files.find((f) => f.path === file)?.content.toString('utf8');

/** Dependency names as they appear in each starter's manifest (regex on a baseline render: only to build the corpus). */
export function dependencyNames(): Record<'npm' | 'python' | 'rust' | 'go', string[]> {
  const out = { npm: new Set<string>(), python: new Set<string>(), rust: new Set<string>(), go: new Set<string>() };
  for (const { f, deploy } of STARTERS) {
    const p = planStarter(f, deploy, 'baseline');
    const pkg = text(p, 'package.json');
    if (pkg) {
      const json = JSON.parse(pkg);
      for (const key of ['dependencies', 'devDependencies']) for (const dep of Object.keys(json[key] ?? {})) if (!dep.startsWith('@')) out.npm.add(dep);
    }
    const py = text(p, 'pyproject.toml');
    if (py) for (const m of py.matchAll(/^\s*"([A-Za-z0-9][A-Za-z0-9._-]*)\s*[<>=!~;[\]"]/gm)) out.python.add(m[1]!);
    // Every package uv.lock pins, the dependencies' dependencies too (all but the project, whose source is ".").
    const lock = text(p, 'uv.lock');
    if (lock) for (const m of lock.matchAll(/^\[\[package\]\]\nname = "([^"]+)"\n[^\n]*\nsource = \{ registry /gm)) out.python.add(m[1]!);
    const cargo = text(p, 'Cargo.toml');
    if (cargo) {
      let inDeps = false;
      for (const line of cargo.split('\n')) {
        if (line.startsWith('[')) inDeps = /dependencies\]$/.test(line.trim());
        else if (inDeps) {
          const m = /^([A-Za-z0-9_-]+)\s*=/.exec(line);
          if (m) out.rust.add(m[1]!);
        }
      }
    }
    const gomod = text(p, 'go.mod');
    if (gomod) for (const m of gomod.matchAll(/^\s*(?:require\s+)?([a-z0-9.-]+\.[a-z]+\/[^\s]+)\s+v[0-9]/gm)) if (!/indirect/.test(m.input!.slice(m.index!).split('\n')[0]!)) out.go.add(m[1]!);
  }
  return { npm: [...out.npm], python: [...out.python], rust: [...out.rust], go: [...out.go] };
}

// ---------------------------------------------------------------------------------------------------------------
// The generated corpus of project names.

export interface Case {
  family: string;
  value: string;
}

/** A small deterministic PRNG (mulberry32), so a failing case can be reproduced from the seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FUZZ_POOL = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ...'     ---___...',
  ...'~!@#$%^&()[]{}+=,;\'"`/\\:<>|?*',
  'é', 'ß', 'İ', 'ı', 'Ω', '日', 'ﬁ', 'Ａ', 'Å', '\u0301', '\u200d', '\u202e', '\u00a0', '\u2028', '\ufeff',
  '🚀', '👩‍💻', '\u0000', '\n', '\t', '\r', '{{', '}}', '${{', '</script>',
];

export function nameCorpus(seed = 11, fuzzCount = 150): Case[] {
  const cases: Case[] = [];
  const add = (family: string, ...values: string[]) => values.forEach((value) => cases.push({ family, value }));
  add('empty/whitespace', '', ' ', '   ', '\t', '\n', '\u00a0', '\u3000', ' \t\n ');
  add('path-like', '.', '..', '...', '/abs', '/', 'a/b', 'a\\b', 'C:\\x', 'C:', './x', '../x', '~', '~/x', 'x/..', '\\\\server\\share', 'file:x');
  add('dots/hyphens', '.hidden', 'trailing.', 'trailing ', '-x', '--x', '-', 'a-', 'a--b', 'a..b', 'a.b', '_x', 'x_');
  add('windows', 'con', 'CON', 'nul.txt', 'aux', 'com1', 'lpt9', 'Con!', 'AUX-', 'prn service', 'a:b', 'a*b', 'a?b', 'a|b', 'a<b', 'a>b', 'a"b');
  add('unicode', 'Crème Brûlée', 'café', 'naïve-api', 'İstanbul', 'straße', 'Ωmega', 'ﬁnance', 'ＡＰＩ', '日本語', '日本語-api', 'api-日本', 'zero\u200dwidth', 'rtl\u202eipa', 'nb\u00a0sp', 'line\u2028sep', '\ufeffbom', 'e\u0301', 'lone\ud800surrogate');
  add('emoji', '🚀', 'api 🚀 v2', '👩‍💻dev', '🚀'.repeat(10) + 'x', 'x' + '🚀'.repeat(60), 'a' + '😀'.repeat(99));
  add('length', 'a', 'x'.repeat(49), 'x'.repeat(50), 'x'.repeat(51), 'x'.repeat(63), 'x'.repeat(64), 'x'.repeat(99), 'x'.repeat(100), 'x'.repeat(101), 'x'.repeat(300), `${'ab-'.repeat(16)}cd`, 'a'.repeat(49) + '-b');
  add('digits', '123', '2fa', '0', '9lives', '1-2-3', '3d-printer', '007', '1e5', '0x1f', '2fa service');
  add('mixed case', 'MyApi', 'myAPI', 'XMLHttpRequest', 'camelCaseName', 'SHOUTING', 'Title Case Name', 'snake_Case', 'iOS', 'ABCdef');
  add('quotes/braces', "it's", 'a"b', 'a`b', 'a$b', '$(touch x)', 'a{{b}}', '{{title}}', '${{ secrets.TOKEN }}', '{{> x}}', 'a\\{{b', 'x & y', 'a#b', 'a%20b', 'a;rm -rf', 'a\'b"c');
  for (const [lang, words] of Object.entries(RESERVED)) add(`reserved ${lang}`, ...words);
  const deps = dependencyNames();
  for (const [eco, words] of Object.entries(deps)) if (eco !== 'go') add(`dependency ${eco}`, ...words);
  add('dependency rust', 'serde-json', 'Tokio', 'lambda-http');
  add('dependency python', 'pytest_django', 'FastAPI');
  const rand = rng(seed);
  for (let i = 0; i < fuzzCount; i++) {
    const length = 1 + Math.floor(rand() * 24);
    let value = '';
    for (let j = 0; j < length; j++) value += FUZZ_POOL[Math.floor(rand() * FUZZ_POOL.length)];
    add('fuzz', value);
  }
  return cases;
}

/**
 * The project folder given as a path: every name form under relative and absolute prefixes, plus the forms only a
 * path has (`.`, trailing and doubled slashes, `..` on the way, a quoted `~`, the root, a bad middle segment).
 * `base` is an absolute folder the absolute forms start from.
 */
export function pathCorpus(base: string, names = nameCorpus().map((c) => c.value).filter((v) => !/[\\/]/.test(v)).slice(0, 120)): Case[] {
  const cases: Case[] = [];
  const add = (family: string, ...values: string[]) => values.forEach((value) => cases.push({ family, value }));
  for (const name of names) {
    add('path: relative', `apps/${name}`, `./${name}`, `../paths-up/${name}`);
    add('path: absolute', `${base}/abs/${name}`);
  }
  add('path: only a path', '.', './', 'apps/api/', 'apps//api', './a/../api', 'x/..', '~/api', '~', '/', `${base}/`, 'a/$(id)/api', 'a/-x/api', 'a/con/api', 'a/.hidden/api', 'a/\u0007/api', `${base}/ok/${'x'.repeat(201)}`);
  return cases;
}

/** --go-module values: hostile, invalid, and equal to the starters' own dependencies. */
export function goModuleCorpus(): string[] {
  return [
    'github.com/acme/api', 'example.com/team/api', 'gitlab.example.org/a/b/c', 'api', 'fmt', 'net/http', 'example.com/v2',
    'example.com/x/v1', 'Example.com/x', 'example.com/A', '-x/y', 'a./b', 'example.com/x.', 'example.com/.x', 'example.com/con',
    'example.com/aux.d', 'example.com/GOPRO~1', 'example.com/a~b', 'example.com//x', 'example.com/', '/example.com',
    'example.com/../x', 'example.com/./x', 'example.com/a b', 'example.com/"x"', "example.com/x'y", 'example.com/x\\y',
    'example.com/{{x}}', 'example.com/${{ secrets.T }}', 'example.com/x\nmodule y', 'example.com/</script>', 'example.com/é',
    'example.com/x;y', 'example.com/x`y`', 'example.com/$x', 'x'.repeat(300), ...dependencyNames().go,
  ];
}

/** --java-package values. */
export function javaPackageCorpus(): string[] {
  return [
    'org.acme.billing', 'com.example.api', 'api', 'a.b.c.d.e', 'com._', 'com.__x', 'com.a_b', 'com.a1', 'com.1a', 'Com.Acme',
    'com.example.class', 'com.example.int', 'com.example.var', 'com.example.record', 'java.util', 'javax.x', 'com.java',
    'com..x', '.com.x', 'com.x.', 'com-x', 'com.x-y', 'com.ex"ample', "com.ex'ample", 'com.ex\\ample', 'com.{{x}}',
    'com.${{ secrets.T }}', 'com.x\npackage y', 'com.</script>', 'com.é', 'com.x;y', 'x'.repeat(300), 'com.example.true',
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Validity rules of every file a name lands in.

const BUILTINS = new Set(builtinModules.map((m) => m.replace(/^node:/, '')));

export function npmNameProblems(name: string): string[] {
  const p: string[] = [];
  if (name.length === 0 || name.length > 214) p.push('length');
  if (name !== name.toLowerCase()) p.push('uppercase');
  if (/^[._]/.test(name)) p.push('leading . or _');
  if (encodeURIComponent(name) !== name || /[~'!()*]/.test(name)) p.push('not URL-safe');
  if (name.trim() !== name) p.push('spaces');
  if (BUILTINS.has(name) || name === 'node_modules' || name === 'favicon.ico') p.push('reserved');
  return p;
}

export const pep508Name = (name: string) => /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i.test(name);
export const pep503 = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** golang.org/x/mod/module CheckPath's element rules, plus what `go list -m` says (checked separately). */
export function goModuleProblems(mod: string): string[] {
  const p: string[] = [];
  const elems = mod.split('/');
  if (!/^[a-z0-9.-]+$/.test(elems[0]!) || elems[0]!.startsWith('-')) p.push('first element');
  for (const e of elems) {
    if (e === '' || !/^[A-Za-z0-9._~-]+$/.test(e)) p.push(`element ${JSON.stringify(e)}`);
    else {
      if (e.startsWith('.') || e.endsWith('.')) p.push(`dot at the edge of ${e}`);
      if (/~[0-9]+$/.test(e)) p.push(`tilde-digits ${e}`);
      if (WINDOWS_RESERVED.test(e.split('.')[0]!)) p.push(`windows name ${e}`);
    }
  }
  return p;
}

const RUST_KW = new Set(RESERVED.rust.filter((w) => !['build', 'deps', 'examples', 'incremental'].includes(w)));
export function crateProblems(names: ProjectNames): string[] {
  const p: string[] = [];
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(names.crateName)) p.push('crate name chars');
  if (names.crateName.length > 64) p.push('crate name > 64');
  if (names.crateIdent !== names.crateName.replace(/-/g, '_')) p.push('ident != name');
  if (!/^[a-z_][a-z0-9_]*$/.test(names.crateIdent)) p.push('ident chars');
  if (RUST_KW.has(names.crateIdent)) p.push('ident is a keyword or std crate');
  if (['build', 'deps', 'examples', 'incremental'].includes(names.crateName)) p.push("cargo's build directory name");
  if (WINDOWS_RESERVED.test(names.crateName)) p.push('windows name');
  return p;
}

const JAVA_KW = new Set(RESERVED.java.filter((w) => !['module', 'open', 'when', 'permits', 'sealed', 'record', 'var', 'yield'].includes(w)));
export function javaPackageProblems(pkg: string): string[] {
  const p: string[] = [];
  const parts = pkg.split('.');
  for (const part of parts) {
    if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(part)) p.push(`segment ${JSON.stringify(part)}`);
    if (JAVA_KW.has(part)) p.push(`keyword ${part}`);
  }
  if (parts[0] === 'java' || parts[0] === 'javax') p.push('java.* is reserved');
  return p;
}

/** NAME_MAX is 255 bytes on Linux and macOS; the writer's temporary sibling adds `.` and `.create-backend-fit-XXXXXX`. */
export const fitsNameMax = (folder: string) => Buffer.byteLength(`.${folder}.create-backend-fit-XXXXXX`) <= 255;

// ---------------------------------------------------------------------------------------------------------------
// Real parsers through python3, one child process per batch.

export interface PyDoc {
  id: string;
  kind: 'toml' | 'xml' | 'pyident' | 'pycompile';
  text: string;
}
export interface PyResult {
  id: string;
  ok: boolean;
  value?: unknown;
  error?: string;
}

const PY_BATCH = String.raw`
import json, sys, tomllib, keyword, xml.etree.ElementTree as ET
docs = json.load(sys.stdin)
out = []
def strip(tag): return tag.split('}', 1)[-1]
for d in docs:
    try:
        if d['kind'] == 'toml':
            v = tomllib.loads(d['text'])
        elif d['kind'] == 'xml':
            root = ET.fromstring(d['text'].encode('utf-8'))
            v = {strip(c.tag): (c.text or '') for c in root if len(c) == 0}
        elif d['kind'] == 'pyident':
            v = d['text'].isidentifier() and not keyword.iskeyword(d['text'])
        elif d['kind'] == 'pycompile':
            compile(d['text'], d['id'], 'exec'); v = True
        out.append({'id': d['id'], 'ok': True, 'value': v})
    except Exception as e:
        out.append({'id': d['id'], 'ok': False, 'error': type(e).__name__ + ': ' + str(e)})
json.dump(out, sys.stdout, default=str)
`;

export function pyBatch(docs: PyDoc[]): Map<string, PyResult> {
  const stdout = execFileSync('python3', ['-c', PY_BATCH], { input: JSON.stringify(docs), maxBuffer: 512 * 1024 * 1024 });
  return new Map((JSON.parse(stdout.toString('utf8')) as PyResult[]).map((r) => [r.id, r]));
}

export const hasPython = () => spawnSync('python3', ['-c', 'import tomllib'], { stdio: 'ignore' }).status === 0;

// ---------------------------------------------------------------------------------------------------------------
// The built CLI as a child process.

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export function runCli(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; stdin?: 'pipe-open' | 'ignore'; killAfterMs?: number; killSignal?: NodeJS.Signals },
): Promise<CliRun> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [cli(), ...args], {
      cwd: options.cwd,
      env: options.env ?? { ...process.env, CI: '1' },
      stdio: [options.stdin === 'pipe-open' ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const timers: NodeJS.Timeout[] = [];
    if (options.killAfterMs !== undefined) timers.push(setTimeout(() => child.kill(options.killSignal ?? 'SIGINT'), options.killAfterMs));
    timers.push(
      setTimeout(() => {
        stderr += `\n[hostile] killed after ${options.timeoutMs ?? 20_000} ms`;
        child.kill('SIGKILL');
      }, options.timeoutMs ?? 20_000),
    );
    child.on('close', (code, signal) => {
      timers.forEach(clearTimeout);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** Path -> sha256 of every file under a folder (links and modes included). */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const rel = path.relative(dir, full);
    const mode = (fs.lstatSync(full).mode & 0o777).toString(8);
    if (entry.isSymbolicLink()) out[rel] = `link:${fs.readlinkSync(full)}`;
    else if (entry.isFile()) out[rel] = `${mode}:${crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex')}`;
    else if (entry.isDirectory()) out[`${rel}/`] = `dir:${mode}`;
  }
  return out;
}

/** Per-family counts, printed as one table at the end of each file (the README quotes them). */
export class Tally {
  private readonly rows = new Map<string, Record<string, number>>();
  add(family: string, column: string, n = 1): void {
    const row = this.rows.get(family) ?? {};
    row[column] = (row[column] ?? 0) + n;
    this.rows.set(family, row);
  }
  print(title: string): void {
    const columns = [...new Set([...this.rows.values()].flatMap((r) => Object.keys(r)))];
    const lines = [...this.rows].map(([family, row]) => `  ${family.padEnd(28)} ${columns.map((c) => String(row[c] ?? 0).padStart(9)).join(' ')}`);
    console.log(`\n[hostile counts] ${title}\n  ${'family'.padEnd(28)} ${columns.map((c) => c.padStart(9)).join(' ')}\n${lines.join('\n')}\n`);
    fs.mkdirSync(SCRATCH, { recursive: true });
    fs.writeFileSync(path.join(SCRATCH, `counts-${title.replace(/\W+/g, '-')}.json`), JSON.stringify(Object.fromEntries(this.rows), null, 2));
  }
}

export function tryDerive(value: string, overrides: NameOverrides = {}): { names?: ProjectNames; error?: string } {
  try {
    return { names: deriveNames(value, overrides) };
  } catch (error) {
    if (error instanceof NameError) return { error: error.message };
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The trust families: a sentinel tree outside the project, and what a run may leave behind.

/**
 * A tree outside every project, whose sha256 snapshot must be the same after every hostile run: files a link could
 * lead to (with the very content the tool would write or remove there), a nested folder, and a file that looks like
 * git configuration.
 */
export function makeSentinel(dir: string, mirror: Record<string, string> = {}): Record<string, string> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'nested/deep'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the project\n');
  fs.writeFileSync(path.join(dir, 'nested/deep/id_rsa'), '-----BEGIN OPENSSH PRIVATE KEY-----\nnot a real key\n', { mode: 0o600 });
  fs.writeFileSync(path.join(dir, 'config'), '[core]\n\thooksPath = /tmp/evil\n');
  for (const [rel, content] of Object.entries(mirror)) {
    fs.mkdirSync(path.dirname(path.join(dir, 'mirror', rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, 'mirror', rel), content);
  }
  return snapshot(dir);
}

/** Lines a user must never see: a stack trace or our internal-error line. */
export const stackLines = (text: string) => text.split('\n').filter((line) => /^\s+at .+[(:]\d+/.test(line) || /Internal error/.test(line));

/** Every process whose command line holds `marker` (test processes tag their children with one). */
export function processesWith(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const environ = fs.readFileSync(`/proc/${entry}/environ`, 'utf8');
      if (cmdline.includes(marker) || environ.includes(marker)) pids.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids.filter((pid) => pid !== process.pid);
}

/** Runs git for a test, with an identity and no user configuration. */
export function testGit(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } });
}
