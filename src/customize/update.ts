/**
 * `update`: re-render a generated project with today's templates and its recorded answers, and merge three ways
 * (the pristine render it was generated with, today's render, the user's files) with git's own merge-file, so a
 * conflict looks like every other git conflict and no edit of the user's is ever dropped.
 *
 * The records are untrusted input (src/customize/records.ts), and so is the project: every path is resolved under
 * the project's real path with no link on the way (a link the user committed is left as it is, and reported). The
 * whole update is planned first (every read, render and merge), and only then applied, so a failure or an interrupt
 * while planning changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Handlebars from 'handlebars';
import type { ProjectAnswers } from '../answers.js';
import { decideRecorded } from '../decide/decide.js';
import { CliError } from '../errors.js';
import { stopIfInterrupted } from '../interrupt.js';
import { relockFor } from '../plan/commands.js';
import { isLockFile } from '../plan/locks.js';
import { plan } from '../plan/plan.js';
import { comparePaths, TemplateError } from '../plan/layers.js';
import { PRISTINE_FILE, pristineContent, RECORD_FILE, type GenerationRecord, type Pristine } from '../plan/record.js';
import { GIT_SAFE, run } from '../processes.js';
import { PathRefused, realProjectRoot, resolveInside } from '../project-paths.js';
import { TOOL_VERSION } from '../version.js';
import { pendingTempDirs, tempSuffix } from '../write.js';
import { readRecordJson, validateGenerationRecord, validatePristine } from './records.js';

export type UpdateAction =
  /** new in today's templates, written */
  | 'added'
  /** the user had not touched it: today's version written */
  | 'updated'
  /** both changed it: merged cleanly */
  | 'merged'
  /** both changed it the same lines: written with conflict markers */
  | 'conflict'
  /** only the user changed it (or the template did not): left as it is */
  | 'kept'
  /** the template dropped it and the user had not touched it */
  | 'removed'
  /** it is, or is under, a symbolic link of the user's: left as it is, never read or written through */
  | 'link';

export interface UpdateOutcome {
  path: string;
  action: UpdateAction;
  note?: string;
}

export interface UpdateOptions {
  helpers?: Record<string, Handlebars.HelperDelegate>;
  /** Plan everything and return the outcomes, but write nothing. */
  dryRun?: boolean;
  /** The team's templates folders where the recorded ones are now (`update --templates`); recorded from then on. */
  templates?: string[];
}

const updateError = (message: string) => new CliError('update', message);

async function requireCleanGit(dir: string): Promise<void> {
  const status = await run('git', [...GIT_SAFE, 'status', '--porcelain'], { cwd: dir, reject: false });
  if (status.exitCode !== 0) {
    throw updateError(`update needs the project in git, so every change it makes shows in git diff and can be undone: ${status.stderr.trim().split('\n')[0] || 'git failed'}.`);
  }
  if (status.stdout.trim() !== '') {
    throw updateError("The project has uncommitted changes: commit or stash them first, so update's changes stay separate from yours.");
  }
}

/** A private scratch folder for the merges, removed at the end and by an interrupt (src/cli.ts). */
function scratchFolder(): string {
  // node:os on demand: every module's imports of the bundle load at start-up, for every command.
  const { tmpdir } = process.getBuiltinModule('node:os') as typeof import('node:os');
  const dir = fs.mkdtempSync(path.join(tmpdir(), 'cbf-merge-'));
  pendingTempDirs.add(dir);
  return dir;
}

/** git merge-file: 0 when clean, the number of conflicts otherwise. */
async function mergeThreeWays(scratch: string, ours: Buffer, base: Buffer, theirs: Buffer, labels: [string, string, string]): Promise<{ merged: Buffer; conflicts: number }> {
  const [o, b, t] = ['ours', 'base', 'theirs'].map((n) => path.join(scratch, n)) as [string, string, string];
  fs.writeFileSync(o, ours);
  fs.writeFileSync(b, base);
  fs.writeFileSync(t, theirs);
  const merge = await run('git', [...GIT_SAFE, 'merge-file', '-p', '--diff3', '-L', labels[0], '-L', labels[1], '-L', labels[2], o, b, t], { reject: false, encoding: 'buffer', stripFinalNewline: false });
  if (merge.exitCode === undefined || merge.exitCode < 0 || merge.exitCode > 127) throw updateError(`git merge-file failed: ${Buffer.from(merge.stderr).toString().trim().split('\n')[0]}`);
  return { merged: Buffer.from(merge.stdout), conflicts: merge.exitCode };
}

