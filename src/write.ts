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
    EBUSY: 'the folder is in use',
    ENAMETOOLONG: 'a file name is too long for this file system',
    EMFILE: 'too many open files',
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

/**
 * `keepFolder`: the target is the user's current folder (`.`), so it is added into and never replaced: renaming a
 * new folder over it would leave the user's shell in a deleted folder.
 */
export function writePlan(files: PlannedFile[], targetDir: string, options: { force: boolean; keepFolder?: boolean }): WriteResult {
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
      // The umask must not strip a script's execute bit; other files keep what the umask gives, as any new file does.
      if (file.mode & 0o111) fs.chmodSync(dest, file.mode);
    }
    if (!exists) {
      fs.renameSync(temp, target);
    } else if (!options.keepFolder && fs.readdirSync(target).length === 0 && removeEmptyFolder(target)) {
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

/**
 * rmdir only ever removes an empty folder, so a file that appeared meanwhile makes this fail, not vanish. A mount
 * point (an empty Docker volume, say) cannot be removed: false, and the files are added into it instead.
 */
function removeEmptyFolder(target: string): boolean {
  try {
    fs.rmdirSync(target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EBUSY') return false;
    throw error;
  }
}

/**
 * Adds each file with a hard link (a copy across file systems), which fails rather than replace a file that
 * appeared since the check. If one fails, the files and folders added so far are removed again: they are ours, and
 * a failed run leaves the folder as it found it.
 */
function moveInto(temp: string, target: string, files: PlannedFile[]): void {
  const added: string[] = [];
  const createdDirs: string[] = [];
  try {
    for (const file of files) {
      const from = path.join(temp, file.path);
      const to = path.join(target, file.path);
      const firstCreated = fs.mkdirSync(path.dirname(to), { recursive: true });
      if (firstCreated) createdDirs.push(firstCreated);
      try {
        fs.linkSync(from, to);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw writeError(`${to} appeared while writing; it was left as it is.`);
        if (code !== 'EPERM' && code !== 'EXDEV' && code !== 'ENOTSUP') throw error;
        try {
          fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL);
        } catch (copyError) {
          // A copy that failed half-way (a full disk) is ours to remove; one that found a file there is not.
          if ((copyError as NodeJS.ErrnoException).code !== 'EEXIST') fs.rmSync(to, { force: true });
          throw copyError;
        }
      }
      added.push(to);
    }
  } catch (error) {
    for (const file of added) fs.rmSync(file, { force: true });
    for (const dir of createdDirs.reverse()) removeEmptyTree(dir);
    throw error;
  }
}

/** Removes a folder tree we created, keeping any folder that holds a file (so never one of the user's). */
function removeEmptyTree(dir: string): void {
  try {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) removeEmptyTree(path.join(dir, entry.name));
    fs.rmdirSync(dir);
  } catch {
    // not empty (a file appeared) or already gone: leave it
  }
}
