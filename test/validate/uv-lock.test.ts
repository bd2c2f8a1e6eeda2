/**
 * The manifest and the lock agree, as uv itself judges: every Python combination, generated under a few names, passes
 * `uv lock --check` (what `uv sync --locked` checks first), offline and without a cache, so it reads nothing but the
 * two files. A pyproject.toml changed without its lock fails the same check (the test can fail).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProjectAnswers } from '../../src/answers.js';
import { decide } from '../../src/decide/decide.js';
import { frameworks } from '../../src/frameworks/index.js';
import { plan } from '../../src/plan/plan.js';
import { TOOLS } from '../e2e/tools.js';

const UV = path.join(TOOLS, 'bin/uv');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cbf-uv-lock-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function written(answers: ProjectAnswers, dir: string): string {
  const files = plan(decide(answers), answers).files;
  fs.mkdirSync(dir, { recursive: true });
  for (const name of ['pyproject.toml', 'uv.lock']) fs.writeFileSync(path.join(dir, name), files.find((f) => f.path === name)!.content);
  return dir;
}

function lockCheck(dir: string) {
  const result = spawnSync(UV, ['lock', '--check', '--offline', '--no-cache'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, UV_PYTHON_DOWNLOADS: 'never', UV_NO_CONFIG: '1' },
    timeout: 120_000,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}${result.error ? String(result.error) : ''}` };
}

const combinations = frameworks
  .filter((f) => f.ecosystem === 'python')
  .flatMap((f) => f.deployTargets.flatMap((deploy) => (['none', 'postgres'] as const).map((database) => ({ f, deploy, database }))));

describe('uv.lock and pyproject.toml agree, as uv checks them', () => {
  it('has uv to check with (.ci/install-tools.sh)', () => {
    expect(fs.existsSync(UV), `${UV}: run bash .ci/install-tools.sh`).toBe(true);
  });

  for (const { f, deploy, database } of combinations) {
    it(`${f.id} ${deploy} (database ${database}), under any name`, () => {
      for (const [i, projectName] of ['Zed Über_API', 'Click'].entries()) {
        const answers: ProjectAnswers = { projectName, framework: f.id, deploy, database, packageManager: 'npm', install: false, git: false };
        const dir = written(answers, path.join(scratch, `${f.id}-${deploy}-${database}-${i}`));
        const check = lockCheck(dir);
        expect(check.code, `${projectName}: ${check.output}`).toBe(0);
      }
    });
  }

  it('fails for a pyproject.toml whose dependencies the lock does not match', () => {
    const answers: ProjectAnswers = { projectName: 'invoice-api', framework: 'fastapi', deploy: 'containers', packageManager: 'npm', install: false, git: false };
    const dir = written(answers, path.join(scratch, 'drifted'));
    const manifest = path.join(dir, 'pyproject.toml');
    const text = fs.readFileSync(manifest, 'utf8');
    const drifted = text.replace(/"uvicorn>=([\d.]+),/, '"uvicorn>=$1.1,');
    expect(drifted).not.toBe(text);
    fs.writeFileSync(manifest, drifted);
    expect(lockCheck(dir).code).not.toBe(0);
  });
});
