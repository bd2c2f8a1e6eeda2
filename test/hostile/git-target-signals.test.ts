/**
 * Family 9: the first commit, the target folder, interrupts in every phase and odd environments (issue 19, classes 6,
 * 7, 8, 9 and 10). Generated corpora of user file names beside --force, umasks, and signals at random points of the
 * prompts, the install, git, the team's generators and update, each checked for: the documented exit code and
 * message, no child process left running (every child carries a marker in its environment), no temporary folder
 * left, and no file of the user's changed.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliPlan, makeSentinel, processesWith, rng, runCli, SCRATCH, snapshot, stackLines, Tally, testGit } from './corpus.js';
import { requireTools } from '../e2e/tools.js';

const tally = new Tally();
afterAll(() => tally.print('family 9 git target and interrupts'));

const work = path.join(SCRATCH, 'git-target-signals');
const sentinel = path.join(work, 'sentinel');
let sentinelBefore: Record<string, string>;
const gitEnv = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
const env = (extra: NodeJS.ProcessEnv = {}) => ({ ...process.env, CI: '1', ...gitEnv, ...extra });

beforeAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  sentinelBefore = makeSentinel(sentinel);
  cli();
});
afterAll(() => expect(snapshot(sentinel)).toEqual(sentinelBefore));

let caseNo = 0;
const caseDir = () => {
  const dir = path.join(work, `case-${caseNo++}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
};
const put = (file: string, content: string | Buffer, mode = 0o644) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content, { mode });
};

// ---------------------------------------------------------------------------------------------------------------

/** Names a user may have in the folder, chosen to be misread as pathspec magic, globs, options or shell words. */
const USER_FILES = ['id_rsa', 'notes.txt', '.env', 'secrets/prod.key', 'we*ird', '[abc]', ':(top)x', ':!x', 'has space.txt', 'ünï.txt', '-rf', 'src/mine.ts', 'test/mine.test.ts', 'deep/er/still.txt'];

describe('family 9: --force and the first commit', () => {
  for (const framework of ['fastify', 'gin']) {
    it(`${framework}: ${USER_FILES.length} files of the user's stay out of the first commit, untracked and byte-identical, and the output says so`, async () => {
      const cwd = caseDir();
      const target = path.join(cwd, 'api');
      for (const [i, rel] of USER_FILES.entries()) put(path.join(target, rel), `mine ${i}\n`, rel === 'id_rsa' ? 0o600 : 0o644);
      const before = snapshot(target);
      const args = ['api', '--framework', framework, '--no-install', '--yes', '--force'];
      const planned = cliPlan(args).map((f) => f.path).sort();
      const run = await runCli(args, { cwd, env: env() });
      tally.add('--force and git', 'runs');
      expect(run.code, run.stderr).toBe(0);
      const committed = testGit(target, 'ls-tree', '-r', '--name-only', '-z', 'HEAD').split('\0').filter(Boolean).sort();
      expect(committed).toEqual(planned);
      // Untracked, or ignored by the starter's .gitignore (.env): never committed either way.
      const untracked = testGit(target, 'status', '--porcelain', '-z', '--untracked-files=all', '--ignored').split('\0').filter(Boolean);
      expect(untracked.filter((line) => !line.startsWith('?? ') && !line.startsWith('!! '))).toEqual([]);
      expect(untracked.map((line) => line.slice(3)).sort()).toEqual([...USER_FILES].sort());
      expect(run.stderr).toMatch(/Note \(git\): The first commit holds the starter's files only\. \d+ file\(s\) and folder\(s\) of yours were left out of it, untracked/);
      const after = snapshot(target);
      for (const [rel, sum] of Object.entries(before)) expect(after[rel], rel).toBe(sum);
      tally.add('--force and git', 'user files kept out', USER_FILES.length);
    });
  }

  it('inside an existing repository git is skipped, and the output says why', async () => {
    const cwd = caseDir();
    testGit(cwd, 'init', '-q');
    const run = await runCli(['api', '--framework', 'fastify', '--no-install', '--yes'], { cwd, env: env() });
    tally.add('inside a repository', 'runs');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^Note \(git\): the folder is inside a git repository already, so no git init and no commit/m);
    expect(fs.existsSync(path.join(cwd, 'api/.git'))).toBe(false);
  });
});

