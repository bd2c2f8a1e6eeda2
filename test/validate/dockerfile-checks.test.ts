/** The project's own Dockerfile checks and the .dockerignore matcher, on files made to break them. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandProblem, copySourceProblems, healthcheckProblem, stageProblems, userProblem } from './dockerfile-checks.js';
import { commandTargets, finalStage, parseDockerfile, pinnedProblem } from './dockerfile.js';
import { buildContextFiles, isExcluded, parseDockerignore } from './dockerignore.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cbf-dockerfile-checks-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(scratch, 'p-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

describe('.dockerignore matching', () => {
  const ignored = (patterns: string, rel: string) => isExcluded(parseDockerignore(patterns), rel);

  it('matches from the context root, not at any depth as .gitignore does', () => {
    expect(ignored('*.log', 'a.log')).toBe(true);
    expect(ignored('*.log', 'logs/a.log')).toBe(false);
    expect(ignored('/dist', 'dist/x.js')).toBe(true);
    expect(ignored('dist/', 'dist/x.js')).toBe(true);
    expect(ignored('dist', 'src/dist/x.js')).toBe(false);
  });

  it('excludes a folder with everything in it, and `*` does not cross a slash', () => {
    expect(ignored('node_modules', 'node_modules/a/b/c.js')).toBe(true);
    expect(ignored('src/*.ts', 'src/a.ts')).toBe(true);
    expect(ignored('src/*.ts', 'src/sub/a.ts')).toBe(false);
    expect(ignored('src/?.ts', 'src/a.ts')).toBe(true);
    expect(ignored('src/[ab].ts', 'src/b.ts')).toBe(true);
    expect(ignored('src/[!ab].ts', 'src/b.ts')).toBe(false);
  });

  it('lets ** match any number of folders, none included', () => {
    expect(ignored('**/__pycache__', '__pycache__/x.pyc')).toBe(true);
    expect(ignored('**/__pycache__', 'app/sub/__pycache__/x.pyc')).toBe(true);
    expect(ignored('**/*.pyc', 'a/b/c.pyc')).toBe(true);
    expect(ignored('a/**/z', 'a/z')).toBe(true);
    expect(ignored('a/**/z', 'a/b/c/z')).toBe(true);
    expect(ignored('a/**', 'a/b/c')).toBe(true);
    expect(ignored('a/**', 'ab/c')).toBe(false);
  });

  it('lets the last matching pattern decide, with ! exceptions', () => {
    expect(ignored('*.md\n!README.md', 'README.md')).toBe(false);
    expect(ignored('*.md\n!README.md', 'CHANGES.md')).toBe(true);
    expect(ignored('!README.md\n*.md', 'README.md')).toBe(true);
    expect(ignored('docs\n!docs/keep.md', 'docs/keep.md')).toBe(false);
    expect(ignored('docs\n!docs/keep.md', 'docs/other.md')).toBe(true);
  });

  it('skips comments and blank lines, and cleans patterns', () => {
    expect(ignored('# target\n\n  ./target/  ', 'target/x')).toBe(true);
    expect(ignored('# target', 'target/x')).toBe(false);
  });

  it('sends what is left as the build context', () => {
    const dir = project({ '.dockerignore': 'docs\n!docs/keep.md\n*.log\n', 'docs/keep.md': '', 'docs/drop.md': '', 'a.log': '', 'src/b.log': '', 'src/x.ts': '' });
    expect(buildContextFiles(dir)).toEqual(['.dockerignore', 'docs/keep.md', 'src/b.log', 'src/x.ts']);
  });
});

describe('the Dockerfile reader', () => {
  it('joins continuation lines, drops comments inside them, and reads flags and stages', () => {
    const file = parseDockerfile('# syntax=docker/dockerfile:1\nARG V=24\nFROM node:${V}-slim AS Build\nRUN a \\\n# a comment\n    && b\nFROM node:24-slim\nCOPY --from=build --chown=1:1 /app/dist ./dist\n');
    expect(file.stages.map((s) => [s.name, s.base])).toEqual([['build', 'node:24-slim'], [undefined, 'node:24-slim']]);
    expect(file.stages[0]!.instructions[0]!.args).toBe('a && b');
    expect(file.stages[1]!.instructions[0]!.flags).toEqual({ from: 'build', chown: '1:1' });
  });

  it('refuses heredocs instead of misreading them', () => {
    expect(() => parseDockerfile('FROM a:1\nRUN <<EOF\necho\nEOF\n')).toThrow(/heredoc/);
  });

  it('knows a pinned base image from latest, untagged and tags without a major version', () => {
    expect(pinnedProblem('node:24-bookworm-slim')).toBeUndefined();
    expect(pinnedProblem('gcr.io/distroless/cc-debian12:nonroot')).toBeUndefined();
    expect(pinnedProblem('localhost:5000/x@sha256:abc')).toBeUndefined();
    expect(pinnedProblem('node:latest')).toMatch(/latest/);
    expect(pinnedProblem('node')).toMatch(/no tag/);
    expect(pinnedProblem('localhost:5000/node')).toMatch(/no tag/);
    expect(pinnedProblem('node:lts-slim')).toMatch(/no major version/);
  });

  it('resolves the final command through PATH, the working directory and a Java main class', () => {
    const target = (text: string) => commandTargets(finalStage(parseDockerfile(text))).map((t) => [t.finalPath, t.sources.map((s) => s.path)]);
    expect(target('FROM a:1 AS b\nFROM c:1\nCOPY --from=b /opt/venv /opt/venv\nENV PATH="/opt/venv/bin:$PATH"\nCMD ["gunicorn", "x.wsgi"]')).toEqual([
      ['/opt/venv/bin/gunicorn', ['/opt/venv/bin/gunicorn']],
    ]);
    expect(target('FROM a:1 AS b\nFROM c:1\nWORKDIR /app\nCOPY --from=b /app/dist ./dist\nCMD ["node", "dist/server.js"]')).toEqual([
      ['/app/dist/server.js', ['/app/dist/server.js']],
    ]);
    expect(target('FROM a:1 AS b\nFROM c:1\nCOPY --from=b /out/server /bin/\nENTRYPOINT ["/bin/server"]')).toEqual([
      ['/bin/server', ['/out/server/server', '/out/server']],
    ]);
    expect(target('FROM a:1 AS b\nFROM c:1\nWORKDIR /app\nCOPY --from=b /x/loader/ ./\nENTRYPOINT ["java", "org.example.Main"]')).toEqual([
      ['/app/org/example/Main.class', ['/x/loader/org/example/Main.class']],
    ]);
  });
});

