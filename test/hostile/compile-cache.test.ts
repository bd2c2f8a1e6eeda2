/**
 * Node's compile cache (bin/create-backend-fit.cjs): Node runs the code it finds in the cache folder, so the CLI keeps
 * it only in the user's own cache folder, never in the shared temp folder, and not at all in a folder another account
 * can write or own. Run with Node 24 (Node 20, the suite's own, has no compile cache): a run that used a folder leaves
 * cache files in it, one that refused it leaves it as it was; either way the command works and TMPDIR stays empty.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requireTools } from '../e2e/tools.js';
import { requireFreshBuild } from '../built-cli.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cbf-compile-cache-'));
/** Node 24 and the built CLI, looked up once: requireFreshBuild walks src/ and templates/ to check the build. */
let nodeAndCli: [string, string] | undefined;
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let caseNo = 0;
/** `--version` on Node 24 with only the given variables (and a private TMPDIR), from an empty folder. */
function run(env: Record<string, string>) {
  const dir = path.join(root, `case-${caseNo++}`);
  const tmp = path.join(dir, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  const [node24, cli] = (nodeAndCli ??= [requireTools().node24, requireFreshBuild()]);
  const result = spawnSync(node24, [cli, '--version'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', TMPDIR: tmp, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(result.status, result.stderr).toBe(0);
  expect(result.stdout).toMatch(/^\d+\.\d+\.\d+/);
  expect(fs.readdirSync(tmp), 'nothing in TMPDIR, Node\'s default cache folder included').toEqual([]);
  return dir;
}

const cacheOf = (cacheHome: string) => path.join(cacheHome, 'create-backend-fit', 'compile-cache');
const filesUnder = (dir: string): string[] => fs.readdirSync(dir, { recursive: true, encoding: 'utf8' });

describe('the compile cache stays in a folder only the user can write', () => {
  it('is written under ~/.cache/create-backend-fit/compile-cache (mode 700), and under $XDG_CACHE_HOME when set', () => {
    const home = path.join(root, 'home');
    fs.mkdirSync(home);
    run({ HOME: home });
    const cache = cacheOf(path.join(home, '.cache'));
    expect(fs.statSync(cache).mode & 0o777).toBe(0o700);
    expect(filesUnder(cache).length, 'Node wrote its cache there').toBeGreaterThan(0);

    const xdg = path.join(root, 'xdg');
    run({ HOME: home, XDG_CACHE_HOME: xdg });
    expect(filesUnder(cacheOf(xdg)).length).toBeGreaterThan(0);
  });

  it('is not used in a folder others can write: the planted file stays alone there', () => {
    const cacheHome = path.join(root, 'planted');
    const cache = cacheOf(cacheHome);
    fs.mkdirSync(cache, { recursive: true });
    fs.chmodSync(cache, 0o777);
    fs.writeFileSync(path.join(cache, 'planted'), 'not ours');
    run({ HOME: root, XDG_CACHE_HOME: cacheHome });
    expect(filesUnder(cache)).toEqual(['planted']);

    // The same with the parent folder writable by others (it could swap the cache folder for its own).
    const parentOpen = path.join(root, 'parent-open');
    fs.mkdirSync(cacheOf(parentOpen), { recursive: true, mode: 0o700 });
    fs.chmodSync(path.join(parentOpen, 'create-backend-fit'), 0o777);
    run({ HOME: root, XDG_CACHE_HOME: parentOpen });
    expect(filesUnder(cacheOf(parentOpen))).toEqual([]);
  });

  it('is not used through a link to a folder elsewhere', () => {
    const target = path.join(root, 'elsewhere');
    fs.mkdirSync(target, { mode: 0o700 });
    const cacheHome = path.join(root, 'linked');
    fs.mkdirSync(cacheHome);
    fs.symlinkSync(target, path.join(cacheHome, 'create-backend-fit'));
    run({ HOME: root, XDG_CACHE_HOME: cacheHome });
    expect(filesUnder(target), 'the folder the link points to').toEqual(['compile-cache']);
    expect(filesUnder(path.join(target, 'compile-cache'))).toEqual([]);
  });

  it.runIf(process.getuid?.() === 0)('is not used in a folder another account owns, even mode 700', () => {
    const cacheHome = path.join(root, 'foreign');
    const cache = cacheOf(cacheHome);
    fs.mkdirSync(cache, { recursive: true, mode: 0o700 });
    fs.chownSync(cache, 65534, 65534);
    run({ HOME: root, XDG_CACHE_HOME: cacheHome });
    expect(filesUnder(cache)).toEqual([]);
  });

  it('runs without one when HOME is unset, relative or not writable, or NODE_DISABLE_COMPILE_CACHE=1', () => {
    run({});
    run({ XDG_CACHE_HOME: 'relative/cache' });
    const file = path.join(root, 'a-file');
    fs.writeFileSync(file, '');
    run({ HOME: file });
    const home = path.join(root, 'disabled-home');
    fs.mkdirSync(home);
    run({ HOME: home, NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(fs.readdirSync(home), 'nothing made in HOME').toEqual([]);
  });
});