function projectRoot(projectDir: string): string {
  try {
    return realProjectRoot(projectDir);
  } catch {
    throw updateError(`${path.resolve(projectDir)} does not exist.`);
  }
}

/** The answers and tool version a project was generated with, validated; a clear error for a folder that was not generated. */
export function readGenerationRecord(projectDir: string): GenerationRecord {
  const root = projectRoot(projectDir);
  const raw = readRecordJson(path.join(root, RECORD_FILE), RECORD_FILE, () =>
    updateError(`${root} has no ${RECORD_FILE}: it was not generated by create-backend-fit (or the record was deleted).`),
  );
  return validateGenerationRecord(raw, RECORD_FILE);
}

function readPristine(root: string): Pristine {
  const raw = readRecordJson(path.join(root, PRISTINE_FILE), PRISTINE_FILE, () =>
    updateError(`${root} has no ${PRISTINE_FILE}, the render update merges against: restore it from git (git checkout -- ${PRISTINE_FILE}).`),
  );
  return validatePristine(raw, PRISTINE_FILE);
}

/** The recorded (or given) templates folders must still be there: without them update would revert the team's files. */
function requireTemplates(templates: string[], given: boolean): void {
  for (const dir of templates) {
    const stat = fs.statSync(dir, { throwIfNoEntry: false });
    if (stat?.isDirectory()) continue;
    throw updateError(
      given
        ? `--templates ${dir}: no such folder.`
        : `The templates folder ${dir} that ${RECORD_FILE} names is gone: pass update --templates <its new place> (without it, update would replace your team's files with the built-in ones).`,
    );
  }
}

/** What the project holds at a path: its bytes, nothing, or why update may not look (a link, a folder). */
function current(root: string, rel: string): { content?: Buffer; blocked?: UpdateOutcome } {
  let abs: string;
  try {
    abs = resolveInside(root, rel);
  } catch (error) {
    if (!(error instanceof PathRefused)) throw error;
    return { blocked: error.link ? { path: rel, action: 'link', note: `${error.link} is a symbolic link; update never reads or writes through one` } : { path: rel, action: 'kept', note: error.reason } };
  }
  const stat = fs.lstatSync(abs, { throwIfNoEntry: false });
  if (!stat) return {};
  if (stat.isSymbolicLink()) return { blocked: { path: rel, action: 'link', note: 'a symbolic link of yours; update never reads or writes through one' } };
  if (!stat.isFile()) return { blocked: { path: rel, action: 'kept', note: 'not a file (a folder of yours is there)' } };
  return { content: fs.readFileSync(abs) };
}

interface Change {
  rel: string;
  /** New bytes and mode, or undefined to remove the file. */
  write?: { content: Buffer; mode: number };
}

