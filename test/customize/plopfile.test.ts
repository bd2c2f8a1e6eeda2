import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtCli, cli, tempDir, tree, write } from './helpers.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
const FLAGS = ['--framework', 'fastify', '--yes', '--no-install', '--no-git'];

function teamFolder(generatorPath = 'docs/{{slug}}-runbook.md') {
  const root = tempDir('plop');
  made.push(root);
  write(
    path.join(root, 'team/create-backend-fit.plopfile.mjs'),
    `export default function (plop) {
  plop.setHelper('shout', (text) => String(text).toUpperCase());
  plop.setGenerator('runbook', {
    description: 'a runbook for the new service',
    prompts: [],
    actions: [{ type: 'add', path: ${JSON.stringify(generatorPath)}, template: '# Runbook for {{title}} on port {{port}}\\n' }],
  });
}
`,
  );
  write(path.join(root, 'team/_shared/base/TEAM.md.hbs'), '{{shout title}}\n');
  return root;
}

describe('team plopfile', () => {
  it('lends its helpers to our templates and runs its generators after ours', async () => {
    const root = teamFolder();
    const run = await cli(root, 'billing', ...FLAGS, '--templates', 'team', '--trust');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(fs.readFileSync(path.join(root, 'billing/TEAM.md'), 'utf8')).toBe('BILLING\n');
    expect(fs.readFileSync(path.join(root, 'billing/docs/billing-runbook.md'), 'utf8')).toBe('# Runbook for billing on port 3000\n');
  });

  it('does the same through the built CLI, whose templates are precompiled and whose plop and compiler are bundled', async () => {
    const root = teamFolder();
    fs.mkdirSync(path.join(root, 'src'));
    fs.mkdirSync(path.join(root, 'built'));
    const fromSource = await cli(path.join(root, 'src'), 'billing', ...FLAGS, '--templates', '../team', '--trust');
    const built = builtCli(path.join(root, 'built'), 'billing', ...FLAGS, '--templates', '../team', '--trust');
    expect(built.stderr).toBe('');
    expect([fromSource.code, built.code]).toEqual([0, 0]);
    const files = tree(path.join(root, 'built/billing'));
    expect(files['TEAM.md']).toBe('BILLING\n');
    expect(files['docs/billing-runbook.md']).toBe('# Runbook for billing on port 3000\n');
    expect(files).toEqual(tree(path.join(root, 'src/billing')));
  });

  it('needs consent to run team code when there is no terminal to ask', async () => {
    const root = teamFolder();
    const run = await cli(root, 'billing', ...FLAGS, '--templates', 'team');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--trust/);
    expect(fs.existsSync(path.join(root, 'billing'))).toBe(false);
  });

  it('refuses a generator that would write outside the project', async () => {
    const root = teamFolder('../escaped.md');
    const run = await cli(root, 'billing', ...FLAGS, '--templates', 'team', '--trust');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/outside the project/);
    expect(fs.existsSync(path.join(root, 'escaped.md'))).toBe(false);
  });
});
