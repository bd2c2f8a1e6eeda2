/**
 * An interrupt that lands while update awaits its last `git merge-file`: the signal handler has decided the message
 * ("update changed nothing") and is ending the children, while the merge finishes anyway. Update must then write
 * nothing (seen once in CI: a random interrupt at this point left the project changed). The merge's completion is
 * made deterministic here: the process runner raises the interrupt as the first merge resolves.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { cli, tempDir, write } from './helpers.js';
import { readGenerationRecord, updateProject } from '../../src/customize/update.js';
import { beginRun, interrupt, Interrupted } from '../../src/interrupt.js';

const signalDuringMerge = { armed: false };
vi.mock('../../src/processes.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/processes.js')>();
  return {
    ...real,
    run: async (...args: Parameters<typeof real.run>) => {
      const result = await real.run(...args);
      if (signalDuringMerge.armed && args[1].includes('merge-file')) interrupt();
      return result;
    },
  };
});

const made: string[] = [];
afterEach(() => {
  signalDuringMerge.armed = false;
  beginRun();
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd, encoding: 'utf8' });

it('writes nothing once a signal has landed during its merges, though a merge finished after it', async () => {
  const root = tempDir('update-interrupt');
  made.push(root);
  const team = path.join(root, 'team/fastify/base');
  write(path.join(team, 'notes.md'), 'one\ntwo\nthree\n');
  write(path.join(team, 'plain.md'), 'v1\n');
  expect((await cli(root, 'api', '--framework', 'fastify', '--yes', '--no-install', '--no-git', '--templates', 'team')).code).toBe(0);
  const project = path.join(root, 'api');
  git(project, 'init', '-q');
  git(project, 'add', '-A');
  git(project, 'commit', '-qm', 'generated');
  write(path.join(project, 'notes.md'), 'one\ntwo (user)\nthree\n');
  git(project, 'commit', '-qam', 'user edits');
  write(path.join(team, 'notes.md'), 'one\ntwo\nthree\nfour (v2)\n');
  write(path.join(team, 'plain.md'), 'v2\n');

  signalDuringMerge.armed = true;
  await expect(updateProject(project, readGenerationRecord(project))).rejects.toBeInstanceOf(Interrupted);
  expect(git(project, 'status', '--porcelain', '--untracked-files=all')).toBe('');

  // The same update, not interrupted, merges one file and updates the other.
  signalDuringMerge.armed = false;
  beginRun();
  const outcomes = Object.fromEntries((await updateProject(project, readGenerationRecord(project))).map((o) => [o.path, o.action]));
  expect(outcomes).toMatchObject({ 'notes.md': 'merged', 'plain.md': 'updated' });
  expect(fs.readFileSync(path.join(project, 'notes.md'), 'utf8')).toBe('one\ntwo (user)\nthree\nfour (v2)\n');
});
