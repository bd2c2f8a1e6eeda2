/**
 * Where a project goes, from what the user typed: a folder name, a relative or absolute path, or `.` for the current
 * folder, as `create-vite apps/web` and `cargo new path/to/x` take them. Pure apart from the `exists` probe it is
 * given: the project's name comes from the path's last segment (or --name), and every folder it would create must
 * pass the same rules as a project name, so nothing odd is made on the user's disk.
 */
import path from 'node:path';
import { NameError, validateFolderName } from './plan/names.js';

export interface Target {
  /** Absolute path of the project folder. */
  dir: string;
  /** The project's name (recorded in .create-backend-fit.json; never a path of the user's machine). */
  name: string;
  /** What `cd` needs from the user's current folder, shell-ready but unquoted; undefined when it is the current folder. */
  cd?: string;
  /** The project folder is the current folder (`.`): the writer must add into it, never replace it. */
  isCwd: boolean;
  /** The project folder exists already (it must be empty, or --force). */
  exists: boolean;
}

export interface TargetContext {
  cwd: string;
  /** --name: the project's name when the folder's is not the one wanted. */
  name?: string;
  exists: (absolute: string) => boolean;
  pathApi?: path.PlatformPath;
}

export function resolveTarget(raw: string, context: TargetContext): Target {
  const p = context.pathApi ?? path;
  const typed = raw.trim();
  if (typed === '') throw new NameError('The project folder is empty: give a name or a path (. for the current folder).');
  if (/[\u0000-\u001f\u007f]/.test(typed)) throw new NameError(`"${typed.replace(/[\u0000-\u001f\u007f]/g, '?')}" contains control characters, which no folder should have.`);
  const segments = typed.split(/[\\/]+/);
  if (segments[0] === '~') {
    throw new NameError(`"${typed}" starts with ~, which only a shell expands (it was quoted): write the path out, e.g. "$HOME/${segments.slice(1).join('/')}".`);
  }
  const dir = p.resolve(context.cwd, typed);
  const folder = p.basename(dir);
  if (folder === '') throw new NameError(`"${typed}" is the root of the file system: give a folder inside it.`);

  // Every folder this run would create, from the first missing one down to the project folder.
  const created: string[] = [];
  for (let at = dir; !context.exists(at) && p.dirname(at) !== at; at = p.dirname(at)) created.unshift(p.basename(at));
  for (const segment of created) {
    try {
      validateFolderName(segment);
    } catch (error) {
      if (error instanceof NameError) throw new NameError(`Folder "${segment}" of ${typed}: ${error.message}`);
      throw error;
    }
  }

  const name = context.name ?? folder;
  const relative = p.relative(context.cwd, dir);
  const cd = relative === '' ? undefined : relative.split(p.sep)[0] === '..' && p.isAbsolute(typed) ? dir : relative.startsWith('-') ? `.${p.sep}${relative}` : relative;
  return { dir, name, cd, isCwd: relative === '', exists: created.length === 0 };
}
