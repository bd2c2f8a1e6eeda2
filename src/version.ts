import fs from 'node:fs';
import path from 'node:path';
import { ownFile } from './bundled.js';

/**
 * The folder holding the tool's package.json and templates/, found by walking up from this module, so it holds
 * whether this runs from src/ (tests), dist/ (the build) or a bundled chunk.
 */
function findPackageRoot(from: string): { root: string; manifest: { name: string; version: string } } {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    const manifest = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
    if (manifest?.name === 'create-backend-fit') return { root: dir, manifest };
    if (path.dirname(dir) === dir) throw new Error(`create-backend-fit's package.json was not found above ${from}`);
  }
}

const found = findPackageRoot(path.dirname(ownFile()));

export const PACKAGE_ROOT = found.root;

/** The tool's own name and version, read from its package.json (one source of truth for --version and records). */
const manifest = found.manifest;

export const TOOL_NAME = manifest.name;
export const TOOL_VERSION = manifest.version;
