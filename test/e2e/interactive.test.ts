/**
 * The prompts as a person meets them: the built CLI on a pseudo-terminal (util-linux `script`), answered with keys.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from './tools.js';
import { requireFreshBuild } from '../built-cli.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cbf-tty-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const KEYS = { enter: '\r', down: '\x1b[B', up: '\x1b[A', ctrlC: '\x03' };

/** Runs the CLI on a pty; `steps` wait for a text on screen, then type keys. Bounded by a timeout. */
function session(args: string, steps: [waitFor: string, keys: string][]): Promise<{ code: number | null; screen: string }> {
  return new Promise((resolve, reject) => {
    // A pty from script has no size; clack would wrap every character onto its own line.
    const command = `stty cols 120 rows 50 && exec node ${JSON.stringify(requireFreshBuild())} ${args}`;
    const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: root, env: { ...process.env, TERM: 'xterm', CI: '' } });
    let screen = '';
    let next = 0;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out waiting for ${JSON.stringify(steps[next]?.[0])}:\n${screen.slice(-2000)}`));
    }, 60_000);
    child.stdout.on('data', (data: Buffer) => {
      screen += data.toString();
      while (next < steps.length && screen.includes(steps[next]![0])) {
        const keys = steps[next]![1];
        next++;
        setTimeout(() => child.stdin.write(keys), 150);
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, screen });
    });
  });
}

describe('interactive prompts', () => {
  it('ask what the flags left open, show the recommendation with its reasons, and generate', async () => {
    const { code, screen } = await session('tty-api --no-install --no-git', [
      ['Which language', KEYS.down + KEYS.down + KEYS.enter], // Python
      ['mostly do', KEYS.down + KEYS.enter], // AI
      ['How many engineers', KEYS.down + KEYS.down + KEYS.enter], // 10 or more
      ['How much opinion', KEYS.enter],
      ['Expected sustained load', KEYS.enter],
      ['How will it run', KEYS.down + KEYS.enter], // serverless
      ['Framework', KEYS.enter], // the recommendation
      ['A database', KEYS.enter], // none for now
    ]);
    expect(screen).toMatch(/Recommended: FastAPI/);
    expect(screen).toMatch(/\[workload-ai\]/);
    expect(screen).toMatch(/Watch out for: Async pitfalls/);
    expect(code).toBe(0);
    const record = JSON.parse(fs.readFileSync(path.join(root, 'tty-api/.create-backend-fit.json'), 'utf8'));
    expect(record.answers).toMatchObject({ framework: 'fastapi', language: 'python', workload: 'ai', deploy: 'serverless', teamSize: 10 });
  });

  it('asks the team size, and a tie at the top is said with how it was broken', async () => {
    const { code, screen } = await session('tie-api --no-install --no-git', [
      ['Which language', KEYS.down.repeat(3) + KEYS.enter], // Go
      ['mostly do', KEYS.up + KEYS.enter], // A general API (the last)
      ['How many engineers', KEYS.enter], // Just me
      ['How much opinion', KEYS.down + KEYS.enter], // control
      ['Expected sustained load', KEYS.enter],
      ['How will it run', KEYS.enter],
      ['Framework', KEYS.enter],
      ['A database', KEYS.enter],
    ]);
    expect(code).toBe(0);
    // The note box wraps its lines; the words are checked with the box drawing taken out.
    const words = screen.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '').replace(/[│╮╯]\s*\n\s*│?\s*/g, ' ').replace(/\s+/g, ' ');
    expect(words).toContain("Tie: Gin and Echo tie at 115; the tie goes to Gin, the first of them in the article's table.");
    expect(words).not.toContain('[larger-teams]');
    const record = JSON.parse(fs.readFileSync(path.join(root, 'tie-api/.create-backend-fit.json'), 'utf8'));
    expect(record.answers).toMatchObject({ framework: 'gin', language: 'go', workload: 'general', teamSize: 1, style: 'minimal' });
  });

  it('with --framework, asks only how it will run and whether it has a database', async () => {
    const { code, screen } = await session('chosen-api --framework gin --no-install --no-git', [
      ['How will it run', KEYS.down + KEYS.enter],
      ['A database', KEYS.enter],
    ]);
    expect(code).toBe(0);
    expect(screen).not.toMatch(/Which language|How many engineers/);
    const record = JSON.parse(fs.readFileSync(path.join(root, 'chosen-api/.create-backend-fit.json'), 'utf8'));
    expect(record.answers).toMatchObject({ framework: 'gin', deploy: 'serverless' });
    expect(record.answers.database ?? 'none', 'no database chosen').toBe('none');
  });

  it('the project folder question takes a path, checked as the command line checks it', async () => {
    const { code, screen } = await session('--framework gin --no-install --no-git', [
      ['Project folder', `apps/-bad${KEYS.enter}`],
      ['starts with a hyphen', `${'\x7f'.repeat(4)}typed-api${KEYS.enter}`],
      ['How will it run', KEYS.enter],
      ['A database', KEYS.enter],
    ]);
    expect(code, screen.slice(-2000)).toBe(0);
    expect(fs.readFileSync(path.join(root, 'apps/typed-api/.create-backend-fit.json'), 'utf8')).toMatch(/"projectName": "typed-api"/);
    expect(screen).toMatch(/Next steps:\r?\n {2}cd apps\/typed-api/);
  });

  it('asks for a database after the deploy target when the framework offers one, and records it', async () => {
    const { code, screen } = await session('db-api --framework fastify --no-install --no-git', [
      ['How will it run', KEYS.enter], // containers
      ['A database', KEYS.down + KEYS.enter], // PostgreSQL
    ]);
    expect(code, screen.slice(-2000)).toBe(0);
    const record = JSON.parse(fs.readFileSync(path.join(root, 'db-api/.create-backend-fit.json'), 'utf8'));
    expect(record.answers).toMatchObject({ framework: 'fastify', deploy: 'containers', database: 'postgres' });
    expect(fs.existsSync(path.join(root, 'db-api/migrations'))).toBe(true);
  });

  it('Ctrl-C at a prompt exits 130 and writes nothing', async () => {
    const { code } = await session('cancelled-api --no-install --no-git', [['Which language', KEYS.down + KEYS.ctrlC]]);
    expect(code).toBe(130);
    expect(fs.existsSync(path.join(root, 'cancelled-api'))).toBe(false);
  });
});
