/**
 * Family 7: `update` and the records as untrusted input (issue 19, classes 1, 5 and 9). A generated corpus of
 * tampered `.create-backend-fit.json` and `.pristine.json` files (paths that leave the project or name .git/, bad
 * shapes, truncations at random offsets), links at every depth of the project, and every flag update does not honour.
 * Each run: a one-line message and the documented exit code, the project byte-identical unless update applied, a
 * sentinel tree outside the project byte-identical, no temporary folder left.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSentinel, rng, runCli, SCRATCH, snapshot, stackLines, Tally, testGit } from './corpus.js';

const tally = new Tally();
afterAll(() => tally.print('family 7 update and records'));

const work = path.join(SCRATCH, 'update-trust');
const sentinel = path.join(work, 'sentinel');
const team = path.join(work, 'team');
const base = path.join(work, 'base/api');
const tmp = path.join(work, 'tmp');
const RECORD = '.create-backend-fit.json';
const PRISTINE = '.create-backend-fit.pristine.json';

/** Team files at every depth, so update has something to write, merge and remove at each. */
const V1: Record<string, string> = {
  't1.txt': 'one\n',
  'd1/t2.txt': 'two\n',
  'd1/d2/t3.txt': 'three\n',
  'd1/d2/d3/t4.txt': 'four\n',
  'drop/gone.txt': 'dropped in v2\n',
  'd1/d2/gone.txt': 'dropped in v2 too\n',
};
const V2: Record<string, string> = { 't1.txt': 'one v2\n', 'd1/t2.txt': 'two v2\n', 'd1/d2/t3.txt': 'three v2\n', 'd1/d2/d3/t4.txt': 'four v2\n', 'added/new.txt': 'new\n' };

