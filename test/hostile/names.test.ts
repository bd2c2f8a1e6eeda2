/**
 * Family 1: project names and flag values from a generated corpus. Each is refused with a reason, or becomes a
 * valid name in every file it lands in; every accepted name plans every starter, whose manifests parse with real
 * parsers; a few nasty names are compiled with the fast toolchains.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/plan.js';
import type { ProjectNames } from '../../src/plan/names.js';
import { CARGO_TARGET_DIR } from '../e2e/tools.js';
import {
  crateProblems,
  fitsNameMax,
  goModuleCorpus,
  goModuleProblems,
  hasPython,
  javaPackageCorpus,
  javaPackageProblems,
  nameCorpus,
  npmNameProblems,
  pep503,
  pep508Name,
  planStarter,
  pyBatch,
  SCRATCH,
  STARTERS,
  Tally,
  tryDerive,
  type PyDoc,
} from './corpus.js';

const tally = new Tally();
afterAll(() => tally.print('family 1 names and flag values'));

const corpus = nameCorpus();
const accepted: { family: string; value: string; names: ProjectNames }[] = [];

/** CloudFormation's short tags (!Sub, !Ref, ...) are data to a YAML parser, not errors. */
const CFN_TAGS = ['!Sub', '!Ref', '!GetAtt', '!Join', '!If', '!Equals', '!Select', '!Split', '!FindInMap', '!ImportValue', '!Not', '!And', '!Or', '!Base64', '!Cidr', '!GetAZs'].flatMap(
  (tag) => [
    { tag, resolve: (v: unknown) => v },
    { tag, collection: 'seq' as const, resolve: (v: unknown) => v },
  ],
);
const parseYaml = (source: string) => {
  const doc = YAML.parseDocument(source, { customTags: CFN_TAGS as never, uniqueKeys: true });
  if (doc.errors.length) throw new Error(doc.errors.map((e) => e.message).join('; '));
  return doc.toJS();
};

