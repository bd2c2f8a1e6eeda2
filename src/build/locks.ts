/**
 * `npm run locks [-- --upgrade] [--frameworks fastify,axum]`: the locks the starters ship, made by the ecosystems' own
 * tools, never by hand. For each combination of lock-resolvers.ts (framework x deploy target x features x package
 * manager), it renders the starter with the built CLI (--no-install --no-git) into a scratch folder, resolves there
 * (`npm install --package-lock-only`, `cargo update --workspace`, `uv lock`), and writes the lock back into the combination's
 * lock layer (templates/<framework>/locks/<key>/).
 *
 * The starter is rendered with its shipped lock, so a resolve keeps every locked version its manifest still allows
 * and only adds what a manifest change brought: re-running it changes nothing. --upgrade resolves from scratch, every
 * dependency to the newest version its range allows (a bump: then run the e2e suite, which installs from these locks).
 *
 * The tools must satisfy the starters' toolchains (Node 24 for npm: the starters' engines; uv 0.13 for uv.lock); the
 * e2e tools folder's Node and uv (E2E_TOOLS_DIR, else .tmp/tools, from .ci/install-tools.sh) come first on PATH when
 * they are there.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUILTIN_TEMPLATES } from '../plan/layers.js';
import { checkToolchains } from '../toolchain-check.js';
import { LOCK_PROJECT_NAME, lockCombinations, type LockCombination } from './lock-resolvers.js';
import { frameworksFlag, generateArgv, toolsPath } from './starter-scratch.js';

const args = process.argv.slice(2);
const upgrade = args.includes('--upgrade');
const only = frameworksFlag(args);

const env = {
  ...process.env,
  // The e2e tools' Node 24 and pinned uv (.ci/install-tools.sh), which write the starters' locks.
  PATH: toolsPath(),
  npm_config_user_agent: undefined,
  // A lock made here never depends on a Python uv would download, nor on this machine's uv settings.
  UV_PYTHON_DOWNLOADS: 'never',
  UV_NO_CONFIG: '1',
  YARN_ENABLE_TELEMETRY: '0',
};

function run(command: readonly string[], cwd: string): { ok: boolean; output: string } {
  const result = spawnSync(command[0]!, command.slice(1), { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

const describe = (c: LockCombination) => c.layer;

async function lockOne(combination: LockCombination, scratch: string): Promise<'unchanged' | 'written'> {
  const { framework, deploy, features, packageManager, layer, resolver } = combination;
  const project = path.join(scratch, `${framework.id}-${path.basename(layer)}`);
  const generate = [process.execPath, ...generateArgv(project, combination, LOCK_PROJECT_NAME)];
  const generated = run(generate, scratch);
  if (!generated.ok) throw new Error(`${describe(combination)}: generating failed:\n${generated.output}`);
  if (upgrade) for (const file of resolver.files) fs.rmSync(path.join(project, file), { force: true });
  for (const command of resolver.resolve) {
    const resolved = run(command, project);
    if (!resolved.ok) throw new Error(`${describe(combination)}: ${command.join(' ')} failed:\n${resolved.output.trim().split('\n').slice(-20).join('\n')}`);
  }
  let changed = false;
  for (const file of resolver.files) {
    const made = fs.readFileSync(path.join(project, file));
    const stored = path.join(BUILTIN_TEMPLATES, layer, file);
    if (fs.existsSync(stored) && fs.readFileSync(stored).equals(made)) continue;
    fs.mkdirSync(path.dirname(stored), { recursive: true });
    fs.writeFileSync(stored, made);
    changed = true;
  }
  return changed ? 'written' : 'unchanged';
}

const combinations = lockCombinations().filter((c) => !only || only.has(c.framework.id));
// Every tool is checked before anything runs, as bootstrap does: a resolve by too old a tool writes a lock the
// starter's own toolchain may not read (or, for npm, refuses the starters' engines).
const toolchains = [...new Map(combinations.flatMap((c) => c.framework.toolchain).map((t) => [t.command, t])).values()];
const problems = (await checkToolchains(toolchains, async (tool) => {
  const probe = run([tool.command, ...tool.versionArgs], os.tmpdir());
  return probe.ok ? probe.output : undefined;
})).filter((finding) => !finding.ok);
if (problems.length > 0) {
  process.stderr.write(`${problems.map((p) => p.problem).join('\n')}\n(the e2e tools folder's Node is used when there: bash .ci/install-tools.sh)\n`);
  process.exit(1);
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cbf-locks-'));
let failed = 0;
try {
  for (const combination of combinations) {
    const started = Date.now();
    try {
      const outcome = await lockOne(combination, scratch);
      process.stdout.write(`${outcome.padEnd(9)} ${describe(combination)}/${combination.resolver.files.join(', ')} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    } catch (error) {
      failed++;
      process.stderr.write(`FAILED    ${(error as Error).message}\n`);
    }
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
process.stdout.write(`${combinations.length - failed} of ${combinations.length} locks resolved${upgrade ? ' from scratch (--upgrade)' : ''}.\n`);
process.exit(failed > 0 ? 1 : 0);
