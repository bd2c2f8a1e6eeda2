/**
 * The manifest and the lock agree, with no network and no uv (test/validate/uv-lock.test.ts asks uv itself): what
 * `uv sync --locked` compares first (the root's requirements as the lock recorded them, and the Python range), and
 * every direct dependency locked at a version its range allows. Read with patterns of the forms the starters write; a
 * form they do not read fails loudly.
 */

/** `name[extras]>=a,<b` as a comparable key: PEP 503 name, sorted extras, sorted clauses. */
export const requirementKey = (name: string, extras: string[], specifier: string) =>
  `${name.toLowerCase().replace(/[-_.]+/g, '-')}[${[...extras].sort().join(',')}]${specifier.split(',').map((s) => s.trim()).sort().join(',')}`;

/** The strings of one TOML array of the manifest (`dependencies = [`), as the templates write them: one per line. */
function manifestArray(manifest: string, header: RegExp): string[] {
  const start = header.exec(manifest);
  if (!start) throw new Error(`pyproject.toml has no ${header}`);
  const body = manifest.slice(start.index + start[0].length, manifest.indexOf('\n]', start.index));
  return [...body.matchAll(/^\s*"([^"]+)",?\s*(?:#.*)?$/gm)].map((m) => m[1]!);
}
function manifestRequirements(manifest: string, header: RegExp): string[] {
  return manifestArray(manifest, header).map((req) => {
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[([^\]]+)\])?\s*([<>=!~][^;]*)$/.exec(req);
    if (!m) throw new Error(`a requirement this test does not read: ${req}`);
    return requirementKey(m[1]!, m[2] ? m[2].split(',').map((e) => e.trim()) : [], m[3]!);
  });
}
/** The root package's recorded requirements in uv.lock (`requires-dist`, and the dev group's `requires-dev`). */
function lockRequirements(lock: string, header: string): string[] {
  const start = lock.indexOf(`\n${header}\n`);
  if (start < 0) throw new Error(`uv.lock has no ${header}`);
  const body = lock.slice(start, lock.indexOf('\n]\n', start));
  return [...body.matchAll(/\{ name = "([^"]+)"(?:, extras = \[([^\]]*)\])?, specifier = "([^"]+)" \}/g)].map((m) =>
    requirementKey(m[1]!, m[2] ? [...m[2].matchAll(/"([^"]+)"/g)].map((e) => e[1]!) : [], m[3]!));
}
/** Release numbers only: a pre-release or local version in a starter's lock fails here, loudly, to be looked at. */
const release = (v: string) => {
  if (!/^\d+(\.\d+)*$/.test(v)) throw new Error(`${v}: not a final release`);
  return v.split('.').map(Number);
};
const compare = (a: number[], b: number[]) => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
};
/** The clauses the starters write (>=, <, ==); another fails here. */
export function allows(specifier: string, version: string): boolean {
  return specifier.split(',').every((clause) => {
    const m = /^(>=|<|==)([\d.]+)$/.exec(clause.trim());
    if (!m) throw new Error(`a version clause this test does not read: ${clause}`);
    const d = compare(release(version), release(m[2]!));
    return m[1] === '>=' ? d >= 0 : m[1] === '<' ? d < 0 : d === 0;
  });
}

/** What disagrees between a rendered pyproject.toml and its uv.lock (none: they agree). */
export function pyprojectLockProblems(manifest: string, lock: string): string[] {
  const problems: string[] = [];
  const python = (text: string) => /^requires-python = "([^"]+)"$/m.exec(text)?.[1];
  if (python(lock) !== python(manifest)) problems.push(`requires-python: lock ${python(lock)}, manifest ${python(manifest)}`);
  const runtime = manifestRequirements(manifest, /^dependencies = \[$/m);
  const dev = manifestRequirements(manifest, /^\[dependency-groups\]\ndev = \[$/m);
  if (runtime.length < 2) problems.push(`only ${runtime.length} runtime dependencies read from pyproject.toml`);
  const same = (a: string[], b: string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
  const lockedRuntime = lockRequirements(lock, 'requires-dist = [');
  const lockedDev = lockRequirements(lock, '[package.metadata.requires-dev]\ndev = [');
  if (!same(lockedRuntime, runtime)) problems.push(`requires-dist ${JSON.stringify(lockedRuntime)} is not the manifest's ${JSON.stringify(runtime)}`);
  if (!same(lockedDev, dev)) problems.push(`requires-dev ${JSON.stringify(lockedDev)} is not the manifest's ${JSON.stringify(dev)}`);
  for (const key of [...runtime, ...dev]) {
    const [, name, specifier] = /^([^[]+)\[[^\]]*\](.*)$/.exec(key)!;
    const version = new RegExp(`^\\[\\[package\\]\\]\\nname = "${name}"\\nversion = "([^"]+)"$`, 'm').exec(lock)?.[1];
    if (version === undefined) problems.push(`${name} is not locked`);
    else if (!allows(specifier!, version)) problems.push(`${name} ${version} is not allowed by ${specifier}`);
  }
  return problems;
}
