// Bundles the compiled Lambda entry point and the dependencies it imports into one minified ES module, so a cold
// start reads and compiles one file instead of resolving and loading hundreds from node_modules.
// Usage: node scripts/bundle-lambda.mjs <entry.js> <outfile.js>   (SOURCEMAP=1 also writes <outfile.js>.map)
import fs from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';

const [entry, outfile] = process.argv.slice(2);
if (!entry || !outfile) throw new Error('usage: node scripts/bundle-lambda.mjs <entry.js> <outfile.js>');
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

// Packages a framework loads only if the app uses them, inside try/catch (NestJS's serverless guide calls these
// "lazy imports"). They stay out of the bundle; to use one, add it to dependencies and remove it from this list.
const optional = [
  '@nestjs/microservices',
  '@nestjs/microservices/*',
  '@nestjs/websockets',
  '@nestjs/websockets/*',
  '@nestjs/platform-fastify',
  'class-validator',
  'class-transformer',
  'class-transformer/*',
  'cache-manager',
  '@fastify/static',
  '@fastify/view',
];

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  minify: true,
  // Frameworks read class and function names (NestJS: injection tokens, log contexts); keep them.
  keepNames: true,
  legalComments: 'none',
  sourcemap: process.env.SOURCEMAP === '1',
  external: optional,
  logLevel: 'warning',
  // CommonJS dependencies call require(); an ES module has none of its own.
  banner: { js: "import{createRequire as __cjsRequire}from'node:module';const require=__cjsRequire(import.meta.url);" },
  plugins: [
    {
      // An ES module `import { x } from 'node:http'` reads every export of the built-in, and node:http's lazy
      // getters then load Node's bundled undici (~30 ms of a cold start); require() leaves them alone.
      name: 'builtins-through-require',
      setup(b) {
        b.onResolve({ filter: /^[a-z:_/]+$/ }, (args) =>
          args.kind === 'import-statement' && builtins.has(args.path) ? { path: args.path, namespace: 'builtin' } : undefined,
        );
        b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
      },
    },
    {
      // rxjs's "node" export is CommonJS that loads every operator; its ES2015 build is side-effect free, so an
      // ES module import of it keeps only the operators the app and framework use.
      name: 'rxjs-es2015',
      setup(b) {
        b.onResolve({ filter: /^rxjs(\/[a-z-]+)?$/ }, (args) => {
          if (args.kind !== 'import-statement') return undefined;
          const manifest = createRequire(path.join(args.resolveDir, 'noop.js')).resolve('rxjs/package.json');
          const target = JSON.parse(fs.readFileSync(manifest, 'utf8')).exports?.[`.${args.path.slice('rxjs'.length)}`]?.es2015;
          return typeof target === 'string' ? { path: path.join(path.dirname(manifest), target), sideEffects: false } : undefined;
        });
      },
    },
    {
      // Data files (mime-db, iconv-lite's code pages) as one JSON.parse of a string literal, which V8 scans much
      // faster than it parses the same data as an object literal.
      name: 'json-as-string',
      setup(b) {
        b.onLoad({ filter: /\.json$/ }, async (args) => {
          const text = JSON.stringify(JSON.parse(await fs.promises.readFile(args.path, 'utf8')));
          return { contents: `module.exports = JSON.parse(${JSON.stringify(text)});`, loader: 'js' };
        });
      },
    },
  ],
});
