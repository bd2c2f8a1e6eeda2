/**
 * The Node package managers a starter can be generated for, in one table (issue 21): the exact release each one's
 * shipped lock was made with (`npm run locks`, with the e2e tools folder's copy of that release, .ci/install-tools.sh
 * installs the same versions: test/unit/package-managers.test.ts compares them), the lock file it reads, and how the
 * starter's Dockerfile and CI workflow get it and prune with it.
 */
import type { PackageManager } from '../answers.js';

export interface PackageManagerRelease {
  /**
   * The release the shipped lock was resolved with: package.json's `packageManager` field (`pnpm@10.34.9`), which
   * corepack and pnpm/action-setup read. None for npm: it comes with Node.js, and its lock reads the same across npm
   * releases of the same lockfileVersion.
   */
  version?: string;
  /** The lock file it installs from (the lock layer's file, src/build/lock-resolvers.ts). */
  lockFile: string;
  /**
   * The Dockerfile's build-stage step that puts this release on the node image, before the install; none for npm
   * (the image has it). pnpm and yarn through corepack, which the node:24 images ship and which reads package.json's
   * `packageManager` field, so the image runs the release the lock was made with; bun through npm (corepack does not
   * know bun), pinned to the same release, on the node image itself so the runtime stays the one the app runs on.
   */
  imageSetup?: string;
  /**
   * After the build, what leaves only production dependencies in node_modules for the runtime stage to copy. npm and
   * pnpm prune in place; yarn's `workspaces focus --production` reinstalls the project's production dependencies
   * from the lock; bun has no prune, so its node_modules is installed again from the lock with --production.
   */
  prune: string;
}

const BUN = '1.4.4';

export const PACKAGE_MANAGER_RELEASES: Readonly<Record<PackageManager, PackageManagerRelease>> = {
  npm: { lockFile: 'package-lock.json', prune: 'npm prune --omit=dev' },
  pnpm: { version: '10.34.9', lockFile: 'pnpm-lock.yaml', imageSetup: 'corepack enable pnpm', prune: 'pnpm prune --prod' },
  yarn: { version: '4.18.1', lockFile: 'yarn.lock', imageSetup: 'corepack enable yarn', prune: 'yarn workspaces focus --production' },
  bun: {
    version: BUN,
    lockFile: 'bun.lock',
    imageSetup: `npm install --global --no-audit --no-fund bun@${BUN}`,
    prune: 'rm -rf node_modules && bun install --frozen-lockfile --production',
  },
};

/** package.json's `packageManager` field for a Node project (`pnpm@10.34.9`); undefined for npm. */
export function packageManagerField(pm: PackageManager): string | undefined {
  const { version } = PACKAGE_MANAGER_RELEASES[pm];
  return version ? `${pm}@${version}` : undefined;
}
