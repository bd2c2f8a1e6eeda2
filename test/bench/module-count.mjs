/**
 * Preloaded with `node --import ./module-count.mjs <program>`: at exit, writes to $BENCH_MODULES_OUT the URLs of
 * every module the program loaded: ESM modules (seen by a `load` hook) and CommonJS modules (require.cache, which
 * also holds the ones that ESM imported). Builtins appear as node: URLs when imported from ESM.
 */
import fs from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';

const { port1, port2 } = new MessageChannel();
register('./module-count-hooks.mjs', import.meta.url, { data: { port: port2 }, transferList: [port2] });
port1.unref();

process.on('exit', () => {
  const urls = new Set();
  for (let message = receiveMessageOnPort(port1); message; message = receiveMessageOnPort(port1)) urls.add(message.message);
  for (const file of Object.keys(createRequire(import.meta.url).cache)) urls.add(pathToFileURL(file).href);
  const self = new URL('.', import.meta.url).href;
  fs.writeFileSync(process.env.BENCH_MODULES_OUT ?? '/dev/stderr', JSON.stringify([...urls].filter((u) => !u.startsWith(self))));
});
