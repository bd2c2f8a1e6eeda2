import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding the tool's package.json and templates/, found by walking up from this module, so it holds
 * whether this runs from src/ (tests), dist/ (the build) or a bundled chunk.
 */
function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'create-backend-fit') return dir;
    if (path.dirname(dir) === dir) throw new Error(`create-backend-fit's package.json was not found above ${from}`);
  }
}

export const PACKAGE_ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

/** The tool's own name and version, read from its package.json (one source of truth for --version and records). */
const manifest = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

export const TOOL_NAME = manifest.name;
export const TOOL_VERSION = manifest.version;
