/**
 * Every Node starter x package manager installs from the lock it ships, in locked mode (issue 21): for each
 * combination of `npm run locks` other than npm's (src/build/lock-resolvers.ts: Fastify and NestJS x deploy target x
 * database x pnpm, yarn, bun), the built CLI generates the project and its `commands.install` runs as printed
 * (`pnpm install --frozen-lockfile`, `yarn install --immutable`, `bun install --frozen-lockfile`, each failing rather
 * than resolve again when package.json and the lock disagree). Each must exit 0, leave the lock byte for byte as it
 * was, and put the locked version of the framework's package in node_modules. npm's locks are installed by the
 * starter and database suites (`npm ci`, then the starters' own tests).
 *
 * Cheap on purpose (CI's budget): the managers' stores and caches are shared by all 24 installs and kept under
 * .tmp/ between runs, dependency scripts are off where the manager has a switch for it (pnpm, yarn), nothing is
 * built or tested here (the starters' tests run in the other suites). The project name sorts before every package
 * (`0-...`), so yarn.lock's renamed workspace entry has moved to the top of the lock: the place `--immutable` checks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockCombinations } from '../../src/build/lock-resolvers.js';
import { generateArgv } from '../../src/build/starter-scratch.js';
import { shellQuote } from '../../src/cli.js';
import { commandsFor } from '../../src/plan/commands.js';
import { requireFreshBuild } from '../built-cli.js';
import { readNodeLock } from '../unit/node-locks.js';
import { httpApiEvent } from './lambda-gateway.js';
import { describeRun, runShell } from './processes.js';
import { REPO, requireTools, toolEnv } from './tools.js';

const MINUTE = 60_000;
const PROJECT_NAME = '0-invoice-api';
/** The package whose installed version is checked against the lock, by framework. */
const PROBES: Record<string, string> = { fastify: 'fastify', nestjs: '@nestjs/core' };

const combinations = lockCombinations().filter((c) => c.framework.ecosystem === 'node' && c.packageManager !== 'npm');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cbf-locked-install-'));
const caches = path.join(REPO, '.tmp/locked-install-caches');
afterAll(() => {
  if (!process.env.E2E_KEEP) fs.rmSync(scratch, { recursive: true, force: true });
});

function env(): NodeJS.ProcessEnv {
  const tools = requireTools();
  return {
    ...toolEnv(),
    // Node 24 and the pinned pnpm, yarn and bun (the releases package.json's packageManager field names).
    PATH: [path.dirname(tools.node24), path.dirname(tools.pnpm), process.env.PATH].join(path.delimiter),
    npm_config_store_dir: path.join(caches, 'pnpm-store'),
    npm_config_cache: path.join(caches, 'npm'),
    npm_config_ignore_scripts: 'true',
    YARN_GLOBAL_FOLDER: path.join(caches, 'yarn-global'),
    YARN_ENABLE_SCRIPTS: 'false',
    YARN_ENABLE_TELEMETRY: '0',
    BUN_INSTALL_CACHE_DIR: path.join(caches, 'bun'),
  };
}

/**
 * What `sam build` deploys for a pnpm, yarn or bun project: the Makefile's build-ApiFunction installs with the
 * project's manager from its lock too (then npm runs the scripts on that node_modules layout: pnpm's symlinked one,
 * yarn's node-modules linker, bun's). The artifact must answer GET /healthz when Node 24 calls its handler with an
 * HTTP API event, as the Lambda runtime would; the runtime interface emulator runs only npm's artifacts (the
 * serverless suites), since this build differs in the install step alone. Only the projects without a database: the
 * database layer adds dependencies to bundle, not another way to install them.
 */
