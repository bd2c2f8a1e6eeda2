/**
 * Renaming the root package of a Cargo.lock, written as Cargo writes one (rust-lang/cargo, src/ops/lockfile.rs
 * serialize_resolve and emit_package; src/resolver/encode.rs for the order and the dependency references):
 * - packages sorted by package id: name, then version (semver order), then source (a path package before a registry's);
 * - a dependency is written `"name"` when one package has that name, `"name version"` when one has that name and
 *   version, else `"name version (source)"`; each package's list sorted as those (name, version, source) triples;
 * - `name`, `version`, `source`, `checksum` lines, then `dependencies = [` one ` "ref",` a line `]`, a blank line
 *   between packages, one newline at the end.
 * Only the lock format Cargo writes today (version 3 and 4: no [metadata], no [[patch.unused]]) is handled; anything
 * else is refused, so a lock Cargo changed the shape of fails loudly here rather than shipping broken.
 */

interface CargoPackage {
  name: string;
  version: string;
  source?: string;
  checksum?: string;
  /** References as written (`"name"`, `"name version"`, `"name version (source)"`), unquoted. */
  dependencies: string[];
}

export interface CargoLock {
  /** Everything before the first [[package]]: the @generated comments and `version = 4`. */
  header: string;
  packages: CargoPackage[];
}

const PACKAGE_HEADER = '[[package]]\n';

/** A TOML basic string as Cargo writes them (no escapes in names, versions, sources or checksums), unquoted. */
function unquote(value: string, where: string): string {
  const match = /^"([^"\\]*)"$/.exec(value.trim());
  if (!match) throw new Error(`${where}: ${value} is not a plain TOML string`);
  return match[1]!;
}

export function parseCargoLock(text: string): CargoLock {
  const start = text.indexOf(PACKAGE_HEADER);
  if (start < 0) throw new Error('Cargo.lock has no [[package]]');
  const header = text.slice(0, start);
  const packages = text
    .slice(start + PACKAGE_HEADER.length)
    .split(`\n${PACKAGE_HEADER}`)
    .map((block, index) => {
      const where = `package ${index + 1}`;
      const pkg: Partial<CargoPackage> & { dependencies: string[] } = { dependencies: [] };
      const lines = block.split('\n');
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!;
        if (line === '') continue;
        if (line.startsWith('[')) throw new Error(`${where}: ${line} is a table this lock format does not have`);
        const eq = /^(\w+) = (.*)$/.exec(line);
        if (!eq) throw new Error(`${where}: cannot read the line ${JSON.stringify(line)}`);
        const [, key, value] = eq as unknown as [string, string, string];
        if (key === 'dependencies') {
          if (value !== '[') throw new Error(`${where}: dependencies are not one a line`);
          for (i++; lines[i] !== ']'; i++) {
            if (i >= lines.length) throw new Error(`${where}: dependencies = [ is not closed`);
            pkg.dependencies.push(unquote(lines[i]!.replace(/,$/, ''), where));
          }
        } else if (key === 'name' || key === 'version' || key === 'source' || key === 'checksum') {
          pkg[key] = unquote(value, where);
        } else {
          throw new Error(`${where}: ${key} is a key this lock format does not have`);
        }
      }
      if (!pkg.name || !pkg.version) throw new Error(`${where} has no name or version`);
      return pkg as CargoPackage;
    });
  return { header, packages };
}

export function writeCargoLock(lock: CargoLock): string {
  const blocks = lock.packages.map((pkg) => {
    let out = `${PACKAGE_HEADER}name = "${pkg.name}"\nversion = "${pkg.version}"\n`;
    if (pkg.source !== undefined) out += `source = "${pkg.source}"\n`;
    if (pkg.checksum !== undefined) out += `checksum = "${pkg.checksum}"\n`;
    if (pkg.dependencies.length > 0) out += `dependencies = [\n${pkg.dependencies.map((d) => ` "${d}",\n`).join('')}]\n`;
    return out;
  });
  return `${lock.header}${blocks.join('\n')}`;
}

/** The packages' indices by name: references are looked up by name first, and a lock has hundreds of them. */
export type PackageIndex = ReadonlyMap<string, readonly number[]>;

