/**
 * What a Node lock says about the project it locks, read the same way from each package manager's lock file: the
 * root's name (where the lock holds one), the root's declared ranges, and the version each direct dependency is
 * locked at. Shared by the unit test of the shipped locks and the e2e test that installs from them.
 */
import { parse as parseYaml } from 'yaml';

export interface NodeLockRoot {
  /** The project's name in the lock; undefined for pnpm-lock.yaml, which names the folder (`.`), not the project. */
  name: string | undefined;
  /** The root's dependencies and devDependencies as the lock records them (name to the manifest's range). */
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  /** The version the lock installs for a direct dependency; undefined when the lock lacks it. */
  locked(dep: string): string | undefined;
}

/** bun.lock is JSON with trailing commas (no comments): the commas go, outside strings, then JSON.parse reads it. */
export function parseBunLock(text: string): any {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      out += ch;
      if (ch === '\\') out += text[++i];
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch === ',' && /^\s*[}\]]/.test(text.slice(i + 1, i + 40))) {
      // a trailing comma: dropped
    } else {
      out += ch;
    }
  }
  return JSON.parse(out);
}

const READERS: Record<string, (text: string) => NodeLockRoot> = {
  'package-lock.json': (text) => {
    const lock = JSON.parse(text);
    const root = lock.packages[''];
    return {
      name: root.name,
      dependencies: root.dependencies ?? {},
      devDependencies: root.devDependencies ?? {},
      locked: (dep) => lock.packages[`node_modules/${dep}`]?.version,
    };
  },
  'pnpm-lock.yaml': (text) => {
    const importer = parseYaml(text).importers['.'];
    const specifiers = (group: Record<string, { specifier: string }> = {}) => Object.fromEntries(Object.entries(group).map(([dep, v]) => [dep, v.specifier]));
    return {
      name: undefined,
      dependencies: specifiers(importer.dependencies),
      devDependencies: specifiers(importer.devDependencies),
      // `12.5.1(reflect-metadata@0.2.2)`: the version, then the peers it was resolved with.
      locked: (dep) => (importer.dependencies?.[dep] ?? importer.devDependencies?.[dep])?.version.replace(/\(.*$/, ''),
    };
  },
  'yarn.lock': (text) => {
    const lock = parseYaml(text) as Record<string, any>;
    const rootKeys = Object.keys(lock).filter((key) => key.endsWith('@workspace:.'));
    if (rootKeys.length !== 1) throw new Error(`yarn.lock has ${rootKeys.length} workspace entries`);
    const rootKey = rootKeys[0]!;
    const root = lock[rootKey];
    // Yarn records every range as `npm:<range>`, and does not tell dependencies from devDependencies.
    const ranges: Record<string, string> = Object.fromEntries(Object.entries(root.dependencies ?? {}).map(([dep, d]) => [dep, String(d).replace(/^npm:/, '')]));
    const entryOf = (dep: string) => Object.entries(lock).find(([key]) => key.split(', ').includes(`${dep}@npm:${ranges[dep]}`))?.[1];
    return {
      name: rootKey.slice(0, -'@workspace:.'.length),
      dependencies: ranges,
      devDependencies: {},
      locked: (dep) => (ranges[dep] === undefined ? undefined : entryOf(dep)?.version),
    };
  },
  'bun.lock': (text) => {
    const lock = parseBunLock(text);
    const root = lock.workspaces[''];
    return {
      name: root.name,
      dependencies: root.dependencies ?? {},
      devDependencies: root.devDependencies ?? {},
      // `["fastify@5.12.8", "", {...}, "sha512-..."]`: name@version first.
      locked: (dep) => (lock.packages[dep]?.[0] as string | undefined)?.slice(dep.length + 1),
    };
  },
};

export const NODE_LOCK_FILES = Object.keys(READERS);

export function readNodeLock(file: string, text: string): NodeLockRoot {
  const reader = READERS[file];
  if (!reader) throw new Error(`${file}: no reader for this lock: add one to test/unit/node-locks.ts`);
  return reader(text);
}