describe('family 9: the target folder', () => {
  const UMASKS = [0o022, 0o027, 0o077, 0o002, 0o000];
  it(`a new folder follows the umask as mkdir does (${UMASKS.length} umasks)`, () => {
    for (const umask of UMASKS) {
      const cwd = caseDir();
      const run = spawnSync('sh', ['-c', `umask ${umask.toString(8).padStart(3, '0')} && exec "$0" "$1" api --framework fastify --no-install --no-git --yes`, process.execPath, cli()], { cwd, env: env(), encoding: 'utf8' });
      tally.add('umask', 'runs');
      expect(run.status, run.stderr).toBe(0);
      expect((fs.statSync(path.join(cwd, 'api')).mode & 0o777).toString(8), `umask ${umask.toString(8)}`).toBe((0o777 & ~umask).toString(8));
      expect((fs.statSync(path.join(cwd, 'api/src')).mode & 0o777).toString(8), `api/src, umask ${umask.toString(8)}`).toBe((0o777 & ~umask).toString(8));
    }
  });

  it('an existing empty folder is written into: same inode, same mode', async () => {
    for (const mode of [0o751, 0o700, 0o775]) {
      const cwd = caseDir();
      const target = path.join(cwd, 'api');
      fs.mkdirSync(target);
      fs.chmodSync(target, mode);
      const { ino } = fs.statSync(target);
      const run = await runCli(['api', '--framework', 'fastify', '--no-install', '--no-git', '--yes'], { cwd, env: env() });
      tally.add('existing empty target', 'runs');
      expect(run.code, run.stderr).toBe(0);
      const after = fs.statSync(target);
      expect([after.ino, (after.mode & 0o777).toString(8)]).toEqual([ino, mode.toString(8)]);
      expect(fs.existsSync(path.join(target, 'package.json'))).toBe(true);
      expect(fs.readdirSync(cwd).filter((e) => e.includes('create-backend-fit-'))).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Interrupts.

interface Interrupted {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Marked processes still alive right after the CLI ended. */
  survivors: number[];
}

/** Starts the CLI, waits for `waitFor` in its output, then sends `signal` after `delayMs`. Bounded. */
function interruptAt(args: string[], o: { cwd: string; env: NodeJS.ProcessEnv; marker: string; waitFor?: RegExp; delayMs: number; signal: NodeJS.Signals }): Promise<Interrupted> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli(), ...args], { cwd: o.cwd, env: { ...o.env, CBF_HOSTILE_MARKER: o.marker }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    const check = () => {
      if (!sent && (!o.waitFor || o.waitFor.test(stdout + stderr))) {
        sent = true;
        setTimeout(() => child.kill(o.signal), o.delayMs);
      }
    };
    child.stdout.on('data', (d) => ((stdout += d), check()));
    child.stderr.on('data', (d) => ((stderr += d), check()));
    // Without a line to wait for, the delay counts from the start.
    if (!o.waitFor) check();
    const bound = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code, signal) => {
      clearTimeout(bound);
      resolve({ code, signal, stdout, stderr, survivors: processesWith(o.marker) });
    });
  });
}

const NODE_24 = Number(process.versions.node.split('.')[0]) >= 24 ? process.execPath : requireTools().node24;

