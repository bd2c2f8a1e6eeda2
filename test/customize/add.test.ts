/**
 * `add database postgres`: update with the feature's answer added. An untouched project becomes exactly what
 * generating with `--database postgres` writes; an edited one keeps every edit, and a clash is a git conflict.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getFramework } from '../../src/frameworks/index.js';
import { TOOLS } from '../e2e/tools.js';
import { cli, tempDir, tree } from './helpers.js';

const UV = path.join(TOOLS, 'bin/uv');

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd, encoding: 'utf8' });

async function generated(name: string, ...flags: string[]) {
  const root = tempDir('add');
  made.push(root);
  const run = await cli(root, name, '--yes', '--no-install', '--no-git', ...flags);
  expect(run.code, run.stderr).toBe(0);
  const project = path.join(root, name);
  git(project, 'init', '-q');
  git(project, 'add', '-A');
  git(project, 'commit', '-qm', 'generated');
  return { root, project };
}

/** Replaces one exact piece of a file, failing when it is not there (so an edit the test means to make is made). */
function edit(file: string, from: string, to: string): void {
  const text = fs.readFileSync(file, 'utf8');
  expect(text, `${file} has ${JSON.stringify(from)}`).toContain(from);
  fs.writeFileSync(file, text.replace(from, to));
}

