import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main, type Io } from '../../src/cli.js';
import { requireFreshBuild } from '../built-cli.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, non-interactive, in `cwd`. */
export async function cli(cwd: string, ...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), interactive: false, env: {}, cwd };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/**
 * Runs the built CLI (bin/create-backend-fit.cjs -> dist/, as `npm test` builds it) in a child process: the bundle
 * renders from precompiled templates and loads Handlebars' compiler and node-plop from its own files, so the paths a
 * team's templates and plopfile take there differ from src/.
 */
export function builtCli(cwd: string, ...argv: string[]): CliRun {
  const bin = requireFreshBuild();
  const run = spawnSync(process.execPath, [bin, ...argv], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `cbf-${prefix}-`));
}

export function write(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/** Every file under a folder, path -> content. */
export function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    if (full.includes(`${path.sep}.git${path.sep}`)) continue;
    out[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
  }
  return out;
}
