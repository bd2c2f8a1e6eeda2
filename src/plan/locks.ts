/**
 * The locks a starter ships (issue 21) name the project: package-lock.json's `name` fields, yarn.lock's workspace
 * entry, bun.lock's root workspace, Cargo.lock's and uv.lock's root `[[package]]` (pnpm-lock.yaml does not: its
 * importer is the folder, `.`). `npm run locks` (src/build/locks.ts) resolves each starter once, under a name of its own, and stores
 * the lock in the combination's lock layer (layers.ts, lockLayer); a generation writes the project's names into it
 * here, with no resolver and no network, so the lock a user gets is the one CI tested, under their project's name.
 *
 * One entry per lock file name: how the project's own names are written into a stored lock. A lock file not listed
 * here (pnpm-lock.yaml, or a team's own lock of another name) is copied as it is.
 */
import { renameCargoRoot } from './cargo-lock.js';
import { renameUvRoot } from './uv-lock.js';
import { TemplateError } from './layers.js';
import type { ProjectNames } from './names.js';

export interface LockNaming {
  /** The stored lock with the project's names in it; throws when the stored lock is not the shape it should be. */
  name(stored: string, names: ProjectNames): string;
}

/** A stored lock not of the shape its naming expects: a render error, as a broken template is. */
export class LockError extends TemplateError {}

/**
 * npm names the project twice in its lock: at the top, and in the root package (`packages[""]`), each the first key
 * of its object as npm writes it (JSON.stringify with 2 spaces). Both lines are replaced in the text: parsing and
 * writing back 150 KB of JSON would cost a generation several milliseconds, and the text is what npm wrote.
 */
const NPM_TOP_NAME = /^\{\n {2}"name": "(?:[^"\\\n]|\\.)*",\n/;
const NPM_ROOT_NAME = /\n {4}"": \{\n {6}"name": "(?:[^"\\\n]|\\.)*",\n/;
const npmLock: LockNaming = {
  name(stored, names) {
    const name = JSON.stringify(names.npmName);
    if (!NPM_TOP_NAME.test(stored) || !NPM_ROOT_NAME.test(stored)) {
      throw new LockError('package-lock.json does not start with the project\'s name and root package as npm writes them: regenerate it with npm run locks.');
    }
    // Functions as replacements: a name is never read as a `$&` pattern.
    return stored.replace(NPM_TOP_NAME, () => `{\n  "name": ${name},\n`).replace(NPM_ROOT_NAME, () => `\n    "": {\n      "name": ${name},\n`);
  },
};

/**
 * yarn.lock (Yarn 2 and later): the project is the entry `"<name>@workspace:.":`, whose `resolution` names it too.
 * `yarn install --immutable` fails when the lock it would write differs from the file by a byte, and Yarn writes
 * the top-level entries sorted by key, by UTF-16 code units, `__metadata` first (its syml writer), each key and
 * resolution quoted as JSON (every key has a colon). So the entry is renamed and moved to its sorted place. Entries
 * are separated by one blank line, and none has a blank line inside.
 */
