/**
 * Template layers: folders whose files keep the path they will have in the project. Later layers win, so a team's
 * folder passed with --templates replaces or adds to the built-in files of the same path.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DeployTarget, FrameworkId, FrameworkRecord } from '../frameworks/types.js';
import { PACKAGE_ROOT } from '../version.js';

export class TemplateError extends Error {}

/** The templates shipped with the tool (a sibling of dist/ and src/). */
export const BUILTIN_TEMPLATES = path.join(PACKAGE_ROOT, 'templates');

export interface TemplateFile {
  /** Path relative to its layer, as written under templates/ (before renaming). */
  relPath: string;
  absPath: string;
  mode: number;
  layer: string;
}

/**
 * Which layer folders apply, in order, within one templates root: what every starter shares, then what the
 * starters of one ecosystem share (e.g. `_go/`: Gin and Echo serve the same net/http server and Lambda adapter),
 * then the framework's own files.
 */
export function layerDirs(root: string, framework: Pick<FrameworkRecord, 'id' | 'ecosystem'>, deploy: DeployTarget): string[] {
  return ['_shared', `_${framework.ecosystem}`, framework.id].flatMap((group) => [`${group}/base`, `${group}/${deploy}`]).map((dir) => path.join(root, dir));
}

/**
 * Lists every file of the layers, later layers replacing earlier ones path by path. Links are refused: a link in a
 * team's template folder could point anywhere on the machine, and a template can never reach outside its layer.
 */
export function collectTemplates(layers: string[]): Map<string, TemplateFile> {
  const files = new Map<string, TemplateFile>();
  for (const layer of layers) {
    if (!fs.existsSync(layer)) continue;
    const realLayer = fs.realpathSync(layer);
    for (const relPath of walk(realLayer, '')) {
      const absPath = path.join(realLayer, relPath);
      const stat = fs.statSync(absPath);
      files.set(relPath, { relPath, absPath, mode: stat.mode & 0o777, layer });
    }
  }
  return files;
}

function* walk(root: string, rel: string): Generator<string> {
  for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const entryRel = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isSymbolicLink()) {
      throw new TemplateError(`${path.join(root, entryRel)} is a symbolic link; template folders may not contain links.`);
    }
    if (entry.isDirectory()) yield* walk(root, entryRel);
    else if (entry.isFile()) yield entryRel;
  }
}

/**
 * Partials by file name: `_shared/partials` (e.g. a CI toolchain setup), then the framework's own `partials/`, which
 * may replace a shared one (e.g. `readme-notes`, the framework's section of the shared README).
 */
export function partialFiles(roots: string[], framework: FrameworkId): Map<string, string> {
  const partials = new Map<string, string>();
  for (const dir of roots.flatMap((root) => [path.join(root, '_shared/partials'), path.join(root, framework, 'partials')])) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir)) {
      if (name.endsWith('.hbs')) partials.set(name.slice(0, -'.hbs'.length), fs.readFileSync(path.join(dir, name), 'utf8'));
    }
  }
  return partials;
}
