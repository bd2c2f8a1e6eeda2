/**
 * The locks the starters ship (issue 21): one for every offered combination of the ecosystems that have one, each
 * agreeing with the manifest it is rendered beside (the root's name, every direct dependency at a version its range
 * allows), and each still a lock its tool reads as the same graph under any name the tool accepts (the hostile
 * corpus, and for Cargo every package name of the lock itself, where a clash changes how references are written).
 * No network and no toolchain: the tools' own checks run in the e2e suite (`npm ci`, `cargo ... --locked`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decide } from '../../src/decide/decide.js';
import type { ProjectAnswers } from '../../src/answers.js';
import { LOCK_PROJECT_NAME, lockCombinations, type LockCombination } from '../../src/build/lock-resolvers.js';
import { parseCargoLock, renameByParsing, renameCargoRoot, resolveReference } from '../../src/plan/cargo-lock.js';
import { BUILTIN_TEMPLATES, LOCKS_FOLDER } from '../../src/plan/layers.js';
import { nameLock } from '../../src/plan/locks.js';
import { PACKAGE_MANAGER_RELEASES, packageManagerField } from '../../src/plan/package-managers.js';
import { commandsFor } from '../../src/plan/commands.js';
import { getFramework } from '../../src/frameworks/index.js';
import { parseBunLock, readNodeLock } from './node-locks.js';
import { renameUvRoot } from '../../src/plan/uv-lock.js';
import { pyprojectLockProblems } from './pyproject-lock.js';
import { deriveNames, NameError, type ProjectNames } from '../../src/plan/names.js';
import { plan } from '../../src/plan/plan.js';
import { nameCorpus } from '../hostile/corpus.js';

const combinations = lockCombinations();
const stored = (c: LockCombination, file: string) => path.join(BUILTIN_TEMPLATES, c.layer, file);
const label = (c: LockCombination) => c.layer;

function rendered(c: LockCombination, projectName = 'invoice-api'): Map<string, string> {
  const answers: ProjectAnswers = {
    projectName, framework: c.framework.id, deploy: c.deploy, database: c.features.includes('postgres') ? 'postgres' : undefined,
    packageManager: c.packageManager, install: false, git: false,
  };
  return new Map(plan(decide(answers), answers).files.map((f) => [f.path, f.content.toString('utf8')]));
}

// ---------------------------------------------------------------------------------------------------------------
// Version ranges, as each manifest writes them. Only the forms the starters use: a new form fails here, loudly.

const triple = (v: string) => {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(v);
  if (!m) throw new Error(`${v} is not a version`);
  return [Number(m[1]), Number(m[2]), Number(m[3])] as const;
};
const atLeast = (v: readonly number[], min: readonly number[]) => v[0]! !== min[0]! ? v[0]! > min[0]! : v[1]! !== min[1]! ? v[1]! > min[1]! : v[2]! >= min[2]!;

/** npm's ^, ~ and exact, and Cargo's default requirement (`"0.8.9"` means ^0.8.9): the left-most non-zero part is kept. */
function caret(version: string, min: string): boolean {
  const v = triple(version);
  const m = triple(min);
  if (!atLeast(v, m)) return false;
  if (m[0] > 0) return v[0] === m[0];
  if (m[1] > 0) return v[0] === 0 && v[1] === m[1];
  return v[0] === 0 && v[1] === 0 && v[2] === m[2];
}
function npmAllows(range: string, version: string): boolean {
  const m = /^([\^~]?)(\d+\.\d+\.\d+)$/.exec(range);
  if (!m) throw new Error(`the range ${range} is not one this test reads (^x.y.z, ~x.y.z, x.y.z)`);
  if (m[1] === '^') return caret(version, m[2]!);
  if (m[1] === '~') return atLeast(triple(version), triple(m[2]!)) && triple(version)[0] === triple(m[2]!)[0] && triple(version)[1] === triple(m[2]!)[1];
  return version === m[2];
}

