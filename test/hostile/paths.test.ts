/**
 * The project folder as a path (`apps/api`, `../x`, an absolute path, `.`): the name rules hold for its last segment
 * and for every folder it creates; through the built CLI, the project lands where the path says, the record keeps
 * the name (never a path of this machine), and the printed `cd` gets there from where the user stands.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fse from 'fs-extra';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveTarget } from '../../src/target.js';
import { NameError } from '../../src/plan/names.js';
import { pathCorpus, runCli, SCRATCH, Tally, tryDerive } from './corpus.js';

const tally = new Tally();
afterAll(() => tally.print('family 1b project paths'));

const cwd = path.join(SCRATCH, 'paths', 'here');
beforeAll(() => {
  fse.emptyDirSync(path.join(SCRATCH, 'paths'));
  fse.ensureDirSync(cwd);
});

describe('family 1b: project paths', () => {
  const corpus = pathCorpus(path.join(SCRATCH, 'paths'));

  it(`${corpus.length} path forms: each refused with a reason, or a target where the path says, named by its last segment`, () => {
    const problems: string[] = [];
    for (const { family, value } of corpus) {
      let where;
      try {
        where = resolveTarget(value, { cwd, exists: (p) => fs.existsSync(p) });
      } catch (error) {
        if (!(error instanceof NameError)) throw error;
        tally.add(family, 'refused');
        if (!/\w{3,}.*[.:]/.test(error.message) || /undefined|\[object/.test(error.message)) problems.push(`${JSON.stringify(value)}: unclear refusal ${error.message}`);
        continue;
      }
      const expected = path.resolve(cwd, value.trim());
      if (where.dir !== expected) problems.push(`${JSON.stringify(value)}: target ${where.dir}, expected ${expected}`);
      if (where.name !== path.basename(expected)) problems.push(`${JSON.stringify(value)}: name ${where.name}`);
      // Every folder the run would create passes the name rules, the project folder's own name included.
      for (let at = expected; !fs.existsSync(at); at = path.dirname(at)) {
        const { error } = tryDerive(path.basename(at));
        if (error && !/Latin letter/.test(error)) problems.push(`${JSON.stringify(value)}: creates "${path.basename(at)}", which the rules refuse (${error})`);
      }
      // The cd leads there from cwd.
      const cdTo = where.cd === undefined ? cwd : path.resolve(cwd, where.cd);
      if (cdTo !== expected) problems.push(`${JSON.stringify(value)}: cd ${where.cd} leads to ${cdTo}`);
      if (where.cd?.startsWith('-')) problems.push(`${JSON.stringify(value)}: cd ${where.cd} reads as an option`);
      tally.add(family, 'accepted');
    }
    expect(problems).toEqual([]);
  });

  const runs: { args: string[]; dir: string; name: string }[] = [
    { args: ['apps/billing-api'], dir: path.join(cwd, 'apps/billing-api'), name: 'billing-api' },
    { args: ['./local-api'], dir: path.join(cwd, 'local-api'), name: 'local-api' },
    { args: ['../sibling/api one'], dir: path.join(SCRATCH, 'paths/sibling/api one'), name: 'api one' },
    { args: [path.join(SCRATCH, 'paths/abs/deep/svc')], dir: path.join(SCRATCH, 'paths/abs/deep/svc'), name: 'svc' },
    { args: ["apps/it's {{x}}"], dir: path.join(cwd, "apps/it's {{x}}"), name: "it's {{x}}" },
    { args: ['apps/folder', '--name', 'Billing Service'], dir: path.join(cwd, 'apps/folder'), name: 'Billing Service' },
  ];
  for (const { args, dir, name } of runs) {
    it(`${args.join(' ')}: the project is in ${path.relative(SCRATCH, dir)}, named ${JSON.stringify(name)}, and the printed cd gets there`, async () => {
      const run = await runCli([...args, '--framework', 'fastify', '--no-install', '--no-git', '--yes'], { cwd });
      tally.add('CLI path', 'runs');
      expect(run.code, run.stderr).toBe(0);
      const record = fse.readJsonSync(path.join(dir, '.create-backend-fit.json'));
      expect(record.answers.projectName).toBe(name);
      expect(JSON.stringify(record)).not.toContain(SCRATCH);
      expect(fse.readJsonSync(path.join(dir, 'package.json')).description).toBe(`Fastify service ${name}`);
      const cd = run.stdout.split('\n').find((l) => l.startsWith('  cd '))!.trim();
      const shell = spawnSync('sh', ['-c', `${cd} && pwd -P`], { cwd, encoding: 'utf8' });
      expect(shell.stdout.trim(), `${cd}: ${shell.stderr}`).toBe(fs.realpathSync(dir));
      expect(fs.readdirSync(path.dirname(dir)).filter((e) => e.includes('create-backend-fit-'))).toEqual([]);
    });
  }

  it('. generates into the empty current folder, keeps that folder (the shell stays in it), and prints no cd', async () => {
    const here = path.join(SCRATCH, 'paths', 'dot-api');
    fs.mkdirSync(here);
    const inode = fs.statSync(here).ino;
    const run = await runCli(['.', '--framework', 'gin', '--no-install', '--no-git', '--yes'], { cwd: here });
    expect(run.code, run.stderr).toBe(0);
    expect(fs.statSync(here).ino).toBe(inode);
    expect(fs.existsSync(path.join(here, 'go.mod'))).toBe(true);
    expect(fse.readJsonSync(path.join(here, '.create-backend-fit.json')).answers.projectName).toBe('dot-api');
    expect(run.stdout).toMatch(/Next steps:\n {2}go mod download\n/);
    expect(run.stdout).not.toMatch(/^ {2}cd /m);
  });

  it('. in a folder with files is refused without --force and leaves it as it was', async () => {
    const here = path.join(SCRATCH, 'paths', 'busy');
    fse.outputFileSync(path.join(here, 'notes.txt'), 'mine');
    const run = await runCli(['.', '--framework', 'gin', '--no-install', '--no-git', '--yes'], { cwd: here });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/is not empty.*--force/);
    expect(fs.readdirSync(here)).toEqual(['notes.txt']);
    expect(fs.readdirSync(path.dirname(here)).filter((e) => e.includes('create-backend-fit-'))).toEqual([]);
  });

  it('refusals name the segment and write nothing: a bad middle folder, a quoted ~, a name the rules refuse', async () => {
    for (const [typed, reason, extra] of [
      ['apps/-x/api', /Folder "-x" of apps\/-x\/api: .*hyphen/],
      ['~/api', /only a shell expands/],
      ['apps/con', /reserved device name/],
      ['apps/x', /"-bad" starts with a hyphen/, ['--name', '-bad']],
    ] as [string, RegExp, string[]?][]) {
      const run = await runCli([typed, ...(extra ?? []), '--framework', 'fastify', '--no-install', '--no-git', '--yes'], { cwd });
      expect(run.code, `${typed}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toMatch(reason);
    }
    expect(fs.existsSync(path.join(cwd, 'apps/-x'))).toBe(false);
    expect(fs.existsSync(path.join(cwd, '~'))).toBe(false);
    expect(fs.existsSync(path.join(cwd, 'apps/con'))).toBe(false);
  });
});
