/**
 * Every starter that offers `--database postgres` (from `list --json`), on both deploy targets, against a real
 * PostgreSQL (test/e2e/postgres.ts): migrations by its `commands.migrate`, its own tests against the database, then
 * over HTTP and, for serverless, under the Lambda Runtime Interface Emulator with payload 2.0 events: every line of
 * shared/CONTRACT.md's "With a database", an invoice surviving a restart, 50 concurrent POSTs, statuses stored
 * verbatim, and the database stopped (503, /healthz 200) and started again (right answers, same data, no restart).
 * The containers project gets its database by `add database postgres` (with its install), the serverless one by
 * `--database postgres` at generation. E2E_FRAMEWORKS and E2E_DEPLOY narrow it, as for the starters' suite (test/e2e/starter-suite.ts).
 * Each language has its own file (test/e2e/database/<language>.test.ts) with its own PostgreSQL: the outage tests stop
 * the server, so two files running at once cannot share one (starting one takes about a second).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from './contract.js';
import { checkDatabaseContract, createInvoice, expectInvoice, expectOutage, httpRequest } from './database-contract.js';
import { httpApiEvent, invokeHttpApi } from './lambda-gateway.js';
import { checkOpenApi, checkOpenApiThroughLambda } from './openapi.js';
import { startPostgres, type PostgresServer } from './postgres.js';
import { postgres } from '../../src/features/postgres.js';
import { describeRun, freePort, isAlive, killGroup, listeningPid, runShell, startProcess, startShell, waitFor, type Background } from './processes.js';
import { readSamFunction } from './sam.js';
import { namedPrograms, readmeShellEnv } from './readme-shell.js';
import { REPO, requireTools, toolEnv } from './tools.js';
import { requireFreshBuild } from '../built-cli.js';

interface ListedFramework {
  id: string;
  language: string;
  deployTargets: string[];
  features: string[];
  commands: { install: string; test: string; start: string; lambda: string; migrate?: string };
  /** Where the running starter serves its OpenAPI document, if it has one. */
  openapi?: string;
}

const CLI = requireFreshBuild();
/**
 * Not the starters suite's name: a Rust binary is named after its crate, and both suites build into the one shared
 * cargo target dir, so with the same name one suite could start the other's binary when their builds overlap.
 */
const PROJECT = 'invoice-db';
const MINUTE = 60_000;
/** Registers the database e2e tests of every starter of one language that offers postgres, against its own server. */
export function databaseSuite(language: string): void {
  const listed = JSON.parse(execFileSync(process.execPath, [CLI, 'list', '--json'], { encoding: 'utf8' })) as ListedFramework[];
  const onlyFrameworks = process.env.E2E_FRAMEWORKS?.split(',').filter(Boolean);
  const onlyDeploy = process.env.E2E_DEPLOY;
  const offering = listed.filter((f) => f.features.includes('postgres'));
  const matrix = offering
    .filter((f) => f.language === language)
    .filter((f) => !onlyFrameworks || onlyFrameworks.includes(f.id))
    .flatMap((f) => f.deployTargets.filter((deploy) => !onlyDeploy || deploy === onlyDeploy).map((deploy) => ({ framework: f, deploy })));
  const server = lazyServer();

  describe(`the ${language} database e2e matrix`, () => {
    it('has a test file for every language offering postgres, starters of this one, and a PostgreSQL to test against', async () => {
      const missing = [...new Set(offering.map((f) => f.language))].filter((l) => !fs.existsSync(path.join(REPO, 'test/e2e/database', `${l}.test.ts`)));
      expect(missing, 'languages offering postgres without test/e2e/database/<language>.test.ts').toEqual([]);
      expect(offering.filter((f) => f.language === language).length, `no framework of ${language} offers postgres`).toBeGreaterThan(0);
      expect((onlyFrameworks ?? []).filter((id) => !listed.some((f) => f.id === id)), 'E2E_FRAMEWORKS names unknown frameworks').toEqual([]);
      requireTools();
      // The harness runs the major the starters' compose files and CI services name (src/features/postgres.ts).
      if (matrix.length > 0) expect((await server()).major).toBe(postgres.services[0]!.major);
    });
  });

  afterAll(async () => {
    await server.close();
  });

  for (const { framework, deploy } of matrix) defineDatabaseTests(framework, deploy, server);
}

