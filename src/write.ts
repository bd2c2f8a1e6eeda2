/**
 * The one writer. Files go to a temporary sibling folder first and are moved into place at the end, so an
 * interrupted run leaves nothing half-written in the target. It never deletes or replaces a user's file: with
 * --force it only adds files that do not exist yet, and refuses before writing anything if one would collide.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CliError } from './errors.js';
import type { PlannedFile } from './plan/plan.js';

export interface WriteResult {
  target: string;
  written: string[];
  /** Files already present with exactly the content we would write (only with --force). */
  unchanged: string[];
}

/** Temporary folders this process created; the entry point removes them if it is interrupted. */
export const pendingTempDirs = new Set<string>();

export function removePendingTempDirs(): void {
  for (const dir of pendingTempDirs) fs.rmSync(dir, { recursive: true, force: true });
  pendingTempDirs.clear();
}

const writeError = (message: string) => new CliError('write', message);

function describeFsError(error: NodeJS.ErrnoException, where: string): string {
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'the file system is read-only',
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is exceeded',
    ENOTDIR: 'a part of the path is a file, not a folder',
  };
  return `Cannot write ${where}: ${reasons[error.code ?? ''] ?? error.message}.`;
}

/** What already exists in the target, checked before anything is written. */
export function inspectTarget(files: PlannedFile[], target: string, force: boolean): { exists: boolean; unchanged: Set<string> } {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false, unchanged: new Set() };
    throw writeError(describeFsError(error as NodeJS.ErrnoException, target));
  }
  if (!stat.isDirectory()) throw writeError(`${target} exists and is not a folder.`);
  const entries = fs.readdirSync(target);
  if (entries.length > 0 && !force) {
    const shown = entries.slice(0, 5).join(', ') + (entries.length > 5 ? `, and ${entries.length - 5} more` : '');
    throw writeError(`${target} is not empty (${shown}). Choose a new folder, or pass --force to add the starter's files beside yours (none of yours is replaced).`);
  }
  const unchanged = new Set<string>();
  const collisions: string[] = [];
  for (const file of files) {
    const dest = path.join(target, file.path);
    let existing: fs.Stats;
    try {
      existing = fs.lstatSync(dest);
    } catch {
      // A parent that is a file, or a link on the way, would also collide: check every ancestor.
      const blocked = ancestors(file.path).find((dir) => {
        const s = fs.lstatSync(path.join(target, dir), { throwIfNoEntry: false });
        return s && !s.isDirectory();
      });
      if (blocked) collisions.push(`${file.path} (${blocked} is not a folder)`);
      continue;
    }
    if (existing.isFile() && fs.readFileSync(dest).equals(file.content)) unchanged.add(file.path);
    else collisions.push(file.path);
  }
  if (collisions.length > 0) {
    throw writeError(
      `These files already exist in ${target} with other content, and none of yours is ever replaced:\n  ${collisions.join('\n  ')}\nMove them away, or generate into a new folder.`,
    );
  }
  return { exists: true, unchanged };
}

function ancestors(relPath: string): string[] {
  const parts = relPath.split('/').slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

export function writePlan(files: PlannedFile[], targetDir: string, options: { force: boolean }): WriteResult {
  const target = path.resolve(targetDir);
  const { exists, unchanged } = inspectTarget(files, target, options.force);
  const parent = path.dirname(target);
  try {
    fs.mkdirSync(parent, { recursive: true });
  } catch (error) {
    throw writeError(describeFsError(error as NodeJS.ErrnoException, parent));
  }

  let temp: string;
  try {
    temp = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.create-backend-fit-`));
  } catch (error) {
    throw writeError(describeFsError(error as NodeJS.ErrnoException, `in ${parent}`));
  }
  pendingTempDirs.add(temp);
  const toWrite = files.filter((f) => !unchanged.has(f.path));
  try {
    for (const file of toWrite) {
      const dest = path.join(temp, file.path);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.writeFileSync(dest, file.content, { mode: file.mode });
      fs.chmodSync(dest, file.mode); // the umask must not strip a script's execute bit
    }
    if (!exists) {
      fs.renameSync(temp, target);
    } else if (fs.readdirSync(target).length === 0) {
      // rmdir only ever removes an empty folder, so a file that appeared meanwhile makes this fail, not vanish.
      fs.rmdirSync(target);
      fs.renameSync(temp, target);
    } else {
      moveInto(temp, target, toWrite);
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw writeError(describeFsError(error as NodeJS.ErrnoException, target));
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
    pendingTempDirs.delete(temp);
  }
  return { target, written: toWrite.map((f) => f.path), unchanged: [...unchanged] };
}

/** Adds each file with a hard link, which fails rather than replace a file that appeared since the check. */
function moveInto(temp: string, target: string, files: PlannedFile[]): void {
  for (const file of files) {
    const from = path.join(temp, file.path);
    const to = path.join(target, file.path);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    try {
      fs.linkSync(from, to);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw writeError(`${to} appeared while writing; it was left as it is.`);
      if (code !== 'EPERM' && code !== 'EXDEV' && code !== 'ENOTSUP') throw error;
      fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL);
    }
  }
}