export function indexPackages(packages: readonly CargoPackage[]): PackageIndex {
  const byName = new Map<string, number[]>();
  packages.forEach((pkg, index) => {
    const list = byName.get(pkg.name);
    if (list) list.push(index);
    else byName.set(pkg.name, [index]);
  });
  return byName;
}

/** Which package each reference means, as Cargo reads a lock (encode.rs, into_resolve's lookup_id); throws when none or several. */
export function resolveReference(packages: readonly CargoPackage[], reference: string, index: PackageIndex = indexPackages(packages)): number {
  const match = /^(\S+)(?: (\S+))?(?: \((.+)\))?$/.exec(reference);
  if (!match) throw new Error(`cannot read the dependency "${reference}"`);
  const [, name, version, source] = match;
  const named = index.get(name!) ?? [];
  // Without a version, the name must have one version in the lock.
  if (version === undefined && new Set(named.map((i) => packages[i]!.version)).size > 1) throw new Error(`the dependency "${reference}" names several versions`);
  const found = named.filter((i) => (version === undefined || packages[i]!.version === version) && (source === undefined || packages[i]!.source === source));
  // Without a source, a path package (ours) is the one meant when there is one (lookup_id: path packages first).
  const paths = found.filter((i) => packages[i]!.source === undefined);
  const meant = source === undefined && paths.length > 0 ? paths : found;
  if (meant.length !== 1) throw new Error(`the dependency "${reference}" names ${meant.length === 0 ? 'no package' : 'several packages'} of the lock`);
  return meant[0]!;
}

/** How Cargo writes a reference to packages[target] among these packages (encode.rs, encodable_package_id). */
function encodeReference(packages: readonly CargoPackage[], index: PackageIndex, target: number): string {
  const pkg = packages[target]!;
  const sameName = index.get(pkg.name)!;
  if (sameName.length === 1) return pkg.name;
  const sameVersion = sameName.filter((i) => packages[i]!.version === pkg.version);
  if (sameVersion.length === 1) return `${pkg.name} ${pkg.version}`;
  return pkg.source === undefined ? `${pkg.name} ${pkg.version}` : `${pkg.name} ${pkg.version} (${pkg.source})`;
}

/** Semver precedence (major.minor.patch, then a pre-release below its release), build metadata last as text. */
export function compareSemver(a: string, b: string): number {
  const parse = (v: string) => {
    const [core, build = ''] = v.split('+', 2) as [string, string?];
    const dash = core.indexOf('-');
    const release = (dash < 0 ? core : core.slice(0, dash)).split('.').map(Number);
    return { release, pre: dash < 0 ? [] : core.slice(dash + 1).split('.'), build };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) if (x.release[i] !== y.release[i]) return (x.release[i] ?? 0) - (y.release[i] ?? 0);
  if (x.pre.length === 0 || y.pre.length === 0) {
    if (x.pre.length !== y.pre.length) return x.pre.length === 0 ? 1 : -1;
  } else {
    for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
      const p = x.pre[i];
      const q = y.pre[i];
      if (p === q) continue;
      if (p === undefined) return -1;
      if (q === undefined) return 1;
      const pn = /^\d+$/.test(p);
      const qn = /^\d+$/.test(q);
      if (pn && qn) return Number(p) - Number(q);
      if (pn !== qn) return pn ? -1 : 1;
      return p < q ? -1 : 1;
    }
  }
  return x.build < y.build ? -1 : x.build > y.build ? 1 : 0;
}

type PackageId = Pick<CargoPackage, 'name' | 'version' | 'source'>;

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Cargo's package id order: name, version, then source (a path package, which has none written, first). */
function comparePackages(a: PackageId, b: PackageId): number {
  return compareText(a.name, b.name) || compareSemver(a.version, b.version) || (a.source === b.source ? 0 : a.source === undefined ? -1 : b.source === undefined ? 1 : compareText(a.source, b.source));
}

