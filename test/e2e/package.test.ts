/**
 * The tool as users get it: the packed tarball, run the way `npm create`, `pnpm create` and `yarn create` run it,
 * in an empty folder with an empty cache. Each generates a starter, installs it with the package manager that ran
 * the tool (found from npm_config_user_agent), and the starter passes its own tests.
 * Also: the built CLI gives the same output on the oldest Node that engines allows and on Node 24.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, runShell } from './processes.js';
import { REPO, requireTools, toolEnv } from './tools.js';
import { requireFreshBuild } from '../built-cli.js';

const MINUTE = 60_000;
let scratch: string;
let tarball: string;

beforeAll(() => {
  requireFreshBuild();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cbf-package-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: REPO, encoding: 'utf8' })) as { filename: string }[];
  tarball = path.join(scratch, packed[0]!.filename);
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('npm pack', () => {
  it('holds only what runs: the bundle, the bin, templates, the contract, README and LICENSE', () => {
    const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n').map((f) => f.replace(/^package\//, ''));
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'LICENSE',
        'bin/create-backend-fit.cjs',
        'dist/cli.cjs',
        'dist/lazy/execa.mjs',
        'dist/lazy/clack.mjs',
        'dist/lazy/node-plop.mjs',
        'dist/handlebars.cjs',
        'dist/compiled-templates/fastify.cjs',
        'templates/fastify/base/package.json.hbs',
        'docs/contract.md',
      ]),
    );
    const unexpected = files.filter((f) => !/^(package\.json|README\.md|LICENSE|bin\/|dist\/|templates\/|docs\/contract\.md$)/.test(f));
    expect(unexpected).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map') || f.startsWith('test/') || f.startsWith('src/'))).toEqual([]);
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    // Everything is bundled: `npm create` downloads one package.
    expect(manifest.dependencies ?? {}).toEqual({});
  });
});

const RUNNERS = {
  npm: (tgz: string, args: string) => `npm exec --yes --package=${tgz} -- create-backend-fit ${args}`,
  pnpm: (tgz: string, args: string) => `pnpm --package=${tgz} dlx create-backend-fit ${args}`,
  yarn: (tgz: string, args: string) => `yarn dlx -p create-backend-fit@file:${tgz} create-backend-fit ${args}`,
} as const;

describe.sequential('the tarball through each package manager', () => {
  for (const [pm, command] of Object.entries(RUNNERS)) {
    it(`${pm}: generates, installs with ${pm} and passes the starter's tests`, async () => {
      const tools = requireTools();
      const home = fs.mkdtempSync(path.join(scratch, `${pm}-`));
      const cache = path.join(home, '.cache');
      // Empty caches and no user config: what a first-time user's machine has.
      const env = {
        ...toolEnv(),
        PATH: [path.dirname(tools.node24), path.dirname(tools.pnpm), process.env.PATH].join(path.delimiter),
        npm_config_cache: path.join(cache, 'npm'),
        npm_config_store_dir: path.join(cache, 'pnpm-store'),
        YARN_CACHE_FOLDER: path.join(cache, 'yarn'),
        YARN_GLOBAL_FOLDER: path.join(cache, 'yarn-global'),
        YARN_ENABLE_TELEMETRY: '0',
      };
      const generate = command(tarball, 'app --framework fastify --deploy containers --yes --no-git');
      const generated = await runShell(generate, { cwd: home, env, timeoutMs: 10 * MINUTE });
      expect(generated.code, describeRun(generate, generated)).toBe(0);
      const project = path.join(home, 'app');
      const record = JSON.parse(fs.readFileSync(path.join(project, '.create-backend-fit.json'), 'utf8'));
      expect(record.answers.packageManager, 'detected from npm_config_user_agent').toBe(pm);
      expect(fs.existsSync(path.join(project, 'node_modules/fastify')), 'the tool installed the dependencies').toBe(true);
      const test = `${pm} test`;
      const tested = await runShell(test, { cwd: project, env, timeoutMs: 5 * MINUTE });
      expect(tested.code, describeRun(test, tested)).toBe(0);
    });
  }
});

describe('the oldest Node engines allows, and Node 24', () => {
  it('print the same and generate the same files', () => {
    const tools = requireTools();
    const outputs = [process.execPath, tools.nodeOldest, tools.node24].map((node) => {
      const cwd = fs.mkdtempSync(path.join(scratch, 'node-'));
      const cli = (...args: string[]) => execFileSync(node, [requireFreshBuild(), ...args], { cwd, encoding: 'utf8' });
      const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
      cli('api', '--framework', 'axum', '--deploy', 'serverless', '--yes', '--no-install', '--no-git');
      const files = fs.readdirSync(path.join(cwd, 'api'), { recursive: true }).map(String).sort();
      return { version, help: cli('--help'), list: cli('list', '--json'), recommend: cli('recommend', '--language', 'go', '--json'), files };
    });
    // engines is ">=x.y": the oldest it allows is vx.y.0.
    const engines = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).engines.node as string;
    const oldest = /^>=(\d+)\.(\d+)$/.exec(engines);
    expect(oldest, `engines "${engines}"`).not.toBeNull();
    expect(outputs.map((o) => o.version)).toEqual([process.version, `v${oldest![1]}.${oldest![2]}.0`, expect.stringMatching(/^v24\./)]);
    for (const other of outputs.slice(1)) {
      expect({ ...other, version: '' }).toEqual({ ...outputs[0], version: '' });
    }
  });
});
