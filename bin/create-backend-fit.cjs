#!/usr/bin/env node
// CommonJS, like dist/cli.cjs: a command then runs without starting Node's ES module loader.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

/**
 * V8's compiled code for dist/ kept between runs (Node 22.1+): a generation on Node 24 spent about 4 ms of its 50
 * compiling our modules. Only in a folder of the user's own cache that no one else can write
 * ($XDG_CACHE_HOME or ~/.cache, then create-backend-fit/compile-cache, 700), never Node's default under the shared
 * temp folder: Node runs what it finds in the cache, so another account that planted files there would run code
 * here. A folder that is not the user's own, or cannot be made, means compiling as before. NODE_COMPILE_CACHE (the
 * user's own choice of folder) and NODE_DISABLE_COMPILE_CACHE=1 are Node's and are left to it.
 */
function enablePrivateCompileCache() {
  const { enableCompileCache } = require('node:module');
  const env = process.env;
  if (typeof enableCompileCache !== 'function' || env.NODE_DISABLE_COMPILE_CACHE || typeof process.getuid !== 'function') return;
  if (env.NODE_COMPILE_CACHE) return void enableCompileCache();
  const base = env.XDG_CACHE_HOME || (env.HOME ? path.join(env.HOME, '.cache') : '');
  if (!path.isAbsolute(base)) return;
  const ours = path.join(base, 'create-backend-fit');
  const dir = path.join(ours, 'compile-cache');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const uid = process.getuid();
  for (const folder of [ours, dir]) {
    const stat = fs.lstatSync(folder);
    if (!stat.isDirectory() || stat.uid !== uid || (stat.mode & 0o022) !== 0) return;
  }
  enableCompileCache(dir);
}

try {
  enablePrivateCompileCache();
} catch {
  // a cache folder that cannot be made or read: no cache
}
require('../dist/cli.cjs').main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
