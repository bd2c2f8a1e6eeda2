/**
 * A team's plopfile, run through plop's own engine (node-plop), so plop users already know the API: its helpers
 * become available to our templates, and its generators run after ours inside the generated project.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Handlebars from 'handlebars';
import { CliError } from '../errors.js';

/** Looked for in a --templates folder when no --plopfile is given. */
export const PLOPFILE_NAMES = ['create-backend-fit.plopfile.mjs', 'create-backend-fit.plopfile.js'];

export function findPlopfile(explicit: string | undefined, templateDirs: string[]): string | undefined {
  if (explicit) {
    const file = path.resolve(explicit);
    if (!fs.existsSync(file)) throw new CliError('usage', `--plopfile ${explicit}: no such file.`);
    return file;
  }
  for (const dir of templateDirs) {
    for (const name of PLOPFILE_NAMES) if (fs.existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

export interface TeamPlopfile {
  helpers: Record<string, Handlebars.HelperDelegate>;
  /** Runs every generator with the template variables as its answers; returns what each changed. */
  runGenerators: (answers: Record<string, unknown>) => Promise<string[]>;
}

interface PlopAction {
  type?: string;
  path?: string;
  [key: string]: unknown;
}

export async function loadPlopfile(file: string, projectDir: string): Promise<TeamPlopfile> {
  const { default: nodePlop } = await import('node-plop');
  let plop: Awaited<ReturnType<typeof nodePlop>>;
  try {
    plop = await nodePlop(file, { destBasePath: projectDir, force: false });
  } catch (error) {
    throw new CliError('render', `The plopfile ${file} failed to load: ${(error as Error).message}`);
  }
  // plop ships helpers of its own (case changes, pkg); ours already cover what templates need, theirs are added.
  const helpers = Object.fromEntries(plop.getHelperList().map((name) => [name, plop.getHelper(name) as Handlebars.HelperDelegate]));

  return {
    helpers,
    runGenerators: async (answers) => {
      const changed: string[] = [];
      for (const { name } of plop.getGeneratorList()) {
        const generator = plop.getGenerator(name);
        const actions = (typeof generator.actions === 'function' ? generator.actions(answers) : generator.actions) as (PlopAction | string)[];
        // A team generator, like a template layer, can never write outside the project folder.
        for (const action of actions ?? []) {
          if (typeof action !== 'object' || typeof action.path !== 'string') continue;
          const dest = path.resolve(projectDir, plop.renderString(action.path, answers));
          if (dest !== projectDir && !dest.startsWith(projectDir + path.sep)) {
            throw new CliError('render', `Plop generator "${name}" would write outside the project: ${dest}`);
          }
        }
        const result = await generator.runActions(answers);
        if (result.failures.length > 0) {
          const reasons = result.failures.map((f) => `${f.type} ${f.path}: ${f.error}`).join('; ');
          throw new CliError('render', `Plop generator "${name}" failed: ${reasons}`);
        }
        changed.push(...result.changes.map((c) => `${name}: ${c.type} ${c.path}`));
      }
      return changed;
    },
  };
}
