/**
 * Build step (package.json's `build`): for each framework, the source of one CommonJS module in the form
 * src/plan/compiled.ts reads: every layer folder of templates/ its generations read (`_shared/*`, `_<ecosystem>/*`,
 * `<framework>/*`, and each level's `features/<feature>/*`) with its files, the `.hbs` ones precompiled by Handlebars. Files that are not templates are listed
 * with their mode and still copied from templates/ at run time.
 */
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { FrameworkRecord } from '../frameworks/types.js';
import { comparePaths, FEATURES_FOLDER, listLayer } from '../plan/layers.js';
import { helpers } from '../plan/helpers.js';
import { COMPILE_OPTIONS } from '../plan/plan.js';

/**
 * The run-time options plus what makes the generated code smaller: a generation compiles (V8's lazy compile) and
 * runs every function of the templates it renders once, so its cost follows the module's size (fastify.cjs: 67 KiB
 * before these, 50 KiB after).
 * - knownHelpersOnly with our helpers: a plain `{{port}}` becomes a property lookup instead of "a helper named port,
 *   else the value" (our helpers are still looked up by name when called, so a team's plopfile may replace one; a
 *   team helper can no longer shadow one of the built-in templates' variables, which it never should have);
 * - no source locations (see withoutLocations).
 * test/unit/compiled-templates.test.ts renders every starter both ways and requires the same bytes.
 */
const PRECOMPILE_OPTIONS = { ...COMPILE_OPTIONS, knownHelpers: Object.fromEntries(Object.keys(helpers).map((name) => [name, true])), knownHelpersOnly: true };

/**
 * A template precompiled from its syntax tree without the nodes' `loc`: Handlebars then emits `undefined` where it
 * wrote a `{start: {line, column}, end: {...}}` literal into every lookup and helper call (17% of the module), which
 * only an error message would read. Compiled once with locations first, so a mistake in a template still fails the
 * build with its line.
 */
function precompileLean(source: string): string {
  Handlebars.precompile(source, PRECOMPILE_OPTIONS);
  const strip = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(strip);
    else if (node && typeof node === 'object') {
      delete (node as { loc?: unknown }).loc;
      Object.values(node).forEach(strip);
    }
  };
  const ast = Handlebars.parse(source);
  strip(ast);
  // precompile() returns the source text of the template specification, whatever its type says.
  return String(Handlebars.precompile(ast, PRECOMPILE_OPTIONS));
}

/** One layer folder as the module's source text: `[[relPath, mode, spec or null], ...]`. */
function layerSource(layerDir: string): string {
  const files = listLayer(layerDir).sort((a, b) => comparePaths(a.relPath, b.relPath));
  const listed = files.map((file) => {
    const spec = file.relPath.endsWith('.hbs') ? precompileLean(fs.readFileSync(file.absPath, 'utf8')) : 'null';
    return `[${JSON.stringify(file.relPath)},${file.mode},${spec}]`;
  });
  return `[${listed.join(',\n')}]`;
}

const foldersOf = (dir: string): string[] =>
  fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort(comparePaths) : [];

/**
 * The layer folders of one level (`fastify`): its own (`base`, `serverless`, `partials`) and its features'
 * (`features/postgres/base`), as layerNames() names them.
 */
export function levelLayers(templatesRoot: string, group: string): string[] {
  const root = path.join(templatesRoot, group);
  const own = foldersOf(root).filter((folder) => folder !== FEATURES_FOLDER);
  const featured = foldersOf(path.join(root, FEATURES_FOLDER)).flatMap((feature) =>
    foldersOf(path.join(root, FEATURES_FOLDER, feature)).map((layer) => `${FEATURES_FOLDER}/${feature}/${layer}`),
  );
  return [...own, ...featured].map((layer) => `${group}/${layer}`);
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
