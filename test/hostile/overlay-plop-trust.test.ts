/**
 * Family 8: a team's templates and plopfile as hostile input (issue 19, classes 2, 3, 4 and 10). Generated corpora:
 * git's folder in every form in every layer, links at every level of an overlay (the folder itself and its layer
 * folders included), and plop destinations in every form an action can take them (add, modify, append, addMany's
 * destination, base and file names, actions and data functions, helpers and generators that answer differently the
 * second time, custom action types), each aimed at every kind of escape. Each run: the documented exit code and a
 * one-line reason, a sentinel tree outside the project byte-identical, nothing written where it was refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSentinel, runCli, SCRATCH, snapshot, stackLines, Tally, testGit } from './corpus.js';

const tally = new Tally();
afterAll(() => tally.print('family 8 overlays and plopfiles'));

const work = path.join(SCRATCH, 'overlay-plop-trust');
const sentinel = path.join(work, 'sentinel');
let sentinelBefore: Record<string, string>;
const env = (extra: NodeJS.ProcessEnv = {}) => ({ ...process.env, CI: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', ...extra });
const FLAGS = ['api', '--framework', 'fastify', '--deploy', 'containers', '--no-install', '--yes'];

beforeAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  sentinelBefore = makeSentinel(sentinel);
});

let caseNo = 0;
const caseDir = () => {
  const dir = path.join(work, `case-${caseNo++}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
};
const put = (file: string, content: string, mode = 0o644) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content, { mode });
};
function expectOutsideUnchanged(label: string): void {
  expect(snapshot(sentinel), `${label}: the sentinel outside the project`).toEqual(sentinelBefore);
  expect(fs.existsSync(path.join(work, 'escaped.txt')), `${label}: escaped.txt`).toBe(false);
}

const LAYERS = ['_shared/base', '_shared/containers', '_node/base', 'fastify/base', 'fastify/containers', 'fastify/partials'];
/** git's folder in every form a template could bring it: configuration, hooks, attributes, any case, nested, as a file, rendered. */
const GIT_ENTRIES: [string, string, number?][] = [
  ['.git/config', `[core]\n\thooksPath = ${sentinel}\n`],
  ['.git/hooks/pre-commit', `#!/bin/sh\necho pwned > ${sentinel}/pwned\n`, 0o755],
  ['.git/hooks/post-commit', `#!/bin/sh\necho pwned > ${sentinel}/pwned\n`, 0o755],
  ['.git/info/attributes', '* filter=evil\n'],
  ['.git/info/exclude', '*\n'],
  ['.GIT/config', '[core]\n\tfsmonitor = true\n'],
  ['.Git/HEAD', 'ref: refs/heads/evil\n'],
  ['sub/.git/config', '[core]\n\tbare = true\n'],
  ['deep/er/.git/hooks/pre-commit', '#!/bin/sh\nexit 0\n', 0o755],
  ['.git', `gitdir: ${sentinel}\n`],
  ['.git.hbs', `gitdir: ${sentinel}\n`],
  ['.git/config.hbs', '[core]\n\tworktree = {{title}}\n'],
];

