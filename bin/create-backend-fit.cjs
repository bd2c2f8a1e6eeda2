#!/usr/bin/env node
// CommonJS, like dist/cli.cjs: a command then runs without starting Node's ES module loader.
'use strict';
require('../dist/cli.cjs').main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