/** A bin folder whose `npm` (or `git commit`) starts a long-running grandchild and keeps writing into the project. */
function fakeTools(dir: string): string {
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin, { recursive: true });
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  // The Node starters need Node 24: bootstrap checks it before the install it is about to interrupt.
  fs.symlinkSync(NODE_24, path.join(bin, 'node'));
  for (const tool of ['sh', 'sleep', 'mkdir', 'date']) {
    const real = execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim();
    fs.symlinkSync(real, path.join(bin, tool));
  }
  put(path.join(bin, 'npm'), `#!/bin/sh\nif [ "$1" = "--version" ]; then echo 10.9.0; exit 0; fi\nsleep 30 &\nmkdir -p node_modules\nwhile true; do date > node_modules/.still-installing; sleep 0.05; done\n`, 0o755);
  put(path.join(bin, 'git'), `#!/bin/sh\nfor a in "$@"; do if [ "$a" = commit ]; then sleep 30 & while true; do sleep 0.05; done; fi; done\nexec ${realGit} "$@"\n`, 0o755);
  return bin;
}

const RUNS_PER_PHASE = Number(process.env.HOSTILE_PHASE_RUNS ?? 6);

describe('family 9: interrupts in every phase', () => {
  const rand = rng(8);
  const delay = (max: number) => Math.floor(rand() * max);

  for (const phase of ['install', 'git'] as const) {
    it(`${RUNS_PER_PHASE} interrupts during ${phase}: exit 130, the message, no child left, no temp folder, nothing written after`, async () => {
      const problems: string[] = [];
      for (let i = 0; i < RUNS_PER_PHASE; i++) {
        const signal = i % 2 === 0 ? 'SIGINT' : 'SIGTERM';
        const cwd = caseDir();
        const bin = fakeTools(cwd);
        const marker = `cbf-hostile-${phase}-${i}-${process.pid}`;
        const flags = phase === 'install' ? ['--no-git'] : ['--no-install'];
        const run = await interruptAt(['api', '--framework', 'fastify', '--yes', ...flags], {
          cwd, env: env({ PATH: bin }), marker, signal, delayMs: delay(600),
          waitFor: phase === 'install' ? /installing dependencies/ : /git init and first commit/,
        });
        tally.add(`interrupt during ${phase}`, 'runs');
        const label = `${phase} ${signal} run ${i}`;
        if (run.code !== 130) problems.push(`${label}: exit ${run.code ?? run.signal}: ${run.stderr}`);
        const expected = phase === 'install' ? 'finish with: cd api && npm ci' : 'finish with: cd api && git init && git add -A';
        if (!run.stderr.includes(`Interrupted. The project in ${path.join(cwd, 'api')} is complete; ${expected}`)) problems.push(`${label}: message: ${run.stderr}`);
        if (run.survivors.length) problems.push(`${label}: ${run.survivors.length} child process(es) still running`);
        else tally.add(`interrupt during ${phase}`, 'no child left');
        for (const pid of run.survivors) process.kill(pid, 'SIGKILL');
        const still = path.join(cwd, 'api/node_modules/.still-installing');
        const first = fs.existsSync(still) ? fs.readFileSync(still, 'utf8') : '';
        await new Promise((r) => setTimeout(r, 300));
        if ((fs.existsSync(still) ? fs.readFileSync(still, 'utf8') : '') !== first) problems.push(`${label}: the install went on writing into the project`);
        if (fs.readdirSync(cwd).some((e) => e.includes('create-backend-fit-'))) problems.push(`${label}: a temp folder left`);
        fs.rmSync(cwd, { recursive: true, force: true });
      }
      expect(problems).toEqual([]);
    });
  }

  it(`${RUNS_PER_PHASE} interrupts while the team's generators run: exit 130, says what stays`, async () => {
    const problems: string[] = [];
    for (let i = 0; i < RUNS_PER_PHASE; i++) {
      const signal = i % 2 === 0 ? 'SIGINT' : 'SIGTERM';
      const cwd = caseDir();
      put(path.join(cwd, 'plopfile.mjs'), `export default function (plop) {
  plop.setGenerator('slow', { description: 'slow', prompts: [], actions: [{ type: 'add', path: 'slow.txt', template: 'x', transform: () => new Promise((r) => setTimeout(() => r('done'), 30_000)) }] });
}
`);
      const run = await interruptAt(['api', '--framework', 'fastify', '--yes', '--no-install', '--no-git', '--plopfile', 'plopfile.mjs', '--trust'], {
        cwd, env: env(), marker: `cbf-hostile-plop-${i}-${process.pid}`, signal, delayMs: delay(500), waitFor: /Created /,
      });
      tally.add('interrupt during team generators', 'runs');
      if (run.code !== 130) problems.push(`run ${i}: exit ${run.code ?? run.signal}: ${run.stderr}`);
      if (!run.stderr.includes(`Interrupted while the team's generators ran: the project in ${path.join(cwd, 'api')} is written, and what they changed so far stays.`)) problems.push(`run ${i}: ${run.stderr}`);
      if (fs.existsSync(path.join(cwd, 'api/slow.txt'))) problems.push(`run ${i}: the generator finished after the interrupt`);
      fs.rmSync(cwd, { recursive: true, force: true });
    }
    expect(problems).toEqual([]);
  });

  it(`${RUNS_PER_PHASE * 2} interrupts at random points of an update with many merges: exit 130 and nothing changed, or it finished; no merge folder left`, async () => {
    const base = caseDir();
    const team = path.join(base, 'team/fastify/base');
    for (let f = 0; f < 60; f++) put(path.join(team, `m/f${f}.txt`), 'a\nb\nc\n');
    const gen = await runCli(['api', '--framework', 'fastify', '--yes', '--no-install', '--no-git', '--templates', 'team'], { cwd: base, env: env() });
    expect(gen.code, gen.stderr).toBe(0);
    const project = path.join(base, 'api');
    for (let f = 0; f < 60; f++) put(path.join(project, `m/f${f}.txt`), 'a (mine)\nb\nc\n');
    testGit(project, 'init', '-q');
    testGit(project, 'add', '-A');
    testGit(project, 'commit', '-qm', 'mine');
    for (let f = 0; f < 60; f++) put(path.join(team, `m/f${f}.txt`), 'a\nb\nc (v2)\n');
    const problems: string[] = [];
    const outcomes: Record<string, number> = {};
    for (let i = 0; i < RUNS_PER_PHASE * 2; i++) {
      const signal = i % 2 === 0 ? 'SIGINT' : 'SIGTERM';
      const dir = path.join(base, `run-${i}`);
      fs.cpSync(project, dir, { recursive: true });
      const tmp = path.join(base, `tmp-${i}`);
      fs.mkdirSync(tmp);
      const before = snapshot(dir);
      delete before['.git/index'];
      const run = await interruptAt(['update'], { cwd: dir, env: env({ TMPDIR: tmp }), marker: `cbf-hostile-update-${i}-${process.pid}`, signal, delayMs: 150 + delay(1200) });
      tally.add('interrupt during update', 'runs');
      const after = snapshot(dir);
      delete after['.git/index'];
      // A signal that lands while Node is still starting, before the tool has run a line, ends it the default way.
      const beforeStart = run.signal === signal && run.stdout === '' && run.stderr === '';
      // An interrupt that lands while the files are being written (synchronously) is handled after: the update is in.
      const applied = run.code === 130 && run.stderr.includes('Interrupted: the update was already applied');
      // One that lands after the tool printed its outcomes, while Node tears down (its signal handlers already gone),
      // ends the process the default way: the update is done and said so.
      const afterTheEnd = !beforeStart && run.signal === signal && run.stderr === '' && /^ {2}merged /m.test(run.stdout);
      const key = applied
        ? 'interrupted once applied'
        : afterTheEnd
          ? 'killed as Node exited, done'
          : run.code === 130
            ? 'interrupted'
            : beforeStart
              ? 'before the tool started'
              : `finished (exit ${run.code})`;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
      tally.add('interrupt during update', key);
      if (applied || afterTheEnd) {
        if (JSON.stringify(after) === JSON.stringify(before)) problems.push(`run ${i}: says the update was applied, but nothing changed`);
      } else if (run.code === 130) {
        if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`run ${i}: interrupted, but the project changed`);
        if (!run.stderr.includes('Interrupted: update changed nothing.')) problems.push(`run ${i}: ${run.stderr}`);
      } else if (beforeStart) {
        if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`run ${i}: killed before start, but the project changed`);
      } else if (run.code !== 0) problems.push(`run ${i}: exit ${run.code ?? run.signal}: ${run.stderr}`);
      if (fs.readdirSync(tmp).length) problems.push(`run ${i}: left ${fs.readdirSync(tmp).join(', ')} in TMPDIR`);
      if (Object.keys(after).some((p) => p.includes('.cbf-update-'))) problems.push(`run ${i}: a staged file left`);
      if (run.survivors.length) problems.push(`run ${i}: a child left running`);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    console.log(`[hostile] interrupted updates: ${JSON.stringify(outcomes)}`);
    expect(problems).toEqual([]);
  });

  it('SIGTERM at a prompt (on a pseudo-terminal): exit 130, "nothing was written", the terminal restored', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const cwd = caseDir();
      const result = await new Promise<{ code: number | null; screen: string }>((resolve) => {
        const command = `stty cols 120 rows 50 && exec node ${JSON.stringify(cli())} tty-api --no-install --no-git`;
        const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd, env: { ...env(), TERM: 'xterm', CI: '' } });
        let screen = '';
        let sent = false;
        child.stdout.on('data', (d: Buffer) => {
          screen += d.toString();
          if (!sent && screen.includes('Which language')) {
            sent = true;
            const node = execFileSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).trim().split('\n')[0]!;
            setTimeout(() => process.kill(Number(node), signal), 200);
          }
        });
        const bound = setTimeout(() => child.kill('SIGKILL'), 30_000);
        child.on('close', (code) => {
          clearTimeout(bound);
          resolve({ code, screen });
        });
      });
      tally.add('interrupt at a prompt', 'runs');
      expect(result.code, result.screen.slice(-500)).toBe(130);
      expect(result.screen).toMatch(/Interrupted: nothing was written\./);
      expect(fs.existsSync(path.join(cwd, 'tty-api'))).toBe(false);
    }
  });
});

