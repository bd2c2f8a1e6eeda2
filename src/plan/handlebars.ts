/**
 * Handlebars in two sizes, each loaded on first use with a synchronous require so plan() stays synchronous and the
 * commands that render nothing (--help, list, recommend) load neither. The built-in templates arrive precompiled
 * (compiled.ts), so a generation from them needs only the runtime: 29 KiB of Handlebars' 91, about 4 ms less to load.
 * The compiler is for a team's --templates folder, or for running from src/ (tests), where nothing is precompiled.
 * The build writes each as its own CommonJS bundle (dist/handlebars-runtime.cjs, dist/handlebars.cjs).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type Handlebars from 'handlebars';
import { BUNDLED } from '../bundled.js';
import { PACKAGE_ROOT } from '../version.js';

export const HANDLEBARS_RUNTIME_FILE = 'dist/handlebars-runtime.cjs';
export const HANDLEBARS_COMPILER_FILE = 'dist/handlebars.cjs';

const requireModule = createRequire(import.meta.url);
const load = (bundledFile: string, packagePath: string) => requireModule(BUNDLED ? path.join(PACKAGE_ROOT, bundledFile) : packagePath) as typeof Handlebars;

let runtime: typeof Handlebars | undefined;
let compiler: typeof Handlebars | undefined;

/** Renders precompiled templates only: its `compile` is absent. */
export function handlebarsRuntime(): typeof Handlebars {
  runtime ??= load(HANDLEBARS_RUNTIME_FILE, 'handlebars/runtime.js');
  return runtime;
}

export function handlebarsCompiler(): typeof Handlebars {
  compiler ??= load(HANDLEBARS_COMPILER_FILE, 'handlebars');
  return compiler;
}
