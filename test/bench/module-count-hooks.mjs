/** Module hooks for module-count.mjs: report every module URL that Node loads through the ESM loader. */

/** @type {import('node:worker_threads').MessagePort} */
let port;

/** @param {{ port: import('node:worker_threads').MessagePort }} data */
export async function initialize(data) {
  port = data.port;
}

export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  port.postMessage(url);
  return result;
}
