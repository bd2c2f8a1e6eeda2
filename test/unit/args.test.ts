import { describe, expect, it } from 'vitest';
import { COMMANDS, helpText, OPTIONS, parseArgs } from '../../src/args.js';
import { closest, editDistance } from '../../src/suggest.js';
import { CliError, EXIT } from '../../src/errors.js';
import { FRAMEWORK_IDS } from '../../src/frameworks/types.js';

function usageErrorOf(argv: string[]): CliError {
  try {
    parseArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(EXIT.usage);
    return error as CliError;
  }
  throw new Error(`parseArgs accepted ${argv.join(' ')}`);
}

describe('parseArgs', () => {
  it('reads a folder and every kind of option', () => {
    const parsed = parseArgs(['my-api', '--framework', 'gin', '--deploy=serverless', '--rps', '300', '--team-size', '4', '--no-install', '--git', '-y', '--json']);
    expect(parsed).toEqual({
      command: 'create',
      dir: 'my-api',
      options: { framework: 'gin', deploy: 'serverless', rps: 300, 'team-size': 4, install: false, git: true, yes: true, json: true },
    });
  });

  it('knows the subcommands', () => {
    expect(parseArgs(['recommend', '--language', 'python']).command).toBe('recommend');
    expect(parseArgs(['list', '--json'])).toEqual({ command: 'list', dir: undefined, options: { json: true } });
    expect(usageErrorOf(['list', 'extra']).message).toMatch(/takes no folder/);
  });

  it('refuses an unknown value, listing the valid ones', () => {
    const error = usageErrorOf(['x', '--framework', 'express']);
    expect(error.message).toContain('"express"');
    for (const id of FRAMEWORK_IDS) expect(error.message).toContain(id);
    expect(usageErrorOf(['x', '--deploy', 'lambda']).message).toMatch(/containers, serverless/);
    expect(usageErrorOf(['x', '--package-manager', 'npmm']).message).toMatch(/npm, pnpm, yarn, bun/);
  });

  it('refuses an unknown flag, suggesting the close one', () => {
    expect(usageErrorOf(['x', '--frmework', 'gin']).message).toMatch(/Unknown option --frmework/);
    expect(usageErrorOf(['x', '--deploys', 'serverless']).message).toMatch(/Did you mean --deploy\?/);
    expect(usageErrorOf(['x', '-q']).message).toMatch(/Unknown option -q/);
    expect(usageErrorOf(['x', '--no-yes']).message).toMatch(/Unknown option --no-yes/);
  });

  it('refuses bad numbers, missing values and values on switches', () => {
    for (const bad of ['-1', '1.5', 'many', '', '1e3', '99999999999999999999']) {
      expect(usageErrorOf(['x', '--rps', bad]).message).toMatch(/--rps/);
    }
    expect(usageErrorOf(['x', '--team-size', '0']).message).toMatch(/1 or more/);
    expect(usageErrorOf(['x', '--framework']).message).toMatch(/needs a value: one of fastify/);
    expect(usageErrorOf(['x', '--framework', '--yes']).message).toMatch(/needs a value/);
    expect(usageErrorOf(['x', '--yes=no']).message).toMatch(/takes no value/);
    expect(usageErrorOf(['a', 'b']).message).toMatch(/one project folder/);
  });

  it('takes everything after -- as positional', () => {
    expect(parseArgs(['--', 'list']).dir).toBe('list');
  });

  it('documents every option in --help', () => {
    const help = helpText('create-backend-fit', '1.2.3');
    for (const flag of ['--framework', '--deploy', '--language', '--workload', '--style', '--team-size', '--rps', '--yes', '--install', '--git', '--package-manager', '--dry-run', '--json', '--force', '--help', '--version']) {
      expect(help).toContain(flag);
    }
  });
});

