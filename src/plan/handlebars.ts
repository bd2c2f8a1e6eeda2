/**
 * Handlebars in two sizes. The built-in templates arrive precompiled (compiled.ts), so a generation from them needs
 * only the runtime: 29 KiB of Handlebars' 91, about 4 ms less to load. The compiler is loaded on first use, for a
 * team's --templates folder or when running from src/ (tests), where nothing is precompiled. A synchronous require,
 * so plan() stays synchronous: the build writes the compiler as its own CommonJS bundle, dist/handlebars.cjs.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type Handlebars from 'handlebars';
import runtime from 'handlebars/runtime.js';
import { BUNDLED } from '../bundled.js';
import { PACKAGE_ROOT } from '../version.js';

export const HANDLEBARS_COMPILER_FILE = 'dist/handlebars.cjs';

/** Renders precompiled templates only: `compile` is absent. */
export const handlebarsRuntime = runtime as unknown as typeof Handlebars;

let compiler: typeof Handlebars | undefined;

export function handlebarsCompiler(): typeof Handlebars {
  compiler ??= createRequire(import.meta.url)(BUNDLED ? path.join(PACKAGE_ROOT, HANDLEBARS_COMPILER_FILE) : 'handlebars') as typeof Handlebars;
  return compiler;
}
