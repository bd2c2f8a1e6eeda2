import { describe, expect, it } from 'vitest';
import { helpText, parseArgs } from '../../src/args.js';
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