/** go list -m on a go.mod holding just the module line: the go command's own module path check. */
function goListModules(modules: string[]): Map<string, string | true> {
  const dir = path.join(SCRATCH, 'golist');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const out = new Map<string, string | true>();
  for (const mod of new Set(modules)) {
    fs.writeFileSync(path.join(dir, 'go.mod'), `module ${mod}\n\ngo 1.25.0\n`);
    const r = spawnSync('go', ['list', '-m'], { cwd: dir, encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off' } });
    out.set(mod, r.status === 0 && r.stdout.trim() === mod ? true : (r.stderr || r.stdout).trim());
  }
  return out;
}
const hasGo = spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
const hasCargo = spawnSync('cargo', ['--version'], { stdio: 'ignore' }).status === 0;
/** The compile checks below are the point of these tests: a missing toolchain fails them, it never skips them. */
function requireToolchain(present: boolean, tool: string): void {
  if (!present) throw new Error(`${tool} is not on PATH: the hostile name suite compiles starters with it (install it; nothing is skipped).`);
}

describe('family 1: project names', () => {
  it(`${corpus.length} corpus names are each refused with a reason or normalised into valid names for every file`, () => {
    const problems: string[] = [];
    const idents: PyDoc[] = [];
    for (const { family, value } of corpus) {
      const { names, error } = tryDerive(value);
      if (error !== undefined) {
        tally.add(family, 'refused');
        // A reason is a sentence, not a stack trace or a bare code.
        if (!/\w{3,}.*[.:]/.test(error) || /undefined|\[object/.test(error)) problems.push(`${JSON.stringify(value)}: unclear refusal ${JSON.stringify(error)}`);
        continue;
      }
      tally.add(family, 'accepted');
      accepted.push({ family, value, names: names! });
      const n = names!;
      const where = JSON.stringify(value);
      for (const p of npmNameProblems(n.npmName)) problems.push(`${where}: npm name ${n.npmName}: ${p}`);
      if (!pep508Name(n.pythonDist)) problems.push(`${where}: PyPI name ${n.pythonDist}`);
      for (const p of goModuleProblems(n.goModule)) problems.push(`${where}: go module ${n.goModule}: ${p}`);
      for (const p of crateProblems(n)) problems.push(`${where}: crate ${n.crateName}/${n.crateIdent}: ${p}`);
      for (const p of javaPackageProblems(n.javaPackage)) problems.push(`${where}: java package ${n.javaPackage}: ${p}`);
      if (n.javaPackagePath !== n.javaPackage.replace(/\./g, '/')) problems.push(`${where}: java path`);
      if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(n.imageName) || n.imageName.length > 63) problems.push(`${where}: image/k8s name ${n.imageName}`);
      if (!fitsNameMax(n.folder)) problems.push(`${where}: folder does not fit NAME_MAX with the temporary suffix`);
      idents.push({ id: value, kind: 'pyident', text: n.pythonModule });
    }
    if (hasPython()) {
      for (const [id, r] of pyBatch(idents)) if (r.value !== true) problems.push(`${JSON.stringify(id)}: python module name is not an identifier or is a keyword`);
    }
    expect(problems).toEqual([]);
    expect(accepted.length).toBeGreaterThan(100);
  });

  it('plans every starter (both targets) for every accepted name; manifests parse with real parsers and hold the right values', () => {
    const problems: string[] = [];
    const docs: PyDoc[] = [];
    const checks: { id: string; check: (value: unknown) => string | undefined }[] = [];
    const goModules: string[] = [];
    const seenPy = new Set<string>();
    let plans = 0;
    for (const { value, names } of accepted) {
      for (const { f, deploy } of STARTERS) {
        const id = `${JSON.stringify(value)} ${f.id}/${deploy}`;
        let p: Plan;
        try {
          p = planStarter(f, deploy, value);
        } catch (error) {
          problems.push(`${id}: plan failed: ${(error as Error).message}`);
          continue;
        }
        plans++;
        tally.add('starters planned', 'plans');
        for (const file of p.files) {
          const src = file.content.toString('utf8');
          const fid = `${id} ${file.path}`;
          try {
            if (file.path.endsWith('.json')) {
              JSON.parse(src);
              tally.add('parsed JSON', 'files');
            } else if (/\.ya?ml$/.test(file.path)) {
              parseYaml(src);
              tally.add('parsed YAML', 'files');
            }
          } catch (error) {
            problems.push(`${fid}: ${(error as Error).message}`);
          }
          if (file.path === 'package.json') {
            const pkg = JSON.parse(src);
            const deps = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})];
            if (pkg.name !== names.npmName) problems.push(`${fid}: name ${pkg.name}`);
            if (!String(pkg.description).endsWith(names.title)) problems.push(`${fid}: description ${pkg.description}`);
            if (deps.includes(pkg.name)) problems.push(`${fid}: the package is named like its dependency ${pkg.name} (npm ENOSELF)`);
          }
          if (file.path === '.create-backend-fit.json' && JSON.parse(src).answers?.projectName !== value) problems.push(`${fid}: record projectName`);
          if (file.path === 'template.yaml') {
            const sam = parseYaml(src) as { Description?: string };
            if (sam.Description !== `${names.title} (${f.name} on AWS Lambda)`) problems.push(`${fid}: Description ${JSON.stringify(sam.Description)}`);
          }
          if (file.path === 'uv.lock') {
            // The root package (source: the project folder) under the project's distribution name, once, in uv's order
            // (the tomllib batch would parse thousands of 30 KB locks; these lines are what a generation writes).
            const packages = [...src.matchAll(/^\[\[package\]\]\nname = "([^"]+)"\nversion = "[^"]+"\nsource = \{ ([a-z]+) = "([^"]+)"/gm)].map((m) => ({ name: m[1]!, root: m[2] === 'editable' && m[3] === '.' }));
            const roots = packages.filter((pkg) => pkg.root).map((pkg) => pkg.name);
            const order = packages.map((pkg) => pkg.name);
            if (JSON.stringify(roots) !== JSON.stringify([names.pythonDist])) problems.push(`${fid}: root package ${JSON.stringify(roots)}`);
            if (new Set(order).size !== order.length) problems.push(`${fid}: a package name twice (the project named like a locked package)`);
            if (order.join('\n') !== [...order].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join('\n')) problems.push(`${fid}: packages not in uv's order`);
            tally.add('checked uv.lock', 'files');
          }
          if (file.path === 'pyproject.toml') {
            docs.push({ id: fid, kind: 'toml', text: src });
            checks.push({
              id: fid,
              check: (v) => {
                const doc = v as { project: { name: string; description: string; dependencies?: string[] }; 'dependency-groups'?: Record<string, string[]> };
                const project = doc.project;
                // The runtime dependencies and the dev group's (PEP 735 [dependency-groups], what uv sync installs).
                const deps = [...(project.dependencies ?? []), ...Object.values(doc['dependency-groups'] ?? {}).flat()].map((d) => pep503(/^[A-Za-z0-9._-]+/.exec(d)![0]));
                if (project.name !== names.pythonDist) return `name ${project.name}`;
                if (!project.description.endsWith(names.title)) return `description ${JSON.stringify(project.description)}`;
                if (deps.includes(pep503(project.name))) return `the project is named like its dependency ${project.name}`;
                return undefined;
              },
            });
          }
          if (file.path === 'Cargo.toml') {
            docs.push({ id: fid, kind: 'toml', text: src });
            checks.push({
              id: fid,
              check: (v) => {
                const cargo = v as { package: { name: string; description: string }; dependencies?: object; 'dev-dependencies'?: object; bin?: { name: string }[] };
                const deps = [...Object.keys(cargo.dependencies ?? {}), ...Object.keys(cargo['dev-dependencies'] ?? {})].map((d) => d.replace(/-/g, '_'));
                if (cargo.package.name !== names.crateName) return `name ${cargo.package.name}`;
                if (!cargo.package.description.endsWith(names.title)) return `description ${JSON.stringify(cargo.package.description)}`;
                if (deps.includes(names.crateIdent)) return `the crate is named like its dependency ${names.crateIdent} (E0464)`;
                return undefined;
              },
            });
          }
          if (file.path === 'pom.xml') {
            docs.push({ id: fid, kind: 'xml', text: src });
            checks.push({
              id: fid,
              check: (v) => {
                const pom = v as Record<string, string>;
                if (pom.groupId !== names.javaPackage || pom.artifactId !== names.javaArtifactId) return `groupId/artifactId ${pom.groupId}:${pom.artifactId}`;
                if (pom.name !== names.title) return `<name> ${JSON.stringify(pom.name)}`;
                return undefined;
              },
            });
          }
          if (file.path === 'go.mod') {
            const module = /^module (.+)$/m.exec(src)?.[1];
            if (module !== names.goModule) problems.push(`${fid}: module ${module}`);
            goModules.push(names.goModule);
          }
          if (file.path.endsWith('.java') && !src.includes(`package ${names.javaPackage};`)) problems.push(`${fid}: package declaration`);
          if (file.path.endsWith('.java') && !file.path.includes(`/${names.javaPackagePath}/`)) problems.push(`${fid}: java file outside its package folder`);
          if (file.path.endsWith('.py') && !seenPy.has(src)) {
            seenPy.add(src);
            docs.push({ id: fid, kind: 'pycompile', text: src });
          }
        }
      }
    }
    if (hasPython()) {
      const results = pyBatch(docs);
      for (const d of docs) {
        const r = results.get(d.id)!;
        tally.add(d.kind === 'toml' ? 'parsed TOML (tomllib)' : d.kind === 'xml' ? 'parsed XML (etree)' : 'compiled Python (distinct)', 'files');
        if (!r.ok) problems.push(`${d.id}: ${r.error}`);
      }
      for (const c of checks) {
        const r = results.get(c.id)!;
        const why = r.ok ? c.check(r.value) : undefined;
        if (why) problems.push(`${c.id}: ${why}`);
      }
    } else {
      problems.push('python3 with tomllib is missing: TOML and XML were not parsed');
    }
    if (hasGo) {
      for (const [mod, r] of goListModules(goModules)) {
        tally.add('go list -m (module paths)', 'files');
        if (r !== true) problems.push(`go module ${mod}: ${r}`);
      }
    }
    console.log(`[hostile] ${accepted.length} accepted names x ${STARTERS.length} starters = ${plans} plans`);
    // The names come from the test before (run alone, with -t, there are none): planning nothing proves nothing.
    expect(plans, 'no accepted names to plan: run the whole file, the corpus test fills them').toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('cargo reads the manifest of every distinct crate name', () => {
    requireToolchain(hasCargo, 'cargo');
    const axum = STARTERS.filter((s) => s.f.id === 'axum');
    const dir = path.join(SCRATCH, 'cargo-meta');
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const { value, names } of accepted) {
      if (seen.has(names.crateName)) continue;
      seen.add(names.crateName);
      for (const { f, deploy } of axum.filter((s) => s.deploy === 'serverless')) {
        fs.rmSync(dir, { recursive: true, force: true });
        for (const file of planStarter(f, deploy, value).files) {
          fs.mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
          fs.writeFileSync(path.join(dir, file.path), file.content);
        }
        const r = spawnSync('cargo', ['metadata', '--no-deps', '--offline', '--format-version', '1'], { cwd: dir, encoding: 'utf8' });
        tally.add('cargo metadata (crate names)', 'files');
        if (r.status !== 0) problems.push(`${names.crateName} (${deploy}): ${r.stderr.trim().split('\n').slice(0, 3).join(' | ')}`);
      }
    }
    expect(seen.size, 'no crate names to read: run the whole file, the corpus test fills them').toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});

describe('family 1: --go-module and --java-package values', () => {
  const gin = STARTERS.filter((s) => s.f.ecosystem === 'go');
  const spring = STARTERS.filter((s) => s.f.ecosystem === 'jvm');

  it(`${goModuleCorpus().length} --go-module values: refused with a reason, or valid for the go command and not a dependency`, () => {
    const problems: string[] = [];
    const acceptedModules: string[] = [];
    for (const value of goModuleCorpus()) {
      const { names, error } = tryDerive('api', { goModule: value });
      if (error) {
        tally.add('--go-module', 'refused');
        if (!error.includes('Go module path')) problems.push(`${JSON.stringify(value)}: unclear refusal ${error}`);
        continue;
      }
      tally.add('--go-module', 'accepted');
      acceptedModules.push(value);
      for (const p of goModuleProblems(names!.goModule)) problems.push(`${JSON.stringify(value)}: ${p}`);
      for (const { f, deploy } of gin) {
        const gomod = planStarter(f, deploy, 'api', { goModule: value }).files.find((x) => x.path === 'go.mod')!.content.toString();
        if (/^module (.+)$/m.exec(gomod)?.[1] !== value) problems.push(`${value} ${f.id}/${deploy}: module line`);
        const requires = [...gomod.matchAll(/^\s*(?:require\s+)?(\S+\.\S+\/\S+)\s+v\d/gm)].map((m) => m[1]);
        if (requires.includes(value)) problems.push(`${value} ${f.id}/${deploy}: the main module requires itself`);
      }
    }
    if (hasGo) for (const [mod, r] of goListModules(acceptedModules)) if (r !== true) problems.push(`${mod}: ${r}`);
    expect(problems).toEqual([]);
  });

  it(`${javaPackageCorpus().length} --java-package values: refused with a reason, or a valid package in pom.xml and every .java file`, () => {
    const problems: string[] = [];
    const docs: PyDoc[] = [];
    for (const value of javaPackageCorpus()) {
      const { names, error } = tryDerive('api', { javaPackage: value });
      if (error) {
        tally.add('--java-package', 'refused');
        if (!error.includes('Java package')) problems.push(`${JSON.stringify(value)}: unclear refusal ${error}`);
        continue;
      }
      tally.add('--java-package', 'accepted');
      for (const p of javaPackageProblems(names!.javaPackage)) problems.push(`${JSON.stringify(value)}: ${p}`);
      for (const { f, deploy } of spring) {
        for (const file of planStarter(f, deploy, 'api', { javaPackage: value }).files) {
          if (file.path === 'pom.xml') docs.push({ id: `${value} ${deploy}`, kind: 'xml', text: file.content.toString() });
          if (file.path.endsWith('.java') && !file.content.toString().includes(`package ${value};`)) problems.push(`${value}: ${file.path}`);
        }
      }
    }
    if (hasPython()) for (const [id, r] of pyBatch(docs)) if (!r.ok || (r.value as Record<string, string>).groupId !== id.split(' ')[0]) problems.push(`${id}: pom ${r.error ?? 'groupId'}`);
    expect(problems).toEqual([]);
  });
});

/** Five accepted names chosen to be nasty, compiled by the fast toolchains. */
const SAMPLE = ['2fa', 'Crème Brûlée 🚀', 'tokio', 'Class', 'con!'];
const GO_SAMPLE: [string, string | undefined][] = [...SAMPLE.map((n) => [n, undefined] as [string, undefined]), ['api', 'fmt'], ['api', 'example.com/a~b/v2']];

describe('family 1: a sample of nasty names compiles', () => {
  const write = (p: Plan, dir: string) => {
    fs.rmSync(dir, { recursive: true, force: true });
    for (const file of p.files) {
      fs.mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
      fs.writeFileSync(path.join(dir, file.path), file.content, { mode: file.mode });
    }
  };

  // Modules come from the Go module proxy (a registry CI reaches) into the shared module cache: a fresh machine has
  // none cached, so the first starter downloads what go.sum names and the rest reuse it.
  it(`go vet on the Go starters for ${GO_SAMPLE.length} names (go.sum as shipped, modules from the proxy)`, () => {
    requireToolchain(hasGo, 'go');
    const problems: string[] = [];
    for (const [name, goModule] of GO_SAMPLE) {
      for (const { f, deploy } of STARTERS.filter((s) => s.f.ecosystem === 'go')) {
        const dir = path.join(SCRATCH, 'compile-go', `${f.id}-${deploy}`);
        write(planStarter(f, deploy, name, { goModule }), dir);
        const r = spawnSync('go', ['vet', './...'], { cwd: dir, encoding: 'utf8', timeout: 300_000, env: { ...process.env, GOFLAGS: '-mod=readonly', GOTOOLCHAIN: 'local' } });
        tally.add('compiled: go vet', 'starters');
        if (r.status !== 0) problems.push(`${name} ${goModule ?? ''} ${f.id}/${deploy}: ${(r.stderr || r.stdout).trim().split('\n').slice(0, 4).join(' | ')}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it(`python3 -m py_compile on the Python starters for ${SAMPLE.length} names`, () => {
    requireToolchain(hasPython(), 'python3');
    const problems: string[] = [];
    for (const name of SAMPLE) {
      for (const { f, deploy } of STARTERS.filter((s) => s.f.ecosystem === 'python')) {
        const dir = path.join(SCRATCH, 'compile-py', `${f.id}-${deploy}`);
        const p = planStarter(f, deploy, name);
        write(p, dir);
        const pyFiles = p.files.filter((x) => x.path.endsWith('.py')).map((x) => x.path);
        const r = spawnSync('python3', ['-m', 'py_compile', ...pyFiles], { cwd: dir, encoding: 'utf8' });
        tally.add('compiled: py_compile', 'starters');
        if (r.status !== 0) problems.push(`${name} ${f.id}/${deploy}: ${r.stderr.trim()}`);
      }
    }
    expect(problems).toEqual([]);
  });

  // `cargo fetch` first (crates.io is a registry CI reaches), then check offline: a check that passed whenever the
  // registry cache was incomplete could not fail on a fresh machine. Both --locked: the shipped Cargo.lock, renamed for
  // the project (src/plan/locks.ts), must be the one Cargo would write; `http` is the name of a package in that lock,
  // so the lock's references to that package have to change with it.
  it('cargo check (fetched, then offline, shared target dir, --locked) on the Axum starter for the Rust-nasty names', () => {
    requireToolchain(hasCargo, 'cargo');
    const problems: string[] = [];
    for (const name of ['tokio', 'serde-json', '2fa', 'http']) {
      const { f, deploy } = STARTERS.find((s) => s.f.id === 'axum' && s.deploy === 'serverless')!;
      const dir = path.join(SCRATCH, 'compile-rust', name);
      write(planStarter(f, deploy, name), dir);
      const cargo = (args: string[]) =>
        spawnSync('cargo', args, { cwd: dir, encoding: 'utf8', timeout: 900_000, env: { ...process.env, CARGO_TARGET_DIR } });
      const fetched = cargo(['fetch', '--locked', '--quiet']);
      const r = fetched.status === 0 ? cargo(['check', '--all-targets', '--offline', '--locked', '--quiet']) : fetched;
      tally.add('compiled: cargo check', 'starters');
      if (r.status !== 0) problems.push(`${name}: ${r.stderr.trim().split('\n').filter((l) => /^error/.test(l)).slice(0, 4).join(' | ') || r.stderr.trim().slice(0, 300)}`);
    }
    expect(problems).toEqual([]);
  });

  it('TypeScript starters: names land only in package.json (JSON-checked above), so tsc is not run here', () => {
    // Their .ts files are copied, not rendered: a project name cannot change what tsc sees.
    for (const { f, deploy } of STARTERS.filter((s) => s.f.ecosystem === 'node')) {
      const rendered = planStarter(f, deploy, 'Zz Hostile Name').files.filter((x) => x.path.endsWith('.ts') && /zz|hostile/i.test(x.content.toString()));
      expect(rendered.map((x) => x.path)).toEqual([]);
    }
    tally.add('compiled: tsc', 'skipped', 1);
  });
});


