/**
 * `npm run build` (after type-checking): everything under dist/, from scratch.
 * - dist/cli.js and dist/chunks/: the CLI bundled and minified, every dependency inside (the package has no runtime
 *   dependencies), split at each lazy import so a command loads only what it runs.
 * - dist/compiled-templates/: the built-in templates precompiled, one module per framework.
 * - dist/handlebars-runtime.cjs and dist/handlebars.cjs: Handlebars' runtime, loaded when a generation renders, and
 *   its compiler, loaded only when a template was not precompiled (a team's).
 * And, outside the package, .tmp/build/meta.json: which source files (and so which npm packages) went into each
 * output file, for the benchmark's count of the packages a command loads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build, buildSync, transformSync } from 'esbuild';
import { compiledFileFor, COMPILED_TEMPLATES_DIR } from '../plan/compiled.js';
import { HANDLEBARS_COMPILER_FILE, HANDLEBARS_RUNTIME_FILE } from '../plan/handlebars.js';
import { BUILTIN_TEMPLATES } from '../plan/layers.js';
import { PACKAGE_ROOT } from '../version.js';
import { frameworks } from '../frameworks/index.js';
import { precompiledFrameworks } from './precompile-templates.js';

const dist = path.join(PACKAGE_ROOT, 'dist');
// package.json's engines.
const target = 'node20.19';
fs.rmSync(dist, { recursive: true, force: true });

const cli = await build({
  entryPoints: [path.join(PACKAGE_ROOT, 'src/cli.ts')],
  metafile: true,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target,
  minify: true,
  define: { CBF_BUNDLED: 'true' },
  outdir: dist,
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  // node-plop imports Handlebars' compiler: the bundled copy below (dist/handlebars.cjs) rather than a second one
  // inside node-plop's chunk. Only node-plop (bundled into dist/chunks/) imports it by name; our own code requires it
  // by path (src/plan/handlebars.ts).
  plugins: [
    {
      name: 'handlebars-from-dist',
      setup(plugin) {
        plugin.onResolve({ filter: /^handlebars$/ }, () => ({ path: `../${path.basename(HANDLEBARS_COMPILER_FILE)}`, external: true }));
      },
    },
  ],
  // Bundled CommonJS dependencies call require(); an ES module has none unless given one.
  banner: { js: "import { createRequire as __cbfCreateRequire } from 'node:module'; const require = __cbfCreateRequire(import.meta.url);" },
});

const handlebars = [
  ['node_modules/handlebars/runtime.js', HANDLEBARS_RUNTIME_FILE],
  ['node_modules/handlebars/lib/index.js', HANDLEBARS_COMPILER_FILE],
].map(([entry, outfile]) =>
  buildSync({
    entryPoints: [path.join(PACKAGE_ROOT, entry!)],
    metafile: true,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target,
    minify: true,
    // Handlebars' compiler uses source-map only to emit source maps, which templates here never ask for; its
    // require sits in a try/catch.
    external: ['source-map'],
    outfile: path.join(PACKAGE_ROOT, outfile!),
    logLevel: 'warning',
  }),
);

const outputs = Object.assign({}, cli.metafile.outputs, ...handlebars.map((h) => h.metafile.outputs));
fs.writeFileSync(path.join(PACKAGE_ROOT, '.tmp/build/meta.json'), JSON.stringify({ outputs }, null, 1));

const compiledDir = path.join(PACKAGE_ROOT, COMPILED_TEMPLATES_DIR);
fs.mkdirSync(compiledDir, { recursive: true });
let bytes = 0;
const modules = precompiledFrameworks(BUILTIN_TEMPLATES, frameworks);
for (const [framework, source] of modules) {
  const { code } = transformSync(source, { minify: true, format: 'cjs', platform: 'node', target });
  fs.writeFileSync(compiledFileFor(compiledDir, framework), code);
  bytes += code.length;
}
process.stdout.write(`built dist/: the CLI, Handlebars' runtime and compiler, ${modules.size} frameworks' precompiled templates (${Math.round(bytes / 1024)} KiB)\n`);
