import type { PackageManager } from '../answers.js';
import type { FeatureId, FrameworkFeature } from '../features/types.js';
import type { FrameworkCommands, FrameworkRecord } from '../frameworks/types.js';

/**
 * How each package manager spells the npm commands the Node records are written with. `ci` is the install from the
 * shipped lock (each manager's own, src/build/lock-resolvers.ts), in the mode that fails rather than resolve again
 * when package.json and the lock disagree, and never rewrites the lock. `install` (the relock, after `add`) is the
 * opposite, as `npm install` is: it updates the lock, even where CI=true makes pnpm's and yarn's plain install frozen.
 */
const SPELLINGS: Record<PackageManager, { ci: string; install: string; test: string; run: string; start: string }> = {
  npm: { ci: 'npm ci', install: 'npm install', test: 'npm test', run: 'npm run', start: 'npm start' },
  pnpm: { ci: 'pnpm install --frozen-lockfile', install: 'pnpm install --no-frozen-lockfile', test: 'pnpm test', run: 'pnpm run', start: 'pnpm start' },
  yarn: { ci: 'yarn install --immutable', install: 'yarn install --no-immutable', test: 'yarn test', run: 'yarn run', start: 'yarn start' },
  bun: { ci: 'bun install --frozen-lockfile', install: 'bun install', test: 'bun run test', run: 'bun run', start: 'bun run start' },
};

function respell(command: string, pm: PackageManager): string {
  const s = SPELLINGS[pm];
  return command
    .replace(/\bnpm ci\b/g, s.ci)
    .replace(/\bnpm install\b/g, s.install)
    .replace(/\bnpm test\b/g, s.test)
    .replace(/\bnpm run\b/g, s.run)
    .replace(/\bnpm start\b/g, s.start);
}

/** A project's commands: the framework's, and those its chosen features add (`migrate`). */
export type ProjectCommands = FrameworkCommands & Partial<FrameworkFeature['commands']>;

/** The framework's commands, with the chosen features', as the chosen package manager spells them (only Node projects have a choice). */
export function commandsFor(framework: FrameworkRecord, pm: PackageManager, features: readonly FeatureId[] = []): ProjectCommands {
  const all: ProjectCommands = Object.assign({}, framework.commands, ...features.map((id) => framework.features?.[id]?.commands));
  if (framework.ecosystem !== 'node' || pm === 'npm') return all;
  return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, respell(v as string, pm)])) as unknown as ProjectCommands;
}

/**
 * The install after the manifest changed (add, or a user's own lock kept by update): it resolves what the lock lacks
 * and updates the lock, where the project's install (`npm ci`) would refuse.
 */
export function relockFor(framework: FrameworkRecord, pm: PackageManager): string {
  const command = framework.relock ?? framework.commands.install;
  return framework.ecosystem === 'node' && pm !== 'npm' ? respell(command, pm) : command;
}

/** What bootstrap's git step runs, also printed as the retry command. */
export const GIT_INIT_COMMANDS = 'git init && git add -A && git commit -m "Initial commit from create-backend-fit"';
