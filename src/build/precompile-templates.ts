/**
 * Build step (package.json's `build`): each group folder of templates/ (`_shared`, `fastify`) as the source of one
 * CommonJS module in the form src/plan/compiled.ts reads: its layer folders (`base`, `serverless`, `partials`) with
 * their files, the `.hbs` ones precompiled by Handlebars. Files that are not templates are listed with their mode and
 * still copied from templates/ at run time.
 */
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { comparePaths, listLayer } from '../plan/layers.js';
import { COMPILE_OPTIONS } from '../plan/plan.js';

/** Module source by group name. */
export function precompiledGroups(templatesRoot: string): Map<string, string> {
  const modules = new Map<string, string>();
  for (const group of fs.readdirSync(templatesRoot).sort(comparePaths)) {
    if (!fs.statSync(path.join(templatesRoot, group)).isDirectory()) continue;
    const layers = fs.readdirSync(path.join(templatesRoot, group)).sort(comparePaths).map((layer) => {
      const files = listLayer(path.join(templatesRoot, group, layer)).sort((a, b) => comparePaths(a.relPath, b.relPath));
      const listed = files.map((file) => {
        const spec = file.relPath.endsWith('.hbs') ? Handlebars.precompile(fs.readFileSync(file.absPath, 'utf8'), COMPILE_OPTIONS) : 'null';
        return `[${JSON.stringify(file.relPath)},${file.mode},${spec}]`;
      });
      return `${JSON.stringify(layer)}:[${listed.join(',\n')}]`;
    });
    modules.set(group, `"use strict";\nmodule.exports={\n${layers.join(',\n')}\n};\n`);
  }
  return modules;
}
