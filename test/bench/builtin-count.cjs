/**
 * Preloaded with `node -r ./builtin-count.cjs <program>`: at exit, writes to $BENCH_MODULES_OUT the public built-in
 * modules Node loaded (process.moduleLoadList), as node: URLs. A CommonJS preload, so that counting loads nothing
 * beyond fs (module-count.mjs's ESM hook runs a worker, which itself loads the stream and net modules).
 */
'use strict';
const fs = require('node:fs');

process.on('exit', () => {
  const builtins = process.moduleLoadList.flatMap((entry) => /^NativeModule (?!internal\/)(.+)$/.exec(entry)?.[1] ?? []);
  fs.writeFileSync(process.env.BENCH_MODULES_OUT ?? '/dev/stderr', JSON.stringify(builtins.map((m) => `node:${m}`)));
});
