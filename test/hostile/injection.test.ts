/**
 * Family 2: values with quotes, backslashes, `{{`, `${{`, newlines and `</script>` in the folder name and in
 * --go-module / --java-package never break or inject into a manifest or workflow: refused, or escaped so that the
 * parsed value is exactly the input. Checked in memory for every starter, and through the built CLI on disk.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPython, planStarter, pyBatch, runCli, SCRATCH, STARTERS, Tally, text, tryDerive, type PyDoc } from './corpus.js';

const tally = new Tally();
afterAll(() => tally.print('family 2 injection'));

const PAYLOADS = [
  "it's",
  'say "hi"',
  'back\\slash',
  'a\\"b',
  'trail\\',
  '{{title}}',
  '{{{raw}}}',
  '{{> partial}}',
  '{{#each x}}y{{/each}}',
  '${{ secrets.GITHUB_TOKEN }}',
  '${{github.sha}}',
  '$\\{{ x }}',
  'line\nbreak',
  'cr\rreturn',
  'tab\tchar',
  '</script><script>alert(1)</script>',
  '<!-- x -->',
  ']]> <![CDATA[',
  "'; DROP TABLE x; --",
  '# not a comment',
  'key: value',
  '- item',
  '&anchor *alias',
  '!!python/object',
  '"""triple"""',
  "'''triple'''",
  '\\u0041 \\n',
  '%{x} %s',
  'x = 1\n[evil]',
  '\u2028sep',
  '$(id)',
  '`id`',
  'a & b < c > d',
  "{{'a'}}",
];
const wrap = (p: string) => [`api ${p}`, `${p} api`, `x${p}x`];

const CFN = ['!Sub', '!Ref', '!GetAtt', '!Join'].map((tag) => ({ tag, resolve: (v: unknown) => v }));

describe('family 2: hostile values in the folder name', () => {
  const values = PAYLOADS.flatMap(wrap);

  it(`${values.length} folder names x every starter: refused, or every parsed value equals the input`, () => {
    const problems: string[] = [];
    const docs: PyDoc[] = [];
    const expected = new Map<string, { title: string; field: string }>();
    for (const value of values) {
      const { names, error } = tryDerive(value);
      if (error) {
        tally.add('folder name', 'refused');
        continue;
      }
      tally.add('folder name', 'accepted');
      const title = names!.title;
      for (const { f, deploy } of STARTERS) {
        const p = planStarter(f, deploy, value);
        const id = `${JSON.stringify(value)} ${f.id}/${deploy}`;
        tally.add('folder name', 'plans');
        const pkg = text(p, 'package.json');
        if (pkg) {
          const json = JSON.parse(pkg);
          if (json.description !== `${f.name} service ${title}`) problems.push(`${id}: package.json description ${JSON.stringify(json.description)}`);
          if (Object.keys(json).some((k) => !['name', 'version', 'private', 'description', 'license', 'type', 'engines', 'scarfSettings', 'scripts', 'dependencies', 'devDependencies'].includes(k))) problems.push(`${id}: package.json keys`);
        }
        const sam = text(p, 'template.yaml');
        if (sam) {
          const doc = YAML.parse(sam, { customTags: CFN as never });
          if (doc.Description !== `${title} (${f.name} on AWS Lambda)`) problems.push(`${id}: template.yaml Description ${JSON.stringify(doc.Description)}`);
          if (Object.keys(doc.Resources).join() !== 'ApiFunction' && !Object.keys(doc.Resources).includes('ApiFunction')) problems.push(`${id}: Resources`);
        }
        const ci = text(p, '.github/workflows/ci.yml')!;
        const workflow = YAML.parse(ci);
        // The only expression in the workflow is the image tag's ${{ github.sha }}; a name adds none.
        if ((ci.match(/\$\{\{/g) ?? []).length !== 1) problems.push(`${id}: ci.yml has ${(ci.match(/\$\{\{/g) ?? []).length} expressions`);
        // A serverless workflow also builds the function its SAM template names.
        const jobs = deploy === 'serverless' ? 'test,image,function' : 'test,image';
        if (Object.keys(workflow.jobs).join() !== jobs) problems.push(`${id}: ci.yml jobs ${Object.keys(workflow.jobs)}`);
        for (const file of ['compose.yaml', 'k8s/deployment.yaml', 'k8s/service.yaml']) {
          const src = text(p, file);
          if (src) YAML.parse(src);
        }
        const readme = text(p, 'README.md')!;
        if (!/^# /.test(readme) || readme.split('\n')[0]!.includes('<')) problems.push(`${id}: README heading ${JSON.stringify(readme.split('\n')[0])}`);
        if (/<\/?script/i.test(readme)) problems.push(`${id}: README carries raw <script>`);
        const record = JSON.parse(text(p, '.create-backend-fit.json')!);
        if (record.answers.projectName !== value) problems.push(`${id}: record projectName`);
        for (const [file, kind] of [['pyproject.toml', 'toml'], ['Cargo.toml', 'toml'], ['pom.xml', 'xml']] as const) {
          const src = text(p, file);
          if (!src) continue;
          const did = `${id} ${file}`;
          docs.push({ id: did, kind, text: src });
          expected.set(did, { title, field: file === 'pom.xml' ? 'name' : `${f.name} service ${title}` });
        }
      }
    }
    if (!hasPython()) problems.push('python3 with tomllib is missing');
    else {
      for (const [id, r] of pyBatch(docs)) {
        tally.add('folder name', 'TOML/XML parsed');
        const want = expected.get(id)!;
        if (!r.ok) problems.push(`${id}: ${r.error}`);
        else if (id.endsWith('pom.xml')) {
          const pom = r.value as Record<string, string>;
          if (pom.name !== want.title || pom.description !== `Spring Boot service ${want.title}`) problems.push(`${id}: <name> ${JSON.stringify(pom.name)}`);
        } else {
          const v = r.value as { project?: { description: string }; package?: { description: string } };
          const description = (v.project ?? v.package)!.description;
          if (description !== want.field) problems.push(`${id}: description ${JSON.stringify(description)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('family 2: hostile --go-module and --java-package values', () => {
  const goValues = PAYLOADS.map((p) => `example.com/${p}`);
  const javaValues = PAYLOADS.map((p) => `com.example.${p}`);

  it(`${goValues.length + javaValues.length} flag values: refused with the flag's rule, or landing verbatim`, () => {
    const problems: string[] = [];
    for (const value of goValues) {
      const { names, error } = tryDerive('api', { goModule: value });
      tally.add('--go-module', error ? 'refused' : 'accepted');
      if (error ? !/Go module path/.test(error) : /["'\\{}\s<>$`]/.test(names!.goModule)) problems.push(`--go-module ${JSON.stringify(value)}: ${error ?? 'accepted'}`);
    }
    for (const value of javaValues) {
      const { names, error } = tryDerive('api', { javaPackage: value });
      tally.add('--java-package', error ? 'refused' : 'accepted');
      if (error ? !/Java package/.test(error) : !/^[a-z_][a-z0-9_.]*$/.test(names!.javaPackage)) problems.push(`--java-package ${JSON.stringify(value)}: ${error ?? 'accepted'}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('family 2: through the built CLI', () => {
  const cwd = path.join(SCRATCH, 'injection-cli');
  beforeAll(() => {
    fs.rmSync(cwd, { recursive: true, force: true });
    fs.mkdirSync(cwd, { recursive: true });
  });
  const onDisk = ["it's {{x}} ${{ secrets.T }}", "it's {{x}} & (co)! #1; y", 'a\\b "q"', 'x</script>', 'x\ny', 'x $(id)', 'x `id`'];

  for (const name of onDisk) {
    it(`folder ${JSON.stringify(name)}: exits 0 with parsed values equal to it, or 2 with a reason, and writes nothing then`, async () => {
      const run = await runCli([name, '--framework', 'fastify', '--deploy', 'serverless', '--no-install', '--no-git', '--yes'], { cwd });
      tally.add('CLI folder name', 'runs');
      if (run.code === 2) {
        expect(run.stderr).toMatch(/^Error: .{10,}/);
        expect(fs.existsSync(path.join(cwd, name))).toBe(false);
        expect(fs.readdirSync(cwd).filter((e) => e.includes('create-backend-fit-'))).toEqual([]);
        return;
      }
      expect(run.code, run.stderr).toBe(0);
      const dir = path.join(cwd, name);
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).description).toBe(`Fastify service ${name}`);
      expect(YAML.parse(fs.readFileSync(path.join(dir, 'template.yaml'), 'utf8'), { customTags: CFN as never }).Description).toBe(`${name} (Fastify on AWS Lambda)`);
      // The printed "cd" of the next steps, pasted into a shell, enters the project and runs nothing else.
      const cd = run.stdout.split('\n').find((l) => l.startsWith('  cd '))!.trim();
      const shell = spawnSync('sh', ['-c', `${cd} && pwd`], { cwd, encoding: 'utf8' });
      expect(shell.stdout.trim(), `${cd}: ${shell.stderr}`).toBe(dir);
    });
  }

  it('--go-module and --java-package payloads exit 2 with the rule and write nothing', async () => {
    for (const [flag, value, framework] of [
      ['--go-module', 'example.com/x"\nreplace x => /etc', 'gin'],
      ['--go-module', 'example.com/{{x}}', 'echo'],
      ['--java-package', 'com.x;import evil', 'spring-boot'],
      ['--java-package', 'com.</script>', 'spring-boot'],
    ] as const) {
      const run = await runCli(['payload', '--framework', framework, flag, value, '--no-install', '--no-git', '--yes'], { cwd });
      tally.add('CLI flag values', 'runs');
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(flag === '--go-module' ? /Go module path/ : /Java package/);
      expect(fs.existsSync(path.join(cwd, 'payload'))).toBe(false);
    }
  });
});
