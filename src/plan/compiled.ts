/**
 * Built-in templates compiled to functions (src/plan/render.ts), written at build time by src/build/precompile-templates.ts
 * as one CommonJS module per framework under dist/compiled-templates/ (`fastify.cjs`), holding every layer folder a
 * generation of that framework reads: `_shared/*`, `_<ecosystem>/*` and `<framework>/*`. Compiling every template
 * at every run was about a third of a generation's time; a team's --templates folders are still compiled when they
 * are used. One module per framework, the shared layers repeated in each: a generation then loads one file, where one
 * per group was three (each costs Node's loader about half a millisecond) and one for everything parsed 130 KiB.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BUNDLED, ownRequire } from '../bundled.js';
import { PACKAGE_ROOT } from '../version.js';
import type { TemplateFile } from './layers.js';
import type { CompiledTemplate } from './render.js';

/** One layer folder's files: [path within the layer, file mode, compiled template for `.hbs` files or null]. */
export type CompiledLayer = Array<[relPath: string, mode: number, render: CompiledTemplate | null]>;

/** The layer folders one framework's generations read (`_shared/base`, `fastify/partials`) and their files. */
export type CompiledFramework = Record<string, CompiledLayer>;

export const COMPILED_TEMPLATES_DIR = 'dist/compiled-templates';

/** The running build's precompiled templates; none when running from src/, which compiles at run time. */
export function defaultCompiledDir(): string | undefined {
  return BUNDLED ? path.join(PACKAGE_ROOT, COMPILED_TEMPLATES_DIR) : undefined;
}

const requireModule = ownRequire();

/** The module holding one framework's precompiled layers. */
export const compiledFileFor = (compiledDir: string, framework: string) => path.join(compiledDir, `${framework}.cjs`);

/** One framework's precompiled layers, loaded once per generation; none if the build wrote no module for it. */
export function loadCompiled(compiledDir: string, framework: string): CompiledFramework | undefined {
  const file = compiledFileFor(compiledDir, framework);
  return fs.existsSync(file) ? (requireModule(file) as CompiledFramework) : undefined;
}

/**
 * The files of one built-in layer folder (`fastify/base`, `_shared/partials`) from a framework's module, as
 * `listLayer` would list them from disk. A layer the build did not write is a folder that does not exist.
 */
export function compiledLayer(compiled: CompiledFramework, templatesRoot: string, layer: string): TemplateFile[] {
  const layerDir = path.join(templatesRoot, layer);
  return (compiled[layer] ?? []).map(([relPath, mode, render]) => ({
    relPath,
    absPath: path.join(layerDir, relPath),
    mode,
    layer: layerDir,
    ...(render ? { render } : {}),
  }));
}
