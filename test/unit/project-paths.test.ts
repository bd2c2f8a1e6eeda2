import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PathRefused, relativePathProblem, resolveInside } from '../../src/project-paths.js';

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cbf-paths-')));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('relativePathProblem', () => {
  it('accepts normal relative paths, dotfiles and names that only start like .git', () => {
    for (const ok of ['a', 'a/b.txt', '.gitignore', '.github/workflows/ci.yml', 'src/.gitkeep', '.git-blame-ignore-revs', 'a/..b', '...']) expect(relativePathProblem(ok), ok).toBeUndefined();
  });

  it('refuses what leaves the project, is not normal, or names git\'s folder in any case', () => {
    const cases: [unknown, RegExp][] = [
      ['../x', /outside/], ['a/../../x', /outside/], ['..', /outside/], ['/etc/passwd', /absolute/], ['C:/x', /absolute/], ['a\\..\\x', /backslash/],
      ['a//b', /not a normal path/], ['./a', /not a normal path/], ['a/', /not a normal path/], ['', /not a file path/], [42, /not a file path/],
      ['x\u0000y', /NUL/], ['.git/config', /\.git/], ['.GIT/hooks/pre-commit', /\.git/], ['sub/.Git/HEAD', /\.git/], ['.git', /\.git/],
    ];
    for (const [p, reason] of cases) expect(relativePathProblem(p), String(p)).toMatch(reason);
  });
});

describe('resolveInside', () => {
  it('resolves under the root, and refuses a link or a file on the way, naming it', () => {
    fs.mkdirSync(path.join(root, 'real/dir'), { recursive: true });
    fs.writeFileSync(path.join(root, 'file'), 'x');
    fs.symlinkSync(path.join(root, 'real'), path.join(root, 'linked'));
    expect(resolveInside(root, 'real/dir/new.txt')).toBe(path.join(root, 'real/dir/new.txt'));
    expect(resolveInside(root, 'not/yet/there.txt')).toBe(path.join(root, 'not/yet/there.txt'));
    expect(() => resolveInside(root, 'linked/dir/x')).toThrow(PathRefused);
    try {
      resolveInside(root, 'linked/dir/x');
    } catch (error) {
      expect((error as PathRefused).link).toBe('linked');
    }
    expect(() => resolveInside(root, 'linked')).toThrow(/symbolic link \(linked\)/);
    expect(() => resolveInside(root, 'file/x')).toThrow(/file, which is not a folder/);
    expect(() => resolveInside(root, '../x')).toThrow(/outside/);
  });
});