describe('add database postgres', () => {
  for (const deploy of ['containers', 'serverless']) {
    it(`turns an untouched Fastify (${deploy}) project into exactly what --database postgres generates`, async () => {
      const { project, root } = await generated('api', '--framework', 'fastify', '--deploy', deploy);
      const run = await cli(project, 'add', 'database', 'postgres', '--no-install', '--json');
      expect(run.code, run.stderr).toBe(0);
      const fresh = await cli(root, 'fresh', '--framework', 'fastify', '--deploy', deploy, '--database', 'postgres', '--yes', '--no-install', '--no-git');
      expect(fresh.code, fresh.stderr).toBe(0);
      const expected = tree(path.join(root, 'fresh'));
      // The same project but for its name: the fresh one is called "fresh".
      const actual = Object.fromEntries(Object.entries(tree(project)).map(([p, text]) => [p, text.replaceAll('api', 'fresh')]));
      const normalized = Object.fromEntries(Object.entries(expected).map(([p, text]) => [p, text.replaceAll('api', 'fresh')]));
      expect(Object.keys(actual).sort()).toEqual(Object.keys(normalized).sort());
      for (const [p, text] of Object.entries(normalized)) expect(actual[p], p).toBe(text);
      expect(JSON.parse(fs.readFileSync(path.join(project, '.create-backend-fit.json'), 'utf8')).answers.database).toBe('postgres');
    });
  }

  it('never merges a lock: a lock of the user\'s own stays as it is, no conflict markers, and the install after it resolves again', async () => {
    const { project } = await generated('api', '--framework', 'fastify');
    const lockFile = path.join(project, 'package-lock.json');
    const shipped = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
    // What the user's own `npm install left-pad` does to the lock: lines beside the ones the feature's lock changes.
    const theirs = { ...shipped, packages: { ...shipped.packages, '': { ...shipped.packages[''], dependencies: { ...shipped.packages[''].dependencies, 'left-pad': '^1.3.0' } }, 'node_modules/left-pad': { version: '1.3.0' } } };
    fs.writeFileSync(lockFile, `${JSON.stringify(theirs, null, 2)}\n`);
    git(project, 'commit', '-qam', 'left-pad');
    const run = await cli(project, 'add', 'database', 'postgres', '--no-install', '--json');
    expect(run.code, run.stderr).toBe(0);
    const outcome = JSON.parse(run.stdout).outcomes.find((o: { path: string }) => o.path === 'package-lock.json');
    expect(outcome).toEqual({ path: 'package-lock.json', action: 'kept', note: expect.stringContaining('run npm install') });
    expect(fs.readFileSync(lockFile, 'utf8')).toBe(`${JSON.stringify(theirs, null, 2)}\n`);
    // ... while the manifest beside it merged, so the resolving install (not npm ci) is the one add runs.
    expect(JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8')).dependencies.pg).toBeDefined();
    expect(JSON.parse(run.stdout).bootstrap.find((r: { step: string }) => r.step === 'install').command).toBe('npm install');
  });

  it('keeps every edit of the user\'s, and a clash is a git conflict with both sides', async () => {
    const { project } = await generated('api', '--framework', 'fastify');
    const at = (rel: string) => path.join(project, rel);
    // Edits the feature's changes merge with ...
    const routes = '  const routes = (api: FastifyInstance) => {\n';
    edit(at('src/app.ts'), routes, `${routes}    api.get('/version', async () => ({ version: 'user-1' }));\n`);
    edit(at('package.json'), '    "format": "biome check --write ."\n', '    "format": "biome check --write .",\n    "seed": "echo user-seed"\n');
    fs.appendFileSync(at('README.md'), '\n## Our team\n\nOn call: user-2.\n');
    fs.writeFileSync(at('src/extra.ts'), 'export const mine = "user-3";\n');
    // ... and one it clashes with: the readiness probe the feature moves to /readyz.
    edit(at('k8s/deployment.yaml'), 'readinessProbe:\n            httpGet:\n              path: /healthz', 'readinessProbe:\n            httpGet:\n              path: /ready-user-4');
    git(project, 'add', '-A');
    git(project, 'commit', '-qm', 'user edits');

    const run = await cli(project, 'add', 'database', 'postgres', '--no-install', '--json');
    // As update does: a run that leaves conflict markers exits 4.
    expect(run.code, run.stderr).toBe(4);
    const outcomes = Object.fromEntries((JSON.parse(run.stdout).outcomes as { path: string; action: string }[]).map((o) => [o.path, o.action]));
    expect(outcomes).toMatchObject({
      'src/app.ts': 'merged',
      'package.json': 'merged',
      'README.md': 'merged',
      'k8s/deployment.yaml': 'conflict',
      'src/db.ts': 'added',
      'k8s/migrate-job.yaml': 'added',
      'migrations/1764547200000_create-invoices.sql': 'added',
      'compose.yaml': 'updated',
    });

    const app = fs.readFileSync(at('src/app.ts'), 'utf8');
    expect(app).toContain("api.get('/version', async () => ({ version: 'user-1' }));");
    expect(app).toContain('invoiceRoutes(api, db);');
    const manifest = JSON.parse(fs.readFileSync(at('package.json'), 'utf8'));
    expect(manifest.scripts.seed).toBe('echo user-seed');
    expect(manifest.dependencies.pg).toBeDefined();
    expect(manifest.scripts.migrate).toBeDefined();
    expect(fs.readFileSync(at('README.md'), 'utf8')).toMatch(/## Database[\s\S]*On call: user-2\./);
    expect(fs.readFileSync(at('src/extra.ts'), 'utf8')).toBe('export const mine = "user-3";\n');
    const deployment = fs.readFileSync(at('k8s/deployment.yaml'), 'utf8');
    expect(deployment).toMatch(/<<<<<<< yours\n\s+path: \/ready-user-4\n\|\|\|\|\|\|\| create-backend-fit [^\n]+\n\s+path: \/healthz\n=======\n\s+path: \/readyz\n>>>>>>> create-backend-fit/);
    // The rest of the feature's lines in that file merged in.
    expect(deployment).toContain('secretKeyRef:');
    // Every edit and every change add made shows in git: nothing lost, everything reviewable.
    const status = git(project, 'status', '--porcelain');
    expect(status).toMatch(/ M k8s\/deployment\.yaml/);
    expect(status).toMatch(/\?\? src\/db\.ts/);
    expect(JSON.parse(fs.readFileSync(at('.create-backend-fit.json'), 'utf8')).answers.database).toBe('postgres');
    expect(run.stdout).not.toMatch(/"status": "done"/);
  });

  it('adds it to an edited Gin project: the Go layers merge with a route and a replica count of the user\'s', async () => {
    const { project } = await generated('svc', '--framework', 'gin');
    const at = (rel: string) => path.join(project, rel);
    const healthz = '\tr.GET("/healthz", func(c *gin.Context) {\n';
    edit(at('internal/api/router.go'), healthz, `\tr.GET("/version", func(c *gin.Context) {\n\t\tc.JSON(http.StatusOK, gin.H{"version": "user-1"})\n\t})\n${healthz}`);
    edit(at('k8s/deployment.yaml'), 'replicas: 2', 'replicas: 3');
    git(project, 'commit', '-qam', 'user edits');

    const run = await cli(project, 'add', 'database', 'postgres', '--no-install', '--json');
    expect(run.code, run.stderr).toBe(0);
    const outcomes = Object.fromEntries((JSON.parse(run.stdout).outcomes as { path: string; action: string }[]).map((o) => [o.path, o.action]));
    expect(outcomes).toMatchObject({
      'internal/api/router.go': 'merged',
      'k8s/deployment.yaml': 'merged',
      'internal/api/invoices.go': 'added',
      'internal/invoices/invoices.go': 'added',
      'migrations/20251201000000_create_invoices.sql': 'added',
      'go.mod': 'updated',
    });
    const router = fs.readFileSync(at('internal/api/router.go'), 'utf8');
    expect(router).toContain('gin.H{"version": "user-1"}');
    expect(router).toContain('func NewRouter(logger *slog.Logger, repo invoices.Repository) *gin.Engine {');
    expect(router).toContain('r.POST("/invoices", createInvoice(repo))');
    const deployment = fs.readFileSync(at('k8s/deployment.yaml'), 'utf8');
    expect(deployment).toContain('replicas: 3');
    expect(deployment).toContain('path: /readyz');
    expect(fs.readFileSync(at('go.mod'), 'utf8')).toMatch(/github\.com\/jackc\/pgx\/v5 v5\.\d+\.\d+/);
    for (const file of ['internal/api/router.go', 'k8s/deployment.yaml', 'cmd/server/main.go', 'go.mod']) expect(fs.readFileSync(at(file), 'utf8'), file).not.toContain('<<<<<<<');
  });

  /** Edits a user makes before adding the database, and what must hold after: their lines, the feature's, no markers. */
  const EDITED_PROJECTS = [
    {
      framework: 'fastapi',
      deploy: 'containers',
      edits: [
        ['app/main.py', '    @app.get("/healthz")\n', '    @app.get("/version")\n    async def version() -> dict[str, str]:\n        return {"version": "user-1"}\n\n    @app.get("/healthz")\n'],
        ['pyproject.toml', 'dev = [\n', 'dev = [\n  "freezegun>=1.5", # user-2\n'],
      ],
      kept: { 'app/main.py': '"version": "user-1"', 'pyproject.toml': '"freezegun>=1.5", # user-2' },
      added: { 'pyproject.toml': /sqlalchemy/i, 'app/db.py': /DATABASE_URL/, 'k8s/deployment.yaml': /\/readyz/ },
    },
    {
      framework: 'django',
      deploy: 'serverless',
      edits: [
        ['config/urls.py', 'handler500 = "config.errors.server_error"\n', 'handler500 = "config.errors.server_error"\n# user-1: our own handlers go here\n'],
        ['pyproject.toml', 'dev = [\n', 'dev = [\n  "freezegun>=1.5", # user-2\n'],
      ],
      kept: { 'config/urls.py': '# user-1: our own handlers go here', 'pyproject.toml': '"freezegun>=1.5", # user-2' },
      added: { 'pyproject.toml': /psycopg/, 'invoices/models.py': /class Invoice/, 'template.yaml': /NoEcho: true/ },
    },
    {
      framework: 'spring-boot',
      deploy: 'containers',
      edits: [
        ['src/main/resources/application.yaml', '  shutdown: graceful\n', '  shutdown: graceful\n  max-http-request-header-size: 16KB # user-1\n'],
        ['k8s/deployment.yaml', 'replicas: 2', 'replicas: 3'],
      ],
      kept: { 'src/main/resources/application.yaml': 'max-http-request-header-size: 16KB # user-1', 'k8s/deployment.yaml': 'replicas: 3' },
      added: { 'pom.xml': /spring-boot-starter-data-jdbc/, 'src/main/resources/db/migration/V1__create_invoices.sql': /CREATE TABLE/i, 'k8s/deployment.yaml': /\/readyz/ },
    },
  ] as const;

  for (const c of EDITED_PROJECTS) {
    it(`adds it to an edited ${c.framework} project (${c.deploy}): the user's lines stay beside the feature's, no conflict`, async () => {
      const { project } = await generated('svc', '--framework', c.framework, '--deploy', c.deploy);
      const at = (rel: string) => path.join(project, rel);
      for (const [file, from, to] of c.edits) edit(at(file), from, to);
      fs.writeFileSync(at('NOTES.user.md'), 'user-3\n');
      git(project, 'add', '-A');
      git(project, 'commit', '-qm', 'user edits');

      const run = await cli(project, 'add', 'database', 'postgres', '--no-install', '--json');
      expect(run.code, run.stderr).toBe(0);
      for (const [file, line] of Object.entries(c.kept)) expect(fs.readFileSync(at(file), 'utf8'), file).toContain(line);
      for (const [file, pattern] of Object.entries(c.added)) expect(fs.readFileSync(at(file), 'utf8'), file).toMatch(pattern);
      expect(fs.readFileSync(at('NOTES.user.md'), 'utf8')).toBe('user-3\n');
      const files = fs.readdirSync(project, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !path.join(e.parentPath, e.name).includes(`${path.sep}.git${path.sep}`));
      expect(files.filter((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'utf8').includes('<<<<<<<')).map((e) => e.name), 'files with conflict markers').toEqual([]);
      expect(JSON.parse(fs.readFileSync(at('.create-backend-fit.json'), 'utf8')).answers.database).toBe('postgres');
    });
  }

  it('adds it to a FastAPI project with a dependency of the user\'s: the install after the merge re-locks, where uv sync --locked would refuse', async () => {
    const { project } = await generated('svc', '--framework', 'fastapi');
    const at = (rel: string) => path.join(project, rel);
    edit(at('pyproject.toml'), 'dev = [\n', 'dev = [\n  "iso8601>=2.1", # user-1\n');
    git(project, 'commit', '-qam', 'user edits');
    const run = await cli(project, 'add', 'database', 'postgres', '--no-install', '--json');
    expect(run.code, run.stderr).toBe(0);
    // uv.lock is the feature's (the user never touched it), which lacks the user's dependency: a locked install refuses.
    const uv = (...args: string[]) => spawnSync(UV, args, { cwd: project, encoding: 'utf8', env: { ...process.env, UV_PYTHON_DOWNLOADS: 'never', UV_NO_CONFIG: '1' }, timeout: 300_000 });
    expect(fs.existsSync(UV), `${UV}: run bash .ci/install-tools.sh`).toBe(true);
    const locked = uv('lock', '--check');
    expect(locked.status, `${locked.stdout}${locked.stderr}`).not.toBe(0);
    // What add installs with instead (the record's relock) locks anew first: the user's dependency and the feature's.
    expect(getFramework('fastapi').relock).toBe('uv sync');
    const relocked = uv('lock');
    expect(relocked.status, `${relocked.stdout}${relocked.stderr}`).toBe(0);
    const lock = fs.readFileSync(at('uv.lock'), 'utf8');
    expect(lock).toMatch(/^name = "iso8601"$/m);
    expect(lock).toMatch(/^name = "sqlalchemy"$/m);
    expect(lock).toMatch(/^name = "svc"\nversion = "0\.1\.0"\nsource = \{ editable = "\." \}$/m);
    expect(lock).not.toContain('<<<<<<<');
  });

  it('keeps a uv.lock the user changed as it is, never merged line by line (a lock is a resolver\'s, and markers would break it)', async () => {
    const { project } = await generated('svc', '--framework', 'django', '--deploy', 'containers');
    const at = (rel: string) => path.join(project, rel);
    // What `uv add` does to a project: a dependency in pyproject.toml, and a lock resolved with it.
    edit(at('pyproject.toml'), 'dev = [\n', 'dev = [\n  "iso8601>=2.1", # user-1\n');
    const mine = fs.readFileSync(at('uv.lock'), 'utf8').replace('\n[[package]]\nname = "mypy"\n', '\n[[package]]\nname = "iso8601"\nversion = "2.1.0"\nsource = { registry = "https://pypi.org/simple" }\n\n[[package]]\nname = "mypy"\n');
    fs.writeFileSync(at('uv.lock'), mine);
    git(project, 'commit', '-qam', 'user edits');
    const run = await cli(project, 'add', 'database', 'postgres', '--no-install', '--json');
    expect(run.code, run.stderr).toBe(0);
    const outcome = (JSON.parse(run.stdout).outcomes as { path: string; action: string; note?: string }[]).find((o) => o.path === 'uv.lock');
    expect(outcome).toMatchObject({ action: 'kept', note: expect.stringMatching(/your lock is kept; run uv sync /) });
    expect(fs.readFileSync(at('uv.lock'), 'utf8')).toBe(mine);
    expect(fs.readFileSync(at('pyproject.toml'), 'utf8')).toMatch(/psycopg/);
    // The install add runs resolves again (uv sync), where the project's own (uv sync --locked) would refuse.
    expect(JSON.parse(run.stdout).bootstrap.find((r: { step: string }) => r.step === 'install').command).toBe('uv sync');
  });

  it('adds it to an edited Axum project: sqlx, src/db.rs and the migrations merged in beside the edits', async () => {
    const { project } = await generated('svc', '--framework', 'axum', '--deploy', 'serverless');
    const at = (rel: string) => path.join(project, rel);
    fs.appendFileSync(at('src/lib.rs'), '\n/// Ours.\npub fn version() -> &\'static str {\n    "user-1"\n}\n');
    edit(at('Cargo.toml'), '[dev-dependencies]\n', '[dev-dependencies]\npretty_assertions = "1" # user-2\n');
    fs.writeFileSync(at('src/extra.rs'), '// user-3\n');
    git(project, 'add', '-A');
    git(project, 'commit', '-qm', 'user edits');

    const run = await cli(project, 'add', 'database', 'postgres', '--no-install', '--json');
    expect(run.code, run.stderr).toBe(0);
    const outcomes = Object.fromEntries((JSON.parse(run.stdout).outcomes as { path: string; action: string }[]).map((o) => [o.path, o.action]));
    expect(outcomes).toMatchObject({
      'src/lib.rs': 'merged',
      'Cargo.toml': 'merged',
      'src/db.rs': 'added',
      'src/invoices.rs': 'added',
      'build.rs': 'added',
      'migrations/20261201000000_create_invoices.sql': 'added',
      'tests/app.rs': 'updated',
      'tests/lambda.rs': 'updated',
      'template.yaml': 'updated',
    });
    const lib = fs.readFileSync(at('src/lib.rs'), 'utf8');
    expect(lib).toContain('"user-1"');
    expect(lib).toContain('pub fn app(pool: PgPool, docs: ApiDocs) -> Router {');
    const manifest = fs.readFileSync(at('Cargo.toml'), 'utf8');
    expect(manifest).toContain('pretty_assertions = "1" # user-2');
    expect(manifest).toMatch(/^sqlx = \{ version = "0\.8\.\d+"/m);
    expect(fs.readFileSync(at('src/extra.rs'), 'utf8')).toBe('// user-3\n');
    expect(fs.readFileSync(at('template.yaml'), 'utf8')).toContain('NoEcho: true');
  });

  it('refuses, with exit 2, a project that has it already', async () => {
    const withIt = await generated('api', '--framework', 'fastify', '--database', 'postgres');
    const again = await cli(withIt.project, 'add', 'database', 'postgres');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already has PostgreSQL/);
    expect(git(withIt.project, 'status', '--porcelain')).toBe('');
  });
});
