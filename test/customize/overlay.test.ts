import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PRISTINE_FILE, RECORD_FILE } from '../../src/plan/record.js';
import { renameUvRoot } from '../../src/plan/uv-lock.js';
import { cli, tempDir, tree, write } from './helpers.js';

const made: string[] = [];
const scratch = (name: string) => {
  const dir = tempDir(name);
  made.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
const FLAGS = ['--framework', 'fastify', '--deploy', 'containers', '--yes', '--no-install', '--no-git'];

describe('--templates', () => {
  it('replaces and adds files, rendering .hbs with the same variables and helpers', async () => {
    const root = scratch('overlay');
    write(path.join(root, 'team/fastify/base/src/server.ts'), '// our own server\n');
    write(path.join(root, 'team/_shared/base/docs/OWNERS.md.hbs'), 'Owners of {{title}}: {{json npmName}}\n');
    const run = await cli(root, 'api', ...FLAGS, '--templates', 'team');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const files = tree(path.join(root, 'api'));
    expect(files['src/server.ts']).toBe('// our own server\n');
    expect(files['docs/OWNERS.md']).toBe('Owners of api: "api"\n');
    expect(files['src/app.ts']).toContain('buildApp');
  });

  it('refuses a link in the team folder, which could reach anywhere on the machine', async () => {
    const root = scratch('overlay-link');
    write(path.join(root, 'secret.txt'), 'secret');
    fs.mkdirSync(path.join(root, 'team/fastify/base'), { recursive: true });
    fs.symlinkSync(path.join(root, 'secret.txt'), path.join(root, 'team/fastify/base/leak.txt'));
    const run = await cli(root, 'api', ...FLAGS, '--templates', 'team');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/symbolic link/);
    expect(fs.existsSync(path.join(root, 'api'))).toBe(false);
  });

  it('fills path variables in the team\'s paths too', async () => {
    const root = scratch('overlay-escape');
    write(path.join(root, 'team/fastify/base/__title__/x.txt'), 'x');
    const run = await cli(root, 'api', ...FLAGS, '--templates', 'team', '--force');
    expect(run.code).toBe(0);
    expect(fs.existsSync(path.join(root, 'api/api/x.txt'))).toBe(true);
  });

  it('a missing templates folder is a usage error', async () => {
    const root = scratch('overlay-missing');
    expect((await cli(root, 'api', ...FLAGS, '--templates', 'nope')).code).toBe(2);
  });
});

describe('eject', () => {
  it('copies one framework\'s templates, and generating from them gives the same project', async () => {
    const root = scratch('eject');
    const ejected = await cli(root, 'eject', 'fastify', 'mine');
    expect(ejected.code).toBe(0);
    expect(fs.existsSync(path.join(root, 'mine/fastify/base/src/app.ts.hbs'))).toBe(true);
    expect(fs.existsSync(path.join(root, 'mine/_shared/base/README.md.hbs'))).toBe(true);
    expect(fs.existsSync(path.join(root, 'mine/fastify/features/postgres/base/src/db.ts')), 'the feature layers too').toBe(true);
    expect(fs.existsSync(path.join(root, 'mine/nestjs'))).toBe(false);
    fs.mkdirSync(path.join(root, 'a'));
    fs.mkdirSync(path.join(root, 'b'));
    expect((await cli(path.join(root, 'a'), 'api', ...FLAGS)).code).toBe(0);
    expect((await cli(path.join(root, 'b'), 'api', ...FLAGS, '--templates', '../mine')).code).toBe(0);
    const plain = tree(path.join(root, 'a/api'));
    const custom = tree(path.join(root, 'b/api'));
    // Only the record differs: it names the templates folder used.
    delete plain[RECORD_FILE];
    delete custom[RECORD_FILE];
    expect(custom).toEqual(plain);
    expect((await cli(root, 'eject', 'fastify', 'mine')).code).toBe(1);
    expect((await cli(root, 'eject', 'express')).code).toBe(2);
  });
});

describe('--answers replay', () => {
  it('regenerates the same project without prompts', async () => {
    const root = scratch('replay');
    const first = await cli(root, 'firstapi', '--language', 'python', '--workload', 'ai', '--deploy', 'serverless', '--rps', '300', '--yes', '--no-install', '--no-git');
    expect(first.code).toBe(0);
    const replayed = await cli(root, 'secondapi', '--answers', 'firstapi/.create-backend-fit.json', '--no-install', '--no-git');
    expect(replayed.stderr).toBe('');
    expect(replayed.code).toBe(0);
    const a = tree(path.join(root, 'firstapi'));
    const b = tree(path.join(root, 'secondapi'));
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    // The folder name is the only answer that changed, and it is the title of the README and the record (names no
    // text of a template has, so that replacing them replaces nothing else). uv.lock also sorts the project by its
    // name among the packages, so its expected text is the lock named anew (and so in the pristine render's copy).
    type Pristine = { files: Record<string, { text?: string }> };
    const expected = (rel: string, text: string): unknown => {
      if (rel === 'uv.lock') return renameUvRoot(text, 'secondapi');
      if (rel !== PRISTINE_FILE) return text.replaceAll('firstapi', 'secondapi');
      const pristine = JSON.parse(text) as Pristine;
      const files = Object.entries(pristine.files).map(([p, f]) => [p, f.text === undefined ? f : { ...f, text: expected(p, f.text) }]);
      return { ...pristine, files: Object.fromEntries(files) };
    };
    const changedFiles = Object.keys(a).filter((f) => a[f] !== b[f]);
    expect(changedFiles).toContain('uv.lock');
    for (const f of changedFiles) expect(f === PRISTINE_FILE ? JSON.parse(b[f]!) : b[f], f).toEqual(expected(f, a[f]!));
    expect(JSON.parse(b[RECORD_FILE]!).answers).toMatchObject({ framework: 'fastapi', deploy: 'serverless', rps: 300, workload: 'ai' });
    expect(Object.keys(a)).toContain(PRISTINE_FILE);
  });

  it('refuses a record with a value the flags would refuse', async () => {
    const root = scratch('replay-bad');
    write(path.join(root, 'bad.json'), JSON.stringify({ answers: { projectName: 'x', framework: 'express' } }));
    const run = await cli(root, '--answers', 'bad.json', '--no-install', '--no-git');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('Error (record): bad.json: "answers.framework" is "express", not one of fastify, nestjs, fastapi, django, gin, echo, axum, spring-boot.\n');
  });
});
