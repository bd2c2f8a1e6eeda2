import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NameError } from '../../src/plan/names.js';
import { resolveTarget } from '../../src/target.js';

const cwd = '/home/me/work';
/** Only these folders exist. */
const existing = new Set(['/', '/home', '/home/me', '/home/me/work', '/home/me/work/apps', '/home/me/empty']);
const at = (typed: string, name?: string) => resolveTarget(typed, { cwd, name, exists: (p) => existing.has(p), pathApi: path.posix });
const refusal = (typed: string, name?: string) => {
  try {
    at(typed, name);
  } catch (error) {
    expect(error).toBeInstanceOf(NameError);
    return (error as Error).message;
  }
  throw new Error(`${typed} was accepted`);
};

describe('resolveTarget', () => {
  it('takes a name, a relative or absolute path, or .; the name is the last segment', () => {
    expect(at('billing')).toEqual({ dir: '/home/me/work/billing', name: 'billing', cd: 'billing', isCwd: false, exists: false });
    expect(at('apps/api')).toMatchObject({ dir: '/home/me/work/apps/api', name: 'api', cd: 'apps/api' });
    expect(at('./api/')).toMatchObject({ dir: '/home/me/work/api', name: 'api', cd: 'api' });
    expect(at('../x')).toMatchObject({ dir: '/home/me/x', name: 'x', cd: '../x' });
    expect(at('/srv/new/api')).toMatchObject({ dir: '/srv/new/api', name: 'api', cd: '/srv/new/api' });
    expect(at('/home/me/work/apps/api')).toMatchObject({ cd: 'apps/api' });
    expect(at('.')).toEqual({ dir: cwd, name: 'work', cd: undefined, isCwd: true, exists: true });
    expect(at('../empty')).toMatchObject({ dir: '/home/me/empty', name: 'empty', exists: true, isCwd: false });
    expect(at('apps/folder', 'Billing API')).toMatchObject({ dir: '/home/me/work/apps/folder', name: 'Billing API' });
  });

  it('refuses what no folder should be, naming the segment and the rule', () => {
    expect(refusal('')).toMatch(/empty: give a name or a path/);
    expect(refusal('a/-x/api')).toBe('Folder "-x" of a/-x/api: "-x" starts with a hyphen, which commands such as cd would read as an option.');
    expect(refusal('apps/a$b')).toMatch(/Folder "a\$b" of apps\/a\$b: .*\$ or `/);
    expect(refusal('~/api')).toMatch(/starts with ~, which only a shell expands.*"\$HOME\/api"/);
    expect(refusal('/')).toMatch(/root of the file system/);
    expect(refusal('apps/x\ny')).toMatch(/control characters/);
    expect(refusal('new/con')).toMatch(/reserved device name/);
  });
});
