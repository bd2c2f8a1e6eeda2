/**
 * Features as layers (src/features/): the `--database` answer, its layers in the layer order, its lines in shared
 * files, the record that replays it, and the usage error for a framework without it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import type { ProjectAnswers } from '../../src/answers.js';
import { parseArgs } from '../../src/args.js';
import { main, type Io } from '../../src/cli.js';
import { decide } from '../../src/decide/decide.js';
import { chosenFeatures, features, offeredFeatures, unofferedFeature } from '../../src/features/index.js';
import { frameworks, getFramework } from '../../src/frameworks/index.js';
import type { DeployTarget, FrameworkId } from '../../src/frameworks/types.js';
import { layerNames } from '../../src/plan/layers.js';
import { plan } from '../../src/plan/plan.js';
import { RECORD_FILE } from '../../src/plan/record.js';

async function run(cwd: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), interactive: false, env: {}, cwd };
  return { code: await main(argv, io), stdout, stderr };
}

function planWith(framework: FrameworkId, deploy: DeployTarget, database?: 'postgres') {
  const answers: ProjectAnswers = { projectName: 'invoice-api', framework, deploy, database, packageManager: 'npm', install: false, git: false };
  return new Map(plan(decide(answers), answers).files.map((f) => [f.path, f.content.toString('utf8')]));
}

const withPostgres = frameworks.filter((f) => offeredFeatures(f).includes('postgres'));

describe('features as layers', () => {
  it('puts each level\'s feature layers after its own base and deploy layers', () => {
    expect(layerNames(getFramework('fastify'), 'serverless', ['postgres'])).toEqual([
      '_shared/base', '_shared/serverless', '_shared/features/postgres/base', '_shared/features/postgres/serverless',
      '_node/base', '_node/serverless', '_node/features/postgres/base', '_node/features/postgres/serverless',
      'fastify/base', 'fastify/serverless', 'fastify/features/postgres/base', 'fastify/features/postgres/serverless',
      'fastify/locks/serverless+postgres',
    ]);
    expect(layerNames(getFramework('gin'), 'containers')).toEqual([
      '_shared/base', '_shared/containers', '_go/base', '_go/containers', 'gin/base', 'gin/containers', 'gin/locks/containers',
    ]);
  });

  it('ends with the lock of the combination: deploy target, features and, for Node only, the package manager', () => {
    expect(layerNames(getFramework('nestjs'), 'containers', ['postgres'], 'pnpm').at(-1)).toBe('nestjs/locks/containers+postgres+pnpm');
    expect(layerNames(getFramework('axum'), 'serverless', [], 'npm').at(-1)).toBe('axum/locks/serverless');
  });

  it('writes the lock layer\'s files as they are, over every other layer\'s file of the same path', () => {
    const team = fs.mkdtempSync(path.join(os.tmpdir(), 'cbf-locks-'));
    try {
      fs.mkdirSync(path.join(team, 'fastify/locks/containers+pnpm'), { recursive: true });
      fs.writeFileSync(path.join(team, 'fastify/locks/containers+pnpm/pnpm-lock.yaml'), '# the lock of containers with pnpm\n');
      fs.mkdirSync(path.join(team, 'fastify/locks/containers+npm'), { recursive: true });
      fs.writeFileSync(path.join(team, 'fastify/locks/containers+npm/pnpm-lock.yaml'), '# not this one\n');
      const answers: ProjectAnswers = { projectName: 'invoice-api', framework: 'fastify', deploy: 'containers', packageManager: 'pnpm', install: false, git: false, templates: [team] };
      const files = new Map(plan(decide(answers), answers).files.map((f) => [f.path, f.content.toString('utf8')]));
      expect(files.get('pnpm-lock.yaml')).toBe('# the lock of containers with pnpm\n');
    } finally {
      fs.rmSync(team, { recursive: true, force: true });
    }
  });

  it('reads --database and defaults to no feature', () => {
    expect(parseArgs(['x', '--database', 'postgres']).options.database).toBe('postgres');
    expect(() => parseArgs(['x', '--database', 'mysql'])).toThrow(/Valid values: none, postgres/);
    expect(chosenFeatures({})).toEqual([]);
    expect(chosenFeatures({ database: 'none' })).toEqual([]);
    expect(chosenFeatures({ database: 'postgres' })).toEqual(['postgres']);
    expect(parseArgs(['add', 'database', 'postgres', 'my-api'])).toMatchObject({ command: 'add', addition: { key: 'database', value: 'postgres' }, dir: 'my-api' });
    expect(() => parseArgs(['add', 'database', 'mysql'])).toThrow(/Usage: add database postgres \[dir\]/);
  });

  it('has at least Fastify on PostgreSQL, and every framework offering it has the feature\'s commands', () => {
    expect(withPostgres.map((f) => f.id)).toContain('fastify');
    for (const f of withPostgres) expect(f.features!.postgres!.commands.migrate, f.id).toMatch(/\S/);
  });

  for (const f of withPostgres) {
    for (const deploy of f.deployTargets) {
      it(`${f.id} (${deploy}) with postgres: migrations, DATABASE_URL from a secret, /readyz, a db service, CI service`, () => {
        const files = planWith(f.id, deploy, 'postgres');
        const without = planWith(f.id, deploy);
        expect([...files.keys()].some((p) => !without.has(p)), 'the feature adds files').toBe(true);
        expect(JSON.parse(files.get(RECORD_FILE)!).answers.database).toBe('postgres');
        expect(JSON.parse(without.get(RECORD_FILE)!).answers.database).toBeUndefined();

        const compose = YAML.parse(files.get('compose.yaml')!);
        expect(compose.services.db.image).toBe(`postgres:${features[0]!.services[0]!.major}`);
        expect(compose.services.db.healthcheck.test.join(' ')).toMatch(/pg_isready/);
        expect(Object.keys(compose.volumes)).toEqual(['db-data']);

        const ci = YAML.parse(files.get('.github/workflows/ci.yml')!);
        expect(ci.jobs.test.services.postgres.image).toMatch(/^postgres:\d+$/);
        expect(ci.jobs.test.steps.map((s: { run?: string }) => s.run)).toContain(f.features!.postgres!.commands.migrate);

        if (deploy === 'containers') {
          expect(compose.services.api.depends_on).toEqual({ db: { condition: 'service_healthy' }, migrate: { condition: 'service_completed_successfully' } });
          expect(compose.services.migrate.command).toEqual(f.features!.postgres!.imageMigrate);
          const deployment = YAML.parse(files.get('k8s/deployment.yaml')!);
          const container = deployment.spec.template.spec.containers[0];
          const env = container.env.find((e: { name: string }) => e.name === 'DATABASE_URL');
          expect(env.value, 'never a literal URL in the Deployment').toBeUndefined();
          expect(env.valueFrom.secretKeyRef).toEqual({ name: 'invoice-api-database', key: 'url' });
          expect(container.readinessProbe.httpGet.path).toBe('/readyz');
          expect(container.livenessProbe.httpGet.path).toBe('/healthz');
          const job = YAML.parse(files.get('k8s/migrate-job.yaml')!);
          expect(job.kind).toBe('Job');
          expect(job.spec.template.spec.containers[0].command).toEqual(f.features!.postgres!.imageMigrate);
        } else {
          const template = files.get('template.yaml')!;
          expect(template).toMatch(/DatabaseUrl:\n\s+Type: String\n\s+NoEcho: true/);
          expect(template).toMatch(/DATABASE_URL: !Ref DatabaseUrl/);
          expect(compose.services.api, 'serverless compose has the database only').toBeUndefined();
        }
        expect(files.get('README.md')).toMatch(/## Database/);
        // No Handlebars left over (GitHub's ${{ }} and CloudFormation's '{{resolve:...}}' are meant).
        for (const [p, text] of files) expect(text, p).not.toMatch(/(?<![$'])\{\{|features\.postgres/);
      });
    }
  }

  it('renders a project without a database exactly as before the feature existed (no trace of it)', () => {
    const files = planWith('fastify', 'containers');
    expect(files.has('k8s/migrate-job.yaml')).toBe(false);
    expect(files.get('compose.yaml')).not.toMatch(/db:|DATABASE_URL/);
    expect(files.get('package.json')).not.toMatch(/"pg"/);
    expect(YAML.parse(files.get('k8s/deployment.yaml')!).spec.template.spec.containers[0].readinessProbe.httpGet.path).toBe('/healthz');
  });
});

describe('the CLI and features', () => {
  const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cbf-features-'));

  it('every framework offers PostgreSQL; a record without a feature is refused in one sentence naming it', () => {
    // All eight starters have the feature's layers now, so the refusal is checked on a record without them.
    expect(frameworks.filter((f) => !offeredFeatures(f).includes('postgres')).map((f) => f.id)).toEqual([]);
    const bare = { ...frameworks[0]!, name: 'Bare', features: undefined };
    expect(unofferedFeature(bare, { database: 'postgres' })).toBe('Bare has no PostgreSQL starter yet (--database postgres).');
    expect(unofferedFeature(bare, { database: 'none' })).toBeUndefined();
    expect(unofferedFeature(frameworks[0]!, { database: 'postgres' })).toBeUndefined();
  });

  it('records --database and replays it from the record', async () => {
    const dir = tmp();
    expect((await run(dir, 'api', '--framework', 'fastify', '--database', 'postgres', '--yes', '--no-install', '--no-git')).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'api', RECORD_FILE), 'utf8')).answers.database).toBe('postgres');
    const replayed = await run(dir, 'again', '--answers', path.join(dir, 'api', RECORD_FILE), '--no-install', '--no-git');
    expect(replayed.code, replayed.stderr).toBe(0);
    expect(fs.existsSync(path.join(dir, 'again', 'migrations'))).toBe(true);
  });

  it('list --json shows the features each framework offers and commands.migrate', async () => {
    const listed = JSON.parse((await run(tmp(), 'list', '--json')).stdout) as { id: string; features: string[]; commands: { migrate?: string } }[];
    for (const row of listed) {
      const record = getFramework(row.id as FrameworkId);
      expect(row.features, row.id).toEqual(offeredFeatures(record));
      expect(row.commands.migrate, row.id).toBe(record.features?.postgres?.commands.migrate);
    }
  });
});