describe('family 8: git\'s folder in a team\'s templates', () => {
  it(`${GIT_ENTRIES.length} forms of .git content x ${LAYERS.length} layers: refused before writing, exit 1, one line`, async () => {
    const problems: string[] = [];
    for (const layer of LAYERS) {
      for (const [rel, content, mode] of GIT_ENTRIES) {
        // A partial is never a file of the project: `.git.hbs` there is only a partial named ".git".
        if (layer.endsWith('/partials') && !rel.includes('/') && rel.endsWith('.hbs')) continue;
        const cwd = caseDir();
        put(path.join(cwd, 'team', layer, rel), content, mode);
        const run = await runCli([...FLAGS, '--templates', 'team'], { cwd, env: env() });
        tally.add('.git in a layer', 'runs');
        const label = `${layer}/${rel}`;
        if (run.code !== 1) problems.push(`${label}: exit ${run.code}: ${run.stderr}`);
        if (!/^Error \(render\): .*(git's own folder|\.git)/.test(run.stderr) || run.stderr.trim().split('\n').length !== 1) problems.push(`${label}: ${run.stderr}`);
        if (fs.existsSync(path.join(cwd, 'api'))) problems.push(`${label}: the project was written`);
        else tally.add('.git in a layer', 'refused, nothing written');
        if (stackLines(run.stderr).length) problems.push(`${label}: stack trace`);
        expectOutsideUnchanged(label);
        fs.rmSync(cwd, { recursive: true, force: true });
      }
    }
    expect(problems).toEqual([]);
  });

  it('the first commit runs no hook: neither a global core.hooksPath nor hooks from an init template', async () => {
    const hooks = path.join(work, 'user-hooks');
    for (const name of ['pre-commit', 'commit-msg', 'post-commit', 'prepare-commit-msg']) put(path.join(hooks, name), `#!/bin/sh\necho ran > ${sentinel}/hook-${name}\n`, 0o755);
    const initTemplate = path.join(work, 'init-template');
    fs.cpSync(hooks, path.join(initTemplate, 'hooks'), { recursive: true });
    for (const [name, config] of [['core.hooksPath', `[core]\n\thooksPath = ${hooks}\n`], ['init.templateDir', `[init]\n\ttemplateDir = ${initTemplate}\n`]]) {
      const cwd = caseDir();
      const gitconfig = path.join(cwd, 'gitconfig');
      put(gitconfig, config!);
      const run = await runCli(FLAGS, { cwd, env: env({ GIT_CONFIG_GLOBAL: gitconfig }) });
      tally.add('hooks at the first commit', 'runs');
      expect(run.code, `${name}: ${run.stderr}`).toBe(0);
      expect(testGit(path.join(cwd, 'api'), 'log', '--format=%s')).toBe('Initial commit from create-backend-fit\n');
      expectOutsideUnchanged(name!);
    }
  });
});

describe('family 8: links at every level of an overlay', () => {
  const CASES: [string, (team: string) => void][] = [
    ['the templates folder itself', (team) => { put(path.join(`${team}-real`, 'fastify/base/x.txt'), 'x'); fs.symlinkSync(`${team}-real`, team); }],
    ...['_shared', '_shared/base', '_node', '_node/base', 'fastify', 'fastify/base', 'fastify/containers', 'fastify/partials'].map((layer): [string, (team: string) => void] => [
      `layer folder ${layer}`,
      (team) => { fs.mkdirSync(path.dirname(path.join(team, layer)), { recursive: true }); fs.symlinkSync(path.join(sentinel, 'nested'), path.join(team, layer)); },
    ]),
    ...[1, 2, 3].map((depth): [string, (team: string) => void] => [
      `a file link at depth ${depth}`,
      (team) => { const at = path.join(team, 'fastify/base', ...Array(depth - 1).fill('d'), 'leak.txt'); fs.mkdirSync(path.dirname(at), { recursive: true }); fs.symlinkSync(path.join(sentinel, 'secret.txt'), at); },
    ]),
    ...[1, 2].map((depth): [string, (team: string) => void] => [
      `a folder link at depth ${depth}`,
      (team) => { const at = path.join(team, '_shared/base', ...Array(depth - 1).fill('d'), 'keys'); fs.mkdirSync(path.dirname(at), { recursive: true }); fs.symlinkSync(path.join(sentinel, 'nested'), at); },
    ]),
    ['a dangling link', (team) => { fs.mkdirSync(path.join(team, 'fastify/base'), { recursive: true }); fs.symlinkSync(path.join(sentinel, 'nope'), path.join(team, 'fastify/base/gone.txt')); }],
    ['a partial that is a link', (team) => { fs.mkdirSync(path.join(team, 'fastify/partials'), { recursive: true }); fs.symlinkSync(path.join(sentinel, 'secret.txt'), path.join(team, 'fastify/partials/readme-notes.hbs')); }],
  ];

  it(`${CASES.length} placements: refused with exit 1, nothing written, nothing copied from where the link points`, async () => {
    const problems: string[] = [];
    for (const [name, setup] of CASES) {
      const cwd = caseDir();
      setup(path.join(cwd, 'team'));
      const run = await runCli([...FLAGS, '--templates', 'team'], { cwd, env: env() });
      tally.add('link in an overlay', 'runs');
      if (run.code !== 1 || !/symbolic link/.test(run.stderr) || run.stderr.trim().split('\n').length !== 1) problems.push(`${name}: exit ${run.code}: ${run.stderr}`);
      if (fs.existsSync(path.join(cwd, 'api'))) problems.push(`${name}: the project was written`);
      else tally.add('link in an overlay', 'refused, nothing written');
      expectOutsideUnchanged(name);
      fs.rmSync(cwd, { recursive: true, force: true });
    }
    expect(problems).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Plop destinations in every form.

interface PlopForm {
  name: string;
  /** The generator's `actions`, as JavaScript, with ESC standing for the hostile destination. */
  actions: string;
  /** Files of the team folder the form needs (addMany's templates). */
  files?: (esc: string) => Record<string, string>;
  /** Forms that ask twice: plop must run what was checked, so the run succeeds inside the project. */
  safeBecauseFrozen?: string;
}

const FORMS: PlopForm[] = [
  { name: 'add path', actions: `[{ type: 'add', path: ESC, template: 'x' }]` },
  { name: 'add path from a helper', actions: `[{ type: 'add', path: '{{escape}}', template: 'x' }]` },
  { name: 'add path from a variable', actions: `[{ type: 'add', path: '{{where}}', data: { where: ESC }, template: 'x' }]` },
  { name: 'add path from a data function', actions: `[{ type: 'add', path: '{{where}}', data: () => ({ where: ESC }), template: 'x' }]` },
  { name: 'modify path', actions: `[{ type: 'modify', path: ESC, pattern: /.*/, template: 'pwned' }]` },
  { name: 'append path', actions: `[{ type: 'append', path: ESC, template: 'pwned' }]` },
  { name: 'addMany destination', actions: `[{ type: 'addMany', destination: ESC + '/..', base: 'tpl', templateFiles: 'tpl/**' }]`, files: () => ({ 'tpl/escaped.txt': 'x' }) },
  { name: 'addMany file name rendering to the escape', actions: `[{ type: 'addMany', destination: '.', base: 'tpl', templateFiles: 'tpl/**' }]`, files: () => ({ 'tpl/{{escape}}': 'x' }) },
  { name: 'addMany templateFiles from a function', actions: `[{ type: 'addMany', destination: '.', base: 'tpl', templateFiles: () => 'tpl/**' }]`, files: () => ({ 'tpl/{{escape}}': 'x' }) },
  { name: 'actions from a function', actions: `() => [{ type: 'add', path: ESC, template: 'x' }]` },
  { name: 'a custom action type', actions: `[{ type: 'evil', path: 'inside.txt' }]` },
  { name: 'a function as an action', actions: `[function () { return 'ran'; }]` },
  {
    name: 'actions that change on the second ask',
    actions: `(() => { let asked = 0; return () => (asked++ === 0 ? [{ type: 'add', path: 'frozen.txt', template: 'x' }] : [{ type: 'add', path: ESC, template: 'x' }]); })()`,
    safeBecauseFrozen: 'frozen.txt',
  },
  { name: 'a helper that renders differently the second time', actions: `[{ type: 'add', path: '{{flip}}', template: 'x' }]`, safeBecauseFrozen: 'flipped.txt' },
];

/** Every kind of escape: up and out, absolute into the sentinel, back out through a sub-folder, into git's folder (relative, in another case, absolute). */
const ESCAPES = ['../escaped.txt', '../../escaped.txt', path.join(sentinel, 'planted.txt'), path.join(sentinel, 'nested/deep/id_rsa'), 'sub/../../escaped.txt', '.git/hooks/pre-commit', '.GIT/config', '@CWD@/api/.git/config'];

function plopfile(actions: string, esc: string): string {
  return `export default function (plop) {
  const ESC = ${JSON.stringify(esc)};
  let flips = 0;
  plop.setHelper('escape', () => ESC);
  plop.setHelper('flip', () => (flips++ === 0 ? 'flipped.txt' : ESC));
  plop.setActionType('evil', async () => { (await import('node:fs')).writeFileSync(${JSON.stringify(path.join(sentinel, 'planted.txt'))}, 'x'); return 'x'; });
  plop.setGenerator('g', { description: 'g', prompts: [], actions: ${actions} });
}
`;
}

describe('family 8: plop destinations in every form', () => {
  it(`${FORMS.length} forms x ${ESCAPES.length} escapes: refused before anything is written (exit 1), or run exactly as checked`, async () => {
    const problems: string[] = [];
    for (const form of FORMS) {
      for (const esc of ESCAPES) {
        const cwd = caseDir();
        const escape = esc.replace('@CWD@', cwd);
        put(path.join(cwd, 'team/plopfile.mjs'), plopfile(form.actions, escape));
        for (const [rel, content] of Object.entries(form.files?.(escape) ?? {})) put(path.join(cwd, 'team', rel), content);
        const run = await runCli([...FLAGS, '--no-git', '--plopfile', 'team/plopfile.mjs', '--trust'], { cwd, env: env() });
        tally.add(`plop ${form.safeBecauseFrozen ? 'asked twice' : 'escape'}`, 'runs');
        const label = `${form.name} -> ${escape}`;
        if (form.safeBecauseFrozen) {
          if (run.code !== 0) problems.push(`${label}: exit ${run.code}: ${run.stderr}`);
          else if (!fs.existsSync(path.join(cwd, 'api', form.safeBecauseFrozen))) problems.push(`${label}: the checked action did not run`);
          else tally.add('plop asked twice', 'ran as checked');
        } else {
          if (run.code !== 1) problems.push(`${label}: exit ${run.code}: ${run.stderr}`);
          if (!/^Error \(render\): Plop generator "g" .*: nothing was written and no generator ran\.$/.test(run.stderr.trim()) || run.stderr.trim().split('\n').length !== 1) problems.push(`${label}: ${run.stderr}`);
          if (fs.existsSync(path.join(cwd, 'api'))) problems.push(`${label}: the project was written`);
          else tally.add('plop escape', 'refused before writing');
        }
        if (stackLines(run.stderr).length) problems.push(`${label}: stack trace`);
        expectOutsideUnchanged(label);
        if (fs.existsSync(path.join(cwd, 'escaped.txt'))) problems.push(`${label}: wrote ${cwd}/escaped.txt`);
        fs.rmSync(cwd, { recursive: true, force: true });
      }
    }
    expect(problems).toEqual([]);
  });

  it('every form with a destination inside the project runs (add, modify, append, addMany)', async () => {
    const cwd = caseDir();
    put(path.join(cwd, 'team/tpl/one.md.hbs'), '# {{title}}\n');
    put(path.join(cwd, 'team/tpl/sub/two.txt'), 'two\n');
    put(
      path.join(cwd, 'team/plopfile.mjs'),
      plopfile(`[
        { type: 'add', path: 'docs/{{slug}}.md', template: '# {{title}}' },
        { type: 'modify', path: 'README.md', pattern: /$/, template: '\\nModified by the team.' },
        { type: 'append', path: 'docs/{{slug}}.md', template: 'appended' },
        { type: 'addMany', destination: 'many', base: 'tpl', templateFiles: 'tpl/**' },
      ]`, 'unused'),
    );
    const run = await runCli([...FLAGS, '--no-git', '--plopfile', 'team/plopfile.mjs', '--trust'], { cwd, env: env() });
    tally.add('plop inside', 'runs');
    expect(run.code, run.stderr).toBe(0);
    expect(fs.readFileSync(path.join(cwd, 'api/docs/api.md'), 'utf8')).toBe('# api\nappended');
    expect(fs.readFileSync(path.join(cwd, 'api/README.md'), 'utf8')).toMatch(/Modified by the team\.$/);
    expect(fs.readFileSync(path.join(cwd, 'api/many/one.md'), 'utf8')).toBe('# api\n');
    expect(fs.readFileSync(path.join(cwd, 'api/many/sub/two.txt'), 'utf8')).toBe('two\n');
    expectOutsideUnchanged('inside');
  });

  it('--force beside the user\'s files: a destination through a user\'s link, or a change to a user\'s file, is refused (exit 3, no generator ran, the user\'s file intact)', async () => {
    for (const [name, actions] of [
      ['through a link of the user\'s', `[{ type: 'add', path: 'docs/planted.txt', template: 'x' }]`],
      ['a change to a file of the user\'s', `[{ type: 'append', path: 'notes.txt', template: 'pwned' }]`],
    ]) {
      const cwd = caseDir();
      fs.mkdirSync(path.join(cwd, 'api'));
      fs.symlinkSync(path.join(sentinel, 'nested'), path.join(cwd, 'api/docs'));
      put(path.join(cwd, 'api/notes.txt'), 'my notes\n');
      put(path.join(cwd, 'team/plopfile.mjs'), plopfile(actions!, 'unused'));
      const run = await runCli([...FLAGS, '--no-git', '--force', '--plopfile', 'team/plopfile.mjs', '--trust'], { cwd, env: env() });
      tally.add('plop beside user files', 'runs');
      expect(run.code, `${name}: ${run.stderr}`).toBe(3);
      expect(run.stderr).toMatch(/^Error \(plop\): The project in .* is written, but the team generator "g" would (write to docs\/planted\.txt, which goes through a symbolic link|change notes\.txt, a file of yours)/);
      expect(run.stderr).not.toMatch(/nothing of yours/);
      expect(fs.readFileSync(path.join(cwd, 'api/notes.txt'), 'utf8')).toBe('my notes\n');
      expectOutsideUnchanged(name!);
    }
  });

  it('a generator that fails after the project was written: exit 3, says the project is there, never "nothing was touched"', async () => {
    for (const [name, actions] of [
      ['a transform that throws', `[{ type: 'add', path: 'x.txt', template: 'x', transform: () => { throw new Error('team bug'); } }]`],
      ['an add onto a file of ours', `[{ type: 'add', path: 'README.md', template: 'x', force: true }]`],
    ]) {
      const cwd = caseDir();
      put(path.join(cwd, 'team/plopfile.mjs'), plopfile(actions!, 'unused'));
      const run = await runCli([...FLAGS, '--no-git', '--plopfile', 'team/plopfile.mjs', '--trust'], { cwd, env: env() });
      tally.add('plop fails after writing', 'runs');
      expect(run.code, `${name}: ${run.stderr}`).toBe(3);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/^Error \(plop\): The project in .*api is written, but the team generator "g" failed: add .*\. What the generators changed before that stays;/);
      expect(stackLines(run.stderr)).toEqual([]);
      // The starter's own README is never replaced by a team generator, even one that asks for force.
      expect(fs.readFileSync(path.join(cwd, 'api/README.md'), 'utf8')).toMatch(/^# api/);
    }
  });
});
