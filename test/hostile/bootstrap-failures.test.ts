/**
 * Family 5: bootstrap failures (no git, git without an identity, a failing install, an unreachable registry, a
 * missing toolchain) leave the generated project intact, print the command to retry, and exit 3 (documented in
 * --help and src/errors.ts).
 */
import fs from 'node:fs';
import fse from 'fs-extra';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireTools } from '../e2e/tools.js';
import { cli, cliPlan, runCli, SCRATCH, snapshot, Tally } from './corpus.js';

const tally = new Tally();
afterAll(() => tally.print('family 5 bootstrap failures'));

const work = path.join(SCRATCH, 'bootstrap');
/** A bin folder with node and nothing else (node lives in /usr/bin beside git, so PATH cannot just drop a folder). */
const onlyNode = path.join(work, 'bin-only-node');
const fakeNpm = path.join(work, 'bin-failing-npm');
/** Tools that exist but are older than the starters need: each prints the version an old release prints. */
const oldTools = path.join(work, 'bin-old-tools');
const OLD_VERSIONS: Record<string, string> = { node: 'v20.11.1', python3: 'Python 3.9.18', go: 'go version go1.22.4 linux/amd64', java: 'openjdk version "11.0.22" 2024-01-16' };
/** The Node the Node starters need (24), where a case must get past the version check to the failure it is about. */
const node24 = Number(process.versions.node.split('.')[0]) >= 24 ? process.execPath : requireTools().node24;

beforeAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
  for (const dir of [onlyNode, fakeNpm]) {
    fs.mkdirSync(dir, { recursive: true });
    fs.symlinkSync(dir === fakeNpm ? node24 : process.execPath, path.join(dir, 'node'));
  }
  for (const [tool, version] of Object.entries(OLD_VERSIONS)) fse.outputFileSync(path.join(oldTools, tool), `#!/bin/sh\necho '${version}' >&2\nexit 0\n`, { mode: 0o755 });
  for (const tool of ['git', 'sh', 'npm']) {
    const real = ['/usr/bin', '/bin'].map((d) => path.join(d, tool)).find((p) => fs.existsSync(p));
    if (real) fs.symlinkSync(real, path.join(oldTools, tool));
  }
  fs.writeFileSync(path.join(fakeNpm, 'npm'), '#!/bin/sh\nif [ "$1" = "--version" ]; then echo 10.9.0; exit 0; fi\necho "npm ERR! simulated failure" >&2\nexit 1\n', { mode: 0o755 });
  for (const tool of ['git', 'sh']) {
    const real = ['/usr/bin', '/bin'].map((d) => path.join(d, tool)).find((p) => fs.existsSync(p));
    if (real) fs.symlinkSync(real, path.join(fakeNpm, tool));
  }
  cli();
});

interface Case {
  name: string;
  framework: string;
  flags: string[];
  env: () => NodeJS.ProcessEnv;
  step: 'git' | 'install';
  why: RegExp;
  retry: RegExp;
}

