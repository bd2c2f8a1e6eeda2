import type { CommandTool, Toolchain } from './types.js';

/**
 * What each ecosystem's starters need on the machine, with the oldest version they work with. Bootstrap checks these
 * before running anything; the starters' manifests (engines, requires-python, go.mod, rust-version, the pom) and
 * READMEs are rendered from the same records.
 */
export const node: Toolchain = {
  name: 'Node.js',
  command: 'node',
  versionArgs: ['--version'],
  versionPattern: /^v(\d+\.\d+\.\d+)/m,
  minimum: '24',
  hint: 'install Node.js 24 LTS from https://nodejs.org, or run `nvm install` (or `fnm use`) in the project, which has an .nvmrc',
};
export const python: Toolchain = {
  name: 'Python',
  command: 'python3',
  versionArgs: ['--version'],
  versionPattern: /^Python (\d+\.\d+(?:\.\d+)?)/m,
  minimum: '3.11',
  hint: 'install Python 3.11 or newer from https://www.python.org/downloads/ (or with pyenv or uv)',
};
/**
 * The Python starters' installer: `uv sync --locked` installs exactly what the shipped uv.lock pins (issue 21).
 * uv before 1.0 may change its lock format and flags in a minor release, so the oldest version is the minor series
 * the locks are written and tested with; `pinned` is the exact release CI (astral-sh/setup-uv), the Dockerfile
 * (pip install uv==) and the e2e suite (.ci/install-tools.sh) install.
 */
export const uv: Toolchain = {
  name: 'uv',
  command: 'uv',
  versionArgs: ['--version'],
  versionPattern: /^uv (\d+\.\d+\.\d+)/m,
  minimum: '0.13',
  pinned: '0.13.9',
  hint: 'install it from https://docs.astral.sh/uv/getting-started/installation/ (or `pipx install uv`), or update yours with `uv self update`',
};
/** go.mod's `go` line for containers; the serverless go.mod asks for 1.26 (aws-lambda-go's), which go fetches itself (GOTOOLCHAIN=auto). */
export const go: Toolchain = {
  name: 'Go',
  command: 'go',
  versionArgs: ['version'],
  versionPattern: /\bgo(\d+\.\d+(?:\.\d+)?)/,
  minimum: '1.25',
  hint: 'install Go 1.25 or newer from https://go.dev/dl/',
};
/** Cargo.toml's rust-version: what the starter's dependencies declare at most (edition 2024 alone needs 1.85). */
export const rust: Toolchain = {
  name: 'Rust',
  command: 'cargo',
  versionArgs: ['--version'],
  versionPattern: /^cargo (\d+\.\d+\.\d+)/m,
  minimum: '1.88',
  hint: 'install Rust with rustup (https://rustup.rs), or run `rustup update` for a newer one',
};
/** The pom's java.version, CI's, the image's and Lambda's: Java 25, the current LTS (Spring Boot 4 supports it). */
export const jdk: Toolchain = {
  name: 'a JDK',
  command: 'java',
  versionArgs: ['-version'],
  // `openjdk version "17.0.15"`, and the old scheme `java version "1.8.0_402"` (Java 8).
  versionPattern: /version "(?:1\.)?(\d+(?:\.\d+)*)/,
  minimum: '25',
  hint: 'install a JDK 25 or newer, e.g. Temurin from https://adoptium.net (the Maven wrapper brings Maven)',
};
/** Bootstrap's git step and `update` (git merge-file --diff3). */
export const git: Toolchain = {
  name: 'git',
  command: 'git',
  versionArgs: ['--version'],
  versionPattern: /git version (\d+\.\d+(?:\.\d+)?)/,
  minimum: '2.0',
  hint: 'install git from https://git-scm.com',
};

export const nodeToolchain: readonly Toolchain[] = [node];
export const pythonToolchain: readonly Toolchain[] = [python, uv];
export const goToolchain: readonly Toolchain[] = [go];
export const rustToolchain: readonly Toolchain[] = [rust];
export const jvmToolchain: readonly Toolchain[] = [jdk];

// Programs the lint and Lambda commands run (CommandTool): named in each README, not checked by bootstrap.

/** Every serverless starter's Makefile is its SAM build (`BuildMethod: makefile`); the local Lambda run uses it too. */
export const make: CommandTool = {
  name: 'make',
  command: 'make',
  neededBy: ['lambda'],
  hint: 'from your system\'s packages (build-essential on Debian and Ubuntu, the Xcode command line tools on macOS)',
};
export const awsLambdaRie: CommandTool = {
  name: "AWS's Lambda Runtime Interface Emulator",
  command: 'aws-lambda-rie',
  neededBy: ['lambda'],
  hint: 'go install github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie@latest, or a binary from its GitHub releases',
};
/** Lambda's Node runtime runs the handler with it; locally it is a global npm package. */
export const awsLambdaRicNode: CommandTool = {
  name: 'the Lambda runtime interface client for Node.js',
  command: 'aws-lambda-ric',
  neededBy: ['lambda'],
  hint: 'npm install --global aws-lambda-ric (a native addon: node-gyp needs python3, make and a C++ compiler)',
};
/** The version CI installs (ci-setup-go.hbs) and the e2e suite runs (.ci/install-tools.sh). */
export const golangciLint: CommandTool = {
  name: 'golangci-lint v2',
  command: 'golangci-lint',
  neededBy: ['lint'],
  hint: 'go install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.15.0 (the version CI runs), or see golangci-lint.run',
};

const lambdaTools: readonly CommandTool[] = [make, awsLambdaRie];
export const nodeTools: readonly CommandTool[] = [...lambdaTools, awsLambdaRicNode];
export const pythonTools: readonly CommandTool[] = lambdaTools;
export const goTools: readonly CommandTool[] = [golangciLint, ...lambdaTools];
export const rustTools: readonly CommandTool[] = lambdaTools;
export const jvmTools: readonly CommandTool[] = lambdaTools;