describe('family 9: odd environments', () => {
  it('a working folder deleted meanwhile: --help still answers, a generation says why in one line', () => {
    const cwd = caseDir();
    for (const [args, code, pattern] of [
      ['--help', 0, /Usage:/],
      ['--version', 0, /^\d+\.\d+\.\d+/],
      ['api --framework fastify --yes --no-install --no-git', 1, /^Error: The current folder no longer exists \(it was deleted or moved\): cd into an existing folder and run again\.$/m],
      ['update', 1, /^Error: The current folder no longer exists/m],
    ] as [string, number, RegExp][]) {
      const gone = path.join(cwd, 'gone');
      fs.mkdirSync(gone, { recursive: true });
      const run = spawnSync('sh', ['-c', `cd "$1" && rmdir "$1" && exec "$0" "$2" ${args}`, process.execPath, gone, cli()], { cwd, env: env(), encoding: 'utf8' });
      tally.add('deleted working folder', 'runs');
      expect(run.status, `${args}: ${run.stderr}`).toBe(code);
      expect(run.stdout + run.stderr).toMatch(pattern);
      expect(stackLines(run.stderr)).toEqual([]);
    }
  });

  it('an --answers file holding null, a list, a number or nothing: exit 2, one line naming the file', async () => {
    const cwd = caseDir();
    for (const content of ['null', '[]', '42', '', '{"answers": null}', '"x"']) {
      put(path.join(cwd, 'rec.json'), content);
      const run = await runCli(['--answers', 'rec.json', '--no-install', '--no-git'], { cwd, env: env() });
      tally.add('odd --answers', 'runs');
      expect(run.code, `${content}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toMatch(/^Error \(record\): rec\.json: /);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
    const missing = await runCli(['--answers', 'nope.json'], { cwd, env: env() });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('Error (record): nope.json: no such file (--answers).\n');
  });
});
