/**
 * Handlebars' compiler, loaded on first use with a synchronous require so plan() stays synchronous, and only when a
 * template is not compiled yet: a team's --templates folder, or running from src/ (tests). The built-in templates
 * arrive compiled to functions (compiled.ts, render.ts), so a generation from them loads no Handlebars at all. The
 * build writes it as its own CommonJS bundle (dist/handlebars.cjs).
 */
import path from 'node:path';
import type Handlebars from 'handlebars';
import { BUNDLED, ownRequire } from '../bundled.js';
import { PACKAGE_ROOT } from '../version.js';

export const HANDLEBARS_COMPILER_FILE = 'dist/handlebars.cjs';

const requireModule = ownRequire();

let compiler: typeof Handlebars | undefined;

export function handlebarsCompiler(): typeof Handlebars {
  compiler ??= requireModule(BUNDLED ? path.join(PACKAGE_ROOT, HANDLEBARS_COMPILER_FILE) : 'handlebars') as typeof Handlebars;
  return compiler;
}
