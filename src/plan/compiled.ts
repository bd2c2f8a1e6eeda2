/**
 * Built-in templates in Handlebars' precompiled form, written at build time by src/build/precompile-templates.ts
 * as one CommonJS module per template group (`_shared`, `_node`, `fastify`) under dist/compiled-templates/, keyed by
 * layer folder. Compiling every template at every run was about a third of a generation's time; a team's --templates
 * folders are still compiled when they are used. A generation loads three modules: one per layer was six files (each
 * costs Node's loader about half a millisecond), one for all groups parsed 130 KiB to use 30.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type Handlebars from 'handlebars';
import { BUNDLED } from '../bundled.js';
import { PACKAGE_ROOT } from '../version.js';
import type { TemplateFile } from './layers.js';

/** A template as Handlebars.precompile() returns it, evaluated. */
export type TemplateSpec = Parameters<typeof Handlebars.template>[0];

/** One layer folder's files: [path within the layer, file mode, precompiled spec for `.hbs` files or null]. */
export type CompiledLayer = Array<[relPath: string, mode: number, spec: TemplateSpec | null]>;

/** The layer folders of one group of templates/ (`base`, `serverless`, `partials` of `fastify/`) and their files. */
export type CompiledGroup = Record<string, CompiledLayer>;

export const COMPILED_TEMPLATES_DIR = 'dist/compiled-templates';

/** The running build's precompiled templates; none when running from src/, which compiles at run time. */
export function defaultCompiledDir(): string | undefined {
  return BUNDLED ? path.join(PACKAGE_ROOT, COMPILED_TEMPLATES_DIR) : undefined;
}

const requireModule = createRequire(import.meta.url);

/**
 * The files of one built-in layer folder (`fastify/base`, `_shared/partials`), as `listLayer` would list them from
 * disk. A layer the build did not write is a folder that does not exist.
 */
export function compiledLayer(compiledDir: string, templatesRoot: string, layer: string): TemplateFile[] {
  const [group, folder] = layer.split('/') as [string, string];
  const module = path.join(compiledDir, `${group}.cjs`);
  if (!fs.existsSync(module)) return [];
  const layerDir = path.join(templatesRoot, layer);
  return ((requireModule(module) as CompiledGroup)[folder] ?? []).map(([relPath, mode, spec]) => ({
    relPath,
    absPath: path.join(layerDir, relPath),
    mode,
    layer: layerDir,
    ...(spec ? { spec } : {}),
  }));
}
