/**
 * What the maintainer scripts that render starters into a scratch folder share (`npm run locks`, src/build/locks.ts;
 * `npm run outdated`, src/build/outdated.ts): their --frameworks flag, a PATH that finds the e2e tools' Node 24 and
 * pinned programs (uv) before the machine's, and the built CLI's arguments for one combination.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FeatureId } from '../features/types.js';
import type { DeployTarget, FrameworkRecord } from '../frameworks/types.js';
import { PACKAGE_ROOT } from '../version.js';

export const BUILT_CLI = path.join(PACKAGE_ROOT, 'bin/create-backend-fit.cjs');

/** `--frameworks fastify,axum` narrows a script to those; absent, every framework. */
export function frameworksFlag(args: readonly string[]): ReadonlySet<string> | undefined {
  return args.includes('--frameworks') ? new Set(args[args.indexOf('--frameworks') + 1]?.split(',')) : undefined;
}

/**
 * PATH with the e2e tools folder's Node 24, bin and its npm packages' programs (the pinned pnpm, yarn and bun,
 * .ci/install-tools.sh) first, where they exist.
 */
export function toolsPath(): string {
  const toolsDir = process.env.E2E_TOOLS_DIR ?? path.join(PACKAGE_ROOT, '.tmp/tools');
  const dirs = [path.join(toolsDir, 'node_modules/node/bin'), path.join(toolsDir, 'bin'), path.join(toolsDir, 'node_modules/.bin')].filter((dir) => fs.existsSync(dir));
  return [...dirs, process.env.PATH].join(path.delimiter);
}

export interface Combination {
  framework: Pick<FrameworkRecord, 'id'>;
  deploy: DeployTarget;
  features: readonly FeatureId[];
  packageManager?: string;
}

/** The CLI's arguments (after node) that render a combination into `project`: nothing installed, no git, no prompt. */
export function generateArgv(project: string, { framework, deploy, features, packageManager }: Combination, name?: string): string[] {
  return [
    BUILT_CLI, project, ...(name ? ['--name', name] : []), '--framework', framework.id, '--deploy', deploy,
    '--database', features.includes('postgres') ? 'postgres' : 'none', ...(packageManager ? ['--package-manager', packageManager] : []),
    '--no-install', '--no-git', '--yes',
  ];
}