function writeTeam(files: Record<string, string>): void {
  fs.rmSync(team, { recursive: true, force: true });
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(team, 'fastify/base', rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

let sentinelBefore: Record<string, string>;
const env = () => ({ ...process.env, CI: '1', TMPDIR: tmp, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' });

beforeAll(async () => {
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(base), { recursive: true });
  fs.mkdirSync(tmp, { recursive: true });
  // The sentinel mirrors the team's files with their v1 content: a followed link would find exactly what update
  // writes over or removes.
  sentinelBefore = makeSentinel(sentinel, V1);
  writeTeam(V1);
  const run = await runCli(['api', '--framework', 'fastify', '--no-install', '--no-git', '--yes', '--templates', team], { cwd: path.dirname(base), env: env() });
  expect(run.code, run.stderr).toBe(0);
  testGit(base, 'init', '-q');
  testGit(base, 'add', '-A');
  testGit(base, 'commit', '-qm', 'generated');
  writeTeam(V2);
});

/** The project as the user sees it: git's index is git's own cache, which any git status may refresh. */
const projectState = (dir: string): Record<string, string> => {
  const state = snapshot(dir);
  delete state['.git/index'];
  return state;
};

let caseNo = 0;
function project(): string {
  const dir = path.join(work, `case-${caseNo++}`);
  fs.cpSync(base, dir, { recursive: true, verbatimSymlinks: true });
  return dir;
}

function expectNothingOutsideChanged(label: string): void {
  expect(snapshot(sentinel), `${label}: the sentinel outside the project`).toEqual(sentinelBefore);
  expect(fs.readdirSync(tmp), `${label}: temporary folders left in TMPDIR`).toEqual([]);
  expect(fs.readdirSync(work).filter((e) => e.includes('create-backend-fit-') || e.includes('cbf-update-')), label).toEqual([]);
}

// ---------------------------------------------------------------------------------------------------------------
// The corpus of tampered records.

const valid = () => ({ record: JSON.parse(fs.readFileSync(path.join(base, RECORD), 'utf8')), pristine: JSON.parse(fs.readFileSync(path.join(base, PRISTINE), 'utf8')) });

/** Paths that must never be touched, written by hand and generated from hostile segments. */
function hostilePaths(): string[] {
  const handWritten = [
    '../x', '../../sentinel/secret.txt', path.join(sentinel, 'secret.txt'), 'a/../../x', '..', '.', '', 'a//b', './a', 'a/./b', 'a/',
    'a\\..\\x', '..\\x', '.git/config', '.GIT/hooks/pre-commit', '.Git/info/attributes', 'sub/.git/config', '.git', 'x\u0000y', 'C:/x', '/etc/passwd',
  ];
  const segments = ['..', '.', '', '.git', '.GIT', 'a', 'ok.txt', '...'];
  const rand = rng(19);
  const generated: string[] = [];
  while (generated.length < 40) {
    const parts = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => segments[Math.floor(rand() * segments.length)]!);
    const p = parts.join('/');
    // Independent oracle: bad when not normal, absolute, or with a .. or .git segment.
    const bad = p === '' || path.posix.normalize(p) !== p || p.endsWith('/') || parts.some((s) => s === '..' || s === '.' || s === '' || s.toLowerCase() === '.git');
    if (bad && !generated.includes(p) && !handWritten.includes(p)) generated.push(p);
  }
  return [...handWritten, ...generated];
}

interface Tamper {
  family: string;
  name: string;
  file: typeof RECORD | typeof PRISTINE;
  content: string;
}

function tamperCorpus(): Tamper[] {
  const { record, pristine } = valid();
  const out: Tamper[] = [];
  const recordText = `${JSON.stringify(record, null, 2)}\n`;
  const pristineText = `${JSON.stringify(pristine, null, 1)}\n`;
  for (const p of hostilePaths()) {
    out.push({ family: 'pristine path', name: JSON.stringify(p), file: PRISTINE, content: JSON.stringify({ ...pristine, files: { ...pristine.files, [p]: { mode: 0o644, text: 'outside the project\n' } } }) });
  }
  const entries: [string, unknown][] = [
    ['mode -1', { mode: -1, text: 'x' }], ['mode 4096', { mode: 4096, text: 'x' }], ['mode "644"', { mode: '644', text: 'x' }], ['mode 1.5', { mode: 1.5, text: 'x' }],
    ['text and base64', { mode: 420, text: 'x', base64: 'eA==' }], ['neither', { mode: 420 }], ['base64 not base64', { mode: 420, base64: '!!!' }],
    ['text a number', { mode: 420, text: 5 }], ['entry null', null], ['entry a string', 'x'], ['entry a list', [1]],
  ];
  for (const [name, entry] of entries) out.push({ family: 'pristine entry', name, file: PRISTINE, content: JSON.stringify({ ...pristine, files: { ...pristine.files, 't1.txt': entry } }) });
  for (const [name, doc] of [['null', null], ['a list', []], ['a number', 42], ['a string', 'x'], ['empty object', {}], ['version a number', { ...pristine, version: 1 }], ['files a list', { ...pristine, files: [] }], ['files null', { ...pristine, files: null }]] as [string, unknown][]) {
    out.push({ family: 'pristine shape', name, file: PRISTINE, content: JSON.stringify(doc) });
  }
  const fields: [string, unknown[]][] = [
    ['framework', ['express', 42, true, '']], ['deploy', ['lambda', 1]], ['language', ['cobol']], ['workload', ['batch']], ['style', ['baroque']],
    ['teamSize', [-1, 0, '3', 1.5]], ['rps', [-5, 'x', 1e300]], ['packageManager', ['npx', 'npm; rm -rf ~']],
    ['projectName', ['../x', '', '.hidden', 'a/b', 42, '$(touch x)']], ['goModule', ['not a module', 'example.com/../x', 3]], ['javaPackage', ['com.class.x', '1a']],
    ['templates', ['relative', ['relative/x'], [42], '/abs-but-a-string']], ['plopfile', ['rel.mjs', 42]],
  ];
  for (const [field, values] of fields) {
    for (const value of values) out.push({ family: 'record field', name: `${field}=${JSON.stringify(value)}`, file: RECORD, content: JSON.stringify({ ...record, answers: { ...record.answers, [field]: value } }) });
  }
  for (const field of ['framework', 'deploy', 'projectName']) {
    const answers = { ...record.answers };
    delete answers[field];
    out.push({ family: 'record field', name: `${field} missing`, file: RECORD, content: JSON.stringify({ ...record, answers }) });
  }
  for (const [name, doc] of [['null', null], ['a list', []], ['a number', 42], ['answers null', { ...record, answers: null }], ['answers a list', { ...record, answers: [] }], ['answers a string', { ...record, answers: 'x' }], ['no version', { answers: record.answers }]] as [string, unknown][]) {
    out.push({ family: 'record shape', name, file: RECORD, content: JSON.stringify(doc) });
  }
  const rand = rng(1919);
  for (let i = 0; i < 12; i++) {
    const cutRecord = 1 + Math.floor(rand() * (recordText.length - 3));
    out.push({ family: 'truncated', name: `record at ${cutRecord}`, file: RECORD, content: recordText.slice(0, cutRecord) });
    const cutPristine = 1 + Math.floor(rand() * (pristineText.length - 3));
    out.push({ family: 'truncated', name: `pristine at ${cutPristine}`, file: PRISTINE, content: pristineText.slice(0, cutPristine) });
  }
  out.push({ family: 'truncated', name: 'record empty', file: RECORD, content: '' }, { family: 'truncated', name: 'pristine empty', file: PRISTINE, content: '' });
  return out;
}

describe('family 7: tampered records', () => {
  it('every tampered record or pristine render: exit 2, one line naming the file (and the field), nothing touched', async () => {
    const problems: string[] = [];
    for (const t of tamperCorpus()) {
      const dir = project();
      fs.writeFileSync(path.join(dir, t.file), t.content);
      const before = projectState(dir);
      const run = await runCli(['update'], { cwd: dir, env: env() });
      tally.add(`tampered ${t.family}`, 'runs');
      const lines = run.stderr.trim().split('\n');
      const label = `${t.family} ${t.name}`;
      if (run.code !== 2) problems.push(`${label}: exit ${run.code}: ${run.stderr}`);
      if (lines.length !== 1 || !lines[0]!.startsWith(`Error (record): ${t.file}:`)) problems.push(`${label}: not one line naming ${t.file}: ${run.stderr}`);
      if (stackLines(run.stderr + run.stdout).length) problems.push(`${label}: a stack trace`);
      if (JSON.stringify(projectState(dir)) !== JSON.stringify(before)) problems.push(`${label}: the project changed`);
      else tally.add(`tampered ${t.family}`, 'refused, nothing touched');
      expectNothingOutsideChanged(label);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(problems).toEqual([]);
  });

  it('a record or pristine render that is a link is refused without being read', async () => {
    for (const file of [RECORD, PRISTINE]) {
      const dir = project();
      fs.copyFileSync(path.join(dir, file), path.join(sentinel, 'mirror', file));
      fs.rmSync(path.join(dir, file));
      fs.symlinkSync(path.join(sentinel, 'mirror', file), path.join(dir, file));
      const run = await runCli(['update'], { cwd: dir, env: env() });
      tally.add('record is a link', 'runs');
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toBe(`Error (record): ${file}: is a symbolic link; a record must be a plain file.\n`);
      fs.rmSync(path.join(sentinel, 'mirror', file));
      expectNothingOutsideChanged(file);
    }
  });

  it('--answers with a tampered record: exit 2, the message names the file and field, never a flag', async () => {
    const problems: string[] = [];
    for (const t of tamperCorpus().filter((c) => c.file === RECORD)) {
      const dir = path.join(work, `answers-${caseNo++}`);
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'rec.json'), t.content);
      const run = await runCli(['--answers', 'rec.json', '--no-install', '--no-git'], { cwd: dir, env: env() });
      tally.add('--answers tampered', 'runs');
      // A record without a project name is fine for a replay given a folder; here none is given.
      if (t.name === 'projectName missing' || t.name === 'no version' || t.name.startsWith('framework missing') || t.name.startsWith('deploy missing')) {
        if (run.code !== 0 && run.code !== 2) problems.push(`${t.name}: exit ${run.code}`);
      } else {
        if (run.code !== 2) problems.push(`${t.name}: exit ${run.code}: ${run.stderr}`);
        if (!run.stderr.startsWith('Error (record): rec.json:')) problems.push(`${t.name}: ${run.stderr}`);
        if (/--[a-z-]+ needs|--go-module|--java-package/.test(run.stderr)) problems.push(`${t.name}: names a flag: ${run.stderr}`);
        if (fs.readdirSync(dir).length !== 1) problems.push(`${t.name}: wrote ${fs.readdirSync(dir).join(', ')}`);
      }
      if (stackLines(run.stderr).length) problems.push(`${t.name}: a stack trace`);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(problems).toEqual([]);
    expectNothingOutsideChanged('--answers');
  });
});

describe('family 7: links in the project at every depth', () => {
  /** Every path update would write or remove, and every folder on the way to it. */
  const targets = [...new Set([...Object.keys(V1), ...Object.keys(V2)].flatMap((rel) => rel.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'))))].filter((p) => p !== 'added' && p !== 'added/new.txt');

  it(`a committed link at each of ${targets.length} paths (to the sentinel, dangling, to a folder of the project): left as it is, reported, nothing outside changed`, async () => {
    const problems: string[] = [];
    for (const rel of targets) {
      for (const kind of ['to the sentinel', 'dangling', 'inside the project'] as const) {
        const dir = project();
        const at = path.join(dir, rel);
        fs.rmSync(at, { recursive: true, force: true });
        const to = kind === 'to the sentinel' ? path.join(sentinel, 'mirror', rel) : kind === 'dangling' ? path.join(sentinel, 'no-such-thing') : path.join(dir, 'src');
        fs.symlinkSync(to, at);
        testGit(dir, 'add', '-A');
        testGit(dir, 'commit', '-qm', `link at ${rel}`);
        const run = await runCli(['update', '--json'], { cwd: dir, env: env() });
        tally.add('link in the project', 'runs');
        const label = `${rel} (${kind})`;
        if (run.code !== 0) {
          problems.push(`${label}: exit ${run.code}: ${run.stderr}`);
          continue;
        }
        const outcomes = JSON.parse(run.stdout).outcomes as { path: string; action: string }[];
        const underLink = outcomes.filter((o) => o.path === rel || o.path.startsWith(`${rel}/`));
        if (underLink.length === 0 || underLink.some((o) => o.action !== 'link')) problems.push(`${label}: ${JSON.stringify(underLink)}`);
        if (!fs.lstatSync(at).isSymbolicLink() || fs.readlinkSync(at) !== to) problems.push(`${label}: the link was changed`);
        // The rest of the update was applied.
        if (!rel.startsWith('t1') && fs.readFileSync(path.join(dir, 't1.txt'), 'utf8') !== V2['t1.txt']) problems.push(`${label}: t1.txt not updated`);
        tally.add('link in the project', 'left alone');
        expectNothingOutsideChanged(label);
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('family 7: flags, dry runs, moved templates, conflicts', () => {
  const UNSUPPORTED: string[][] = [
    ['--framework', 'gin'], ['--deploy', 'serverless'], ['--language', 'go'], ['--workload', 'crud'], ['--style', 'minimal'], ['--team-size', '3'], ['--rps', '10'],
    ['--package-manager', 'pnpm'], ['--go-module', 'example.com/x'], ['--java-package', 'com.x'], ['--plopfile', 'x.mjs'], ['--answers', 'x.json'],
    ['--force'], ['--install'], ['--no-install'], ['--git'], ['--no-git'],
  ];

  it(`each of ${UNSUPPORTED.length} flags update does not honour: exit 2, named, nothing touched`, async () => {
    for (const flag of UNSUPPORTED) {
      const dir = project();
      const before = projectState(dir);
      const run = await runCli(['update', ...flag], { cwd: dir, env: env() });
      tally.add('unsupported flag', 'runs');
      expect(run.code, `${flag.join(' ')}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`^Error: update does not take ${flag[0]}: it re-renders with the answers in \\.create-backend-fit\\.json`));
      expect(projectState(dir)).toEqual(before);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--dry-run prints the outcomes and writes nothing, on a clean or a dirty tree', async () => {
    for (const dirty of [false, true]) {
      const dir = project();
      fs.writeFileSync(path.join(dir, 'd1/t2.txt'), 'two (mine)\n');
      if (!dirty) testGit(dir, 'commit', '-qam', 'mine');
      const before = projectState(dir);
      const run = await runCli(['update', '--dry-run'], { cwd: dir, env: env() });
      tally.add('--dry-run', 'runs');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/updated\s+t1\.txt/);
      expect(run.stdout).toMatch(/conflict\s+d1\/t2\.txt/);
      expect(run.stdout).toMatch(/Dry run: nothing was written\. 1 file\(s\) would get conflict markers\./);
      expect(projectState(dir)).toEqual(before);
      expectNothingOutsideChanged('dry run');
    }
  });

  it('a conflict ends with exit 4 and the conflict markers; a clean update exits 0', async () => {
    const dir = project();
    fs.writeFileSync(path.join(dir, 'd1/t2.txt'), 'two (mine)\n');
    testGit(dir, 'commit', '-qam', 'mine');
    const run = await runCli(['update'], { cwd: dir, env: env() });
    tally.add('conflict', 'runs');
    expect(run.code, run.stderr).toBe(4);
    expect(run.stdout).toMatch(/1 file\(s\) have conflict markers/);
    expect(fs.readFileSync(path.join(dir, 'd1/t2.txt'), 'utf8')).toMatch(/^<<<<<<< yours\ntwo \(mine\)\n/);
    const clean = await runCli(['update'], { cwd: project(), env: env() });
    expect(clean.code, clean.stderr).toBe(0);
    expectNothingOutsideChanged('conflict');
  });

  it('the recorded templates folder is gone: refused with what to do; --templates points at where it moved', async () => {
    const moved = path.join(work, 'team-moved');
    fs.renameSync(team, moved);
    try {
      const dir = project();
      const before = projectState(dir);
      const gone = await runCli(['update'], { cwd: dir, env: env() });
      tally.add('templates gone', 'runs');
      expect(gone.code, gone.stderr).toBe(1);
      expect(gone.stderr).toBe(`Error (update): The templates folder ${team} that .create-backend-fit.json names is gone: pass update --templates <its new place> (without it, update would replace your team's files with the built-in ones).\n`);
      expect(projectState(dir)).toEqual(before);
      const pointed = await runCli(['update', '--templates', moved], { cwd: dir, env: env() });
      expect(pointed.code, pointed.stderr).toBe(0);
      expect(fs.readFileSync(path.join(dir, 't1.txt'), 'utf8')).toBe(V2['t1.txt']);
      expect(JSON.parse(fs.readFileSync(path.join(dir, RECORD), 'utf8')).answers.templates).toEqual([moved]);
    } finally {
      fs.renameSync(moved, team);
    }
  });

  it('a template that fails to render during update: one line, exit 1, the project unchanged', async () => {
    const broken = path.join(team, 'fastify/base/broken.txt.hbs');
    fs.writeFileSync(broken, '{{#if}}\n');
    try {
      const dir = project();
      const before = projectState(dir);
      const run = await runCli(['update'], { cwd: dir, env: env() });
      tally.add('template error during update', 'runs');
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/^Error \(render\): .*broken\.txt\.hbs: .*\(update changed nothing\)$/m);
      expect(stackLines(run.stderr)).toEqual([]);
      expect(projectState(dir)).toEqual(before);
    } finally {
      fs.rmSync(broken);
    }
  });
});
