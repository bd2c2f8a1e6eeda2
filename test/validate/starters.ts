/**
 * The starters test/validate checks: every framework record with deploy targets, every target, rendered in memory
 * by plan() and written by the one writer, as a user would get them (minus install and git).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PackageManager, ProjectAnswers } from '../../src/answers.js';
import { decide } from '../../src/decide/decide.js';
import { offeredFeatures } from '../../src/features/index.js';
import { frameworks } from '../../src/frameworks/index.js';
import type { DeployTarget, FrameworkRecord } from '../../src/frameworks/types.js';
import { plan, type Plan } from '../../src/plan/plan.js';
import { writePlan } from '../../src/write.js';

export const PROJECT_NAME = 'invoice-api';

export interface Starter {
  framework: FrameworkRecord;
  deploy: DeployTarget;
  /** `fastify/containers`: what failures are named by. */
  label: string;
  /** Folder name under the scratch root (`fastify-containers`). */
  slug: string;
  /** `--database postgres`: the starter with the feature's layers (its files and its lines in shared files). */
  database?: 'postgres';
  /** `--package-manager`, for a Node starter; unset is npm. */
  packageManager?: Exclude<PackageManager, 'npm'>;
}

/** The package managers a Node starter is also checked with (its lock, Dockerfile and CI setup differ by manager). */
const OTHER_NODE_MANAGERS = ['pnpm', 'yarn', 'bun'] as const;

/**
 * Every starter, and again with each database its framework offers (`fastify/containers+postgres`), and for Node
 * with each other package manager (`fastify/containers (pnpm)`: a manager changes no feature's files).
 */
export const allStarters: Starter[] = frameworks.flatMap((framework) =>
  framework.deployTargets.flatMap((deploy) => [
    { framework, deploy, label: `${framework.id}/${deploy}`, slug: `${framework.id}-${deploy}` },
    ...offeredFeatures(framework).map((database) => ({ framework, deploy, database, label: `${framework.id}/${deploy}+${database}`, slug: `${framework.id}-${deploy}-${database}` })),
    ...(framework.ecosystem === 'node' ? OTHER_NODE_MANAGERS : []).map((packageManager) => ({
      framework, deploy, packageManager, label: `${framework.id}/${deploy} (${packageManager})`, slug: `${framework.id}-${deploy}-${packageManager}`,
    })),
  ]),
);

/** The install-heavy matrix (the Dockerfile build stages). E2E_FRAMEWORKS=gin,echo and E2E_DEPLOY=serverless narrow it, as in the e2e suite. */
export function filteredStarters(): Starter[] {
  const onlyFrameworks = process.env.E2E_FRAMEWORKS?.split(',').filter(Boolean);
  const onlyDeploy = process.env.E2E_DEPLOY;
  return allStarters
    .filter((s) => (!onlyFrameworks || onlyFrameworks.includes(s.framework.id)) && (!onlyDeploy || s.deploy === onlyDeploy))
    // An image's build is the same for both targets; with a database or another package manager, built once
    // (containers, where the image runs).
    .filter((s) => (!s.database && !s.packageManager) || s.deploy === 'containers');
}

export function answersFor(starter: Starter): ProjectAnswers {
  return { projectName: PROJECT_NAME, framework: starter.framework.id, deploy: starter.deploy, database: starter.database, packageManager: starter.packageManager ?? 'npm', install: false, git: false };
}

export function planFor(starter: Starter): Plan {
  const answers = answersFor(starter);
  return plan(decide(answers), answers);
}

/** Writes the starter into `dir` (which must not exist yet, or be empty) and returns its plan. */
export function generate(starter: Starter, dir: string): Plan {
  const planned = planFor(starter);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  writePlan(planned.files, dir, { force: false });
  return planned;
}
