/** The uv.lock each Python starter ships, and how a generation writes the project's name into it. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProjectAnswers } from '../../src/answers.js';
import { decide } from '../../src/decide/decide.js';
import { frameworks } from '../../src/frameworks/index.js';
import { BUILTIN_TEMPLATES, lockLayer } from '../../src/plan/layers.js';
import { deriveNames } from '../../src/plan/names.js';
import { plan } from '../../src/plan/plan.js';
import { renameUvRoot, UvLockError } from '../../src/plan/uv-lock.js';
import { allows, pyprojectLockProblems, requirementKey } from './pyproject-lock.js';

const lock = (...packages: string[]) => ['version = 1\nrevision = 3\nrequires-python = ">=3.11"\n', ...packages].join('\n[[package]]\n');
const registry = (name: string) => `name = "${name}"\nversion = "1.0"\nsource = { registry = "https://pypi.org/simple" }\n`;
const root = (name: string) => `name = "${name}"\nversion = "0.1.0"\nsource = { editable = "." }\ndependencies = [\n    { name = "anyio" },\n]\n`;
const packageNames = (text: string) => [...text.matchAll(/^\[\[package\]\]\nname = "([^"]+)"/gm)].map((m) => m[1]!);

describe('renameUvRoot', () => {
  it('renames the root package and moves it to its place by name, leaving every other byte', () => {
    const stored = lock(registry('anyio'), root('lock-project'), registry('zope'));
    const named = renameUvRoot(stored, 'zz-top');
    expect(packageNames(named)).toEqual(['anyio', 'zope', 'zz-top']);
    expect(named).toBe(lock(registry('anyio'), registry('zope'), root('zz-top')));
    expect(renameUvRoot(stored, 'a')).toBe(lock(root('a'), registry('anyio'), registry('zope')));
  });

  it('orders by code unit as uv does ("my" before "my-api" before "myapi"), not by locale', () => {
    const stored = lock(registry('my'), registry('myapi'), root('x'));
    expect(packageNames(renameUvRoot(stored, 'my-api'))).toEqual(['my', 'my-api', 'myapi']);
  });

  it('refuses a lock it cannot read, and a name that is not normalised or that a dependency has', () => {
    expect(() => renameUvRoot(lock(registry('anyio')), 'x')).toThrow(/0 packages whose source is the project folder/);
    expect(() => renameUvRoot(lock(root('a'), root('b')), 'x')).toThrow(/2 packages/);
    expect(() => renameUvRoot('# not a lock\n', 'x')).toThrow(UvLockError);
    expect(() => renameUvRoot(lock(root('a')), 'My_API')).toThrow(/not a normalised distribution name/);
    expect(() => renameUvRoot(lock(registry('anyio'), root('a')), 'anyio')).toThrow(/name of a package it depends on/);
  });
});

const python = frameworks.filter((f) => f.ecosystem === 'python');
const combinations = python.flatMap((f) => f.deployTargets.flatMap((deploy) => [[], ['postgres'] as const].map((features) => ({ f, deploy, features: [...features] }))));

describe('the shipped uv.lock files', () => {
  it('are one per Python combination, framework x deploy target x database', () => {
    const shipped = python.flatMap((f) => fs.readdirSync(path.join(BUILTIN_TEMPLATES, f.id, 'locks')).map((key) => `${f.id}/locks/${key}`));
    expect(shipped.sort()).toEqual(combinations.map(({ f, deploy, features }) => lockLayer(f, deploy, features)).sort());
  });

  for (const { f, deploy, features } of combinations) {
    const label = `${f.id} ${deploy}${features.length ? ' with postgres' : ''}`;
    it(`${label}: a generation writes its lock with the project's distribution name, in uv's order`, () => {
      for (const projectName of ['Invoice API', 'a', 'zz', 'Crème Brûlée', 'Click', '9lives']) {
        const answers: ProjectAnswers = { projectName, framework: f.id, deploy, database: features.length ? 'postgres' : 'none', packageManager: 'npm', install: false, git: false };
        const written = plan(decide(answers), answers).files.find((file) => file.path === 'uv.lock')?.content.toString('utf8');
        expect(written, `${label}: uv.lock`).toBeDefined();
        const names = packageNames(written!);
        const dist = deriveNames(projectName).pythonDist;
        expect(names, projectName).toContain(dist);
        expect(names.filter((n) => n === dist), projectName).toHaveLength(1);
        expect(names, projectName).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      }
    });
  }

  it('pin no package a project could be named: every locked name is reserved (a project "click" is named "click-app")', () => {
    const lockFiles = python.flatMap((f) => fs.readdirSync(path.join(BUILTIN_TEMPLATES, f.id, 'locks')).map((key) => path.join(BUILTIN_TEMPLATES, f.id, 'locks', key, 'uv.lock')));
    const locked = new Set(lockFiles.flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(/^\[\[package\]\]\nname = "([^"]+)"\nversion = "[^"]+"\nsource = \{ registry /gm)].map((m) => m[1]!)));
    expect(locked.size).toBeGreaterThan(20);
    expect([...locked].filter((name) => deriveNames(name).pythonDist === name), 'locked names a project may take: add them to names.ts PYTHON_RESERVED').toEqual([]);
  });
});

describe('each shipped uv.lock and the pyproject.toml rendered beside it', () => {
  for (const { f, deploy, features } of combinations) {
    it(`${f.id} ${deploy}${features.length ? ' with postgres' : ''}: the lock records the manifest's requirements, and pins each in range`, () => {
      const answers: ProjectAnswers = { projectName: 'invoice-api', framework: f.id, deploy, database: features.length ? 'postgres' : 'none', packageManager: 'npm', install: false, git: false };
      const files = new Map(plan(decide(answers), answers).files.map((file) => [file.path, file.content.toString('utf8')]));
      expect(pyprojectLockProblems(files.get('pyproject.toml')!, files.get('uv.lock')!)).toEqual([]);
    });
  }

  it('reads a requirement the lock does not record as a disagreement', () => {
    expect(requirementKey('Psycopg', ['binary'], '<3.4, >=3.3.9')).toBe(requirementKey('psycopg', ['binary'], '>=3.3.9,<3.4'));
    expect(requirementKey('psycopg', [], '>=3.3.9,<3.4')).not.toBe(requirementKey('psycopg', ['binary'], '>=3.3.9,<3.4'));
    expect(allows('>=0.165.0,<0.166', '0.165.3')).toBe(true);
    expect(allows('>=0.165.0,<0.166', '0.166.0')).toBe(false);
    expect(allows('>=2.16.2,<3', '2.16.1')).toBe(false);
    const answers: ProjectAnswers = { projectName: 'invoice-api', framework: 'fastapi', deploy: 'containers', packageManager: 'npm', install: false, git: false };
    const files = new Map(plan(decide(answers), answers).files.map((file) => [file.path, file.content.toString('utf8')]));
    const drifted = files.get('pyproject.toml')!.replace(/"uvicorn>=([\d.]+),<([\d.]+)"/, '"uvicorn>=$1,<9"');
    expect(pyprojectLockProblems(drifted, files.get('uv.lock')!).join('\n')).toMatch(/requires-dist/);
  });
});