describe('locks', () => {
  it('are shipped for every offered combination of the ecosystems that have a resolver, and for nothing else', () => {
    const frameworks = new Set(combinations.map((c) => c.framework.id));
    // Not vacuous: the ecosystems issue 21 locks so far (a resolver dropped from the table fails here).
    for (const id of ['fastify', 'nestjs', 'axum', 'fastapi', 'django'] as const) expect(frameworks.has(id), id).toBe(true);
    expect(combinations.length).toBeGreaterThanOrEqual(12);
    for (const c of combinations) for (const file of c.resolver.files) expect(fs.existsSync(stored(c, file)), `${label(c)}/${file}: run npm run locks`).toBe(true);
    const expected = new Set(combinations.map((c) => c.layer));
    const onDisk = fs.readdirSync(BUILTIN_TEMPLATES).flatMap((group) => {
      const dir = path.join(BUILTIN_TEMPLATES, group, LOCKS_FOLDER);
      return fs.existsSync(dir) ? fs.readdirSync(dir).map((key) => `${group}/${LOCKS_FOLDER}/${key}`) : [];
    });
    // A lock layer no combination reads (a renamed feature, a dropped target) would ship dead weight.
    expect(onDisk.filter((layer) => !expected.has(layer))).toEqual([]);
  });

  it('were resolved under the name npm run locks uses, so a re-run changes nothing', () => {
    for (const c of combinations) {
      for (const file of c.resolver.files) {
        const text = fs.readFileSync(stored(c, file), 'utf8');
        const names = deriveNames(LOCK_PROJECT_NAME);
        expect(nameLock(file, Buffer.from(text), names).toString('utf8'), `${label(c)}/${file}: written back exactly as the tool wrote it`).toBe(text);
      }
    }
  });

  for (const c of combinations) {
    it(`${label(c)}: the lock agrees with the rendered manifest (root name, every direct dependency in range)`, () => {
      const files = rendered(c);
      if (c.resolver.manifest === 'package.json') {
        const pkg = JSON.parse(files.get('package.json')!);
        const [file] = c.resolver.files;
        const lock = readNodeLock(file!, files.get(file!)!);
        // pnpm-lock.yaml names no project (its importer is `.`); the others name it as package.json does.
        expect(lock.name).toBe(file === 'pnpm-lock.yaml' ? undefined : pkg.name);
        // What each locked install compares: the root's declared ranges are the manifest's (yarn.lock records
        // dependencies and devDependencies as one list).
        const declared = file === 'yarn.lock' ? [{ ...lock.dependencies, ...lock.devDependencies }, { ...pkg.dependencies, ...pkg.devDependencies }] : [lock.dependencies, pkg.dependencies];
        expect(declared[0]).toEqual(declared[1]);
        if (file !== 'yarn.lock') expect(lock.devDependencies).toEqual(pkg.devDependencies);
        if (file === 'package-lock.json') {
          const npm = JSON.parse(files.get('package-lock.json')!);
          expect(npm.name).toBe(pkg.name);
          for (const key of ['optionalDependencies', 'peerDependencies']) expect(npm.packages[''][key], key).toEqual(pkg[key]);
        }
        // The manager package.json names is the one the lock was made with (src/plan/package-managers.ts).
        expect(pkg.packageManager).toBe(packageManagerField(c.packageManager));
        const direct = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies } as Record<string, string>);
        expect(direct.length).toBeGreaterThan(3);
        for (const [dep, range] of direct) {
          const version = lock.locked(dep);
          expect(version, `${dep} is in the lock`).toBeDefined();
          expect(npmAllows(range, version!), `${dep}@${version} is allowed by ${range}`).toBe(true);
        }
      } else if (c.resolver.manifest === 'Cargo.toml') {
        const manifest = files.get('Cargo.toml')!;
        const crate = /^\[package\]\nname = "([^"]+)"/m.exec(manifest)?.[1];
        const lock = parseCargoLock(files.get('Cargo.lock')!);
        const root = lock.packages.find((p) => p.source === undefined)!;
        expect(root.name).toBe(crate);
        const direct = cargoDependencies(manifest);
        expect(direct.length).toBeGreaterThan(3);
        expect(root.dependencies.map((r) => lock.packages[resolveReference(lock.packages, r)]!.name).sort()).toEqual(direct.map((d) => d.name).sort());
        for (const { name, requirement } of direct) {
          const ref = root.dependencies.find((r) => r.split(' ')[0] === name)!;
          const locked = lock.packages[resolveReference(lock.packages, ref)]!;
          expect(caret(locked.version, requirement), `${name} ${locked.version} is allowed by "${requirement}"`).toBe(true);
        }
      } else if (c.resolver.manifest === 'pyproject.toml') {
        const manifest = files.get('pyproject.toml')!;
        const lock = files.get('uv.lock')!;
        const dist = /^\[project\]\nname = "([^"]+)"$/m.exec(manifest)?.[1];
        expect(dist).toBe(deriveNames('invoice-api').pythonDist);
        expect(/^\[\[package\]\]\nname = "([^"]+)"\nversion = "[^"]+"\nsource = \{ editable = "\." \}$/m.exec(lock)?.[1]).toBe(dist);
        // The root's recorded requirements and Python range (what uv sync --locked compares), each pin in range.
        expect(pyprojectLockProblems(manifest, lock)).toEqual([]);
      } else {
        throw new Error(`${label(c)}: no agreement check for ${c.resolver.manifest}: add one here`);
      }
    });
  }

  it('a package-lock.json reads back byte for byte (what lets a generation rename it through JSON)', () => {
    for (const c of combinations.filter((c) => c.resolver.files.includes('package-lock.json'))) {
      const text = fs.readFileSync(stored(c, 'package-lock.json'), 'utf8');
      expect(`${JSON.stringify(JSON.parse(text), null, 2)}\n` === text, label(c)).toBe(true);
    }
  });

  it('stay valid for every accepted name of the hostile corpus, and for Cargo every crate name of the lock itself', () => {
    const cargoLocks = combinations.filter((c) => c.resolver.files.includes('Cargo.lock')).map((c) => fs.readFileSync(stored(c, 'Cargo.lock'), 'utf8'));
    const lockNames = cargoLocks.flatMap((text) => parseCargoLock(text).packages.filter((p) => p.source !== undefined).map((p) => p.name));
    const accepted: ProjectNames[] = [];
    for (const value of [...nameCorpus().map((c) => c.value), ...lockNames]) {
      try {
        accepted.push(deriveNames(value));
      } catch (error) {
        if (!(error instanceof NameError)) throw error;
      }
    }
    expect(accepted.length).toBeGreaterThan(200);
    // Names that clash with a package of the lock: the case where the references must change, so it must be tested.
    expect(accepted.filter((n) => lockNames.includes(n.crateName)).length).toBeGreaterThan(20);
    const locks = combinations.flatMap((c) => c.resolver.files.map((file) => ({ c, file, text: fs.readFileSync(stored(c, file), 'utf8') })));
    const packageNames = new Map(locks.filter((l) => l.file === 'Cargo.lock').map((l) => [l.text, new Set(parseCargoLock(l.text).packages.map((p) => p.name))]));
    const checkedQuick = new Set<string>();
    // The locks' names only: many corpus names come out as the same package names.
    const distinct = (key: (n: ProjectNames) => string) => [...new Map(accepted.map((n) => [key(n), n])).values()];
    // Every 20th name (in the corpus' order), with the first and the last: distinct positions in Yarn's sort.
    const npmNames = distinct((n) => n.npmName).map((n) => n.npmName);
    const sampledNames = new Set(npmNames.filter((_, i) => i % 20 === 0 || i === npmNames.length - 1));
    const sampled = (n: ProjectNames) => sampledNames.has(n.npmName);
    for (const { c, file, text } of locks) {
      const lines = text.split('\n');
      for (const names of distinct((n) => (file === 'Cargo.lock' ? n.crateName : n.npmName))) {
        const out = nameLock(file, Buffer.from(text), names).toString('utf8');
        if (file === 'package-lock.json') {
          // Only the two name lines differ, each the name as JSON: so the lock parses, with the project's name.
          const changed = out.split('\n').flatMap((line, i) => (line === lines[i] ? [] : [[i, line] as const]));
          const top = `  "name": ${JSON.stringify(names.npmName)},`;
          const root = `      "name": ${JSON.stringify(names.npmName)},`;
          expect(changed.map(([i]) => lines[i]!.replace(/"name": .*/, '')), label(c)).toEqual(changed.length ? ['  ', '      '] : []);
          expect(changed.map(([, line]) => line), label(c)).toEqual(changed.length ? [top, root] : []);
          expect(out.split('\n').length).toBe(lines.length);
          expect(JSON.parse(top.slice(10, -1))).toBe(names.npmName);
        } else if (file === 'Cargo.lock') {
          const clash = packageNames.get(text)!.has(names.crateName);
          // The same graph as Cargo reads it: checked for every name whose references change (a clash), and for one
          // that changes none; for the others, the quick path (moving the root's text) must give what the whole
          // re-encoding, checked that way, gives.
          if (clash || !checkedQuick.has(text)) {
            expect(sameCargoGraph(text, out, names.crateName), `${label(c)} as ${names.crateName}`).toBe(true);
            if (!clash) checkedQuick.add(text);
          }
          if (!clash) expect(renameByParsing(text, names.crateName), `${label(c)} as ${names.crateName}`).toBe(out);
          // Written as Cargo writes it: renaming again gives the same bytes (order and references are canonical).
          expect(renameCargoRoot(out, names.crateName)).toBe(out);
        } else if (file === 'uv.lock') {
          const roots = [...out.matchAll(/^\[\[package\]\]\nname = "([^"]+)"\nversion = "[^"]+"\nsource = \{ editable = "\." \}$/gm)].map((m) => m[1]);
          expect(roots, `${label(c)} as ${names.pythonDist}`).toEqual([names.pythonDist]);
          // The same lock but for the root's name and place: named back, it is the stored one byte for byte; named
          // again, it does not change (uv's order).
          expect(renameUvRoot(out, LOCK_PROJECT_NAME) === text, `${label(c)} as ${names.pythonDist}: named back`).toBe(true);
          expect(renameUvRoot(out, names.pythonDist) === out, `${label(c)} as ${names.pythonDist}: in uv's order`).toBe(true);
        } else if (file === 'pnpm-lock.yaml') {
          // No name in it: copied as it is.
          expect(out === text, label(c)).toBe(true);
        } else if (file === 'yarn.lock') {
          const key = `${names.npmName}@workspace:.`;
          // The same lock but for the root's key and resolution: named back, the stored one byte for byte.
          expect(nameLock(file, Buffer.from(out), deriveNames(LOCK_PROJECT_NAME)).toString('utf8') === text, `${label(c)} as ${names.npmName}: named back`).toBe(true);
          // Read as a lock for a sample of the names: a parse of a NestJS yarn.lock takes ~50 ms, and the byte-level
          // checks around it (named back, the root's entry, the order) hold the file to Yarn's format for every name.
          if (sampled(names)) expect(readNodeLock(file, out).name, label(c)).toBe(names.npmName);
          expect(out).toContain(`\n\n${JSON.stringify(key)}:\n  version: 0.0.0-use.local\n  resolution: ${JSON.stringify(key)}\n`);
          // In Yarn's order (what --immutable compares byte for byte): __metadata, then keys by UTF-16 code units.
          const keys = out.split('\n\n').slice(2).map((block) => JSON.parse(block.slice(0, block.indexOf(':\n'))) as string);
          expect(keys.every((k, i) => i === 0 || keys[i - 1]! < k), `${label(c)} as ${names.npmName}: entries sorted`).toBe(true);
        } else if (file === 'bun.lock') {
          // Only the root's name line differs, the name as JSON: so the lock parses, with the project's name.
          const changed = out.split('\n').flatMap((line, i) => (line === lines[i] ? [] : [line]));
          expect(changed, label(c)).toEqual(names.npmName === LOCK_PROJECT_NAME ? [] : [`      "name": ${JSON.stringify(names.npmName)},`]);
          expect(parseBunLock(out).workspaces[''].name).toBe(names.npmName);
        } else {
          throw new Error(`${file}: no validity check: add one here`);
        }
      }
    }
  });

  it('each Node package manager gets its own lock, the locked install in the README and the image, and its release in package.json', () => {
    const base = combinations.find((x) => x.framework.id === 'fastify' && x.deploy === 'containers' && x.features.length === 0)!;
    const fastify = getFramework('fastify');
    const locked = { npm: 'npm ci', pnpm: 'pnpm install --frozen-lockfile', yarn: 'yarn install --immutable', bun: 'bun install --frozen-lockfile' } as const;
    for (const packageManager of ['npm', 'pnpm', 'yarn', 'bun'] as const) {
      const { lockFile } = PACKAGE_MANAGER_RELEASES[packageManager];
      const files = rendered({ ...base, packageManager });
      // Its own lock and no other manager's (a stray lock would make the other tools pick it up).
      expect([...files.keys()].filter((p) => /lock/i.test(p)), packageManager).toEqual([lockFile]);
      expect(commandsFor(fastify, packageManager).install, packageManager).toBe(locked[packageManager]);
      expect(files.get('README.md'), packageManager).toContain(`\`\`\`sh\n${locked[packageManager]}\n`);
      // The manifest and the lock before the sources, then the locked install.
      expect(files.get('Dockerfile'), packageManager).toMatch(new RegExp(`^COPY package\\.json ${lockFile.replace('.', '\\.')} \\./\n(?:#.*\nCOPY \\.yarnrc\\.yml \\./\n)?RUN ${locked[packageManager]}\n(?:.*\n)*?COPY src `, 'm'));
      expect(JSON.parse(files.get('package.json')!).packageManager, packageManager).toBe(packageManager === 'npm' ? undefined : `${packageManager}@${PACKAGE_MANAGER_RELEASES[packageManager].version}`);
    }
  });

  it('the releases package.json names are the ones .ci/install-tools.sh installs, which npm run locks and the e2e suite run', () => {
    const script = fs.readFileSync(path.join(BUILTIN_TEMPLATES, '../.ci/install-tools.sh'), 'utf8');
    const pinned = (variable: string) => new RegExp(`^${variable}=(\\S+)$`, 'm').exec(script)?.[1];
    expect({ pnpm: pinned('PNPM'), yarn: pinned('YARN_BERRY'), bun: pinned('BUN') }).toEqual({
      pnpm: PACKAGE_MANAGER_RELEASES.pnpm.version,
      yarn: PACKAGE_MANAGER_RELEASES.yarn.version,
      bun: PACKAGE_MANAGER_RELEASES.bun.version,
    });
  });

  it('the ecosystems without a lock file of ours pin what they fetch: the Maven wrapper checks its distribution\'s SHA-256', () => {
    const properties = fs.readFileSync(path.join(BUILTIN_TEMPLATES, 'spring-boot/base/.mvn/wrapper/maven-wrapper.properties'), 'utf8');
    // mvnw refuses a download whose checksum differs (its `distributionSha256Sum` check); the value was computed from
    // the Maven Central artifact that distributionUrl names, whose published .sha512 it matched.
    expect(properties).toMatch(/^distributionUrl=https:\/\/repo\.maven\.apache\.org\/maven2\/org\/apache\/maven\/apache-maven\/[\d.]+\/apache-maven-[\d.]+-bin\.zip$/m);
    expect(properties).toMatch(/^distributionSha256Sum=[0-9a-f]{64}$/m);
  });

  it('a crate named like a package of its lock gets references Cargo can tell apart (`"http 1.x"`), and no others change', () => {
    const text = fs.readFileSync(path.join(BUILTIN_TEMPLATES, 'axum/locks/containers/Cargo.lock'), 'utf8');
    const http = parseCargoLock(text).packages.find((p) => p.name === 'http')!;
    const out = renameCargoRoot(text, 'http');
    expect(out).toContain(` "http ${http.version}",\n`);
    expect(out).not.toMatch(/ "http",\n/);
    expect(out.replace(new RegExp(` "http ${http.version.replace(/\./g, '\\.')}",`, 'g'), ' "http",').replace(/^name = "http"\nversion = "0\.1\.0"/m, `name = "${LOCK_PROJECT_NAME}"\nversion = "0.1.0"`).split('\n').sort()).toEqual(text.split('\n').sort());
  });
});