const baseEnv = () => ({ HOME: path.join(work, 'home'), CI: '1', TERM: 'dumb' });
const CASES: Case[] = [
  {
    name: 'no git on PATH',
    framework: 'fastify',
    flags: ['--no-install'],
    env: () => ({ ...baseEnv(), PATH: onlyNode }),
    step: 'git',
    why: /git was not found on PATH/,
    retry: /Retry in the project folder: git init && git add -A && git commit/,
  },
  {
    name: 'git without a user name and email',
    framework: 'gin',
    flags: ['--no-install'],
    env: () => ({ ...baseEnv(), PATH: process.env.PATH!, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'user.useConfigOnly', GIT_CONFIG_VALUE_0: 'true', GIT_AUTHOR_NAME: '', GIT_AUTHOR_EMAIL: '', GIT_COMMITTER_NAME: '', GIT_COMMITTER_EMAIL: '', EMAIL: '' }),
    step: 'git',
    why: /git has no user name or email|git failed/,
    retry: /Retry in the project folder: git init/,
  },
  {
    name: 'a failing install (fake npm exits 1)',
    framework: 'fastify',
    flags: ['--no-git'],
    env: () => ({ ...baseEnv(), PATH: fakeNpm }),
    step: 'install',
    why: /npm ci exited with 1:[\s\S]*simulated failure/,
    retry: /Retry in the project folder: npm ci/,
  },
  {
    name: 'an unreachable registry (npm_config_registry=http://127.0.0.1:9, empty cache)',
    framework: 'fastify',
    flags: ['--no-git'],
    env: () => ({
      ...baseEnv(),
      PATH: `${path.dirname(node24)}${path.delimiter}${process.env.PATH!}`,
      npm_config_registry: 'http://127.0.0.1:9/',
      npm_config_cache: path.join(work, 'empty-npm-cache'),
      npm_config_fetch_retries: '0',
      npm_config_fetch_timeout: '5000',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
      npm_config_offline: 'false',
      npm_config_prefer_offline: 'false',
    }),
    step: 'install',
    why: /npm ci exited with \d+/,
    retry: /Retry in the project folder: npm ci/,
  },
  {
    name: 'the Go toolchain missing for a Go install',
    framework: 'echo',
    flags: ['--no-git'],
    env: () => ({ ...baseEnv(), PATH: onlyNode }),
    step: 'install',
    why: /go was not found/,
    retry: /Retry in the project folder: go mod download/,
  },
  ...(
    [
      ['fastify', 'Node.js 20.11.1 (node), but this project needs Node.js 24 or newer', 'npm ci'],
      ['fastapi', 'Python 3.9.18 (python3), but this project needs Python 3.11 or newer', 'uv sync --locked'],
      ['gin', 'Go 1.22.4 (go), but this project needs Go 1.25 or newer', 'go mod download'],
      ['spring-boot', 'a JDK 11.0.22 (java), but this project needs a JDK 25 or newer', './mvnw'],
    ] as const
  ).map(([framework, found, retry]): Case => ({
    name: `${framework} with a toolchain older than it needs`,
    framework,
    flags: ['--no-git'],
    env: () => ({ ...baseEnv(), PATH: oldTools }),
    step: 'install',
    why: new RegExp(`Warning \\(install\\): Found ${found.replace(/[.()]/g, '\\$&')}: \\S`),
    retry: new RegExp(`Retry in the project folder: ${retry.replace(/[.]/g, '\\$&')}`),
  })),
  {
    name: 'no git and a failing install together',
    framework: 'nestjs',
    flags: [],
    env: () => ({ ...baseEnv(), PATH: onlyNode }),
    step: 'install',
    why: /was not found/,
    retry: /Retry in the project folder: git init[\s\S]*|Retry in the project folder: npm ci/,
  },
];

describe('family 5: bootstrap failures', () => {
  for (const c of CASES) {
    it(`${c.name}: exit 3, project intact, retry command printed`, async () => {
      const cwd = path.join(work, c.name.replace(/\W+/g, '-'));
      fs.mkdirSync(cwd, { recursive: true });
      fs.mkdirSync(baseEnv().HOME, { recursive: true });
      const args = ['api', '--framework', c.framework, '--yes', ...c.flags];
      const planned = cliPlan(args);
      const run = await runCli(args, { cwd, env: c.env(), timeoutMs: 180_000 });
      tally.add(`${c.step}`, 'runs');
      expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(3);
      expect(run.stderr).toMatch(new RegExp(`Warning \\(${c.step}\\): `));
      expect(run.stderr).toMatch(c.why);
      expect(run.stderr).toMatch(c.retry);
      // Every planned file is there with its planned size: nothing was rolled back or removed.
      const target = path.join(cwd, 'api');
      for (const file of planned) expect(fs.statSync(path.join(target, file.path)).size, file.path).toBe(file.bytes);
      expect(Object.keys(snapshot(target)).length).toBeGreaterThanOrEqual(planned.length);
      // The next steps still say how to finish.
      expect(run.stdout).toMatch(/Next steps:\n  cd api/);
    });
  }

  it('--help documents exit code 3', async () => {
    const run = await runCli(['--help'], { cwd: work });
    expect(run.stdout).toMatch(/3 generated but git, install or a team generator failed/);
    expect(run.stdout).toMatch(/4 update or add left conflicts\s+to resolve/);
  });
});
