/**
 * Every starter, every deploy target, the way a user meets it: the built CLI generates it, its own toolchain installs
 * and tests it, it starts and keeps docs/contract.md over HTTP and on SIGTERM, and a serverless starter's
 * deployable function keeps the same contract under AWS's Lambda Runtime Interface Emulator.
 * The matrix comes from `list --json`, so a new framework record is tested without touching this file; each language
 * has its own test file (test/e2e/starters/<language>.test.ts, one line calling starterSuite), so two vitest workers
 * can build two ecosystems' starters at once, and a language without a file fails every one of them.
 * E2E_FRAMEWORKS=gin,echo and E2E_DEPLOY=serverless narrow it while developing; E2E_KEEP=1 keeps the projects.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContract, httpCall, type Call } from './contract.js';
import { httpApiEvent, invokeHttpApi } from './lambda-gateway.js';
import {
  describeRun,
  freePort,
  isAlive,
  killGroup,
  listeningPid,
  listeningSockets,
  runShell,
  startProcess,
  startShell,
  waitFor,
  type Background,
} from './processes.js';
import { readPodEnvironment, readServiceName, serviceHostNames } from './k8s.js';
import { checkOpenApi, checkOpenApiThroughLambda } from './openapi.js';
import { readmeCommands, type PrintedCommands } from './readme-commands.js';
import { namedPrograms, readmeShellEnv } from './readme-shell.js';
import { readSamFunction } from './sam.js';
import { REPO, requireTools, toolEnv } from './tools.js';
import { requireFreshBuild } from '../built-cli.js';

interface ListedFramework {
  id: string;
  name: string;
  language: string;
  deployTargets: string[];
  commands: { install: string; test: string; lint: string; start: string; lambda: string };
  /** Where the running starter serves its OpenAPI document, if it has one. */
  openapi?: string;
}

const CLI = requireFreshBuild();
const MINUTE = 60_000;
/** Compiled starters build on first start (cargo, Maven): generous, but bounded. */
const START_TIMEOUT = 10 * MINUTE;
const SIGTERM_DEADLINE = 10_000;

/**
 * One finding each language's linters must report, planted in a generated project to prove `commands.lint` can fail:
 * a type error (TypeScript), an unused import (ruff), unformatted code (gofmt, rustfmt, palantir-java-format).
 */
const PLANTED_FINDING: Record<string, (project: string) => { file: string; text: string }> = {
  typescript: () => ({ file: 'src/planted-finding.ts', text: "export const planted: number = 'not a number';\n" }),
  python: () => ({ file: 'tests/test_planted_finding.py', text: 'import os\n' }),
  go: () => ({ file: 'internal/api/planted_finding.go', text: 'package api\n\nfunc  planted( ) {}\n' }),
  rust: () => ({ file: 'src/planted_finding.rs', text: 'fn  planted ( ) {}\n' }),
  java: (project) => {
    const application = findFile(path.join(project, 'src/main/java'), 'Application.java');
    const pkg = /^package ([\w.]+);/m.exec(fs.readFileSync(application, 'utf8'))![1];
    return { file: path.relative(project, path.join(path.dirname(application), 'PlantedFinding.java')), text: `package ${pkg};\nclass PlantedFinding{ int x ; }\n` };
  },
};

/** Programs some README names and others do not: each must be on the README shell's PATH exactly when named. */
const PROBED_PROGRAMS = ['node', 'python3', 'go', 'cargo', 'java', 'git', 'make', 'golangci-lint', 'aws-lambda-rie', 'aws-lambda-ric', 'pnpm', 'uv'];

/**
 * The generators of a framework's own CLI, which its users expect to work in the project as in one from the CLI's
 * `new`: what they make must format, lint, build and pass the tests. Run last, since they change the project.
 */
const GENERATORS: Partial<Record<string, string>> = {
  nestjs: 'npx nest g module customers && npx nest g controller customers && npm run format && npm run lint && npm test',
};

