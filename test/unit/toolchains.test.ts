import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootstrap } from '../../src/bootstrap.js';
import { commandsFor, relockFor } from '../../src/plan/commands.js';
import { frameworks, getFramework } from '../../src/frameworks/index.js';
import { git, go, jdk, node, python, rust, uv } from '../../src/frameworks/toolchains.js';
import type { Toolchain } from '../../src/frameworks/types.js';
import { plan } from '../../src/plan/plan.js';
import { decide } from '../../src/decide/decide.js';
import type { ProjectAnswers } from '../../src/answers.js';
import { assess, compareVersions, parseVersion } from '../../src/toolchain-check.js';
import { PACKAGE_ROOT } from '../../src/version.js';

describe('toolchain versions', () => {
  it('are read from what each tool really prints', () => {
    const outputs: [Toolchain, string, string][] = [
      [node, 'v20.20.2\n', '20.20.2'],
      [node, 'v24.21.0\n', '24.21.0'],
      [python, 'Python 3.11.7\n', '3.11.7'],
      [python, 'Python 3.9.18\n', '3.9.18'],
      [go, 'go version go1.26.8 linux/amd64\n', '1.26.8'],
      [go, 'go version go1.24 darwin/arm64\n', '1.24'],
      [rust, 'cargo 1.95.0 (f2d3ce0bd 2026-03-21)\n', '1.95.0'],
      [jdk, 'openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment (build 17.0.15+6)\n', '17.0.15'],
      [jdk, 'java version "1.8.0_402"\nJava(TM) SE Runtime Environment\n', '8.0'],
      [jdk, 'openjdk version "25" 2025-09-16\n', '25'],
      [git, 'git version 2.39.5\n', '2.39.5'],
      [uv, 'uv 0.13.9 (x86_64-unknown-linux-gnu)\n', '0.13.9'],
      [uv, 'uv 0.4.30 (61ed2a236 2024-11-04)\n', '0.4.30'],
    ];
    for (const [tool, output, version] of outputs) expect(parseVersion(tool, output), output).toBe(version);
  });

  it('compare part by part, numerically', () => {
    expect(compareVersions('1.10', '1.9')).toBe(1);
    expect(compareVersions('24', '24.0.0')).toBe(0);
    expect(compareVersions('20.20.2', '24')).toBe(-1);
    expect(compareVersions('3.11.7', '3.11')).toBe(1);
  });

  it('a problem is one sentence: what was found, what is needed, how to get it', () => {
    const old = assess(node, 'v20.20.2\n');
    expect(old.ok).toBe(false);
    expect(old.problem).toBe(
      'Found Node.js 20.20.2 (node), but this project needs Node.js 24 or newer: install Node.js 24 LTS from https://nodejs.org, or run `nvm install` (or `fnm use`) in the project, which has an .nvmrc.',
    );
    expect(assess(jdk, 'java version "1.8.0_402"').problem).toMatch(/^Found a JDK 8\.0 \(java\), but this project needs a JDK 25 or newer: install a JDK 25/);
    const missing = assess(go, undefined);
    expect(missing.problem).toBe('go was not found on PATH, and this project needs Go 1.25 or newer: install Go 1.25 or newer from https://go.dev/dl/.');
    for (const finding of [old, missing]) expect(finding.problem!.split(/\.\s+[A-Z]/)).toHaveLength(1);
    expect(assess(python, 'Python 3.13.1').ok).toBe(true);
    // A version it cannot read (a development build) does not block.
    expect(assess(go, 'go version devel +abc123 linux/amd64').ok).toBe(true);
  });

  it('bootstrap checks every tool before running anything, and runs nothing a too-old tool would run', async () => {
    const seen: string[] = [];
    const probe = async (tool: Toolchain) => {
      seen.push(tool.command);
      return tool.command === 'node' ? 'v20.20.2' : tool.command === 'npm' ? '11.0.0' : undefined;
    };
    const results = await bootstrap(getFramework('fastify'), '/nonexistent/never-run', { git: true, install: true, packageManager: 'npm', probe });
    expect(seen.sort()).toEqual(['git', 'node', 'npm']);
    expect(results).toEqual([
      { step: 'install', status: 'failed', command: 'npm ci', message: expect.stringMatching(/^Found Node\.js 20\.20\.2 \(node\), but this project needs Node\.js 24 or newer/) },
      { step: 'git', status: 'failed', command: expect.stringMatching(/^git init/), message: expect.stringMatching(/^git was not found on PATH/) },
    ]);
  });
});

