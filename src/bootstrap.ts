/**
 * What comes after the files: git init with a first commit, and the ecosystem's dependency install. Each step that
 * fails is reported with the command to retry; the generated project always stays.
 */
import type { PackageManager } from './answers.js';
import type { FrameworkRecord, Toolchain } from './frameworks/types.js';
import { commandsFor, GIT_INIT_COMMANDS } from './plan/commands.js';
import { git as gitToolchain } from './frameworks/toolchains.js';
import { loadExeca } from './processes.js';
import { checkToolchains, type Probe } from './toolchain-check.js';

export type StepName = 'git' | 'install';

export interface StepResult {
  step: StepName;
  status: 'done' | 'skipped' | 'failed';
  /** What to run to do (or retry) the step by hand. */
  command: string;
  message?: string;
}

export interface BootstrapOptions {
  git: boolean;
  install: boolean;
  packageManager: PackageManager;
  /** Reports progress (a spinner when interactive, a log line otherwise). */
  progress?: (event: { step: StepName; phase: 'start' | 'end'; result?: StepResult }) => void;
  /** Stops a running step when the user interrupts. */
  signal?: AbortSignal;
  /** How tool versions are read (tests give their own). */
  probe?: Probe;
}


/** Runs a tool's version command: what it printed, or undefined when it is missing or does not run. */
async function probe(tool: Toolchain): Promise<string | undefined> {
  const execa = await loadExeca();
  const run = await execa(tool.command, tool.versionArgs, { reject: false, timeout: 20_000, all: true });
  return run.exitCode === 0 ? (run.all ?? '') : undefined;
}

/** Where each package manager other than npm (which comes with Node.js) is to be had. */
const PACKAGE_MANAGER_SITES: Record<Exclude<PackageManager, 'npm'>, string> = { pnpm: 'https://pnpm.io', yarn: 'https://yarnpkg.com', bun: 'https://bun.sh' };

/** The package manager a Node project is installed with: any version (the starters need nothing of a newer one). */
const packageManagerTool = (pm: PackageManager): Toolchain => ({
  name: pm,
  command: pm,
  versionArgs: ['--version'],
  versionPattern: /(\d+\.\d+\.\d+)/,
  minimum: '0',
  hint: pm === 'npm' ? 'it comes with Node.js' : `install it (${PACKAGE_MANAGER_SITES[pm]}), or pass --package-manager npm`,
});

const tail = (text: string | undefined, lines = 15) => (text ?? '').trim().split('\n').slice(-lines).join('\n');

async function runGit(cwd: string, signal?: AbortSignal): Promise<StepResult> {
  const fail = (message: string): StepResult => ({ step: 'git', status: 'failed', command: GIT_INIT_COMMANDS, message });
  const execa = await loadExeca();
  const inside = await execa('git', ['rev-parse', '--is-inside-work-tree'], { cwd, reject: false, cancelSignal: signal });
  if (inside.exitCode === 0 && inside.stdout.trim() === 'true') {
    return { step: 'git', status: 'skipped', command: GIT_INIT_COMMANDS, message: 'already inside a git repository' };
  }
  try {
    await execa('git', ['init', '-q'], { cwd, cancelSignal: signal });
    await execa('git', ['add', '-A'], { cwd, cancelSignal: signal });
    await execa('git', ['commit', '-q', '--no-verify', '-m', 'Initial commit from create-backend-fit'], { cwd, cancelSignal: signal });
    return { step: 'git', status: 'done', command: GIT_INIT_COMMANDS };
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr;
    const identity = /user\.(name|email)|Author identity unknown/i.test(stderr ?? '');
    return fail(
      identity
        ? 'git has no user name or email: set them (git config --global user.name "..." and user.email "...") and commit.'
        : `git failed: ${tail(stderr) || (error as Error).message}`,
    );
  }
}

async function runInstall(framework: FrameworkRecord, cwd: string, pm: PackageManager, signal?: AbortSignal): Promise<StepResult> {
  const command = commandsFor(framework, pm).install;
  // Yarn refuses to create a lockfile in CI (immutable installs), but a new project has none to keep.
  const env = pm === 'yarn' && framework.ecosystem === 'node' ? { YARN_ENABLE_IMMUTABLE_INSTALLS: 'false' } : {};
  const execa = await loadExeca();
  const run = await execa(command, { cwd, shell: true, reject: false, all: true, cancelSignal: signal, env });
  if (run.exitCode === 0) return { step: 'install', status: 'done', command };
  return { step: 'install', status: 'failed', command, message: `${command} exited with ${run.exitCode ?? run.signal}:\n${tail(run.all)}` };
}

export async function bootstrap(framework: FrameworkRecord, cwd: string, options: BootstrapOptions): Promise<StepResult[]> {
  const steps: { step: StepName; enabled: boolean; run: () => Promise<StepResult>; command: string }[] = [
    // Install first, so the first commit includes the lock file.
    { step: 'install', enabled: options.install, run: () => runInstall(framework, cwd, options.packageManager, options.signal), command: commandsFor(framework, options.packageManager).install },
    { step: 'git', enabled: options.git, run: () => runGit(cwd, options.signal), command: GIT_INIT_COMMANDS },
  ];
  // Every tool a step needs is checked before any step runs: a step whose tool is missing or too old is not run.
  const needs: Record<StepName, readonly Toolchain[]> = {
    install: framework.ecosystem === 'node' ? [...framework.toolchain, packageManagerTool(options.packageManager)] : framework.toolchain,
    git: [gitToolchain],
  };
  const problems = new Map<StepName, string>();
  for (const { step, enabled } of steps) {
    if (!enabled) continue;
    const findings = await checkToolchains(needs[step], options.probe ?? probe);
    const problem = findings.find((f) => !f.ok)?.problem;
    if (problem) problems.set(step, problem);
  }
  const results: StepResult[] = [];
  for (const { step, enabled, run, command } of steps) {
    if (!enabled) {
      results.push({ step, status: 'skipped', command, message: `--no-${step}` });
      continue;
    }
    const problem = problems.get(step);
    if (problem) {
      results.push({ step, status: 'failed', command, message: problem });
      continue;
    }
    options.progress?.({ step, phase: 'start' });
    const result = await run();
    options.progress?.({ step, phase: 'end', result });
    results.push(result);
  }
  return results;
}
