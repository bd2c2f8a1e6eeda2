#!/usr/bin/env node
// CommonJS, like dist/cli.cjs: a command then runs without starting Node's ES module loader.
'use strict';
// V8's compiled code for dist/ kept between runs (Node 22.1+, in Node's own cache folder under the OS temp folder;
// NODE_DISABLE_COMPILE_CACHE=1 turns it off): a generation on Node 24 spent about 4 ms of its 50 compiling our
// modules. Any failure to use the cache only means compiling as before.
try {
  require('node:module').enableCompileCache?.();
} catch {}
require('../dist/cli.cjs').main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
