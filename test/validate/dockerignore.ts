/**
 * `.dockerignore` the way Docker reads it (moby/patternmatcher, what BuildKit uses to send the build context):
 * - one pattern a line; `#` lines are comments; blank lines are ignored; each pattern is cleaned like Go's
 *   filepath.Clean, and a leading `/` is dropped (patterns are relative to the context root either way);
 * - patterns match the whole path from the context root, NOT at any depth as in .gitignore: `*.log` is only the root's;
 * - `*` and `?` do not cross `/`, `[...]` is a character class, `\` escapes, `**` matches any number of folders
 *   (zero too), and a trailing `**` matches everything below;
 * - a pattern that matches a folder excludes everything in it;
 * - `!` makes an exception; the last pattern that matches a path decides.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface IgnorePattern {
  source: string;
  exclusion: boolean;
  regex: RegExp;
}

export function parseDockerignore(text: string): IgnorePattern[] {
  const patterns: IgnorePattern[] = [];
  for (const raw of text.split(/\r?\n/)) {
    // Docker trims the line; a comment is a line whose first character is #.
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    let exclusion = false;
    if (line.startsWith('!')) {
      exclusion = true;
      line = line.slice(1).trim();
    }
    let clean = path.posix.normalize(line);
    // filepath.Clean drops a trailing slash; a leading one is stripped by the reader.
    clean = clean.replace(/\/+$/, '').replace(/^\/+/, '');
    if (clean === '' || clean === '.') clean = '.';
    patterns.push({ source: raw.trim(), exclusion, regex: patternRegex(clean) });
  }
  return patterns;
}

/** The regular expression patternmatcher builds for a cleaned pattern (also how COPY matches its wildcards). */
export function patternRegex(pattern: string): RegExp {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        // `**/` is treated as `**`.
        if (pattern[i + 1] === '/') i++;
        // `**` at the end matches everything; elsewhere any number of folders, even none.
        re += i + 1 >= pattern.length ? '.*' : '(.*/)?';
      } else {
        re += '[^/]*';
      }
    } else if (ch === '?') {
      re += '[^/]';
    } else if (ch === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end === -1) throw new Error(`.dockerignore: unterminated character class in ${pattern}`);
      let cls = pattern.slice(i + 1, end);
      if (cls.startsWith('^') || cls.startsWith('!')) cls = '^' + cls.slice(1);
      re += `[${cls.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (ch === '\\') {
      i++;
      if (i < pattern.length) re += escapeRegex(pattern[i]!);
    } else {
      re += escapeRegex(ch);
    }
  }
  return new RegExp(re + '$');
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Whether Docker leaves `relPath` (forward slashes, relative to the context root) out of the build context. */
export function isExcluded(patterns: readonly IgnorePattern[], relPath: string): boolean {
  const parts = relPath.split('/');
  // The path itself and each folder above it: a pattern that matches a folder excludes its contents.
  const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  let excluded = false;
  for (const pattern of patterns) {
    if (candidates.some((candidate) => pattern.regex.test(candidate))) excluded = !pattern.exclusion;
  }
  return excluded;
}

/** Every file of the build context Docker would send for `root`, forward-slash paths relative to it. */
export function buildContextFiles(root: string): string[] {
  const ignoreFile = path.join(root, '.dockerignore');
  const patterns = fs.existsSync(ignoreFile) ? parseDockerignore(fs.readFileSync(ignoreFile, 'utf8')) : [];
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      // A folder is walked even when excluded: an exception (`!`) may bring back a file inside it.
      if (entry.isDirectory()) walk(rel);
      else if (!isExcluded(patterns, rel)) files.push(rel);
    }
  };
  walk('');
  return files.sort();
}