/** The file's PostgreSQL, started by the first test that needs it (a filter that leaves none starts none). */
function lazyServer(): (() => Promise<PostgresServer>) & { close(): Promise<void> } {
  let started: Promise<PostgresServer> | undefined;
  const get = () => (started ??= startPostgres());
  return Object.assign(get, { close: async () => void (started && (await (await started).close())) });
}

function defineDatabaseTests(framework: ListedFramework, deploy: string, getServer: () => Promise<PostgresServer>): void {
  let server: PostgresServer;
  describe.sequential(`${framework.id} (${deploy}) with PostgreSQL`, () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), `cbf-db-${framework.id}-${deploy}-`));
    const project = path.join(root, PROJECT);
    const database = `${framework.id}_${deploy}`.replace(/[^a-z0-9_]/g, '_');
    let databaseUrl: string;
    // The README's commands run in a shell with only the programs the README names (set once the project exists),
    // with the variable the feature record names (DATABASE_URL).
    let shellEnv: NodeJS.ProcessEnv = toolEnv();
    const env = () => ({ ...shellEnv, [postgres.services[0]!.urlEnv]: databaseUrl });
    const countRows = async () => Number((await server.query(database, 'SELECT count(*)::int AS n FROM invoices'))[0]!.n);
    let installed: Promise<void>;
    const started: Background[] = [];
    const track = (background: Background) => (started.push(background), background);
    const migrate = framework.commands.migrate!;

    beforeAll(async () => {
      server = await getServer();
      databaseUrl = await server.createDatabase(database);
      if (deploy === 'containers') {
        // The way a user adds the database later: a project generated without one, committed, then
        // `add database postgres`, which merges the feature in and installs the dependencies it brings.
        execFileSync(process.execPath, [CLI, PROJECT, '--framework', framework.id, '--deploy', deploy, '--yes', '--no-install', '--git'], {
          cwd: root,
          stdio: 'pipe',
          env: { ...process.env, GIT_AUTHOR_NAME: 'e2e', GIT_AUTHOR_EMAIL: 'e2e@example.com', GIT_COMMITTER_NAME: 'e2e', GIT_COMMITTER_EMAIL: 'e2e@example.com' },
        });
        shellEnv = readmeShellEnv(namedPrograms(fs.readFileSync(path.join(project, 'README.md'), 'utf8')));
        installed = runShell(`${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} add database postgres --json`, { cwd: project, env: env(), timeoutMs: 15 * MINUTE }).then((result) => {
          if (result.code !== 0) throw new Error(`add database postgres failed: ${describeRun('add database postgres', result)}`);
          const report = JSON.parse(result.output.slice(result.output.indexOf('{'))) as { bootstrap: { step: string; status: string }[] };
          expect(report.bootstrap.find((r) => r.step === 'install')?.status, 'add installed the dependencies').toBe('done');
        });
      } else {
        execFileSync(process.execPath, [CLI, PROJECT, '--framework', framework.id, '--deploy', deploy, '--database', 'postgres', '--yes', '--no-install', '--no-git'], {
          cwd: root,
          stdio: 'pipe',
        });
        shellEnv = readmeShellEnv(namedPrograms(fs.readFileSync(path.join(project, 'README.md'), 'utf8')));
        installed = runShell(framework.commands.install, { cwd: project, env: env(), timeoutMs: 15 * MINUTE }).then((result) => {
          if (result.code !== 0) throw new Error(`install failed: ${describeRun(framework.commands.install, result)}`);
        });
      }
      installed.catch(() => {});
    });

    afterAll(() => {
      for (const background of started) killGroup(background.child);
      if (!process.env.E2E_KEEP) fs.rmSync(root, { recursive: true, force: true });
    });

    it(`creates the schema with its commands.migrate (${migrate}), and a second run changes nothing`, async () => {
      await installed;
      for (const round of [1, 2]) {
        // 15 minutes, as for the tests: for a compiled starter (cargo, Maven) migrate is the first command that builds.
        const result = await runShell(migrate, { cwd: project, env: env(), timeoutMs: 15 * MINUTE });
        expect(result.code, `round ${round}: ${describeRun(migrate, result)}`).toBe(0);
      }
      const columns = await server.query(database, "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'invoices' ORDER BY column_name");
      expect(columns.map((c) => c.column_name)).toEqual(['id', 'status']);
    });

    it('passes its own tests against the database', async () => {
      await installed;
      const before = await countRows();
      const result = await runShell(framework.commands.test, { cwd: project, env: env(), timeoutMs: 15 * MINUTE });
      expect(result.code, describeRun(framework.commands.test, result)).toBe(0);
      expect(await countRows(), 'the tests leave the database as they found it').toBe(before);
    });

    it('fails its own tests at once, naming the URL, when no database answers', async () => {
      await installed;
      const nowhere = `postgres://postgres@127.0.0.1:${await freePort()}/none`;
      const startedAt = Date.now();
      const result = await runShell(framework.commands.test, { cwd: project, env: { ...env(), [postgres.services[0]!.urlEnv]: nowhere }, timeoutMs: 3 * MINUTE });
      expect(result.code, describeRun(framework.commands.test, result)).not.toBe(0);
      expect(result.output).toContain(nowhere);
      expect(Date.now() - startedAt, 'fails at once, never hangs').toBeLessThan(2 * MINUTE);
    });

    it('over HTTP: the database contract, 50 concurrent POSTs, a restart, and an outage it recovers from', async () => {
      await installed;
      const port = await freePort();
      const start = () => track(startShell(framework.commands.start, { cwd: project, env: { ...env(), PORT: String(port) } }));
      const request = httpRequest(`http://127.0.0.1:${port}`);
      let app = start();
      try {
        await expectServing(app, `http://127.0.0.1:${port}/healthz`);
        const ids = await checkDatabaseContract(request, countRows);

        // 50 at once: 50 distinct ids, each reading back its own status.
        const statuses = Array.from({ length: 50 }, (_, i) => `concurrent ${i}`);
        const created = await Promise.all(statuses.map((status) => createInvoice(request, status)));
        expect(new Set(created).size).toBe(50);
        await Promise.all(created.map((id, i) => expectInvoice(request, id, statuses[i]!)));

        // Data lives in the database: a new server process reads what the old one wrote.
        await stopServer(app, port);
        app = start();
        await expectServing(app, `http://127.0.0.1:${port}/healthz`);
        await expectInvoice(request, ids[1]!, "'; DROP TABLE invoices; --");
        await expectInvoice(request, created[49]!, 'concurrent 49');

        await outageAndRecovery(server, request, ids[0]!, 'the same server process');
        await expectInvoice(request, created[0]!, 'concurrent 0');
        await createInvoice(request, 'after the outage');
        await stopServer(app, port);
      } finally {
        killGroup(app.child);
      }
    });

    if (framework.openapi && deploy === 'containers') {
      it(`serves ${framework.openapi} and holds to it under Schemathesis, every check on, against the database`, async () => {
        await installed;
        const port = await freePort();
        const app = track(startShell(framework.commands.start, { cwd: project, env: { ...env(), PORT: String(port) } }));
        try {
          await expectServing(app, `http://127.0.0.1:${port}/healthz`);
          await checkOpenApi(`http://127.0.0.1:${port}`, project);
        } finally {
          killGroup(app.child);
        }
      });
    }

    if (deploy === 'serverless') {
      it('under the Lambda runtime emulator (payload 2.0): the database contract, a new instance, and an outage', async () => {
        await installed;
        const tools = requireTools();
        const fn = readSamFunction(path.join(project, 'template.yaml'));
        const [apiPort, runtimePort] = [await freePort(), await freePort()];
        const start = () =>
          track(
            startProcess(
              tools.awsLambdaRie,
              ['--runtime-interface-emulator-address', `127.0.0.1:${apiPort}`, '--runtime-api-address', `127.0.0.1:${runtimePort}`, 'sh', '-c', framework.commands.lambda, fn.handler],
              { cwd: project, env: { ...env(), AWS_LAMBDA_FUNCTION_TIMEOUT: '900' } },
            ),
          );
        const request = lambdaRequest(`http://127.0.0.1:${apiPort}/2015-03-31/functions/function/invocations`);
        let rie = start();
        const ready = async (timeoutMs: number) => {
          const listening = await waitFor(async () => listeningPid(apiPort) !== undefined, { timeoutMs: 30_000, while: () => rie.child.exitCode === null });
          expect(listening, `the emulator did not start:\n${rie.output().slice(-4000)}`).toBe(true);
          // The first invocation builds the artifact (as `sam build` would) and starts the runtime: one call, no retry.
          const first = await request('GET', '/healthz', undefined, undefined, timeoutMs).catch((error: Error) => error);
          expect(first instanceof Error ? first.message : first.status, `first invocation:\n${rie.output().slice(-4000)}`).toBe(200);
        };
        try {
          await ready(12 * MINUTE);
          const ids = await checkDatabaseContract(request, countRows);
          // One instance takes one invocation at a time (Lambda scales by adding instances), so these are in sequence.
          const created: number[] = [];
          for (let i = 0; i < 50; i++) created.push(await createInvoice(request, `lambda ${i}`));
          expect(new Set(created).size).toBe(50);

          // A new instance (a cold start) reads what the old one wrote.
          killGroup(rie.child);
          await rie.exited;
          rie = start();
          await ready(5 * MINUTE);
          await expectInvoice(request, ids[1]!, "'; DROP TABLE invoices; --");
          await expectInvoice(request, created[49]!, 'lambda 49');

          await outageAndRecovery(server, request, ids[0]!, 'the same instance');

          // Fuzzed through API Gateway's event translation, against the database (one instance, one connection).
          if (framework.openapi) {
            await checkOpenApiThroughLambda(`http://127.0.0.1:${apiPort}/2015-03-31/functions/function/invocations`, project);
          }
        } finally {
          killGroup(rie.child);
        }
      });
    }
  });
}

