/**
 * Build step (package.json's `build`): for each framework, the source of one CommonJS module in the form
 * src/plan/compiled.ts reads: every layer folder of templates/ its generations read (`_shared/*`, `_<ecosystem>/*`,
 * `<framework>/*`, and each level's `features/<feature>/*`) with its files, the `.hbs` ones compiled to functions
 * (compile-template.ts). Files that are not templates are listed with their mode and still read from templates/ at
 * run time, so a large one (a lock file) costs nothing until a generation copies it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FrameworkRecord } from '../frameworks/types.js';
import { comparePaths, FEATURES_FOLDER, listLayer, LOCKS_FOLDER } from '../plan/layers.js';
import { helpers } from '../plan/helpers.js';
import { compileTemplate } from './compile-template.js';

const HELPERS = new Set(Object.keys(helpers));

/** One layer folder as the module's source text: `[[relPath, mode, function or null], ...]`. */
function layerSource(layerDir: string): string {
  const files = listLayer(layerDir).sort((a, b) => comparePaths(a.relPath, b.relPath));
  const listed = files.map((file) => {
    const render = file.relPath.endsWith('.hbs') ? compileTemplate(fs.readFileSync(file.absPath, 'utf8'), HELPERS, file.absPath) : 'null';
    return `[${JSON.stringify(file.relPath)},${file.mode},${render}]`;
  });
  return `[${listed.join(',\n')}]`;
}

const foldersOf = (dir: string): string[] =>
  fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort(comparePaths) : [];

/**
 * The layer folders of one level (`fastify`): its own (`base`, `serverless`, `partials`) and its features'
 * (`features/postgres/base`) and its locks (`locks/containers+npm`), as layerNames() names them.
 */
export function levelLayers(templatesRoot: string, group: string): string[] {
  const root = path.join(templatesRoot, group);
  const own = foldersOf(root).filter((folder) => folder !== FEATURES_FOLDER && folder !== LOCKS_FOLDER);
  const featured = foldersOf(path.join(root, FEATURES_FOLDER)).flatMap((feature) =>
    foldersOf(path.join(root, FEATURES_FOLDER, feature)).map((layer) => `${FEATURES_FOLDER}/${feature}/${layer}`),
  );
  // Locks are plain files (not .hbs): the module lists them, and a generation reads only its own combination's.
  const locks = foldersOf(path.join(root, LOCKS_FOLDER)).map((key) => `${LOCKS_FOLDER}/${key}`);
  return [...own, ...featured, ...locks].map((layer) => `${group}/${layer}`);
}

/** Module source by framework id. */
export function precompiledFrameworks(templatesRoot: string, frameworks: readonly Pick<FrameworkRecord, 'id' | 'ecosystem'>[]): Map<string, string> {
  const layers = new Map<string, string>();
  const layerOnce = (layer: string) => {
    if (!layers.has(layer)) layers.set(layer, layerSource(path.join(templatesRoot, layer)));
    return layers.get(layer)!;
  };
  const modules = new Map<string, string>();
  for (const framework of frameworks) {
    const entries = ['_shared', `_${framework.ecosystem}`, framework.id]
      .flatMap((group) => levelLayers(templatesRoot, group))
      .map((layer) => `${JSON.stringify(layer)}:${layerOnce(layer)}`);
    modules.set(framework.id, `"use strict";\nmodule.exports={\n${entries.join(',\n')}\n};\n`);
  }
  return modules;
}
