/**
 * No Docker engine runs here, so each starter's Dockerfile build stages run with the local toolchain instead (see
 * build-stage.ts): every RUN of the stages the final image needs, in a scratch root that holds only what the COPY
 * lines put there, must exit 0 and leave every file the final stage copies with --from, including the one its
 * command runs. A broken install or build step, or one that needs a file the Dockerfile never copies in (or that
 * .dockerignore keeps out), fails here. Install-heavy: minutes per starter on a cold cache.
 * E2E_FRAMEWORKS=gin,echo and E2E_DEPLOY=serverless narrow it as they do the e2e suite; E2E_KEEP=1 keeps the folders.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeRun, runShell } from '../e2e/processes.js';
import { requireTools, toolEnv } from '../e2e/tools.js';
import { buildStages, finalCopies, inRoot, runBuildStages, stageLabel } from './build-stage.js';
import { commandTargets, finalStage, parseDockerfile, type Dockerfile } from './dockerfile.js';
import { filteredStarters, generate } from './starters.js';

const MINUTE = 60_000;
const STEP_TIMEOUT = 20 * MINUTE;

const matrix = filteredStarters();
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cbf-build-stage-'));
afterAll(() => {
  if (!process.env.E2E_KEEP) fs.rmSync(root, { recursive: true, force: true });
});

describe('the build-stage matrix', () => {
  it('has something to test, and the e2e tools to test it with', () => {
    expect(matrix.length, `no starter matches E2E_FRAMEWORKS=${process.env.E2E_FRAMEWORKS} E2E_DEPLOY=${process.env.E2E_DEPLOY}`).toBeGreaterThan(0);
    requireTools();
  });
});

for (const starter of matrix) {
  const project = path.join(root, starter.slug, 'project');
  const scratch = path.join(root, starter.slug, 'stages');
  // Read at collection time, so the test's name can say which steps it skips.
  let file: Dockerfile | undefined;
  let setupError: Error | undefined;
  try {
    generate(starter, project);
    file = parseDockerfile(fs.readFileSync(path.join(project, 'Dockerfile'), 'utf8'));
  } catch (error) {
    setupError = error as Error;
  }
  const { runs } = file ? buildStages(file) : { runs: [] };
  const skipped = runs.filter((r) => r.skipped);
  const skipNote = skipped.length === 0
    ? 'nothing skipped'
    : `skipping the image's own setup (OS packages, a package manager): ${skipped.map((s) => `line ${s.instruction.line}`).join(', ')}`;

  describe.sequential(starter.label, () => {
    let built: Promise<Map<number, string>> | undefined;

    it(`runs the build stages' ${runs.length - skipped.length} RUN step(s) with the local toolchain (${skipNote})`, async () => {
      if (setupError) throw setupError;
      expect(runs.length, 'the build stages have RUN steps').toBeGreaterThan(0);
      const env = toolEnv();
      built = runBuildStages(file!, project, scratch, env, async (command, cwd, stepEnv, step) => {
        const result = await runShell(command, { cwd, env: stepEnv, timeoutMs: STEP_TIMEOUT });
        if (result.code !== 0) {
          throw new Error(`stage ${stageLabel(step.stage)}, Dockerfile line ${step.instruction.line} (run in ${cwd}): ${describeRun(command, result)}`);
        }
      });
      await built;
    }, 60 * MINUTE);

    it('leaves every file the final stage copies with --from, and the one its command runs', async () => {
      if (!built) throw new Error('the build stages did not run');
      const roots = await built.catch((error: Error) => {
        throw new Error(`the build stages failed: ${error.message.split('\n')[0]}`);
      });
      const missing = finalCopies(file!)
        .filter((copy) => !fs.existsSync(inRoot(roots.get(copy.stage.index)!, copy.source)))
        .map((copy) => `line ${copy.line}: COPY --from=${stageLabel(copy.stage)} ${copy.source}`);
      expect(missing, 'COPY --from sources the build stages did not produce').toEqual([]);

      const final = finalStage(file!);
      const targets = commandTargets(final);
      expect(targets.length, `${JSON.stringify(final.argv)} runs nothing copied from a build stage`).toBeGreaterThan(0);
      const produced = targets.filter((t) => t.sources.some((s) => lexists(inRoot(roots.get(s.stage.index)!, s.path))));
      expect(
        produced.map((t) => t.role),
        `the final command ${JSON.stringify(final.argv)} needs one of: ${targets
          .map((t) => `${t.finalPath} (from ${t.sources.map((s) => `${stageLabel(s.stage)}:${s.path}`).join(' or ')})`)
          .join('; ')}, and the build stages made none`,
      ).not.toEqual([]);
    }, 5 * MINUTE);
  });
}

/** Exists, counting a symbolic link that points out of the stage (a venv's python points at the machine's). */
function lexists(p: string): boolean {
  return fs.lstatSync(p, { throwIfNoEntry: false }) !== undefined;
}
