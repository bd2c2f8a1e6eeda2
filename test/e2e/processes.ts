/** Child processes for the e2e suite: bounded in time, always cleaned up, with their output kept for messages. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

const tail = (text: string, lines = 40) => text.trim().split('\n').slice(-lines).join('\n');

/** Runs a shell command to completion (or kills it at the time limit). */
export function runShell(command: string, options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      output += `\n[e2e] killed after ${options.timeoutMs} ms`;
      killGroup(child);
    }, options.timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output });
    });
  });
}

export function describeRun(command: string, result: RunResult): string {
  return `\`${command}\` exited ${result.code ?? result.signal}:\n${tail(result.output)}`;
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

export interface Background {
  child: ChildProcess;
  stdout: () => string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a long-running shell command in its own process group. */
export function startShell(command: string, options: { cwd: string; env: NodeJS.ProcessEnv }): Background {
  return startProcess('sh', ['-c', command], options);
}

export function startProcess(file: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Background {
  const child = spawn(file, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let output = '';
  child.stdout!.on('data', (d) => {
    stdout += d;
    output += d;
  });
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => stdout, output: () => output, exited };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls until `probe` resolves true, the process exits, or time runs out. */
export async function waitFor(probe: () => Promise<boolean>, options: { timeoutMs: number; while?: () => boolean; intervalMs?: number }): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (options.while && !options.while()) return false;
    if (await probe().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 250));
  }
  return false;
}

/**
 * The pid of the process listening on a TCP port, from /proc (Linux): the contract's SIGTERM goes to the server
 * itself, not to the shell or build tool that started it.
 */
export function listeningPid(port: number): number | undefined {
  const inodes = new Set(listeningSockets(port).map((s) => s.inode));
  if (inodes.size === 0) return undefined;
  const holders: number[] = [];
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    const holds = fds.some((fd) => {
      try {
        const inode = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
        return inode !== undefined && inodes.has(inode);
      } catch {
        return false; // fd closed meanwhile
      }
    });
    if (holds) holders.push(Number(pid));
  }
  // Pre-fork servers (gunicorn) share the socket with their workers: the server is the holder whose parent is not one.
  const set = new Set(holders);
  return holders.find((pid) => !set.has(parentPid(pid))) ?? holders[0];
}

function parentPid(pid: number): number {
  // /proc/PID/stat: "pid (comm) state ppid ...", where comm may contain spaces and parentheses.
  const stat = safeRead(`/proc/${pid}/stat`);
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** Sockets in LISTEN state on a port, with their local address in hex as /proc shows it (all zeros = any address). */
export function listeningSockets(port: number): { address: string; inode: string }[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const sockets: { address: string; inode: string }[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address is cols[1] (ADDR:PORT), st is cols[3] (0A = LISTEN), inode is cols[9].
      if (cols[1]?.endsWith(`:${hexPort}`) && cols[3] === '0A') sockets.push({ address: cols[1].split(':')[0]!, inode: cols[9]! });
    }
  }
  return sockets;
}

export const isAlive = (pid: number) => fs.existsSync(`/proc/${pid}`) && !/\) Z /.test(safeRead(`/proc/${pid}/stat`));
const safeRead = (file: string) => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};
