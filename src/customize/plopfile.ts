/**
 * A team's plopfile, run through plop's own engine (node-plop), so plop users already know the API: its helpers
 * become available to our templates, and its generators run after ours inside the generated project.
 *
 * --trust consents to running the team's code, not to writing outside the project. So every generator is asked for
 * its actions once, each destination is computed the way node-plop computes it (addMany's files included), checked,
 * and the generator then runs exactly those actions, with the destinations already resolved: a generator that would
 * answer differently the second time, or a helper that renders differently, cannot move a write. Actions whose
 * writes cannot be known beforehand (a function, a custom action type) are refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Handlebars from 'handlebars';
import { CliError } from '../errors.js';
import { PathRefused, realProjectRoot, relativePathProblem, resolveInside } from '../project-paths.js';

/** Looked for in a --templates folder when no --plopfile is given. */
export const PLOPFILE_NAMES = ['create-backend-fit.plopfile.mjs', 'create-backend-fit.plopfile.js'];

/** `explicit` is a path the user typed (`--plopfile`) or a record named (`recordedIn`). */
export function findPlopfile(explicit: string | undefined, templateDirs: string[], recordedIn?: string): string | undefined {
  if (explicit) {
    const file = path.resolve(explicit);
    if (!fs.existsSync(file)) {
      throw new CliError('usage', recordedIn ? `The plopfile ${file} that ${recordedIn} names is gone: put it back, or remove "plopfile" from the record.` : `--plopfile ${explicit}: no such file.`);
    }
    return file;
  }
  for (const dir of templateDirs) {
    for (const name of PLOPFILE_NAMES) if (fs.existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

export interface PreparedGenerators {
  /** Checks the destinations on disk (no link on the way, no file of the user's changed), then runs the generators. */
  run: (project: { userEntries: string[] }) => Promise<string[]>;
}

export interface TeamPlopfile {
  helpers: Record<string, Handlebars.HelperDelegate>;
  /** Asks every generator for its actions, once, and checks every destination against the project folder. */
  prepare: (answers: Record<string, unknown>) => Promise<PreparedGenerators>;
}

type Plop = Awaited<ReturnType<(typeof import('node-plop'))['default']>>;
type Action = Record<string, unknown> & { type?: unknown; path?: unknown };

/** The action types whose every write is a path we can compute; anything else could write anywhere. */
const CHECKED_TYPES = ['add', 'addMany', 'modify', 'append'] as const;
/** Types that change a file that is already there. */
const CHANGES_EXISTING = new Set(['modify', 'append']);

interface FrozenAction {
  type: (typeof CHECKED_TYPES)[number];
  /** Absolute, resolved destination. */
  dest: string;
  action: Action | string;
}

/** Found before anything is written: exit 1, nothing touched. */
const refuse = (generator: string, what: string) => new CliError('render', `Plop generator "${generator}" ${what}: nothing was written and no generator ran.`);

const normalizeSlashes = (p: string) => (path.sep === '\\' ? p.replace(/\\/g, '/') : p);

export async function loadPlopfile(file: string, projectDir: string): Promise<TeamPlopfile> {
  const { default: nodePlop } = await import('node-plop');
  let plop: Plop;
  try {
    plop = await nodePlop(file, { destBasePath: projectDir, force: false });
  } catch (error) {
    throw new CliError('render', `The plopfile ${file} failed to load: ${oneLine(error)}`);
  }
  // plop ships helpers of its own (case changes, pkg); ours already cover what templates need, theirs are added.
  const helpers = Object.fromEntries(plop.getHelperList().map((name) => [name, plop.getHelper(name) as Handlebars.HelperDelegate]));
  const project = path.resolve(projectDir);

  /** The destination of one path, as node-plop's makeDestPath computes it, refused unless inside the project. */
  const destination = (generator: string, index: number, template: string, data: Record<string, unknown>): string => {
    let rendered: string;
    try {
      rendered = plop.renderString(normalizeSlashes(template), data);
    } catch (error) {
      throw refuse(generator, `action #${index + 1} has a path that does not render (${oneLine(error)})`);
    }
    // The resolved path is handed to plop, which renders it once more: it must render to itself.
    if (rendered.includes('{{')) throw refuse(generator, `action #${index + 1} renders to a path with "{{" in it (${rendered})`);
    const dest = path.resolve(project, rendered);
    const rel = path.relative(project, dest).split(path.sep).join('/');
    const problem = rel === '' ? 'is the project folder itself' : relativePathProblem(rel);
    if (problem) {
      throw refuse(generator, `would write outside the project or into git's folder: action #${index + 1} goes to ${dest}, which ${problem}`);
    }
    return dest;
  };

  /** addMany, expanded into the add actions node-plop would run (same glob, same base, same renaming). */
  const expandAddMany = async (generator: string, index: number, cfg: Action, data: Record<string, unknown>): Promise<FrozenAction[]> => {
    const { globSync } = await import('tinyglobby');
    const { verbose: _verbose, stripExtensions = ['hbs'], destination: dest, base, templateFiles, globOptions, type: _type, ...rest } = cfg;
    if (typeof dest !== 'string' || dest === '') throw refuse(generator, `action #${index + 1} (addMany) has no destination`);
    const renderedBase = typeof base === 'string' && base ? plop.renderString(base, data) : '';
    const patterns = ([] as unknown[]).concat(typeof templateFiles === 'function' ? templateFiles() : templateFiles).map((p) => plop.renderString(String(p), data));
    const plopDir = path.resolve(plop.getPlopfilePath());
    const absBase = path.resolve(plopDir, renderedBase);
    const files = globSync(patterns, { cwd: plopDir, braceExpansion: false, expandDirectories: true, absolute: true, ...(globOptions as object) })
      .filter((f) => f.startsWith(absBase.replace(/\\/g, '/')))
      .filter((f) => fs.existsSync(f) && fs.lstatSync(f).isFile());
    return files.map((templateFile) => {
      const relativeTemplatePath = path.relative(absBase, templateFile);
      const dropped = renderedBase ? relativeTemplatePath.replace(renderedBase, '') : relativeTemplatePath.split(path.sep).slice(1).join(path.sep);
      const target = stripExtension(stripExtensions, normalizeSlashes(path.join(dest, dropped)));
      const resolved = destination(generator, index, target, data);
      return { type: 'add' as const, dest: resolved, action: { ...rest, type: 'add', path: resolved, templateFile, force: false } };
    });
  };

  return {
    helpers,
    prepare: async (answers) => {
      const prepared: { name: string; description: string; actions: FrozenAction[] }[] = [];
      for (const { name } of plop.getGeneratorList()) {
        const generator = plop.getGenerator(name);
        let actions: unknown;
        try {
          actions = typeof generator.actions === 'function' ? generator.actions({ ...answers }) : generator.actions;
        } catch (error) {
          throw refuse(name, `failed while listing its actions (${oneLine(error)})`);
        }
        if (!Array.isArray(actions)) throw refuse(name, 'has no list of actions');
        const frozen: FrozenAction[] = [];
        for (const [index, action] of actions.entries()) {
          if (typeof action === 'string') {
            frozen.push({ type: 'add', dest: '', action });
            continue;
          }
          if (typeof action === 'function') throw refuse(name, `has a function as action #${index + 1}, whose writes cannot be checked: use add, addMany, modify or append`);
          const cfg = { ...(action as Action) };
          const type = cfg.type;
          if (!CHECKED_TYPES.includes(type as FrozenAction['type'])) {
            throw refuse(name, `uses the action type ${JSON.stringify(type)} in action #${index + 1}, whose writes cannot be checked: use add, addMany, modify or append`);
          }
          // Asked once: a data function could answer differently when plop asks it again.
          const cfgData = typeof cfg.data === 'function' ? await (cfg.data as () => unknown)() : (cfg.data ?? {});
          const data = { ...(cfgData as object), ...answers };
          if (type === 'addMany') {
            frozen.push(...(await expandAddMany(name, index, { ...cfg, data: cfgData }, data)));
            continue;
          }
          if (typeof cfg.path !== 'string' || cfg.path === '') throw refuse(name, `action #${index + 1} (${type}) has no path`);
          const dest = destination(name, index, cfg.path, data);
          // A team generator adds or edits; it never deletes a file to put its own in its place.
          frozen.push({ type: type as FrozenAction['type'], dest, action: { ...cfg, data: cfgData, path: dest, force: false } });
        }
        prepared.push({ name, description: String(generator.description ?? name), actions: frozen });
      }

      /** Found once the starter's files are in place: exit 3, the project stays, no generator ran. */
      const refuseWritten = (generator: string, what: string) =>
        new CliError('plop', `The project in ${project} is written, but the team generator "${generator}" ${what}, so no team generator ran.`);

      return {
        run: async ({ userEntries }) => {
          const root = realProjectRoot(project);
          const isUsers = (rel: string) => userEntries.some((entry) => rel === entry || rel.startsWith(`${entry}/`));
          for (const { name, actions } of prepared) {
            for (const { type, dest } of actions) {
              if (!dest) continue;
              const rel = path.relative(project, dest).split(path.sep).join('/');
              try {
                resolveInside(root, rel);
              } catch (error) {
                if (error instanceof PathRefused) throw refuseWritten(name, `would write to ${rel}, which ${error.reason}`);
                throw error;
              }
              if (CHANGES_EXISTING.has(type) && isUsers(rel)) throw refuseWritten(name, `would change ${rel}, a file of yours that was in the folder before`);
            }
          }
          const changed: string[] = [];
          for (const { name, description, actions } of prepared) {
            // The generator, re-registered with exactly the checked actions: plop never asks the team's code again.
            const generator = plop.setGenerator(name, { description, prompts: [], actions: actions.map((a) => a.action) as never });
            const result = await generator.runActions({ ...answers });
            if (result.failures.length > 0) {
              const reasons = result.failures.map((f) => `${f.type} ${f.path}: ${oneLine(f.error)}`).join('; ');
              throw new CliError(
                'plop',
                `The project in ${project} is written, but the team generator "${name}" failed: ${reasons}. What the generators changed before that stays; fix the plopfile, then remove the folder and generate again.`,
              );
            }
            changed.push(...result.changes.map((c) => `${name}: ${c.type} ${c.path}`));
          }
          return changed;
        },
      };
    },
  };
}

/** node-plop's stripExtensions: `x.ts.hbs` -> `x.ts` when `.hbs` is listed (a dotfile or a name with two extensions). */
function stripExtension(strip: unknown, fileName: string): string {
  const parsed = path.parse(fileName);
  if (Array.isArray(strip) && !strip.map((item) => `.${item}`).includes(parsed.ext)) return fileName;
  return path.parse(parsed.name).ext !== '' || parsed.name.startsWith('.') ? path.join(parsed.dir, parsed.name) : fileName;
}

const oneLine = (error: unknown) => String((error as Error)?.message ?? error).split('\n')[0];
