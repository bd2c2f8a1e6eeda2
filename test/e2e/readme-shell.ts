/**
 * The shell a user pastes a README's commands into, holding only what that README names under "What it needs": each
 * named program (with the programs its install brings along, such as npm with Node.js), beside the base system (a
 * shell, coreutils, curl, a C compiler) with every other toolchain taken out. A command that relies on a program the
 * README does not name fails here, as it would on the machine of a user who followed the README.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toolEnv } from './tools.js';

/** The programs an install of a named one brings (rustup's proxies, Go's gofmt, npm with Node.js). */
const COMES_WITH: Record<string, readonly string[]> = {
  node: ['npm', 'npx'],
  cargo: ['rustc', 'rustfmt', 'cargo-fmt', 'cargo-clippy', 'clippy-driver', 'rustup'],
  go: ['gofmt'],
  java: ['javac', 'jar'],
};

/** Toolchains and tools a README may name, kept out of the base system so only a named one is there. */
const NAMEABLE = new RegExp(
  '^(' +
    [
      'node(js)?', 'npm', 'npx', 'corepack', 'pnpm', 'pnpx', 'yarn(pkg)?', 'bunx?', 'deno',
      'python[0-9.]*(-config)?', 'pip[0-9.]*', 'pydoc[0-9.]*', 'pyvenv.*', 'uvx?', 'pipx', 'poetry', 'ruff', 'mypy', 'pytest',
      'go', 'gofmt', 'golangci-lint', 'cargo.*', 'rust.*', 'clippy-driver',
      'java', 'javac', 'jar', 'jshell', 'mvn', 'mvnDebug', 'gradle',
      'make', 'gmake', 'git', 'aws-lambda-ri[ce]', 'sam', 'docker', 'kubectl', 'psql', 'postgres', 'pg_ctl', 'initdb',
    ].join('|') +
    ')$',
);
const SYSTEM_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** The commands a README names in its "What it needs" list: the backticked program of each item. */
export function namedPrograms(readme: string): string[] {
  const section = /^## What it needs\n([\s\S]*?)^## /m.exec(readme)?.[1];
  if (section === undefined) throw new Error('the README has no "## What it needs" section');
  const programs = [...section.matchAll(/^- .*?\(`([^`]+)`\)/gm)].map((m) => m[1]!);
  if (programs.length === 0) throw new Error(`"## What it needs" names no program:\n${section}`);
  return programs;
}

const made = new Map<string, string>();

/** toolEnv() with PATH holding only the named programs (found where toolEnv's PATH has them) and the base system. */
export function readmeShellEnv(programs: readonly string[]): NodeJS.ProcessEnv {
  const env = toolEnv();
  const key = [...programs].sort().join(' ');
  let bin = made.get(key);
  if (!bin) {
    bin = fs.mkdtempSync(path.join(os.tmpdir(), `cbf-readme-shell-${crypto.createHash('sha256').update(key).digest('hex').slice(0, 8)}-`));
    const named = path.join(bin, 'named');
    const base = path.join(bin, 'base');
    fs.mkdirSync(named);
    fs.mkdirSync(base);
    const searchPath = env.PATH!.split(path.delimiter);
    for (const program of programs) {
      const found = which(program, searchPath);
      if (!found) throw new Error(`the README names \`${program}\`, and the e2e machine has none on PATH: install it (see .ci/install-tools.sh)`);
      fs.symlinkSync(found, path.join(named, program));
      for (const companion of COMES_WITH[program] ?? []) {
        const with_ = which(companion, searchPath);
        if (with_) fs.symlinkSync(with_, path.join(named, companion));
      }
    }
    // The first of a name wins, as on PATH; with a merged /usr, /bin and /usr/bin list the same programs.
    const linked = new Set<string>();
    for (const dir of SYSTEM_DIRS) {
      if (!fs.existsSync(dir)) continue;
      for (const entry of fs.readdirSync(dir)) {
        const full = path.join(dir, entry);
        if (NAMEABLE.test(entry) || linked.has(entry) || !isExecutable(full)) continue;
        fs.symlinkSync(full, path.join(base, entry));
        linked.add(entry);
      }
    }
    made.set(key, bin);
    if (made.size === 1) process.on('exit', () => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  }
  return { ...env, PATH: [path.join(bin, 'named'), path.join(bin, 'base')].join(path.delimiter) };
}

function which(program: string, searchPath: readonly string[]): string | undefined {
  return searchPath.map((dir) => path.join(dir, program)).find(isExecutable);
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