/**
 * Beyond 65535: a parse without a range check lets it through. One value, since a start includes a build for some
 * starters (CI time); the word and the other cases are in each starter's own tests.
 */
const BAD_PORTS = ['70000'];
/** What a stack trace looks like in each language's output. */
const STACK_TRACE = /Traceback|\n\s+at |panicked at|Exception in thread|goroutine \d+ \[/;

/** The Lambda runtime each language's template.yaml must name: the one its starter is built and tested for. */
const EXPECTED_RUNTIME: Record<string, RegExp> = {
  typescript: /^nodejs24\.x$/,
  python: /^python3\.13$/,
  go: /^provided\.al2023$/,
  rust: /^provided\.al2023$/,
  java: /^java(21|25)$/,
};

/** Registers the e2e tests of every starter of one language (the frameworks `list --json` gives that language). */
export function starterSuite(language: string): void {
  const listed = JSON.parse(execFileSync(process.execPath, [CLI, 'list', '--json'], { encoding: 'utf8' })) as ListedFramework[];
  const onlyFrameworks = process.env.E2E_FRAMEWORKS?.split(',').filter(Boolean);
  const onlyDeploy = process.env.E2E_DEPLOY;
  const ofLanguage = listed.filter((f) => f.language === language);
  const matrix = ofLanguage.flatMap((f) =>
    f.deployTargets
      .filter(() => !onlyFrameworks || onlyFrameworks.includes(f.id))
      .filter((deploy) => !onlyDeploy || deploy === onlyDeploy)
      .map((deploy) => ({ framework: f, deploy })),
  );

  describe(`the ${language} e2e matrix`, () => {
    it('has a test file for every language list --json gives, and starters of this one', () => {
      const missing = [...new Set(listed.map((f) => f.language))].filter((l) => !fs.existsSync(path.join(REPO, 'test/e2e/starters', `${l}.test.ts`)));
      expect(missing, 'languages without test/e2e/starters/<language>.test.ts').toEqual([]);
      expect(ofLanguage.length, `no framework of ${language} in list --json`).toBeGreaterThan(0);
      // A filter that names nothing real is a mistake, not a pass.
      expect((onlyFrameworks ?? []).filter((id) => !listed.some((f) => f.id === id)), 'E2E_FRAMEWORKS names unknown frameworks').toEqual([]);
      if (onlyDeploy) expect(listed.flatMap((f) => f.deployTargets), 'E2E_DEPLOY').toContain(onlyDeploy);
      requireTools();
    });
  });

  // A filter that selects none of this language is fine: another language's file runs the starters it names.
  for (const { framework, deploy } of matrix) defineStarterTests(framework, deploy);
}

function defineStarterTests(framework: ListedFramework, deploy: string): void {
  describe.sequential(`${framework.id} (${deploy})`, () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), `cbf-e2e-${framework.id}-${deploy}-`));
    const project = path.join(root, 'invoice-api');
    // The README's commands run in a shell with only the programs the README names (set once it is read).
    let env = (): NodeJS.ProcessEnv => toolEnv();
    let installed: Promise<void>;
    let printed: PrintedCommands;
    // Killed at the end even when a test timed out before its own cleanup ran.
    const started: Background[] = [];
    const track = (background: Background) => (started.push(background), background);

    beforeAll(() => {
      const generated = JSON.parse(
        execFileSync(process.execPath, [CLI, 'invoice-api', '--framework', framework.id, '--deploy', deploy, '--yes', '--no-install', '--no-git', '--json'], {
          cwd: root,
          encoding: 'utf8',
        }),
      ) as { target: string; files: { path: string }[] };
      expect(generated.target).toBe(project);
      // What the README prints is what runs below; it must be the record's commands (which Next steps print too).
      const readme = fs.readFileSync(path.join(project, 'README.md'), 'utf8');
      printed = readmeCommands(readme);
      const shellEnv = readmeShellEnv(namedPrograms(readme));
      env = () => shellEnv;
      expect({ install: printed.install, test: printed.test, start: printed.start }).toEqual({ install: framework.commands.install, test: framework.commands.test, start: framework.commands.start });
      installed = runShell(printed.install, { cwd: project, env: env(), timeoutMs: 15 * MINUTE }).then((result) => {
        if (result.code !== 0) throw new Error(`install failed: ${describeRun(printed.install, result)}`);
      });
      // Reported by the tests below, so a failed install names the step instead of a hook.
      installed.catch(() => {});
    });

    afterAll(() => {
      for (const background of started) killGroup(background.child);
      if (!process.env.E2E_KEEP) fs.rmSync(root, { recursive: true, force: true });
    });

    it("runs the README's commands in a shell holding only the programs its \"What it needs\" names", async () => {
      const named = namedPrograms(fs.readFileSync(path.join(project, 'README.md'), 'utf8'));
      const probe = await runShell(`for p in ${PROBED_PROGRAMS.join(' ')}; do command -v "$p" >/dev/null && echo "$p"; done; true`, { cwd: project, env: env(), timeoutMs: MINUTE });
      const present = probe.output.split('\n').filter(Boolean);
      expect(present.sort()).toEqual(PROBED_PROGRAMS.filter((p) => named.includes(p)).sort());
    });

    it('installs and passes its own tests', async () => {
      await installed;
      const result = await runShell(printed.test, { cwd: project, env: env(), timeoutMs: 15 * MINUTE });
      expect(result.code, describeRun(printed.test, result)).toBe(0);
    });

    it('lints clean with commands.lint, which fails on a planted finding', async () => {
      await installed;
      const clean = await runShell(framework.commands.lint, { cwd: project, env: env(), timeoutMs: 15 * MINUTE });
      expect(clean.code, describeRun(framework.commands.lint, clean)).toBe(0);

      const planted = PLANTED_FINDING[framework.language]!(project);
      const file = path.join(project, planted.file);
      // Rust's fmt and clippy read modules the crate declares: lib.rs declares the planted one for this run.
      const lib = path.join(project, 'src/lib.rs');
      const libBefore = framework.language === 'rust' ? fs.readFileSync(lib, 'utf8') : undefined;
      fs.writeFileSync(file, planted.text);
      if (libBefore !== undefined) fs.writeFileSync(lib, `${libBefore}\nmod planted_finding;\n`);
      try {
        const dirty = await runShell(framework.commands.lint, { cwd: project, env: env(), timeoutMs: 15 * MINUTE });
        expect(dirty.code, `lint passed with ${planted.file}: ${describeRun(framework.commands.lint, dirty)}`).not.toBe(0);
      } finally {
        fs.rmSync(file);
        if (libBefore !== undefined) fs.writeFileSync(lib, libBefore);
      }
    });

    it('starts on PORT, keeps the HTTP contract, logs each request once and stops on SIGTERM', async () => {
      await installed;
      const port = await freePort();
      const server = track(startShell(printed.start, { cwd: project, env: { ...env(), PORT: String(port) } }));
      try {
        await expectServing(server, `http://127.0.0.1:${port}/healthz`);
        expect(
          listeningSockets(port).every((s) => /^0+$/.test(s.address)),
          'listens on 0.0.0.0 (containers need it)',
        ).toBe(true);
        await checkContract(httpCall(`http://127.0.0.1:${port}`));

        // A query string can carry a token: the request line names the path only.
        expect((await fetch(`http://127.0.0.1:${port}/healthz?token=e2e-not-for-logs`)).status).toBe(200);

        // One line per request: exactly one stdout line names the one request made to /invoices/42.
        await new Promise((r) => setTimeout(r, 500));
        const lines = server.stdout().split('\n').filter((line) => line.includes('/invoices/42'));
        expect(lines, `stdout lines about /invoices/42:\n${server.output().slice(-3000)}`).toHaveLength(1);
        expect(server.output(), 'no query string in the logs').not.toContain('e2e-not-for-logs');

        const pid = listeningPid(port);
        expect(pid, 'a process listens on the port').toBeDefined();
        process.kill(pid!, 'SIGTERM');
        const stopped = await waitFor(async () => !isAlive(pid!), { timeoutMs: SIGTERM_DEADLINE, intervalMs: 50 });
        expect(stopped, `still running ${SIGTERM_DEADLINE} ms after SIGTERM`).toBe(true);
        const exit = await Promise.race([server.exited, new Promise((r) => setTimeout(() => r('still running'), 20_000))]);
        expect(exit, `exit after SIGTERM:\n${server.output().slice(-3000)}`).toEqual({ code: 0, signal: null });
      } finally {
        killGroup(server.child);
      }
    });

    if (framework.openapi && deploy === 'containers') {
      it(`serves ${framework.openapi} and holds to it under Schemathesis, every check on; /docs with API_DOCS=1`, async () => {
        await installed;
        const port = await freePort();
        // With its interactive docs on (each starter's own tests hold them off by default), which are then served.
        const server = track(startShell(printed.start, { cwd: project, env: { ...env(), PORT: String(port), API_DOCS: '1' } }));
        try {
          await expectServing(server, `http://127.0.0.1:${port}/healthz`);
          const docs = await fetch(`http://127.0.0.1:${port}/docs`);
          expect([docs.status, docs.headers.get('content-type')], 'GET /docs with API_DOCS=1').toEqual([200, expect.stringMatching(/^text\/html/)]);
          await checkOpenApi(`http://127.0.0.1:${port}`, project);
        } finally {
          killGroup(server.child);
        }
      });
    }

    it('refuses PORT=70000 at start, with one line naming it and the value, not a stack trace', async () => {
      await installed;
      for (const bad of BAD_PORTS) {
        const refused = await runShell(printed.start, { cwd: project, env: { ...env(), PORT: bad }, timeoutMs: START_TIMEOUT });
        expect(refused.code, `started with PORT=${bad}: ${describeRun(printed.start, refused)}`).not.toBe(0);
        const line = refused.output.split('\n').find((l) => l.includes('PORT') && l.includes(bad));
        expect(line, `no line names PORT and ${bad}:\n${refused.output.slice(-3000)}`).toBeDefined();
        expect(refused.output, 'a message, not a stack trace').not.toMatch(STACK_TRACE);
      }
    });

    if (deploy === 'containers') {
      it("runs with k8s/deployment.yaml's environment: refuses to start without a Secret it names, answers the Service's host names", async () => {
        await installed;
        const pod = readPodEnvironment(path.join(project, 'k8s/deployment.yaml'));
        const service = readServiceName(path.join(project, 'k8s/service.yaml'));
        const port = await freePort();
        const podEnv = (without?: string) => {
          const vars: NodeJS.ProcessEnv = { ...env(), ...pod.env, PORT: String(port) };
          if (without) delete vars[without];
          return vars;
        };
        // Kubernetes refuses to start a pod whose Secret is missing; a server run elsewhere without it must refuse too.
        for (const secret of pod.fromSecrets) {
          const refused = await runShell(framework.commands.start, { cwd: project, env: podEnv(secret), timeoutMs: START_TIMEOUT });
          expect(refused.code, `started without ${secret}: ${describeRun(framework.commands.start, refused)}`).not.toBe(0);
          expect(refused.output, 'the refusal names the variable').toContain(secret);
          expect(refused.output, 'the refusal is a message, not a stack trace').not.toMatch(STACK_TRACE);
        }

        const server = track(startShell(framework.commands.start, { cwd: project, env: podEnv() }));
        try {
          // The probes call the pod's IP, here 127.0.0.1.
          await expectServing(server, `http://127.0.0.1:${port}/healthz`);
          for (const host of serviceHostNames(service)) await checkContract(httpCall(`http://127.0.0.1:${port}`, { host }));
        } finally {
          killGroup(server.child);
        }
      });
    }

    if (deploy === 'serverless') {
      const fuzzed = framework.openapi ? `, and holds to ${framework.openapi} under Schemathesis behind an HTTP API gateway` : '';
      it(`runs as the Lambda function template.yaml names, under the runtime emulator, and keeps the contract${fuzzed}`, async () => {
        await installed;
        const tools = requireTools();
        const fn = readSamFunction(path.join(project, 'template.yaml'));
        expect(fn.runtime, 'template.yaml Runtime').toMatch(EXPECTED_RUNTIME[framework.language]!);
        const [apiPort, runtimePort] = [await freePort(), await freePort()];
        // The README's emulator line, word for word: the record's command, and the Handler template.yaml names.
        expect(printed.lambdaArgv, 'the README line `aws-lambda-rie ...`').toEqual(['sh', '-c', framework.commands.lambda, fn.handler]);
        // RIE takes the last argument as the handler and sets _HANDLER for the runtime, as Lambda does.
        const rie = track(startProcess(
          tools.awsLambdaRie,
          ['--runtime-interface-emulator-address', `127.0.0.1:${apiPort}`, '--runtime-api-address', `127.0.0.1:${runtimePort}`, ...printed.lambdaArgv!],
          { cwd: project, env: { ...env(), AWS_LAMBDA_FUNCTION_TIMEOUT: '900' } },
        ));
        try {
          const call = lambdaCall(`http://127.0.0.1:${apiPort}/2015-03-31/functions/function/invocations`);
          const listening = await waitFor(async () => listeningPid(apiPort) !== undefined, { timeoutMs: 30_000, while: () => rie.child.exitCode === null });
          expect(listening, `the emulator did not start:\n${rie.output().slice(-4000)}`).toBe(true);
          // The first invocation builds the artifact (as `sam build` would) and starts the runtime: one call, no
          // retries, so a function that fails to start fails here with the emulator's log.
          const first = await call('/healthz', 12 * MINUTE).catch((error: Error) => error);
          expect(first instanceof Error ? first.message : first.status, `first invocation:\n${rie.output().slice(-4000)}`).toBe(200);
          await checkContract((p) => call(p, 30_000));
          // The function's Lambda adapter and the app behind it, fuzzed through API Gateway's event translation.
          if (framework.openapi) {
            await checkOpenApiThroughLambda(`http://127.0.0.1:${apiPort}/2015-03-31/functions/function/invocations`, project);
          }
        } finally {
          killGroup(rie.child);
        }
      });
    }

    const generators = GENERATORS[framework.id];
    if (generators) {
      it(`its framework's CLI generators work in it: ${generators}`, async () => {
        await installed;
        const result = await runShell(generators, { cwd: project, env: env(), timeoutMs: 15 * MINUTE });
        expect(result.code, describeRun(generators, result)).toBe(0);
      });
    }
  });
}

function findFile(dir: string, name: string): string {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isFile() && entry.name === name) return full;
    if (entry.isDirectory()) {
      const found = findFile(full, name);
      if (found) return found;
    }
  }
  return '';
}

async function expectServing(server: Background, healthUrl: string): Promise<void> {
  const up = await waitFor(async () => (await fetch(healthUrl, { signal: AbortSignal.timeout(2000) })).ok, {
    timeoutMs: START_TIMEOUT,
    while: () => server.child.exitCode === null,
  });
  expect(up, `the server never answered ${healthUrl}:\n${server.output().slice(-4000)}`).toBe(true);
}

/** Invokes the function with a payload 2.0 event and reads its structured response as API Gateway would. */
function lambdaCall(invokeUrl: string) {
  return async (rawPath: string, timeoutMs: number): Promise<Awaited<ReturnType<Call>>> => {
    const { status, headers, body } = await invokeHttpApi(invokeUrl, httpApiEvent({ method: 'GET', rawPath }), timeoutMs);
    return { status, headers, body };
  };
}
