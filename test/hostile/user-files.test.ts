/**
 * Family 3: a target folder that holds a user's files. Without --force nothing is touched; with it no user file is
 * deleted or silently replaced (sha256 and mode of every file, links and folders, before and after). Spawns the
 * built CLI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { frameworks } from '../../src/frameworks/index.js';
import { cliPlan, runCli, SCRATCH, snapshot, Tally } from './corpus.js';

const tally = new Tally();
afterAll(() => tally.print('family 3 user files'));

const cwd = path.join(SCRATCH, 'user-files');
const outside = path.join(SCRATCH, 'user-files-outside');
beforeEach(() => {
  for (const dir of [cwd, outside]) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
  }
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'outside the project');
});

const leftovers = () => fs.readdirSync(cwd).filter((e) => e.includes('create-backend-fit-'));

type Setup = (target: string, planned: string[]) => void;
interface Case {
  name: string;
  setup: Setup;
  /** With --force: does the run succeed (only adding files) or refuse (collision)? */
  forced: 'adds' | 'refuses';
}

const userTree: Setup = (t) => {
  fs.mkdirSync(path.join(t, 'notes/deep'), { recursive: true });
  fs.writeFileSync(path.join(t, 'notes/deep/todo.md'), '- my todo\n');
  fs.writeFileSync(path.join(t, 'data.bin'), Buffer.from([0, 1, 2, 255]));
  fs.writeFileSync(path.join(t, 'run.sh'), '#!/bin/sh\necho mine\n', { mode: 0o750 });
  fs.mkdirSync(path.join(t, '.git/objects'), { recursive: true });
  fs.writeFileSync(path.join(t, '.git/HEAD'), 'ref: refs/heads/main\n');
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(t, 'link-to-outside'));
};

const CASES: Case[] = [
  { name: 'unrelated files, a .git folder and a link', setup: userTree, forced: 'adds' },
  { name: 'a README.md with the user\'s own content', setup: (t) => (userTree(t, []), fs.writeFileSync(path.join(t, 'README.md'), '# mine\n')), forced: 'refuses' },
  { name: 'a .gitignore of the user\'s', setup: (t) => fs.writeFileSync(path.join(t, '.gitignore'), 'secrets/\n'), forced: 'refuses' },
  { name: 'a folder where the starter has a file (Dockerfile/)', setup: (t) => fs.mkdirSync(path.join(t, 'Dockerfile/mine'), { recursive: true }), forced: 'refuses' },
  { name: 'a file where the starter needs a folder', setup: (t, planned) => fs.writeFileSync(path.join(t, planned.find((p) => p.includes('/'))!.split('/')[0]!), 'a file'), forced: 'refuses' },
  { name: 'a link at a planned file pointing outside', setup: (t) => fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(t, 'Dockerfile')), forced: 'refuses' },
  { name: 'a link at a planned folder pointing outside', setup: (t, planned) => fs.symlinkSync(outside, path.join(t, planned.find((p) => p.includes('/') && !p.startsWith('.'))!.split('/')[0]!)), forced: 'refuses' },
  { name: 'a dangling link at a planned file', setup: (t) => fs.symlinkSync(path.join(outside, 'nope'), path.join(t, '.dockerignore')), forced: 'refuses' },
  { name: 'an empty file at a planned path', setup: (t) => fs.writeFileSync(path.join(t, '.dockerignore'), ''), forced: 'refuses' },
];

const FRAMEWORKS = frameworks.filter((f) => f.deployTargets.length > 0).map((f) => f.id);

describe('family 3: a target with the user\'s files', () => {
  for (const c of CASES) {
    for (const framework of FRAMEWORKS) {
      it(`${framework}: ${c.name}`, async () => {
        const target = path.join(cwd, 'api');
        const args = ['api', '--framework', framework, '--deploy', 'containers', '--no-install', '--no-git', '--yes'];
        const planned = cliPlan(args);
        fs.mkdirSync(target);
        c.setup(target, planned.map((p) => p.path));
        const before = snapshot(target);
        const outsideBefore = snapshot(outside);

        const plain = await runCli(args, { cwd });
        tally.add('without --force', 'runs');
        expect(plain.code, plain.stderr).toBe(1);
        expect(plain.stderr).toMatch(/Error \(write\): .*not empty.*--force/s);
        expect(snapshot(target)).toEqual(before);
        expect(leftovers()).toEqual([]);

        const forced = await runCli([...args, '--force'], { cwd });
        tally.add(`--force (${c.forced})`, 'runs');
        expect(snapshot(outside)).toEqual(outsideBefore);
        expect(leftovers()).toEqual([]);
        const after = snapshot(target);
        if (c.forced === 'refuses') {
          expect(forced.code, forced.stderr).toBe(1);
          expect(forced.stderr).toMatch(/Error \(write\): These files already exist .* none of yours is ever replaced/s);
          expect(after).toEqual(before);
        } else {
          expect(forced.code, forced.stderr).toBe(0);
          // Every file of the user's is still there, byte for byte and with its mode; ours were only added.
          for (const [rel, sum] of Object.entries(before)) expect(after[rel], rel).toBe(sum);
          for (const file of planned) expect(fs.statSync(path.join(target, file.path)).size, file.path).toBe(file.bytes);
          tally.add('user files kept byte-exact', 'files', Object.keys(before).length);
        }
      });
    }
  }

  it('--force over a complete earlier generation keeps every file (all unchanged) and exits 0', async () => {
    const args = ['api', '--framework', 'fastify', '--no-install', '--no-git', '--yes'];
    expect((await runCli(args, { cwd })).code).toBe(0);
    const before = snapshot(path.join(cwd, 'api'));
    const again = await runCli([...args, '--force'], { cwd });
    tally.add('--force (regenerate)', 'runs');
    expect(again.code, again.stderr).toBe(0);
    expect(snapshot(path.join(cwd, 'api'))).toEqual(before);
  });

  it('a target that is a file, or a link to a folder, is refused and left as it is', async () => {
    fs.writeFileSync(path.join(cwd, 'api'), 'a file');
    fs.symlinkSync(outside, path.join(cwd, 'linked'));
    for (const name of ['api', 'linked']) {
      const run = await runCli([name, '--framework', 'fastify', '--no-install', '--no-git', '--yes', '--force'], { cwd });
      tally.add('target not a folder', 'runs');
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(/Error \(write\): .*exists and is not a folder/);
    }
    expect(fs.readFileSync(path.join(cwd, 'api'), 'utf8')).toBe('a file');
    expect(Object.keys(snapshot(outside))).toEqual(['secret.txt']);
  });
});
