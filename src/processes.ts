/**
 * Child processes. execa loads on the first one: its 116 KiB bundle (and the stream modules it pulls from Node)
 * stay unread by a generation with --no-install --no-git, by --dry-run and by eject.
 *
 * Every child runs in a process group of its own, so that an interrupt ends all it started too (an install runs
 * `sh -c "npm install"`, and npm starts more): ending only the shell left npm writing into the project.
 */
import type { Options, Result } from 'execa';
import { interruptSignal } from './interrupt.js';

export const loadExeca = async () => (await import('execa')).execa;


/**
 * git as the tool runs it: hooks off (a hook is code, and the tool's commits and checks are its own) and no file
 * system monitor. Templates can never bring git configuration, since no template may write under .git/
 * (src/project-paths.ts).
 */
export const GIT_SAFE = ['-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=false'];

/** Process groups of the children still running. */
const groups = new Set<number>();

/** Runs a command as its own process group, ended by an interrupt; the result is execa's. */
export async function run<O extends Options>(file: string, args: readonly string[], options: O): Promise<Result<O>> {
  const execa = await loadExeca();
  // Nothing a child runs may wait for the user's input (and a detached group cannot read the terminal anyway).
  const input = options.stdio === undefined && options.stdin === undefined && options.input === undefined ? { stdin: 'ignore' as const } : {};
  const child = execa(file, args, { ...input, ...options, detached: true, cancelSignal: interruptSignal(), forceKillAfterDelay: 2_000 } as O);
  const pid = child.pid;
  if (pid !== undefined) groups.add(pid);
  try {
    return (await child) as unknown as Result<O>;
  } finally {
    if (pid !== undefined) groups.delete(pid);
  }
}

const groupAlive = (pgid: number) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Ends every running child's process group: SIGTERM, then SIGKILL for what is left after `graceMs`. */
export async function endChildren(graceMs = 2_000): Promise<void> {
  const pending = [...groups];
  for (const pgid of pending) {
    try {
      process.kill(-pgid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + graceMs;
  while (pending.some(groupAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  for (const pgid of pending) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}