async function lambdaBuildAnswers(project: string, lockPath: string, lockBefore: Buffer): Promise<void> {
  const artifacts = path.join(project, '.aws-sam/build/ApiFunction');
  const build = `make build-ApiFunction ARTIFACTS_DIR="${artifacts}"`;
  const built = await runShell(build, { cwd: project, env: env(), timeoutMs: 5 * MINUTE });
  expect(built.code, describeRun(build, built)).toBe(0);
  expect(fs.readFileSync(lockPath).equals(lockBefore), `the lock is unchanged by ${build}`).toBe(true);

  const invoke = `const { handler } = await import(${JSON.stringify(path.join(artifacts, 'dist/lambda.js'))});
const result = await handler(${JSON.stringify(httpApiEvent({ method: 'GET', rawPath: '/healthz' }))}, { getRemainingTimeInMillis: () => 10000 });
console.log("handler returned " + JSON.stringify(result));`;
  const command = `"${requireTools().node24}" --input-type=module -e ${shellQuote(invoke)}`;
  const ran = await runShell(command, { cwd: artifacts, env: { ...env(), NODE_ENV: 'production' }, timeoutMs: MINUTE });
  expect(ran.code, describeRun('the built handler, GET /healthz', ran)).toBe(0);
  const returned = ran.output.split('\n').find((line) => line.startsWith('handler returned '));
  expect(returned, describeRun('the built handler, GET /healthz', ran)).toBeDefined();
  const response = JSON.parse(returned!.slice('handler returned '.length)) as { statusCode: number; body: string };
  expect(response.statusCode, returned).toBe(200);
  expect(JSON.parse(response.body), response.body).toMatchObject({ status: 'ok' });
}

describe('the locked installs', () => {
  it('cover Fastify and NestJS, every deploy target and database, with pnpm, yarn and bun', () => {
    // Not vacuous: 2 frameworks x 2 targets x with and without postgres x 3 managers.
    expect(combinations.length).toBe(24);
    expect(new Set(combinations.map((c) => c.packageManager))).toEqual(new Set(['pnpm', 'yarn', 'bun']));
    for (const c of combinations) expect(PROBES[c.framework.id], c.layer).toBeDefined();
  });
});

describe.sequential('each Node starter installs from its shipped lock in locked mode', () => {
  const started = Date.now();
  afterAll(() => {
    process.stdout.write(`[locked-install] ${combinations.length} installs in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  });

  for (const c of combinations) {
    it(`${c.layer}`, async () => {
      const project = path.join(scratch, c.layer.replace(/[/+]/g, '-'));
      const generate = `"${process.execPath}" ${generateArgv(project, c, PROJECT_NAME).map((a) => JSON.stringify(a)).join(' ')}`;
      requireFreshBuild();
      const generated = await runShell(generate, { cwd: scratch, env: env(), timeoutMs: MINUTE });
      expect(generated.code, describeRun(generate, generated)).toBe(0);

      const [lockFile] = c.resolver.files;
      const lockPath = path.join(project, lockFile!);
      const before = fs.readFileSync(lockPath);
      const install = commandsFor(c.framework, c.packageManager, c.features).install;
      expect(install, 'the locked mode').toMatch(/--frozen-lockfile|--immutable/);
      const installed = await runShell(install, { cwd: project, env: env(), timeoutMs: 5 * MINUTE });
      expect(installed.code, describeRun(install, installed)).toBe(0);
      expect(fs.readFileSync(lockPath).equals(before), `${lockFile} is unchanged by ${install}`).toBe(true);

      const probe = PROBES[c.framework.id]!;
      const locked = readNodeLock(lockFile!, before.toString('utf8'));
      expect(locked.name ?? PROJECT_NAME, 'the lock names the project').toBe(PROJECT_NAME);
      const version = locked.locked(probe);
      expect(version, `${probe} in ${lockFile}`).toBeDefined();
      const manifest = JSON.parse(fs.readFileSync(path.join(project, 'node_modules', probe, 'package.json'), 'utf8'));
      expect(manifest.version, `node_modules/${probe}`).toBe(version);

      if (c.deploy === 'serverless' && c.features.length === 0) await lambdaBuildAnswers(project, lockPath, before);
    }, 6 * MINUTE);
  }
});
