/**
 * Module hooks (node:module register) that let the plain-JavaScript benchmark import the e2e suite's TypeScript
 * modules (test/e2e/*.ts) in place, on Node 20 too: the repo's own `typescript` transpiles each file as it loads.
 * The files keep their real URLs, so `import.meta.url` and bare imports (`yaml`) resolve as they do under vitest.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** @type {any} */
let ts;

/** @param {{ repo: string }} data */
export async function initialize(data) {
  ts = createRequire(`${data.repo}/package.json`)('typescript');
}

/** `./processes.js` written in a .ts file means `./processes.ts` (TypeScript's NodeNext convention). */
export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
      return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
    }
    throw error;
  }
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const file = fileURLToPath(url);
  const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false },
  });
  return { format: 'module', source: outputText, shortCircuit: true };
}
