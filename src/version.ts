import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The tool's own name and version, read from its package.json (one source of truth for --version and records). */
const manifest = JSON.parse(fs.readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as {
  name: string;
  version: string;
};

export const TOOL_NAME = manifest.name;
export const TOOL_VERSION = manifest.version;
