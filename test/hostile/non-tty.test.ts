/**
 * Family 6: runs without a TTY never wait for input. stdin is a pipe that stays open (a CI step, `cmd | tool`), or
 * closed; each run is bounded, and one that needs an answer it was not given ends with exit 2 and says what to pass.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, runCli, SCRATCH, Tally } from './corpus.js';

const tally = new Tally();
afterAll(() => tally.print('family 6 non-TTY'));

const cwd = path.join(SCRATCH, 'non-tty');
beforeAll(() => {
  fs.rmSync(cwd, { recursive: true, force: true });
  fs.mkdirSync(cwd, { recursive: true });
  cli();
});

const BOUND_MS = 10_000;
const CASES: { args: string[]; code: number; stderr?: RegExp }[] = [
  { args: [], code: 2, stderr: /Missing the project folder/ },
  { args: ['--framework', 'fastify'], code: 2, stderr: /Missing the project folder/ },
  { args: ['--deploy', 'serverless', '--language', 'go'], code: 2, stderr: /Missing the project folder/ },
  { args: ['--no-install', '--no-git'], code: 2, stderr: /Missing the project folder/ },
  { args: ['--dry-run'], code: 2, stderr: /Missing the project folder/ },
  { args: ['--json'], code: 2, stderr: /Missing the project folder/ },
  { args: ['--force'], code: 2, stderr: /Missing the project folder/ },
  { args: ['--'], code: 2, stderr: /Missing the project folder/ },
  { args: ['recommend'], code: 0 },
  { args: ['recommend', '--json'], code: 0 },
  { args: ['list'], code: 0 },
  { args: ['api', '--dry-run'], code: 0 },
  { args: ['api2', '--no-install', '--no-git'], code: 0 },
  { args: ['api3', '--framework', 'django', '--no-install', '--no-git'], code: 0 },
  { args: ['--framework'], code: 2, stderr: /needs a value/ },
];

describe('family 6: non-TTY runs never hang', () => {
  for (const stdin of ['pipe-open', 'ignore'] as const) {
    for (const c of CASES) {
      it(`stdin ${stdin === 'pipe-open' ? 'an open pipe' : 'closed'}: ${c.args.join(' ') || '(no arguments)'} -> exit ${c.code} within ${BOUND_MS / 1000} s`, async () => {
        const dir = path.join(cwd, stdin);
        fs.mkdirSync(dir, { recursive: true });
        const run = await runCli(c.args, { cwd: dir, stdin, timeoutMs: BOUND_MS, env: { ...process.env, CI: '', TERM: 'xterm-256color' } });
        tally.add(`stdin ${stdin}`, 'runs');
        tally.add(`stdin ${stdin}`, `exit ${run.code ?? run.signal}`);
        expect(run.signal, `hung: ${run.stderr}`).toBeNull();
        expect(run.code, run.stderr).toBe(c.code);
        if (c.stderr) expect(run.stderr).toMatch(c.stderr);
        expect(run.ms).toBeLessThan(BOUND_MS);
      });
    }
  }
});