describe('the project checks', () => {
  const good = 'FROM node:24-slim AS build\nWORKDIR /app\nCOPY package.json ./\nCOPY src ./src\nRUN npm run build\nFROM node:24-slim\nWORKDIR /app\nCOPY --from=build /app/dist ./dist\nUSER 1000:1000\nCMD ["node", "dist/server.js"]\n';

  it('pass a good Dockerfile', () => {
    const file = parseDockerfile(good);
    const dir = project({ '.dockerignore': 'node_modules\n', 'package.json': '{}', 'src/server.ts': '' });
    expect([...stageProblems(file), userProblem(file), ...copySourceProblems(file, dir), commandProblem(file)].filter(Boolean)).toEqual([]);
  });

  it('refuse one stage, latest and untagged bases', () => {
    expect(stageProblems(parseDockerfile('FROM node:24\nCMD ["node"]'))).toEqual([expect.stringMatching(/multi-stage/)]);
    expect(stageProblems(parseDockerfile('FROM node AS a\nFROM a\nFROM debian:latest'))).toEqual([
      expect.stringMatching(/^line 1: FROM node: no tag/),
      expect.stringMatching(/^line 3: FROM debian:latest/),
    ]);
  });

  it('refuse a final stage without USER or running as root', () => {
    expect(userProblem(parseDockerfile('FROM a:1 AS b\nUSER 1000\nFROM a:1\nCMD ["x"]'))).toMatch(/no USER/);
    expect(userProblem(parseDockerfile('FROM a:1 AS b\nFROM a:1\nUSER 1000\nUSER root\nCMD ["x"]'))).toMatch(/root/);
    expect(userProblem(parseDockerfile('FROM a:1 AS b\nFROM a:1\nUSER 0:0\nCMD ["x"]'))).toMatch(/root/);
  });

  it('refuse COPY sources that are missing or left out by .dockerignore', () => {
    const dir = project({ '.dockerignore': 'src\n!src/keep.ts\ndist\n', 'src/keep.ts': '', 'dist/a.js': '', 'package.json': '' });
    const file = parseDockerfile('FROM a:1\nCOPY package.json package-lock.json* ./\nCOPY src ./src\nCOPY dist ./dist\nCOPY tsconfig.json ./\nCOPY dis* ./\n');
    expect(copySourceProblems(file, dir)).toEqual([
      'line 4: COPY dist: in the project, but .dockerignore excludes it',
      'line 5: COPY tsconfig.json: not in the generated project',
      'line 6: COPY dis*: matches only files .dockerignore excludes (dist/a.js)',
    ]);
    expect(copySourceProblems(file, project({ 'package.json': '', 'src/a': '', 'dist/a': '', 'tsconfig.json': '' }))).toEqual(['the project has no .dockerignore']);
  });

  it('refuse a final stage without a HEALTHCHECK probe, or with one only in a build stage', () => {
    expect(healthcheckProblem(parseDockerfile('FROM a:1 AS b\nFROM c:1\nHEALTHCHECK --interval=5s CMD ["/server", "-healthcheck"]\nCMD ["x"]'))).toBeUndefined();
    expect(healthcheckProblem(parseDockerfile('FROM a:1 AS b\nHEALTHCHECK CMD ["x"]\nFROM c:1\nCMD ["x"]'))).toMatch(/no HEALTHCHECK/);
    expect(healthcheckProblem(parseDockerfile('FROM a:1 AS b\nFROM c:1\nHEALTHCHECK NONE\nCMD ["x"]'))).toMatch(/runs no probe/);
  });

  it('refuse a final command that runs nothing a build stage made', () => {
    expect(commandProblem(parseDockerfile('FROM a:1 AS b\nFROM c:1\nCOPY --from=b /app/dist /srv\nCMD ["node", "server.js"]'))).toMatch(/runs nothing/);
    expect(commandProblem(parseDockerfile('FROM a:1 AS b\nFROM c:1\nCOPY app.js ./\nCMD ["node", "app.js"]'))).toMatch(/no COPY --from/);
    expect(commandProblem(parseDockerfile('FROM a:1 AS b\nFROM c:1\nCOPY --from=b /x /x\n'))).toMatch(/no CMD/);
  });
});
