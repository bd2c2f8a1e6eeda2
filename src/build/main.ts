/**
 * `npm run build` (after type-checking): everything under dist/, from scratch.
 * - dist/cli.cjs: the CLI bundled and minified; dist/lazy/: the dependencies it loads on demand (execa, the prompts,
 *   node-plop). Every dependency is inside (the package has no runtime dependencies), and a command loads only what
 *   it runs.
 * - dist/compiled-templates/: the built-in templates compiled to functions (compile-template.ts), one module per framework.
 * - dist/handlebars.cjs: Handlebars' compiler, loaded only when a template was not compiled at build time (a team's).
 * And, outside the package, .tmp/build/meta.json: which source files (and so which npm packages) went into each
 * output file, for the benchmark's count of the packages a command loads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build, buildSync, transformSync } from 'esbuild';
import { compiledFileFor, COMPILED_TEMPLATES_DIR } from '../plan/compiled.js';
import { HANDLEBARS_COMPILER_FILE } from '../plan/handlebars.js';
import { BUILTIN_TEMPLATES } from '../plan/layers.js';
import { PACKAGE_ROOT } from '../version.js';
import { frameworks } from '../frameworks/index.js';
import { precompiledFrameworks } from './precompile-templates.js';

const dist = path.join(PACKAGE_ROOT, 'dist');
// package.json's engines.
const target = 'node20.19';
fs.rmSync(dist, { recursive: true, force: true });

/** What every output shares: bundled, minified, for the oldest Node that engines allows, listed in the metafile. */
const common = { metafile: true, bundle: true, platform: 'node', target, minify: true, logLevel: 'warning' } as const;

/**
 * The packages the CLI loads only on demand, each bundled on its own as an ES module: they are ES modules (execa and
 * node-plop use import.meta), and they load through import(), which only then starts Node's ES module loader.
 */
const LAZY_PACKAGES: Record<string, string> = { execa: 'execa', '@clack/prompts': 'clack', 'node-plop': 'node-plop', tinyglobby: 'node-plop' };
const LAZY_DIR = 'lazy';

// The CLI itself is one CommonJS file. An ES module entry costs Node's ES module loader (about 3 ms of a 65 ms
// generation on Node 20, more than the whole difference to create-vite) and a facade for every built-in it imports.
const cli = await build({
  ...common,
  entryPoints: [path.join(PACKAGE_ROOT, 'src/cli.ts')],
  format: 'cjs',
  // import.meta.url, should one be read in the bundle, made on demand: src/bundled.ts spares the start-up of it.
  define: { CBF_BUNDLED: 'true', 'import.meta.url': '__cbfModule.url' },
  banner: { js: "const __cbfModule = { get url() { return require('node:url').pathToFileURL(__filename).href; } };" },
  outfile: path.join(dist, 'cli.cjs'),
  plugins: [
    {
      // `import fs from 'node:fs'` in a CommonJS bundle becomes esbuild's interop helper, which copies every export of
      // the module onto a new object, once per importing file: about 1.5 ms at start-up for our 25 such imports. A
      // built-in needs no interop, so our own files' default imports of built-ins become plain require() calls.
      name: 'builtins-by-require',
      setup(plugin) {
        const ownSources = path.join(PACKAGE_ROOT, 'src') + path.sep;
        plugin.onLoad({ filter: /\.ts$/ }, ({ path: file }) =>
          file.startsWith(ownSources)
            ? { contents: fs.readFileSync(file, 'utf8').replace(/^import (\w+) from '(node:[\w/]+)';$/gm, "const $1 = require('$2');"), loader: 'ts' }
            : undefined,
        );
      },
    },
    {
      name: 'lazy-packages-from-dist',
      setup(plugin) {
        const names = Object.keys(LAZY_PACKAGES).map((name) => name.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'));
        plugin.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, ({ path: name, kind }) => {
          if (kind !== 'dynamic-import') return { errors: [{ text: `${name} must be imported with import() so that it loads lazily` }] };
          return { path: `./${LAZY_DIR}/${LAZY_PACKAGES[name]}.mjs`, external: true };
        });
      },
    },
  ],
});

const lazy = await build({
  ...common,
  entryPoints: [...new Set(Object.values(LAZY_PACKAGES))].map((out) => ({ in: path.join(PACKAGE_ROOT, `src/build/lazy/${out}.ts`), out })),
  splitting: true,
  format: 'esm',
  outdir: path.join(dist, LAZY_DIR),
  outExtension: { '.js': '.mjs' },
  chunkNames: '[name]-[hash]',
  // node-plop imports Handlebars' compiler: the bundled copy below (dist/handlebars.cjs) rather than a second one
  // inside node-plop's bundle. Our own code requires it by path (src/plan/handlebars.ts).
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

const handlebars = [['node_modules/handlebars/lib/index.js', HANDLEBARS_COMPILER_FILE]].map(([entry, outfile]) =>
  buildSync({
    ...common,
    entryPoints: [path.join(PACKAGE_ROOT, entry!)],
    format: 'cjs',
    // Handlebars' compiler uses source-map only to emit source maps, which templates here never ask for; its
    // require sits in a try/catch.
    external: ['source-map'],
    outfile: path.join(PACKAGE_ROOT, outfile!),
  }),
);

const outputs = Object.assign({}, cli.metafile.outputs, lazy.metafile.outputs, ...handlebars.map((h) => h.metafile.outputs));
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
process.stdout.write(`built dist/: the CLI, Handlebars' compiler, ${modules.size} frameworks' compiled templates (${Math.round(bytes / 1024)} KiB)\n`);