describe('the pinned uv', () => {
  it('is the one the e2e tools install (.ci/install-tools.sh), the starters\' Dockerfile and CI install it from the record', () => {
    const script = fs.readFileSync(path.join(PACKAGE_ROOT, '.ci/install-tools.sh'), 'utf8');
    expect(/^UV=(\S+)$/m.exec(script)?.[1]).toBe(uv.pinned);
    const answers: ProjectAnswers = { projectName: 'v-api', framework: 'fastapi', deploy: 'serverless', packageManager: 'npm', install: false, git: false };
    const files = new Map(plan(decide(answers), answers).files.map((x) => [x.path, x.content.toString()]));
    expect(files.get('Dockerfile')).toContain(`pip install uv==${uv.pinned}\n`);
    expect(files.get('.github/workflows/ci.yml')).toContain(`version: "${uv.pinned}"`);
    expect(uv.pinned!.startsWith(`${uv.minimum}.`), 'the pinned release is of the oldest series the starters accept').toBe(true);
  });
});

describe('the install after a merge', () => {
  it('is the record\'s relock where its install is locked (uv sync, not uv sync --locked)', async () => {
    expect(commandsFor(getFramework('fastapi'), 'npm').install).toBe('uv sync --locked');
    expect(relockFor(getFramework('django'), 'npm')).toBe('uv sync');
    const skipped = await bootstrap(getFramework('fastapi'), '/nonexistent/never-run', { git: false, install: false, packageManager: 'npm', relock: true });
    expect(skipped[0]).toMatchObject({ step: 'install', status: 'skipped', command: 'uv sync' });
  });
});

describe('the starters name the versions of their records', () => {
  const starters = frameworks.flatMap((f) => f.deployTargets.map((deploy) => ({ f, deploy })));
  /** Where each manifest states the minimum, as a pattern whose group is the version. */
  const MANIFEST_FIELD: Record<string, [file: string, pattern: RegExp]> = {
    node: ['package.json', /"node": ">=([\d.]+)"/],
    python3: ['pyproject.toml', /requires-python = ">=([\d.]+)"/],
    uv: ['pyproject.toml', /^required-version = ">=([\d.]+)"$/m],
    cargo: ['Cargo.toml', /rust-version = "([\d.]+)"/],
    java: ['pom.xml', /<java.version>([\d.]+)<\/java.version>/],
    go: ['go.mod', /^go ([\d.]+)$/m],
  };
  for (const { f, deploy } of starters) {
    it(`${f.id} (${deploy}): the manifest and the README state the records' minimum versions`, () => {
      const answers: ProjectAnswers = { projectName: 'v-api', framework: f.id, deploy, packageManager: 'npm', install: false, git: false };
      const files = new Map(plan(decide(answers), answers).files.map((x) => [x.path, x.content.toString()]));
      const readme = files.get('README.md')!;
      for (const tool of [...f.toolchain, git]) expect(readme).toContain(`- ${tool.name} ${tool.minimum} or newer (\`${tool.command}\`)`);
      for (const tool of f.toolchain) {
        const [file, pattern] = MANIFEST_FIELD[tool.command]!;
        const stated = pattern.exec(files.get(file)!)?.[1];
        // go.mod of a serverless Go starter asks for aws-lambda-go's newer Go, which the go command fetches itself.
        if (tool.command === 'go' && deploy === 'serverless') expect(compareVersions(stated!, tool.minimum)).toBeGreaterThanOrEqual(0);
        else expect(compareVersions(stated!, tool.minimum), `${file}: ${stated}`).toBe(0);
      }
      // CI sets up the same versions: Node from .nvmrc, the JDK at the record's minimum.
      const ci = files.get('.github/workflows/ci.yml')!;
      if (f.ecosystem === 'node') expect(ci).toMatch(/node-version-file: \.nvmrc/);
      if (f.ecosystem === 'jvm') expect(ci).toContain(`java-version: ${jdk.minimum}`);
      if (f.ecosystem === 'node') {
        expect(files.get('.npmrc')).toMatch(/^engine-strict=true$/m);
        expect(files.get('.nvmrc')).toBe(`${node.minimum}\n`);
        expect(files.get('.node-version')).toBe(`${node.minimum}\n`);
      }
    });
  }
});