/**
 * The database stopped under a running app: the outage answers (expectOutage), then, once it is back and without a
 * restart of the app (`on`: the process or Lambda instance), /readyz 200 within 30 s and the paid invoice `paid` as before.
 */
async function outageAndRecovery(server: PostgresServer, request: Parameters<typeof expectOutage>[0], paid: number, on: string): Promise<void> {
  await server.stop();
  try {
    await expectOutage(request, paid);
  } finally {
    await server.start();
  }
  const recovered = await waitFor(async () => (await request('GET', '/readyz')).status === 200, { timeoutMs: 30_000, intervalMs: 250 });
  expect(recovered, `/readyz 200 again within 30 s of the database coming back, on ${on}`).toBe(true);
  await expectInvoice(request, paid, 'paid');
}

async function expectServing(app: Background, healthUrl: string): Promise<void> {
  const up = await waitFor(async () => (await fetch(healthUrl, { signal: AbortSignal.timeout(2000) })).ok, { timeoutMs: 10 * MINUTE, while: () => app.child.exitCode === null });
  expect(up, `the server never answered ${healthUrl}:\n${app.output().slice(-4000)}`).toBe(true);
}

/** SIGTERM to the process on the port, as the contract has it; it must exit within 10 s. */
async function stopServer(app: Background, port: number): Promise<void> {
  const pid = listeningPid(port);
  expect(pid, 'a process listens on the port').toBeDefined();
  process.kill(pid!, 'SIGTERM');
  const stopped = await waitFor(async () => !isAlive(pid!), { timeoutMs: 10_000, intervalMs: 50 });
  expect(stopped, `still running 10 s after SIGTERM:\n${app.output().slice(-3000)}`).toBe(true);
  await Promise.race([app.exited, new Promise((r) => setTimeout(r, 20_000))]);
}

/** Invokes the function with a payload 2.0 event carrying the method and body, and reads its response as API Gateway would. */
function lambdaRequest(invokeUrl: string) {
  return async (method: 'GET' | 'POST', rawPath: string, body?: string, contentType = 'application/json', timeoutMs = 30_000): Promise<Answer> => {
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': contentType };
    const { status, headers: answered, body: text } = await invokeHttpApi(invokeUrl, httpApiEvent({ method, rawPath, headers, body }), timeoutMs);
    return { status, headers: answered, body: text };
  };
}