describe('did you mean', () => {
  it('counts edits as typing makes them: a swap of neighbours is one', () => {
    expect(editDistance('recommend', 'recommend')).toBe(0);
    expect(editDistance('recomend', 'recommend')).toBe(1);
    expect(editDistance('lsit', 'list')).toBe(1);
    expect(editDistance('frmework', 'framework')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(closest('fastapy', ['fastify', 'fastapi'])).toBe('fastapi');
    expect(closest('billing-api', ['list', 'update', 'eject', 'recommend'])).toBeUndefined();
  });

  it('a first word one typo from a command, or help/version, is a usage error, not a project of that name', () => {
    for (const [word, meant] of [['recomend', 'recommend'], ['lsit', 'list'], ['updte', 'update'], ['ejct', 'eject'], ['help', '--help'], ['version', '--version'], ['Help', '--help']]) {
      const message = usageErrorOf([word!]).message;
      expect(message).toContain(`Did you mean create-backend-fit ${meant}?`);
      expect(message).toContain(`./${word}`);
    }
    // Written as a path (or after --), it is a project folder.
    expect(parseArgs(['./recomend'])).toMatchObject({ command: 'create', dir: './recomend' });
    expect(parseArgs(['--', 'help'])).toMatchObject({ command: 'create', dir: 'help' });
    // Names that are not near a command stay names.
    for (const name of ['billing-api', 'listing', 'updates-service', 'my-api']) expect(parseArgs([name]).dir).toBe(name);
  });

  it('suggests the flag meant, --no- forms included', () => {
    expect(usageErrorOf(['x', '--frmework', 'gin']).message).toMatch(/Unknown option --frmework\. Did you mean --framework\?/);
    expect(usageErrorOf(['x', '--no-instal']).message).toMatch(/Did you mean --no-install\?/);
    expect(usageErrorOf(['x', '--jsno']).message).toMatch(/Did you mean --json\?/);
    expect(usageErrorOf(['x', '--zzzzzz']).message).not.toMatch(/Did you mean/);
  });

  it('takes choice values as people type them, and suggests the value meant', () => {
    expect(parseArgs(['x', '--framework', 'FastAPI']).options.framework).toBe('fastapi');
    expect(parseArgs(['x', '--framework', 'Spring-Boot', '--package-manager', 'PNPM']).options).toMatchObject({ framework: 'spring-boot', 'package-manager': 'pnpm' });
    expect(usageErrorOf(['x', '--framework', 'fastapy']).message).toMatch(/"fastapy" is not valid\. Did you mean fastapi\? Valid values: fastify, nestjs/);
    expect(usageErrorOf(['x', '--deploy', 'serverles']).message).toMatch(/Did you mean serverless\?/);
    expect(usageErrorOf(['x', '--framework', 'express']).message).not.toMatch(/Did you mean/);
  });
});

describe('options per command', () => {
  it('an option given to a command that does not take it is a usage error naming the commands it is for', () => {
    expect(usageErrorOf(['list', '--framework', 'gin']).message).toMatch(/--framework does not apply to list \(it is for create, recommend\)\. See create-backend-fit list --help/);
    expect(usageErrorOf(['recommend', '--force']).message).toMatch(/--force does not apply to recommend/);
    expect(usageErrorOf(['update', '--no-install']).message).toMatch(/--install does not apply to update/);
    expect(usageErrorOf(['eject', 'gin', 'dir', '--dry-run']).message).toMatch(/--dry-run does not apply to eject/);
    expect(parseArgs(['eject', 'gin', 'dir', '--force', '--json']).options).toEqual({ force: true, json: true });
  });

  it('each command has its own --help with only its options, from the same table', () => {
    for (const command of COMMANDS) {
      const help = helpText('create-backend-fit', '1.2.3', command);
      for (const [name, spec] of Object.entries(OPTIONS)) {
        expect(help.includes(`--${name} `) || help.includes(`--${name}\n`), `${command} --help and --${name}`).toBe((spec.for as readonly string[]).includes(command));
      }
    }
    expect(helpText('create-backend-fit', '1.2.3', 'eject')).toMatch(/^Usage: create-backend-fit eject <framework> \[dir\]\n/);
    // --help wins over what the command would need: `eject --help` without a framework is its help.
    expect(parseArgs(['eject', '--help'])).toMatchObject({ command: 'eject', options: { help: true } });
    expect(parseArgs(['list', '-h']).command).toBe('list');
  });
});
