import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import type { ProjectAnswers } from '../../src/answers.js';
import { decide } from '../../src/decide/decide.js';
import { frameworks } from '../../src/frameworks/index.js';
import type { DeployTarget, FrameworkId } from '../../src/frameworks/types.js';
import { createEngine } from '../../src/plan/helpers.js';
import { BUILTIN_TEMPLATES } from '../../src/plan/layers.js';
import { lambdaHandlerFor, plan, targetPath } from '../../src/plan/plan.js';
import { RECORD_FILE } from '../../src/plan/record.js';

function planFor(framework: FrameworkId, deploy: DeployTarget, projectName = 'invoice-api') {
  const answers: ProjectAnswers = { projectName, framework, deploy, packageManager: 'npm', install: false, git: false };
  return plan(decide(answers), answers);
}
const fileMap = (p: ReturnType<typeof planFor>) => new Map(p.files.map((f) => [f.path, f.content.toString('utf8')]));

/** What docs/contract.md says every starter has, per deploy target. */
const CONTRACT_FILES: Record<DeployTarget, string[]> = {
  containers: ['README.md', 'AGENTS.md', 'Dockerfile', '.dockerignore', '.gitignore', '.github/workflows/ci.yml', RECORD_FILE, 'compose.yaml', 'k8s/deployment.yaml', 'k8s/service.yaml'],
  serverless: ['README.md', 'AGENTS.md', 'Dockerfile', '.dockerignore', '.gitignore', '.github/workflows/ci.yml', RECORD_FILE, 'template.yaml'],
};
const MANIFEST: Record<string, string> = { node: 'package.json', python: 'pyproject.toml', go: 'go.mod', rust: 'Cargo.toml', jvm: 'pom.xml' };

const starters = frameworks.flatMap((f) => f.deployTargets.map((deploy) => ({ f, deploy })));

describe('plan', () => {
  it('has at least the Fastify starter to check', () => {
    expect(starters.map((s) => `${s.f.id}/${s.deploy}`)).toEqual(expect.arrayContaining(['fastify/containers', 'fastify/serverless']));
  });

  for (const { f, deploy } of starters) {
    it(`${f.id} (${deploy}) has every file the contract lists, and no file of the other target`, () => {
      const planned = planFor(f.id, deploy);
      const files = fileMap(planned);
      for (const required of [...CONTRACT_FILES[deploy], MANIFEST[f.ecosystem]!]) expect(files.has(required), required).toBe(true);
      const other = deploy === 'containers' ? 'template.yaml' : 'compose.yaml';
      expect(files.has(other)).toBe(false);
      expect(files.get('README.md')).toContain(f.commands.test);
      if (deploy === 'serverless') expect(files.get('template.yaml')).toContain(`Handler: ${lambdaHandlerFor(f, planned.names)}`);
    });
  }

  it('keeps ${{ }} of GitHub Actions byte-exact and calls the listed commands in CI', () => {
    const files = fileMap(planFor('fastify', 'containers'));
    const ci = files.get('.github/workflows/ci.yml')!;
    expect(ci).toContain('tags: invoice-api:${{ github.sha }}');
    const steps = (YAML.parse(ci).jobs.test.steps as { run?: string }[]).map((s) => s.run).filter(Boolean);
    expect(steps).toEqual(['npm ci', 'npm run lint', 'npm test']);
  });

  it('copies files that are not templates byte for byte', () => {
    const files = planFor('fastify', 'containers').files;
    const tsconfig = files.find((f) => f.path === 'tsconfig.json')!;
    expect(tsconfig.content.equals(fs.readFileSync(path.join(BUILTIN_TEMPLATES, 'fastify/base/tsconfig.json')))).toBe(true);
  });

  it('a title with quotes and braces cannot break or inject into a manifest', () => {
    const title = "it's {{x}} {{{y}}} & co";
    const files = fileMap(planFor('fastify', 'serverless', title));
    expect(JSON.parse(files.get('package.json')!).description).toBe(`Fastify service ${title}`);
    const sam = YAML.parse(files.get('template.yaml')!, { customTags: [{ tag: '!Sub', resolve: (v: string) => v }] });
    expect(sam.Description).toBe(`${title} (Fastify on AWS Lambda)`);
    expect(files.get('README.md')!.split('\n')[0]).toBe(`# ${title}`);
    // Rendered output is never rendered again: the braces stay text.
    expect(files.get('README.md')).toContain('{{x}}');
  });

  it('records the answers and the tool version', () => {
    const record = JSON.parse(fileMap(planFor('fastify', 'serverless')).get(RECORD_FILE)!);
    expect(record).toMatchObject({ tool: 'create-backend-fit', answers: { projectName: 'invoice-api', framework: 'fastify', deploy: 'serverless' } });
    expect(record.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('lends an ecosystem\'s partials to its starters only (_python/partials: the Python Lambda notes)', () => {
    const readme = (framework: FrameworkId, deploy: DeployTarget) => fileMap(planFor(framework, deploy)).get('README.md')!;
    expect(readme('fastapi', 'serverless')).toContain('importing FastAPI itself');
    expect(readme('django', 'serverless')).toContain('importing Django itself');
    for (const [framework, deploy] of [['fastapi', 'containers'], ['fastify', 'serverless'], ['gin', 'serverless']] as const) {
      expect(readme(framework, deploy), `${framework} ${deploy}`).not.toContain('SnapStart (Python');
    }
  });

  it('refuses a framework with no starter for the target', () => {
    const missing = frameworks.find((f) => f.deployTargets.length === 0);
    if (missing) expect(() => planFor(missing.id, 'containers')).toThrow(/no starter yet/);
  });
});

describe('targetPath', () => {
  it('drops .hbs, restores dotfiles and fills path variables', () => {
    expect(targetPath('gitignore', {})).toBe('.gitignore');
    expect(targetPath('src/main/java/__javaPackagePath__/App.java.hbs', { javaPackagePath: 'com/acme/api' })).toBe('src/main/java/com/acme/api/App.java');
  });

  it('refuses paths that leave the project', () => {
    expect(() => targetPath('__x__/a', { x: '../..' })).toThrow(/outside the project/);
    expect(() => targetPath('a/../../b', {})).toThrow(/outside the project/);
    expect(() => targetPath('__x__/a', { x: '' })).toThrow(/is empty/);
  });

  it('leaves dunder names that are not variables alone', () => {
    expect(targetPath('app/__init__.py', { init: { not: 'a string' } })).toBe('app/__init__.py');
    expect(targetPath('app/__main__.py', {})).toBe('app/__main__.py');
  });
});

describe('helpers', () => {
  const render = (source: string, value: unknown) => createEngine().compile(source, { noEscape: true, strict: true })({ value });

  it('escape for the literal they land in', () => {
    const nasty = 'a "b" \\ c\nd\u007f </x> & \'e\'';
    expect(JSON.parse(render('{{json value}}', nasty))).toBe(nasty);
    expect(YAML.parse(`k: ${render('{{yaml value}}', nasty)}`).k).toBe(nasty);
    expect(render('{{toml value}}', nasty)).toBe('"a \\"b\\" \\\\ c\\nd\\u007f </x> & \'e\'"');
    expect(render('<a>{{xml value}}</a>', '<x> & "y"')).toBe('<a>&lt;x&gt; &amp; &quot;y&quot;</a>');
    expect(render('{{md value}}', 'a\nb <i>')).toBe('a b &lt;i&gt;');
  });

  it('fail loudly on a missing variable', () => {
    expect(() => createEngine().compile('{{nope}}', { strict: true })({})).toThrow(/nope/);
  });
});
