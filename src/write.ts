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
  /** What was there before, holding none of ours (project-relative files and folders): the user's, left alone. */
  userEntries: string[];
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
export function inspectTarget(files: PlannedFile[], target: string, force: boolean): { exists: boolean; unchanged: Set<string>; userEntries: string[] } {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false, unchanged: new Set(), userEntries: [] };
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
  return { exists: true, unchanged, userEntries: userEntriesOf(target, files.map((f) => f.path)) };
}

/**
 * The user's part of a target folder: the largest files and folders that hold no planned path (a folder the starter
 * also writes into is looked into, one that it does not is listed whole), so the list stays short.
 */
function userEntriesOf(target: string, planned: string[]): string[] {
  const plannedSet = new Set(planned);
  const plannedDirs = new Set(planned.flatMap(ancestors));
  const out: string[] = [];
  const visit = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(target, rel), { withFileTypes: true })) {
      const entryRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entryRel === '.git' || plannedSet.has(entryRel)) continue;
      if (entry.isDirectory() && plannedDirs.has(entryRel)) visit(entryRel);
      else out.push(entryRel);
    }
  };
  visit('');
  return out.sort();
}

/**
 * Eight hex digits that make a temporary name unlikely to be taken. Not a secret: the folder or file is created
 * exclusively (mkdir, or the `wx` flag), so a name that exists already, whoever made it, is an EEXIST and never
 * written through. Math.random rather than crypto.randomBytes: loading node:crypto (which loads node:stream) cost
 * every command, --help included, about 4 ms of CPU on Node 24 here (median of 12 paired generations), a third of the gap to create-vite.
 */
export const tempSuffix = (): string => Math.floor(Math.random() * 0x1_0000_0000).toString(16).padStart(8, '0');

/**
 * A new folder beside the target, created as mkdir creates one (the umask and the parent's default ACL apply;
 * mkdtemp's would be private, 700, and the project folder would keep that mode when renamed into place).
 */
function makeTempSibling(parent: string, name: string): string {
  for (let attempt = 0; ; attempt++) {
    const dir = path.join(parent, `.${name}.create-backend-fit-${tempSuffix()}`);
    try {
      fs.mkdirSync(dir);
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 20) throw error;
    }
  }
}

function ancestors(relPath: string): string[] {
  const parts = relPath.split('/').slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

export function writePlan(files: PlannedFile[], targetDir: string, options: { force: boolean }): WriteResult {
  const target = path.resolve(targetDir);
  const { exists, unchanged, userEntries } = inspectTarget(files, target, options.force);
  const parent = path.dirname(target);
  try {
    fs.mkdirSync(parent, { recursive: true });
  } catch (error) {
    throw writeError(describeFsError(error as NodeJS.ErrnoException, parent));
  }

  let temp: string;
  try {
    temp = makeTempSibling(parent, path.basename(target));
  } catch (error) {
    throw writeError(describeFsError(error as NodeJS.ErrnoException, `in ${parent}`));
  }
  pendingTempDirs.add(temp);
  const toWrite = files.filter((f) => !unchanged.has(f.path));
  try {
    // One mkdir per folder rather than one per file: a starter writes about 30 files into 10 folders of a new tree.
    const made = new Set<string>([temp]);
    for (const file of toWrite) {
      const dest = path.join(temp, file.path);
      const dir = path.dirname(dest);
      if (!made.has(dir)) {
        fs.mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      fs.writeFileSync(dest, file.content, { mode: file.mode });
      // The umask must not strip a script's execute bit; other files keep what the umask gives, as any new file does.
      if (file.mode & 0o111) fs.chmodSync(dest, file.mode);
    }
    // A folder that exists, even empty, is written into, never replaced: it keeps its mode, owner, group, ACLs and
    // inode (it may be a mount point, or open in another shell).
    if (!exists) fs.renameSync(temp, target);
    else moveInto(temp, target, toWrite);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw writeError(describeFsError(error as NodeJS.ErrnoException, target));
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
    pendingTempDirs.delete(temp);
  }
  return { target, written: toWrite.map((f) => f.path), unchanged: [...unchanged], userEntries };
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