const YARN_HEADER = /^(?:#[^\n]*\n)*\n/;
const yarnKey = (block: string): string => JSON.parse(block.slice(0, block.indexOf(':\n')));
const yarnLock: LockNaming = {
  name(stored, names) {
    const header = YARN_HEADER.exec(stored)?.[0];
    const blocks = header === undefined ? [] : stored.slice(header.length).replace(/\n$/, '').split('\n\n');
    const roots = blocks.flatMap((block, i) => (/^"(?:[^"\\\n]|\\.)*@workspace:\.":\n/.test(block) ? [i] : []));
    if (header === undefined || blocks[0]?.startsWith('__metadata:\n') !== true || roots.length !== 1) {
      throw new LockError('yarn.lock does not hold one workspace entry after __metadata, as Yarn writes it: regenerate it with npm run locks.');
    }
    const old = yarnKey(blocks[roots[0]!]!);
    const key = `${names.npmName}@workspace:.`;
    const renamed = blocks[roots[0]!]!
      .replace(/^[^\n]*/, () => `${JSON.stringify(key)}:`)
      .replace(`\n  resolution: ${JSON.stringify(old)}\n`, () => `\n  resolution: ${JSON.stringify(key)}\n`);
    if (!renamed.includes(`\n  resolution: ${JSON.stringify(key)}\n`)) throw new LockError('yarn.lock\'s workspace entry has no resolution naming it.');
    const others = blocks.filter((_, i) => i !== roots[0]);
    const at = others.findIndex((block, i) => i > 0 && yarnKey(block) > key);
    others.splice(at === -1 ? others.length : at, 0, renamed);
    return `${header}${others.join('\n\n')}\n`;
  },
};

/**
 * bun.lock (the text lock): the root workspace, `"": { "name": ... }`, the first entry of `workspaces`, as Bun
 * writes it (JSON with trailing commas, two-space indents). Workspaces are keyed by folder, so the name moves nothing.
 */
const BUN_ROOT_NAME = /\n {2}"workspaces": \{\n {4}"": \{\n {6}"name": "(?:[^"\\\n]|\\.)*",\n/;
const bunLock: LockNaming = {
  name(stored, names) {
    if (!BUN_ROOT_NAME.test(stored)) throw new LockError('bun.lock does not start its workspaces with the root\'s name, as Bun writes it: regenerate it with npm run locks.');
    return stored.replace(BUN_ROOT_NAME, () => `\n  "workspaces": {\n    "": {\n      "name": ${JSON.stringify(names.npmName)},\n`);
  },
};

/**
 * Cargo.lock: the root package is the one path package (no `source`). `cargo --locked` parses the stored lock and the
 * lock it would write and compares the two resolves (cargo src/ops/lockfile.rs, are_equal_lockfiles), so the lock has
 * to parse to the same graph under the new name; renameCargoRoot also writes it byte for byte as Cargo would (sorted,
 * dependency references lengthened where the new name makes one ambiguous), so a build without --locked leaves it
 * unchanged too.
 */
const cargoLock: LockNaming = {
  name: (stored, names) => renameCargoRoot(stored, names.crateName),
};

/**
 * uv.lock: the root package is the one whose source is the project folder. `uv sync --locked` compares the resolution,
 * not the text; renameUvRoot writes it byte for byte as `uv lock` would (the root package sorted by its new name).
 */
const uvLock: LockNaming = {
  name: (stored, names) => renameUvRoot(stored, names.pythonDist),
};

/** How the project's names are written into each lock file a starter ships, by file name. */
export const LOCK_NAMING: Readonly<Record<string, LockNaming>> = {
  'package-lock.json': npmLock,
  'yarn.lock': yarnLock,
  'bun.lock': bunLock,
  'Cargo.lock': cargoLock,
  'uv.lock': uvLock,
};

/** The lock files a starter may ship: the merge of update and add never writes conflict markers into one. */
// (go.sum is not one of them: the Go starters render it from a template, its lines are independent hashes that merge
// line by line, and `go mod download` does not rewrite it.)
export const LOCK_FILES: ReadonlySet<string> = new Set([...Object.keys(LOCK_NAMING), 'pnpm-lock.yaml']);

const baseName = (relPath: string) => relPath.slice(relPath.lastIndexOf('/') + 1);

/** Whether a project path is a lock file: a file a resolver writes, which a three-way merge of lines would corrupt. */
export const isLockFile = (relPath: string): boolean => LOCK_FILES.has(baseName(relPath));

/** A stored lock of a lock layer with the project's names written in; any other file as it is. */
export function nameLock(relPath: string, stored: Buffer, names: ProjectNames): Buffer {
  const naming = LOCK_NAMING[baseName(relPath)];
  if (!naming) return stored;
  try {
    return Buffer.from(naming.name(stored.toString('utf8'), names));
  } catch (error) {
    throw new LockError(`${relPath}: ${(error as Error).message}`);
  }
}