/** [dependencies] and [dev-dependencies] of a Cargo.toml: name and version requirement (`x = "1"`, `x = { version = "1", ... }`). */
function cargoDependencies(manifest: string): { name: string; requirement: string }[] {
  const out: { name: string; requirement: string }[] = [];
  let inDeps = false;
  for (const line of manifest.split('\n')) {
    if (line.startsWith('[')) inDeps = line === '[dependencies]' || line === '[dev-dependencies]';
    else if (inDeps && /^[A-Za-z0-9_-]+\s*=/.test(line)) {
      const m = /^([A-Za-z0-9_-]+)\s*=\s*(?:"([^"]+)"|\{.*\bversion\s*=\s*"([^"]+)")/.exec(line);
      if (!m) throw new Error(`cannot read the dependency line ${line}`);
      out.push({ name: m[1]!, requirement: m[2] ?? m[3]! });
    }
  }
  return out;
}

const graphs = new Map<string, Map<string, string[]> | undefined>();

/** Both locks mean the same graph, the root renamed: every reference resolves, to the same package, as Cargo reads it. */
function sameCargoGraph(before: string, after: string, rootName: string): boolean {
  const graph = (text: string, root: string) => {
    const lock = parseCargoLock(text);
    const key = (i: number) => {
      const p = lock.packages[i]!;
      return p.source === undefined ? `<root> ${p.version}` : `${p.name} ${p.version} ${p.source}`;
    };
    const roots = lock.packages.filter((p) => p.source === undefined);
    if (roots.length !== 1 || roots[0]!.name !== root) return undefined;
    return new Map(lock.packages.map((p, i) => [key(i), p.dependencies.map((r) => key(resolveReference(lock.packages, r))).sort()]));
  };
  const a = graphs.get(before) ?? graph(before, parseCargoLock(before).packages.find((p) => p.source === undefined)!.name);
  graphs.set(before, a);
  const b = graph(after, rootName);
  return a !== undefined && b !== undefined && JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
}
