import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import type { PlannedFile } from '../../src/plan/plan.js';
import { writePlan } from '../../src/write.js';

let parent: string;
beforeEach(() => {
  parent = fs.mkdtempSync(path.join(os.tmpdir(), 'cbf-write-'));
});
afterEach(() => fs.rmSync(parent, { recursive: true, force: true }));

const file = (p: string, content: string, mode = 0o644): PlannedFile => ({ path: p, content: Buffer.from(content), mode });
const PLAN = [file('README.md', '# api\n'), file('src/app.ts', 'export {};\n'), file('mvnw', '#!/bin/sh\n', 0o755)];

/** Path -> sha256 of every file under a folder, to prove nothing of the user's changed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full)] = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex');
  }
  return out;
}
const leftovers = () => fs.readdirSync(parent).filter((name) => name.includes('create-backend-fit-'));

function writeError(run: () => unknown): CliError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).phase).toBe('write');
    return error as CliError;
  }
  throw new Error('expected a write error');
}

describe('writePlan', () => {
  it('creates a new folder with every file and its mode, and leaves no temporary folder', () => {
    const target = path.join(parent, 'api');
    const result = writePlan(PLAN, target, { force: false });
    expect(result.written.sort()).toEqual(['README.md', 'mvnw', 'src/app.ts']);
    expect(fs.readFileSync(path.join(target, 'src/app.ts'), 'utf8')).toBe('export {};\n');
    expect(fs.statSync(path.join(target, 'mvnw')).mode & 0o777).toBe(0o755);
    expect(leftovers()).toEqual([]);
  });

  it('fills an existing empty folder', () => {
    const target = path.join(parent, 'api');
    fs.mkdirSync(target);
    writePlan(PLAN, target, { force: false });
    expect(Object.keys(snapshot(target)).sort()).toEqual(['README.md', 'mvnw', 'src/app.ts']);
  });

  it('refuses a folder with files in it, touching nothing, unless --force', () => {
    const target = path.join(parent, 'api');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'notes.txt'), 'mine');
    const before = snapshot(target);
    expect(writeError(() => writePlan(PLAN, target, { force: false })).message).toMatch(/not empty \(notes\.txt\).*--force/);
    expect(snapshot(target)).toEqual(before);
    expect(leftovers()).toEqual([]);
  });

  it('with --force adds beside the user\'s files and never replaces one', () => {
    const target = path.join(parent, 'api');
    fs.mkdirSync(path.join(target, 'src'), { recursive: true });
    fs.writeFileSync(path.join(target, 'notes.txt'), 'mine');
    fs.writeFileSync(path.join(target, 'README.md'), '# api\n'); // identical to ours
    const result = writePlan(PLAN, target, { force: true });
    expect(result.unchanged).toEqual(['README.md']);
    expect(fs.readFileSync(path.join(target, 'notes.txt'), 'utf8')).toBe('mine');
    expect(fs.existsSync(path.join(target, 'src/app.ts'))).toBe(true);
  });

  it('with --force refuses before writing anything when one of the user\'s files differs', () => {
    const target = path.join(parent, 'api');
    fs.mkdirSync(path.join(target, 'src'), { recursive: true });
    fs.writeFileSync(path.join(target, 'src/app.ts'), 'my own code');
    fs.writeFileSync(path.join(target, 'mvnw'), 'my wrapper');
    const before = snapshot(target);
    const error = writeError(() => writePlan(PLAN, target, { force: true }));
    expect(error.message).toContain('src/app.ts');
    expect(error.message).toContain('mvnw');
    expect(snapshot(target)).toEqual(before);
    expect(leftovers()).toEqual([]);
  });

  it('treats a file where the starter needs a folder as a collision', () => {
    const target = path.join(parent, 'api');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'src'), 'a file named src');
    expect(writeError(() => writePlan(PLAN, target, { force: true })).message).toMatch(/src\/app\.ts \(src is not a folder\)/);
    expect(fs.readFileSync(path.join(target, 'src'), 'utf8')).toBe('a file named src');
  });

  it('says clearly when the target is a file or its parent cannot hold a folder', () => {
    const asFile = path.join(parent, 'api');
    fs.writeFileSync(asFile, 'x');
    expect(writeError(() => writePlan(PLAN, asFile, { force: true })).message).toMatch(/exists and is not a folder/);
    expect(writeError(() => writePlan(PLAN, path.join(asFile, 'nested'), { force: false })).message).toMatch(/a part of the path is a file/);
    expect(fs.readFileSync(asFile, 'utf8')).toBe('x');
  });
});
