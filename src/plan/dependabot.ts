/**
 * Which Dependabot ecosystems a generated project's .github/dependabot.yml lists (issue 21): the manifest's, by
 * ecosystem and for Node by package manager, then the workflows' actions and the Dockerfile's base images, so the
 * project's users get the same freshness our CI gives the starters (`npm run outdated`).
 */
import type { PackageManager } from '../answers.js';
import type { Ecosystem } from '../frameworks/types.js';

/** Dependabot's `package-ecosystem` for each starter ecosystem's manifest (Dependabot's npm covers pnpm and yarn). */
const MANIFEST_ECOSYSTEMS: Record<Ecosystem, string | ((pm: PackageManager) => string)> = {
  node: (pm) => (pm === 'bun' ? 'bun' : 'npm'),
  // Dependabot's uv updates pyproject.toml and uv.lock together; pip's would bump the manifest alone, and CI's
  // `uv sync --locked` would refuse every such pull request.
  python: 'uv',
  go: 'gomod',
  rust: 'cargo',
  jvm: 'maven',
};

/** What every project has beside its manifest: workflows (.github/workflows) and a Dockerfile. */
const ALWAYS = ['github-actions', 'docker'] as const;

export function dependabotEcosystems(ecosystem: Ecosystem, pm: PackageManager): string[] {
  const manifest = MANIFEST_ECOSYSTEMS[ecosystem];
  return [typeof manifest === 'function' ? manifest(pm) : manifest, ...ALWAYS];
}
