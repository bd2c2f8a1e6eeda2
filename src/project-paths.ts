/**
 * Paths inside a project, checked before anything reads, writes or removes them. Every path that comes from a file
 * (a record, a template layer, a team's generator) is untrusted: it must be relative, normal, free of `..`, and never
 * name git's own folder, because a file under `.git/` is configuration or a hook that git obeys. On disk, no part of
 * it may be a link: a link could lead anywhere on the machine, and following one is how a write escapes.
 */
import fs from 'node:fs';
import path from 'node:path';

/** git's folder, in any case (case-insensitive file systems treat `.GIT` as `.git`), and its file form (`gitdir:`). */
const isGitSegment = (segment: string) => segment.toLowerCase() === '.git';

/** Why a project-relative path (forward slashes) is not acceptable, or undefined when it is. */
export function relativePathProblem(rel: unknown): string | undefined {
  if (typeof rel !== 'string' || rel === '') return 'is not a file path';
  if (rel.includes('\0')) return 'holds a NUL character';
  if (rel.includes('\\')) return 'holds a backslash (paths use forward slashes)';
  if (rel.startsWith('/') || /^[A-Za-z]:/.test(rel)) return 'is absolute (it must be relative to the project)';
  const segments = rel.split('/');
  if (segments.includes('..')) return 'leads outside the project (..)';
  if (segments.some((s) => s === '' || s === '.')) return 'is not a normal path (empty or "." segments)';
  if (segments.some(isGitSegment)) return "names git's own folder (.git), which no template may write";
  return undefined;
}

export class PathRefused extends Error {
  constructor(
    readonly rel: string,
    readonly reason: string,
    /** The part of the path that is a link, when that is the reason. */
    readonly link?: string,
  ) {
    super(`${rel} ${reason}`);
  }
}

/**
 * The absolute path of `rel` under the project's real path, after checking every component that exists: none may
 * be a link, and every one but the last must be a folder. Throws PathRefused. A missing component ends the check
 * (what does not exist yet cannot be a link; the caller creates it).
 */
export function resolveInside(realRoot: string, rel: string): string {
  const problem = relativePathProblem(rel);
  if (problem) throw new PathRefused(String(rel), problem);
  const segments = rel.split('/');
  let current = realRoot;
  for (let i = 0; i < segments.length; i++) {
    current = path.join(current, segments[i]!);
    const stat = fs.lstatSync(current, { throwIfNoEntry: false });
    if (!stat) break;
    const sofar = segments.slice(0, i + 1).join('/');
    if (stat.isSymbolicLink()) throw new PathRefused(rel, `goes through a symbolic link (${sofar})`, sofar);
    if (i < segments.length - 1 && !stat.isDirectory()) throw new PathRefused(rel, `goes through ${sofar}, which is not a folder`);
  }
  return path.join(realRoot, ...segments);
}

/** The project folder's real path (a project reached through a link of the user's is fine; links inside it are not). */
export function realProjectRoot(dir: string): string {
  return fs.realpathSync(path.resolve(dir));
}
