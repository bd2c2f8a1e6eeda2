/**
 * Build step (package.json's `build`): for each framework, the source of one CommonJS module in the form
 * src/plan/compiled.ts reads: every layer folder of templates/ its generations read (`_shared/*`, `_<ecosystem>/*`,
 * `<framework>/*`) with its files, the `.hbs` ones precompiled by Handlebars. Files that are not templates are listed
 * with their mode and still copied from templates/ at run time.
 */
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { FrameworkRecord } from '../frameworks/types.js';
import { comparePaths, listLayer } from '../plan/layers.js';
import { COMPILE_OPTIONS } from '../plan/plan.js';

/** One layer folder as the module's source text: `[[relPath, mode, spec or null], ...]`. */
function layerSource(layerDir: string): string {
  const files = listLayer(layerDir).sort((a, b) => comparePaths(a.relPath, b.relPath));
  const listed = files.map((file) => {
    const spec = file.relPath.endsWith('.hbs') ? Handlebars.precompile(fs.readFileSync(file.absPath, 'utf8'), COMPILE_OPTIONS) : 'null';
    return `[${JSON.stringify(file.relPath)},${file.mode},${spec}]`;
  });
  return `[${listed.join(',\n')}]`;
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
      .filter((group) => fs.existsSync(path.join(templatesRoot, group)))
      .flatMap((group) => fs.readdirSync(path.join(templatesRoot, group)).sort(comparePaths).map((folder) => `${group}/${folder}`))
      .map((layer) => `${JSON.stringify(layer)}:${layerOnce(layer)}`);
    modules.set(framework.id, `"use strict";\nmodule.exports={\n${entries.join(',\n')}\n};\n`);
  }
  return modules;
}
