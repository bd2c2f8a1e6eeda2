/**
 * The programs the end-to-end suite runs beside each starter's own toolchain: Node 24 (what the Node starters
 * target), the npm runtime interface client for Lambda, and AWS's Lambda Runtime Interface Emulator.
 * `.ci/install-tools.sh` installs them from the registries into .tmp/tools; a missing one fails loudly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TOOLS = process.env.E2E_TOOLS_DIR ?? path.join(REPO, '.tmp/tools');
/** Shared by every Rust starter build so dependencies compile once per machine, not once per test. */
export const CARGO_TARGET_DIR = process.env.CARGO_TARGET_DIR ?? path.join(REPO, '.tmp/cargo-target');

const required = {
  node24: path.join(TOOLS, 'node_modules/node/bin/node'),
  nodeOldest: path.join(TOOLS, 'node-oldest/node_modules/node/bin/node'),
  pnpm: path.join(TOOLS, 'node_modules/.bin/pnpm'),
  yarn: path.join(TOOLS, 'node_modules/.bin/yarn'),
  awsLambdaRic: path.join(TOOLS, 'node_modules/.bin/aws-lambda-ric'),
  awsLambdaRie: path.join(TOOLS, 'bin/aws-lambda-rie'),
};

export function requireTools(): typeof required {
  const missing = Object.entries(required).filter(([, file]) => !fs.existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `The e2e tools are missing (${missing.map(([name, file]) => `${name}: ${file}`).join(', ')}). Install them with: bash .ci/install-tools.sh`,
    );
  }
  return required;
}

/** The environment every generated project's commands run with. */
export function toolEnv(): NodeJS.ProcessEnv {
  const tools = requireTools();
  return {
    ...process.env,
    PATH: [path.dirname(tools.node24), path.dirname(tools.awsLambdaRic), path.dirname(tools.awsLambdaRie), process.env.PATH].join(path.delimiter),
    CARGO_TARGET_DIR,
    CI: 'true',
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    // Generated projects are not this repo's: keep npm from walking up into it.
    npm_config_user_agent: undefined,
    npm_config_prefix: undefined,
    NODE_OPTIONS: undefined,
    VITEST: undefined,
    VITEST_WORKER_ID: undefined,
    VITEST_POOL_ID: undefined,
    NODE_ENV: undefined,
  };
}
