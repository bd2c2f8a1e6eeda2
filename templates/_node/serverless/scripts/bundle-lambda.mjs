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
  // node-postgres's optional libpq binding (require('pg-native') only when `pg.native` is read).
  'pg-native',
];

// Fastify's schema compilers (Ajv, fast-json-stringify) and @fastify/swagger, when scripts/compile-schemas.mjs has
// compiled the route schemas to code and made the OpenAPI document: Fastify then never loads them, so they stay out
// (about 40% of the bundle; @fastify/swagger and its YAML parser cost 30 ms of a cold start, measured 2026-12-02).
// Loading one anyway fails loudly.
const compiledAtBuildTime = ['@fastify/ajv-compiler', '@fastify/fast-json-stringify-compiler', '@fastify/swagger'];
const precompiled = fs.existsSync(path.join(path.dirname(entry), 'compiled-schemas'));

// Built-ins that only a listening server uses (Fastify creates its https/http2 server and resolves the listen address
// with them); on Lambda, where events arrive without a socket, they are loaded on first use instead of at start-up.
const serverOnlyBuiltins = new Set(['http2', 'https', 'dns']);

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
        b.onResolve({ filter: /^[a-z:_/0-9]+$/ }, (args) => {
          if (!builtins.has(args.path)) return undefined;
          const name = args.path.replace(/^node:/, '');
          if (serverOnlyBuiltins.has(name) && (args.kind === 'require-call' || args.kind === 'import-statement'))
            return { path: name, namespace: 'lazy-builtin' };
          return args.kind === 'import-statement' ? { path: args.path, namespace: 'builtin' } : undefined;
        });
        b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({
          contents: `module.exports = require(${JSON.stringify(args.path)});`,
          loader: 'js',
        }));
        // The module object, standing in for the built-in until a property of it is read.
        b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
          loader: 'js',
          contents: `let m; const load = () => (m ??= process.getBuiltinModule(${JSON.stringify(`node:${args.path}`)}));
module.exports = new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => { const d = Reflect.getOwnPropertyDescriptor(load(), key); return d && { ...d, configurable: true }; },
});`,
        }));
      },
    },
    {
      name: 'schema-compilers-compiled-at-build-time',
      setup(b) {
        if (!precompiled) return;
        const filter = new RegExp(`^(${compiledAtBuildTime.join('|')})$`);
        b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'compiled-at-build-time' }));
        b.onLoad({ filter: /.*/, namespace: 'compiled-at-build-time' }, (args) => ({
          loader: 'js',
          contents: `throw new Error(${JSON.stringify(`${args.path} is not in this bundle: the route schemas and the OpenAPI document were made at build time (scripts/compile-schemas.mjs), and this use was not`)});`,
        }));
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
          const target = JSON.parse(fs.readFileSync(manifest, 'utf8')).exports?.[`.${args.path.slice('rxjs'.length)}`]
            ?.es2015;
          return typeof target === 'string'
            ? { path: path.join(path.dirname(manifest), target), sideEffects: false }
            : undefined;
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
