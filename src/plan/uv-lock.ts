/**
 * uv.lock names the project once: the root `[[package]]`, the one whose source is the project folder
 * (`source = { editable = "." }`, or `virtual` for a project that is not a package). Nothing else in a one-project
 * lock refers to it: no locked package depends on the project, and a workspace's `[manifest]` lists members only
 * when there are several.
 *
 * renameUvRoot writes the project's distribution name there and moves the package to its place in uv's order (the
 * packages are sorted by name), so the lock is byte for byte the one `uv lock` writes for that project: `uv sync
 * --locked` accepts it (uv compares the resolution, not the text, but a lock in another order would be rewritten by
 * the user's next `uv lock`, a diff of the user's that has nothing to do with their change).
 */

/** What separates the packages in uv.lock: a blank line, then the table header. */
const PACKAGE_HEADER = '\n[[package]]\n';
/** The first line of every package: uv writes the name first. */
const NAME_LINE = /^name = "([^"]+)"\n/;
/** The root package's source: the project's own folder. */
const ROOT_SOURCE = /^source = \{ (editable|virtual) = "\." \}$/m;
/** A PEP 503 normalised name, what uv writes (src/plan/names.ts derives pythonDist in that form). */
const NORMALISED = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export class UvLockError extends Error {}

/** The stored lock with the project named `dist` (a normalised distribution name) in uv's order. */
export function renameUvRoot(stored: string, dist: string): string {
  if (!NORMALISED.test(dist)) throw new UvLockError(`"${dist}" is not a normalised distribution name (lowercase letters, digits and single hyphens)`);
  const [header, ...packages] = stored.split(PACKAGE_HEADER);
  if (!/^version = 1\n/.test(header!)) throw new UvLockError('uv.lock does not start with `version = 1`: regenerate it with npm run locks.');
  const roots = packages.filter((p) => ROOT_SOURCE.test(p));
  if (roots.length !== 1) throw new UvLockError(`uv.lock has ${roots.length} packages whose source is the project folder, where it should have one: regenerate it with npm run locks.`);
  const named = packages.map((text) => {
    const name = NAME_LINE.exec(text)?.[1];
    if (name === undefined) throw new UvLockError(`uv.lock has a [[package]] that does not start with its name: ${JSON.stringify(text.slice(0, 60))}`);
    return ROOT_SOURCE.test(text) ? { name: dist, text: text.replace(NAME_LINE, `name = "${dist}"\n`) } : { name, text };
  });
  const clash = named.find((p) => p.name === dist && !ROOT_SOURCE.test(p.text));
  if (clash) throw new UvLockError(`the project's distribution name "${dist}" is the name of a package it depends on`);
  // uv sorts packages by name, as Rust compares strings (byte order; the names are ASCII): not localeCompare.
  named.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [header, ...named.map((p) => p.text)].join(PACKAGE_HEADER);
}
