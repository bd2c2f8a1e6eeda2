/**
 * Agents are users too: every command of the built CLI answers --json with one JSON document on stdout, and nothing
 * else there.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requireFreshBuild } from '../built-cli.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cbf-json-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const env = { ...process.env, CI: '1', GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.com' };

function json(args: string[], cwd = root): any {
  const run = spawnSync(process.execPath, [requireFreshBuild(), ...args, '--json'], { cwd, env, encoding: 'utf8', timeout: 60_000 });
  expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(0);
  return JSON.parse(run.stdout);
}

describe('--json, for every command', () => {
  it('list: every framework with its deploy targets and commands', () => {
    const listed = json(['list']);
    expect(listed.map((f: { id: string }) => f.id)).toContain('fastify');
    expect(listed[0].commands).toHaveProperty('install');
    expect(listed.find((f: { id: string }) => f.id === 'fastapi').toolchain).toEqual([
      { name: 'Python', command: 'python3', minimum: '3.11' },
      { name: 'uv', command: 'uv', minimum: '0.13' },
    ]);
  });

  it('recommend: the decision, with a line for or against every framework and the tie', () => {
    const decision = json(['recommend', '--language', 'any']);
    expect(decision.tie.frameworks).toEqual(['nestjs', 'fastify']);
    for (const row of decision.ranking) expect(row.reasons.length + row.against.length).toBeGreaterThan(0);
  });

  it('create: the files, the bootstrap steps and the next steps (with the cd from here)', () => {
    const dry = json(['apps/dry', '--framework', 'gin', '--dry-run']);
    expect(dry.files.map((f: { path: string }) => f.path)).toContain('AGENTS.md');
    const made = json(['apps/made', '--framework', 'gin', '--no-install']);
    expect(made.target).toBe(path.join(root, 'apps/made'));
    expect(made.bootstrap.map((s: { step: string; status: string }) => `${s.step}:${s.status}`)).toEqual(['install:skipped', 'git:done']);
    expect(made.nextSteps).toEqual(['cd apps/made', 'go mod download', 'go test ./...', 'go run ./cmd/server']);
  });

  it('eject and update', () => {
    const ejected = json(['eject', 'gin', 'mine']);
    expect(ejected.files.length).toBeGreaterThan(0);
    const updated = json(['update', 'apps/made']);
    expect(updated.target).toBe(path.join(root, 'apps/made'));
    expect(updated.outcomes.every((o: { action: string }) => o.action === 'kept')).toBe(true);
  });
});
