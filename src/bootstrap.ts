/**
 * What comes after the files: git init with a first commit, and the ecosystem's dependency install. Each step that
 * fails is reported with the command to retry; the generated project always stays.
 */
import type { PackageManager } from './answers.js';
import type { FrameworkRecord, Toolchain } from './frameworks/types.js';
import { commandsFor, GIT_INIT_COMMANDS, relockFor } from './plan/commands.js';
import { git as gitToolchain } from './frameworks/toolchains.js';
import { GIT_SAFE, run } from './processes.js';
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
  /**
   * Install with the command that resolves and updates the lock (the record's relock) rather than from the lock as it
   * is: after add, whose manifest has a dependency the user's lock may lack.
   */
  relock?: boolean;
  /** Reports progress (a spinner when interactive, a log line otherwise). */
  progress?: (event: { step: StepName; phase: 'start' | 'end'; result?: StepResult }) => void;
  /**
   * What was in the folder before the starter's files (with --force): project-relative paths of files and folders
   * that hold none of ours. The first commit leaves them out; they stay untracked.
   */
  userEntries?: string[];
  /** How tool versions are read (tests give their own). */
  probe?: Probe;
}



/** Runs a tool's version command: what it printed, or undefined when it is missing or does not run. */
async function probe(tool: Toolchain): Promise<string | undefined> {
  const result = await run(tool.command, tool.versionArgs, { reject: false, timeout: 20_000, all: true });
  return result.exitCode === 0 ? (result.all ?? '') : undefined;
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

/** `:(exclude,literal)` pathspecs: a name of the user's is never read as a glob or as pathspec magic. */
const excluded = (entries: string[]) => entries.map((entry) => `:(exclude,literal)${entry}`);

/** The retry command: with files of the user's in the folder, it leaves them out too. */
export function gitCommands(userEntries: string[]): string {
  if (userEntries.length === 0) return GIT_INIT_COMMANDS;
  const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
  return `git init && git add -A -- . ${excluded(userEntries).map(quote).join(' ')} && git commit -m "Initial commit from create-backend-fit"`;
}

async function runGit(cwd: string, userEntries: string[]): Promise<StepResult> {
  const fail = (message: string): StepResult => ({ step: 'git', status: 'failed', command: gitCommands(userEntries), message });
  const inside = await run('git', [...GIT_SAFE, 'rev-parse', '--is-inside-work-tree'], { cwd, reject: false });
  if (inside.exitCode === 0 && inside.stdout.trim() === 'true') {
    return { step: 'git', status: 'skipped', command: GIT_INIT_COMMANDS, message: 'the folder is inside a git repository already, so no git init and no commit: commit the new files there yourself' };
  }
  try {
    await run('git', [...GIT_SAFE, 'init', '-q'], { cwd });
    // Only the starter's files (and what the install made beside them, such as the lock file): never the user's.
    // Entries the starter's .gitignore already ignores are left out of the list (git refuses to name them at all).
    const ignored = userEntries.length
      ? new Set((await run('git', [...GIT_SAFE, 'check-ignore', '-z', '--stdin'], { cwd, reject: false, input: userEntries.join('\0') })).stdout.split('\0'))
      : new Set<string>();
    await run('git', [...GIT_SAFE, 'add', '-A', '--', '.', ...excluded(userEntries.filter((entry) => !ignored.has(entry)))], { cwd });
    await run('git', [...GIT_SAFE, 'commit', '-q', '--no-verify', '-m', 'Initial commit from create-backend-fit'], { cwd });
    const untracked = userEntries.length ? ` ${userEntries.length} file(s) and folder(s) of yours were left out of it, untracked: ${userEntries.slice(0, 5).join(', ')}${userEntries.length > 5 ? ', ...' : ''}.` : '';
    return { step: 'git', status: 'done', command: GIT_INIT_COMMANDS, message: untracked ? `The first commit holds the starter's files only.${untracked}` : undefined };
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

const installCommand = (framework: FrameworkRecord, pm: PackageManager, relock: boolean | undefined) =>
  relock ? relockFor(framework, pm) : commandsFor(framework, pm).install;

async function runInstall(framework: FrameworkRecord, cwd: string, pm: PackageManager, relock: boolean | undefined): Promise<StepResult> {
  const command = installCommand(framework, pm, relock);
  // Yarn refuses to create a lockfile in CI (immutable installs), but a new project has none to keep.
  const env = pm === 'yarn' && framework.ecosystem === 'node' ? { YARN_ENABLE_IMMUTABLE_INSTALLS: 'false' } : {};
  const result = await run(command, [], { cwd, shell: true, reject: false, all: true, env });
  if (result.exitCode === 0) return { step: 'install', status: 'done', command };
  return { step: 'install', status: 'failed', command, message: `${command} exited with ${result.exitCode ?? result.signal}:\n${tail(result.all)}` };
}

export async function bootstrap(framework: FrameworkRecord, cwd: string, options: BootstrapOptions): Promise<StepResult[]> {
  const userEntries = options.userEntries ?? [];
  const steps: { step: StepName; enabled: boolean; run: () => Promise<StepResult>; command: string }[] = [
    // Install first, so the first commit includes the lock file.
    { step: 'install', enabled: options.install, run: () => runInstall(framework, cwd, options.packageManager, options.relock), command: installCommand(framework, options.packageManager, options.relock) },
    { step: 'git', enabled: options.git, run: () => runGit(cwd, userEntries), command: gitCommands(userEntries) },
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
