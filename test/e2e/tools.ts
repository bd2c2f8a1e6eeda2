/**
 * The programs the end-to-end suite runs beside each starter's own toolchain: Node 24 (what the Node starters
 * target), pnpm, yarn and bun (the releases the Node starters' locks were made with), the npm runtime interface
 * client for Lambda, AWS's Lambda Runtime Interface Emulator, golangci-lint and uv.
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
  bun: path.join(TOOLS, 'node_modules/.bin/bun'),
  awsLambdaRic: path.join(TOOLS, 'node_modules/.bin/aws-lambda-ric'),
  awsLambdaRie: path.join(TOOLS, 'bin/aws-lambda-rie'),
  // On PATH (the same folder as aws-lambda-rie) for the Go starters' commands.lint.
  golangciLint: path.join(TOOLS, 'bin/golangci-lint'),
  // ... and for the Python starters' commands (uv sync --locked, and the Lambda Makefile's uv export and uv pip).
  uv: path.join(TOOLS, 'bin/uv'),
  // Off PATH: the suite runs it against each starter that serves /openapi.json (openapi.ts).
  schemathesis: path.join(TOOLS, 'schemathesis/bin/st'),
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

/** The Java the Spring Boot starter is built for and runs on (its pom's java.version, CI's, the image's, Lambda's). */
export const JAVA_MAJOR = 25;

/**
 * A JDK of JAVA_MAJOR: E2E_JAVA_HOME, else JAVA_HOME, else one under /usr/lib/jvm (where Debian and Temurin's
 * packages put them), read from each JDK's `release` file. The machine's default java may be older.
 */
export function findJdk(): string {
  const candidates = [process.env.E2E_JAVA_HOME, process.env.JAVA_HOME].filter((dir): dir is string => !!dir);
  if (fs.existsSync('/usr/lib/jvm')) candidates.push(...fs.readdirSync('/usr/lib/jvm').sort().map((name) => path.join('/usr/lib/jvm', name)));
  const major = (dir: string) => /^JAVA_VERSION="(\d+)/m.exec(fs.existsSync(path.join(dir, 'release')) ? fs.readFileSync(path.join(dir, 'release'), 'utf8') : '')?.[1];
  const found = candidates.find((dir) => major(dir) === String(JAVA_MAJOR) && fs.existsSync(path.join(dir, 'bin/javac')));
  if (!found) throw new Error(`No JDK ${JAVA_MAJOR} found (looked at ${candidates.join(', ') || 'nothing'}): install one (e.g. Temurin ${JAVA_MAJOR}) and set E2E_JAVA_HOME to it.`);
  return found;
}

/** The environment every generated project's commands run with. */
export function toolEnv(): NodeJS.ProcessEnv {
  const tools = requireTools();
  const javaHome = findJdk();
  return {
    ...process.env,
    JAVA_HOME: javaHome,
    PATH: [path.dirname(tools.node24), path.dirname(tools.awsLambdaRic), path.dirname(tools.awsLambdaRie), path.join(javaHome, 'bin'), process.env.PATH].join(path.delimiter),
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
