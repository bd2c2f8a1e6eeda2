/**
 * Which starters ship a lock, which lock files each has and how the ecosystem's own tool resolves them: the data
 * `npm run locks` (src/build/locks.ts) runs and the test of the shipped locks (test/unit/locks.test.ts) checks
 * against. Not part of the CLI: a generation only copies the stored locks (src/plan/locks.ts names them).
 */
import { PACKAGE_MANAGERS, type PackageManager } from '../answers.js';
import { featureSets, offeredFeatures } from '../features/index.js';
import type { FeatureId } from '../features/types.js';
import { frameworks } from '../frameworks/index.js';
import type { DeployTarget, FrameworkRecord } from '../frameworks/types.js';
import { lockLayer } from '../plan/layers.js';

/** The project name the locks are resolved under; a generation writes the user's into them (src/plan/locks.ts). */
export const LOCK_PROJECT_NAME = 'locked-starter';

export interface LockResolver {
  /** The lock files the resolve writes, at the project's top level. */
  files: readonly string[];
  /**
   * Brings the lock in line with the manifest, keeping every locked version the manifest still allows (run with the
   * shipped lock in place); with no lock there, resolves every dependency to the newest version allowed.
   */
  resolve: readonly (readonly string[])[];
  /** The manifest whose dependencies the lock pins (the test of the shipped locks reads both). */
  manifest: string;
}

/**
 * By ecosystem, and for Node by package manager (`node:npm`): a starter whose key is not here ships no lock. The
 * pnpm, yarn and bun resolves run the e2e tools folder's copy of the release package.json's `packageManager` field
 * names (src/plan/package-managers.ts), first on PATH; none runs a package's scripts or links node_modules.
 */
export const LOCK_RESOLVERS: Readonly<Record<string, LockResolver>> = {
  'node:npm': {
    files: ['package-lock.json'],
    // --ignore-scripts: resolving runs no package's code. --omit-lockfile-registry-resolved: no registry URL in the
    // lock, so `npm ci` fetches from whichever registry the user's npm is configured with (integrity still checked),
    // and the stored lock does not depend on the machine that made it.
    resolve: [['npm', 'install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--omit-lockfile-registry-resolved']],
    manifest: 'package.json',
  },
  'node:pnpm': {
    files: ['pnpm-lock.yaml'],
    // --no-frozen-lockfile: in CI (CI=true) pnpm would otherwise refuse to write the lock it is asked to write. The
    // lock names no registry for the default one (integrity only), and not the project either (importers: `.`).
    resolve: [['pnpm', 'install', '--lockfile-only', '--ignore-scripts', '--no-frozen-lockfile']],
    manifest: 'package.json',
  },
  'node:yarn': {
    files: ['yarn.lock'],
    // update-lockfile: resolves and fetches only what the lock needs (checksums), links nothing and runs no script.
    // --no-immutable: CI makes installs immutable by default. Yarn's lock holds `name@npm:range` descriptors, no
    // registry URL; its workspace entry names the project (src/plan/locks.ts renames it).
    resolve: [['yarn', 'install', '--mode=update-lockfile', '--no-immutable']],
    manifest: 'package.json',
  },
  'node:bun': {
    files: ['bun.lock'],
    // The text lock, written without installing; its packages' registry field stays empty for the default registry.
    // Its root workspace names the project (src/plan/locks.ts renames it).
    resolve: [['bun', 'install', '--lockfile-only', '--ignore-scripts', '--no-progress']],
    manifest: 'package.json',
  },
  rust: {
    files: ['Cargo.lock'],
    // --workspace: only the project itself is re-resolved; a dependency is added only if the lock lacks it. Cargo's
    // resolver picks the newest versions whose rust-version fits the crate's (Cargo.toml's rust-version).
    resolve: [['cargo', 'update', '--workspace']],
    manifest: 'Cargo.toml',
  },
  python: {
    files: ['uv.lock'],
    // `uv lock` keeps every locked version pyproject.toml still allows (uv prefers the lock's versions); the lock is
    // universal (every platform and Python version requires-python allows), so the machine that makes it does not
    // matter, only uv's version (the pinned one from the e2e tools folder, first on PATH).
    resolve: [['uv', 'lock', '--quiet']],
    manifest: 'pyproject.toml',
  },
};

export const resolverKey = (framework: Pick<FrameworkRecord, 'ecosystem'>, packageManager: PackageManager): string =>
  framework.ecosystem === 'node' ? `node:${packageManager}` : framework.ecosystem;

export interface LockCombination {
  framework: FrameworkRecord;
  deploy: DeployTarget;
  features: FeatureId[];
  packageManager: PackageManager;
  /** templates/<layer>: where its lock is stored (lockLayer). */
  layer: string;
  resolver: LockResolver;
}

/** Every combination the tool offers whose ecosystem (and package manager) ships a lock. */
export function lockCombinations(): LockCombination[] {
  return frameworks.flatMap((framework) =>
    framework.deployTargets.flatMap((deploy) =>
      featureSets(offeredFeatures(framework)).flatMap((features) =>
        // A package manager is a choice for Node only; the others are the same starter whatever it says.
        (framework.ecosystem === 'node' ? PACKAGE_MANAGERS : (['npm'] as const)).flatMap((packageManager) => {
          const resolver = LOCK_RESOLVERS[resolverKey(framework, packageManager)];
          return resolver ? [{ framework, deploy, features, packageManager, layer: lockLayer(framework, deploy, features, packageManager), resolver }] : [];
        }),
      ),
    ),
  );
}