export async function updateProject(projectDir: string, record: GenerationRecord, options: UpdateOptions = {}): Promise<UpdateOutcome[]> {
  const root = projectRoot(projectDir);
  const pristine = readPristine(root);
  const templates = options.templates ?? record.answers.templates;
  requireTemplates(templates ?? [], options.templates !== undefined);

  const answers = { ...record.answers, templates, install: false, git: false } as ProjectAnswers;
  let next;
  try {
    next = plan(decideRecorded(answers, answers.framework!), answers, { helpers: options.helpers });
  } catch (error) {
    if (error instanceof TemplateError) throw new CliError('render', `${error.message} (update changed nothing)`);
    throw error;
  }
  if (!options.dryRun) await requireCleanGit(root);
  const labels: [string, string, string] = ['yours', `create-backend-fit ${pristine.version}`, `create-backend-fit ${TOOL_VERSION}`];
  const bookkeeping = new Set([RECORD_FILE, PRISTINE_FILE]);

  const outcomes: UpdateOutcome[] = [];
  const changes: Change[] = [];
  const nextPaths = new Set(next.files.map((f) => f.path));
  const scratch = scratchFolder();
  try {
    for (const file of next.files) {
      if (bookkeeping.has(file.path)) continue;
      const old = pristine.files[file.path];
      const base = old ? pristineContent(old) : Buffer.alloc(0);
      const { content: mine, blocked } = current(root, file.path);
      if (blocked) outcomes.push(blocked);
      else if (mine === undefined) {
        if (old) outcomes.push({ path: file.path, action: 'kept', note: 'you deleted it; not brought back' });
        else {
          changes.push({ rel: file.path, write: file });
          outcomes.push({ path: file.path, action: 'added' });
        }
      } else if (mine.equals(file.content)) {
        outcomes.push({ path: file.path, action: 'kept' });
      } else if (old && mine.equals(base)) {
        changes.push({ rel: file.path, write: file });
        outcomes.push({ path: file.path, action: 'updated' });
      } else if (old && file.content.equals(base)) {
        outcomes.push({ path: file.path, action: 'kept', note: 'only you changed it' });
      } else if (isLockFile(file.path)) {
        // A lock is the resolver's output, not lines to merge: merged, it holds conflict markers or a graph no resolver
        // made. Theirs (changed since generation, or made by their own install) stays, and the resolving install brings
        // it in line with the merged manifest.
        outcomes.push({ path: file.path, action: 'kept', note: `your lock is kept; run ${relockFor(next.framework, answers.packageManager ?? 'npm')} to bring it in line with the manifest` });
      } else {
        const { merged, conflicts } = await mergeThreeWays(scratch, mine, base, file.content, labels);
        changes.push({ rel: file.path, write: { content: merged, mode: fs.statSync(path.join(root, file.path)).mode & 0o777 } });
        outcomes.push(conflicts > 0 ? { path: file.path, action: 'conflict', note: `${conflicts} conflict${conflicts > 1 ? 's' : ''}` } : { path: file.path, action: 'merged' });
      }
    }
    for (const [oldPath, old] of Object.entries(pristine.files)) {
      if (nextPaths.has(oldPath) || bookkeeping.has(oldPath)) continue;
      const { content: mine, blocked } = current(root, oldPath);
      if (blocked) outcomes.push(blocked);
      else if (mine === undefined) continue;
      else if (mine.equals(pristineContent(old))) {
        changes.push({ rel: oldPath });
        outcomes.push({ path: oldPath, action: 'removed' });
      } else {
        outcomes.push({ path: oldPath, action: 'kept', note: 'the templates dropped it, but you changed it' });
      }
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
    pendingTempDirs.delete(scratch);
  }

  if (!options.dryRun) {
    const records = next.files.filter((f) => bookkeeping.has(f.path)).map((f): Change => ({ rel: f.path, write: f }));
    // A signal during the merges said "update changed nothing": a merge that finished anyway must not write.
    stopIfInterrupted();
    apply(root, [...changes, ...records]);
  }
  return outcomes.sort((a, b) => comparePaths(a.path, b.path));
}

/**
 * Every new content is first written beside its file (a failure there, such as a full disk, removes what was staged
 * and changes nothing), then renamed into place (a rename replaces a file, or a link, without following it), and only
 * then are dropped files removed.
 */
function apply(root: string, changes: Change[]): void {
  const staged: { temp: string; dest: string; mode: number }[] = [];
  const createdDirs: string[] = [];
  try {
    for (const { rel, write } of changes) {
      if (!write) continue;
      const dest = resolveInside(root, rel);
      const made = fs.mkdirSync(path.dirname(dest), { recursive: true });
      if (made) createdDirs.push(made);
      const temp = path.join(path.dirname(dest), `.${path.basename(dest)}.cbf-update-${tempSuffix()}`);
      pendingTempDirs.add(temp);
      staged.push({ temp, dest, mode: write.mode });
      fs.writeFileSync(temp, write.content, { mode: write.mode, flag: 'wx' });
      if (write.mode & 0o111) fs.chmodSync(temp, write.mode);
    }
  } catch (error) {
    for (const { temp } of staged) fs.rmSync(temp, { force: true });
    for (const dir of createdDirs.reverse()) fs.rmSync(dir, { recursive: true, force: true });
    throw updateError(`Cannot write the update (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); nothing was changed.`);
  } finally {
    for (const { temp } of staged) pendingTempDirs.delete(temp);
  }
  for (const { temp, dest } of staged) fs.renameSync(temp, dest);
  for (const { rel, write } of changes) if (!write) fs.rmSync(resolveInside(root, rel), { force: true });
}

