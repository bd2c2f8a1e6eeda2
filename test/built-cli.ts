/**
 * The built CLI (bin/create-backend-fit.cjs -> dist/), which the end-to-end suites run as users get it. dist/ renders
 * from templates precompiled at build time, so a template edited after `npm run build` would be tested in its old
 * form: refuse to run against a build older than any file of src/ or templates/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPO } from './e2e/tools.js';

export const BUILT_CLI = path.join(REPO, 'bin/create-backend-fit.cjs');

function newestUnder(dir: string): { file: string; mtimeMs: number } {
  let newest = { file: dir, mtimeMs: 0 };
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const { mtimeMs } = fs.statSync(file);
    if (mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
  }
  return newest;
}

/** The path of the built CLI; throws when dist/ is missing or older than a source or template file. */
export function requireFreshBuild(): string {
  const built = path.join(REPO, 'dist/cli.cjs');
  if (!fs.existsSync(built)) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  const builtAt = fs.statSync(built).mtimeMs;
  for (const dir of ['src', 'templates']) {
    const newest = newestUnder(path.join(REPO, dir));
    if (newest.mtimeMs > builtAt) {
      throw new Error(`${path.relative(REPO, newest.file)} changed after the last build: run \`npm run build\` (npm test and npm run test:e2e do).`);
    }
  }
  return BUILT_CLI;
}
