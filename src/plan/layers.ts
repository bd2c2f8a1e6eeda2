/**
 * Template layers: folders whose files keep the path they will have in the project. Later layers win, so a team's
 * folder passed with --templates replaces or adds to the built-in files of the same path.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PackageManager } from '../answers.js';
import type { FeatureId } from '../features/types.js';
import type { DeployTarget, FrameworkRecord } from '../frameworks/types.js';
import { PACKAGE_ROOT } from '../version.js';
import { compiledLayer, type CompiledFramework, type TemplateSpec } from './compiled.js';

export class TemplateError extends Error {}

/**
 * Path order by UTF-16 code units, the same on every machine. (localeCompare depends on the ICU data Node was built
 * with, and its first call loads a collator: about 5 ms of a 100 ms generation.)
 */
export const comparePaths = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The templates shipped with the tool (a sibling of dist/ and src/). */
export const BUILTIN_TEMPLATES = path.join(PACKAGE_ROOT, 'templates');

export interface TemplateFile {
  /** Path relative to its layer, as written under templates/ (before renaming). */
  relPath: string;
  absPath: string;
  mode: number;
  layer: string;
  /** A built-in `.hbs` template as the build precompiled it (see compiled.ts); absent means compile from absPath. */
  spec?: TemplateSpec;
}

/**
 * Which layer folders apply, in order, within one templates root: what every starter shares, then what the
 * starters of one ecosystem share (e.g. `_go/`: Gin and Echo serve the same net/http server and Lambda adapter),
 * then the framework's own files; at each level, the chosen features' layers after its base and deploy layers.
 */
export function layerNames(
  framework: Pick<FrameworkRecord, 'id' | 'ecosystem'>,
  deploy: DeployTarget,
  features: readonly FeatureId[] = [],
  packageManager?: PackageManager,
): string[] {
  const levels = ['_shared', `_${framework.ecosystem}`, framework.id].flatMap((group) => [
    `${group}/base`,
    `${group}/${deploy}`,
    // A feature's files at each level come after that level's own, so a feature may replace a file of its level's
    // base (and the framework's feature files replace the shared ones, as the framework's base does).
    ...features.flatMap((feature) => [`${group}/features/${feature}/base`, `${group}/features/${feature}/${deploy}`]),
  ]);
  return [...levels, lockLayer(framework, deploy, features, packageManager)];
}

/** The folder under each level that holds the features' layers (`fastify/features/postgres/base`). */
export const FEATURES_FOLDER = 'features';

/** The folder under a framework that holds the locks it ships, one layer per combination (see lockLayer). */
export const LOCKS_FOLDER = 'locks';

/**
 * The layer holding the lock of one combination, last of all: a lock pins every dependency the other layers bring
 * together, so there is one per deploy target, set of features and, for Node, package manager
 * (`fastify/locks/containers+postgres+npm`, `axum/locks/serverless`).
 */
export function lockLayer(
  framework: Pick<FrameworkRecord, 'id' | 'ecosystem'>,
  deploy: DeployTarget,
  features: readonly FeatureId[] = [],
  packageManager?: PackageManager,
): string {
  const manager = framework.ecosystem === 'node' && packageManager ? [packageManager] : [];
  return `${framework.id}/${LOCKS_FOLDER}/${[deploy, ...features, ...manager].join('+')}`;
}

/** Whether a layer (as TemplateFile.layer names it: relative, or a folder's path) is a lock layer (lockLayer). */
export const isLockLayer = (layer: string): boolean => layer.split(/[\\/]/).at(-2) === LOCKS_FOLDER;

/**
 * Every file of the named layers in every root, in order, later ones replacing earlier ones path by path. The
 * built-in root is read from `compiled`, the framework's precompiled layers, when given (the bundled build),
 * else from disk.
 */
export function collectLayers(roots: string[], layers: string[], compiled?: CompiledFramework): Map<string, TemplateFile> {
  const files = new Map<string, TemplateFile>();
  for (const root of roots) {
    if (root !== BUILTIN_TEMPLATES) refuseLinksOnTheWay(root, layers);
    for (const layer of layers) {
      const listed = compiled && root === BUILTIN_TEMPLATES ? compiledLayer(compiled, root, layer) : listLayer(path.join(root, layer));
      for (const file of listed) files.set(file.relPath, file);
    }
  }
  return files;
}

/**
 * A team's templates folder, and every folder from it down to a layer (`_shared`, `_shared/base`), must be a folder
 * and not a link: a layer that is a link (`_shared/base -> ~/secrets`) would copy whatever it points at.
 */
function refuseLinksOnTheWay(root: string, layers: string[]): void {
  const refuse = (dir: string) => {
    throw new TemplateError(`${dir} is a symbolic link; a templates folder and its layer folders may not be links.`);
  };
  const rootStat = fs.lstatSync(root, { throwIfNoEntry: false });
  if (rootStat?.isSymbolicLink()) refuse(root);
  for (const layer of layers) {
    let dir = root;
    for (const part of layer.split('/')) {
      dir = path.join(dir, part);
      const stat = fs.lstatSync(dir, { throwIfNoEntry: false });
      if (!stat) break;
      if (stat.isSymbolicLink()) refuse(dir);
    }
  }
}

/** Lists every file of the layer folders, later folders replacing earlier ones path by path. */
export function collectTemplates(layers: string[]): Map<string, TemplateFile> {
  return new Map(layers.flatMap(listLayer).map((file) => [file.relPath, file]));
}

/**
 * The files of one layer folder, none if it does not exist. Links are refused: a link in a team's template folder
 * could point anywhere on the machine, and a template can never reach outside its layer.
 */
export function listLayer(layer: string): TemplateFile[] {
  if (!fs.existsSync(layer)) return [];
  const realLayer = fs.realpathSync(layer);
  return [...walk(realLayer, '')].map((relPath) => {
    const absPath = path.join(realLayer, relPath);
    return { relPath, absPath, mode: fs.statSync(absPath).mode & 0o777, layer };
  });
}

function* walk(root: string, rel: string): Generator<string> {
  for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const entryRel = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isSymbolicLink()) {
      throw new TemplateError(`${path.join(root, entryRel)} is a symbolic link; template folders may not contain links.`);
    }
    // Whatever lands under .git/ is git's configuration or a hook, which git would obey at the first commit.
    if (entry.name.toLowerCase() === '.git') {
      throw new TemplateError(`${path.join(root, entryRel)} is git's own folder (.git); no template may write into it.`);
    }
    if (entry.isDirectory()) yield* walk(root, entryRel);
    else if (entry.isFile()) yield entryRel;
  }
}

/**
 * Partials by file name, in the order of the template layers: `_shared/partials` (e.g. a CI toolchain setup), the
 * ecosystem's (e.g. `_python/partials`: the Lambda notes both Python starters' READMEs include), then the framework's
 * own `partials/`, which may replace a shared one (e.g. `readme-notes`, the framework's section of the shared README).
 */
export function partialFiles(roots: string[], framework: Pick<FrameworkRecord, 'id' | 'ecosystem'>, compiled?: CompiledFramework): Map<string, string | TemplateSpec> {
  const partials = new Map<string, string | TemplateSpec>();
  const layers = ['_shared', `_${framework.ecosystem}`, framework.id].map((group) => `${group}/partials`);
  for (const file of collectLayers(roots, layers, compiled).values()) {
    if (file.relPath.includes('/') || !file.relPath.endsWith('.hbs')) continue;
    partials.set(file.relPath.slice(0, -'.hbs'.length), file.spec ?? fs.readFileSync(file.absPath, 'utf8'));
  }
  return partials;
}