/** A reference's sort key as Cargo sorts them: (name, version, source), an absent part before any present one. */
function compareReferences(a: string, b: string): number {
  const parts = (r: string) => /^(\S+)(?: (\S+))?(?: \((.+)\))?$/.exec(r)!.slice(1) as (string | undefined)[];
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < 3; i++) {
    if (x[i] === y[i]) continue;
    if (x[i] === undefined) return -1;
    if (y[i] === undefined) return 1;
    return compareText(x[i]!, y[i]!);
  }
  return 0;
}

/**
 * A lock's package blocks as text, with what orders them (name, version, source): enough to move the root, which is
 * all a rename does when neither its old nor its new name is another package's (no reference changes then). A
 * generation takes this path in a fraction of a millisecond; parsing every reference costs several.
 */
function moveRootByText(text: string, name: string): string | undefined {
  const start = text.indexOf(PACKAGE_HEADER);
  if (start < 0) return undefined;
  const blocks = text.slice(start + PACKAGE_HEADER.length).split(`\n${PACKAGE_HEADER}`);
  const fields = { name: /^name = "([^"]*)"\n/, version: /\nversion = "([^"]*)"\n/, source: /\nsource = "([^"]*)"\n/ };
  const field = (block: string, key: keyof typeof fields) => fields[key].exec(block)?.[1];
  const packages = blocks.map((block) => ({ block, name: field(block, 'name')!, version: field(block, 'version')!, source: field(block, 'source') }));
  const roots = packages.filter((pkg) => pkg.source === undefined);
  if (roots.length !== 1 || packages.some((pkg) => !pkg.name || !pkg.version)) return undefined;
  const root = roots[0]!;
  if (packages.some((pkg) => pkg !== root && (pkg.name === name || pkg.name === root.name))) return undefined;
  if (!root.block.startsWith(`name = "${root.name}"\n`)) return undefined;
  const moved = { ...root, name, block: `name = "${name}"\n${root.block.slice(`name = "${root.name}"\n`.length)}` };
  const others = packages.filter((pkg) => pkg !== root);
  const at = others.findIndex((pkg) => comparePackages(moved, pkg) < 0);
  others.splice(at < 0 ? others.length : at, 0, moved);
  // Each block but the last ends with the blank line that separates it from the next; the last ends the file.
  const body = others.map((pkg) => pkg.block.replace(/\n+$/, '\n')).join(`\n${PACKAGE_HEADER}`);
  return `${text.slice(0, start)}${PACKAGE_HEADER}${body}`;
}

/** The lock with its root package (the one path package) named `name`, written as Cargo would write it. */
export function renameCargoRoot(text: string, name: string): string {
  return moveRootByText(text, name) ?? renameByParsing(text, name);
}

/** The whole lock parsed, every reference resolved and written again for the new name (exported for its test). */
export function renameByParsing(text: string, name: string): string {
  const lock = parseCargoLock(text);
  const roots = lock.packages.filter((pkg) => pkg.source === undefined);
  if (roots.length !== 1) throw new Error(`Cargo.lock has ${roots.length} path packages; the starter's lock has one, the project's own`);
  // Every reference as the package it means, before the rename can make one ambiguous.
  const before = indexPackages(lock.packages);
  const graph = lock.packages.map((pkg) => pkg.dependencies.map((reference) => resolveReference(lock.packages, reference, before)));
  const renamed = lock.packages.map((pkg) => (pkg.source === undefined ? { ...pkg, name } : { ...pkg }));
  const after = indexPackages(renamed);
  renamed.forEach((pkg, i) => {
    const references = graph[i]!.map((target) => encodeReference(renamed, after, target));
    // Cargo wrote the lists sorted: only one whose references the new name lengthened needs sorting again.
    pkg.dependencies = references.some((reference, k) => reference !== pkg.dependencies[k]) ? references.sort(compareReferences) : references;
  });
  // The others are in Cargo's order already: the root moves to its place among them.
  const root = renamed.find((pkg) => pkg.source === undefined)!;
  const others = renamed.filter((pkg) => pkg !== root);
  const at = others.findIndex((pkg) => comparePackages(root, pkg) < 0);
  others.splice(at < 0 ? others.length : at, 0, root);
  return writeCargoLock({ header: lock.header, packages: others });
}
