/**
 * Section 5: each serverless starter's Lambda function under AWS's Runtime Interface Emulator (aws-lambda-rie),
 * beside a hello-world function of the same runtime, built and measured the same way in the same run.
 *
 * `commands.lambda` is the starter's scripts/lambda-runtime.sh, which builds the artifact into
 * .aws-sam/build/ApiFunction and then starts the runtime in it; `LAMBDA_STEPS=build` and `LAMBDA_STEPS=run` run one
 * step each. The build runs once, outside the timing; the run step runs under the emulator, with the Handler that
 * template.yaml names. A hello-world gets the same layout (.aws-sam/build/ApiFunction, plus links to the starter's
 * runtime pieces: the awslambdaric venv, the Java RIC jars) and runs under the very same run step of its starter's
 * script, so the runtime, its flags and the emulator are identical and only the function differs.
 *
 * The artifact's files are re-dated 1980-01-01 after the build, as they arrive on Lambda from SAM's zip.
 * Cold start: from spawning the emulator (which starts the runtime) to the answer of the first invocation
 * (GET /healthz as an API Gateway HTTP API payload 2.0 event from the e2e suite's lambda-gateway.ts). Warm: the
 * following invocations of GET /invoices/42, one at a time. Peak RSS: the runtime's process tree under the emulator
 * (the emulator itself excluded), sampled every 20 ms from /proc VmHWM.
 */
import fs from 'node:fs';
import path from 'node:path';
import { e2e, fmt, freshDir, listFrameworks, mb, median, MINUTE, ms, now, ratio, request, sleep, table, waitForPort, sampleTreeRss } from './lib.mjs';
import { prepareProjects } from './projects.mjs';

export async function lambda({ frameworks, quick }) {
  const e = await e2e();
  const tools = e.requireTools();
  const env = e.toolEnv();
  const listed = listFrameworks().filter((f) => f.deployTargets.includes('serverless') && (!frameworks || frameworks.includes(f.id)));
  const projects = await prepareProjects(listed, 'serverless', e, env);
  const coldReps = quick ? 2 : 3;
  const warmCalls = 20;

  async function measure(label, cwd, runCommand, handler) {
    const colds = [];
    const warms = [];
    let peak = 0;
    for (let rep = 0; rep < coldReps; rep++) {
      const [apiPort, runtimePort] = [await e.freePort(), await e.freePort()];
      const t0 = now();
      const rie = e.startProcess(
        tools.awsLambdaRie,
        ['--runtime-interface-emulator-address', `127.0.0.1:${apiPort}`, '--runtime-api-address', `127.0.0.1:${runtimePort}`, 'sh', '-c', runCommand, handler],
        { cwd, env: { ...env, AWS_LAMBDA_FUNCTION_TIMEOUT: '60' } },
      );
      const rss = sampleTreeRss(rie.child.pid, { includeRoot: false, intervalMs: 20 });
      try {
        const alive = () => rie.child.exitCode === null;
        if (!(await waitForPort(apiPort, { timeoutMs: 30_000, alive }))) throw new Error(`${label}: the emulator did not listen:\n${rie.output().slice(-3000)}`);
        const url = `http://127.0.0.1:${apiPort}/2015-03-31/functions/function/invocations`;
        await invoke(url, '/healthz', 3 * MINUTE, label, rie);
        colds.push(now() - t0);
        for (let i = 0; i < warmCalls; i++) {
          const t = now();
          await invoke(url, '/invoices/42', 30_000, label, rie);
          warms.push(now() - t);
        }
      } finally {
        peak = Math.max(peak, rss.stop());
        e.killGroup(rie.child);
        await Promise.race([rie.exited, sleep(10_000)]);
      }
    }
    return { cold: median(colds), coldMin: Math.min(...colds), warm: median(warms), rss: peak };
  }

  const results = [];
  const byLanguage = new Map();
  for (const p of projects) {
    const fw = p.fw;
    if (p.problem) {
      results.push({ fw, problem: p.problem });
      continue;
    }
    try {
      const fn = e.readSamFunction(path.join(p.dir, 'template.yaml'));
      const { build, run } = lambdaSteps(fw.commands.lambda, p.dir);
      process.stderr.write(`[bench] ${fw.id}: lambda build: ${build}\n`);
      const t0 = now();
      const r = await e.runShell(build, { cwd: p.dir, env: { ...env, _HANDLER: fn.handler }, timeoutMs: 15 * MINUTE });
      const buildMs = now() - t0;
      if (r.code !== 0) throw new Error(e.describeRun(build, r));
      dateAsDeployed(path.join(p.dir, ARTIFACT));
      process.stderr.write(`[bench] ${fw.id}: measuring under aws-lambda-rie\n`);
      const m = await measure(fw.id, p.dir, run, fn.handler);
      results.push({ fw, m, buildMs, runtime: fn.runtime });
      if (!byLanguage.has(fw.language)) byLanguage.set(fw.language, { project: p, run, runtime: fn.runtime });
    } catch (error) {
      process.stderr.write(`[bench] ${fw.id}: ${error.message}\n`);
      results.push({ fw, problem: `failed: ${String(error.message).split('\n')[0].slice(0, 120)}` });
    }
  }

  // Hello-worlds, one per runtime that a measured starter uses, measured under that starter's run command.
  const hellos = new Map();
  for (const [language, { project, run, runtime }] of byLanguage) {
    try {
      process.stderr.write(`[bench] hello-world (${language}): build\n`);
      const hello = await buildHello(language, project.dir, e, env);
      dateAsDeployed(path.join(hello.dir, ARTIFACT));
      const m = await measure(`hello-${language}`, hello.dir, run, hello.handler);
      hellos.set(language, { m, what: hello.what, runtime });
    } catch (error) {
      process.stderr.write(`[bench] hello-world (${language}): ${error.message}\n`);
      hellos.set(language, { problem: `failed: ${String(error.message).split('\n')[0].slice(0, 120)}` });
    }
  }

  const rows = [];
  const problems = [];
  for (const r of results) {
    if (r.problem) {
      rows.push([r.fw.id, '', 'n/a', '', '', '', '', '', '', '', '', '']);
      problems.push(`${r.fw.id}: ${r.problem}`);
      continue;
    }
    const h = hellos.get(r.fw.language);
    const hm = h?.m;
    rows.push([r.fw.id, r.runtime, ms(r.m.cold), ms(r.m.coldMin), hm ? ms(hm.cold) : 'n/a', hm ? ratio(r.m.cold, hm.cold) : 'n/a', ms(r.m.warm), hm ? ms(hm.warm) : 'n/a', mb(r.m.rss), hm ? mb(hm.rss) : 'n/a', hm ? ratio(r.m.rss, hm.rss) : 'n/a', r.buildMs ? fmt(r.buildMs / 1000, 1) : '']);
  }
  table(
    `5. Lambda under aws-lambda-rie: cold start (median of ${coldReps} fresh emulators), warm invocation (median of ${coldReps}x${warmCalls}), peak RSS`,
    ['framework', 'runtime', 'cold ms', 'min', 'hello cold ms', 'cold vs hello', 'warm ms', 'hello warm ms', 'RSS MiB', 'hello RSS', 'RSS vs hello', 'build s (excluded)'],
    rows,
    [
      ...problems.map((p) => `NOT MEASURED ${p}`),
      'cold: spawn of aws-lambda-rie (which starts the runtime with LAMBDA_STEPS=run of scripts/lambda-runtime.sh) to the answer of the first',
      '  invocation; its build step (LAMBDA_STEPS=build: make build-ApiFunction, the RIC venv/jars) ran once before, untimed (last column).',
      'warm: one invocation at a time after the cold one, API Gateway HTTP API 2.0 events; ms from POST to response, over a fresh connection.',
      'artifact: every file re-dated 1980-01-01 after the build, as in the zip `sam deploy` uploads (so mtime-checked caches behave as on Lambda).',
      'RSS: peak of the summed VmHWM of the runtime process tree (the emulator excluded), sampled every 20 ms. Goal: cold within 2x of hello.',
      'hello-worlds (same runtime, same run command and flags, same emulator; built in the scratch folder):',
      ...[...hellos].map(([language, h]) => `  ${language}: ${h.problem ?? h.what}`),
      'AWS figures for hello-world inits (lambda-perf, 2026): Rust ~15 ms, Go ~45, Python 3.13 ~80, Node 24 ~120, Java 21 ~240 ms; local figures include process spawn and the emulator.',
    ],
  );
}

/**
 * The two steps of commands.lambda (`sh scripts/lambda-runtime.sh`), with the script's path made absolute so a
 * hello-world folder runs its starter's very script.
 */
export function lambdaSteps(command, projectDir) {
  const m = /^sh (scripts\/lambda-runtime\.sh)$/.exec(command);
  if (!m) throw new Error(`commands.lambda is "${command}", not "sh scripts/lambda-runtime.sh" (whose LAMBDA_STEPS this bench uses)`);
  const script = JSON.stringify(path.join(projectDir, m[1]));
  return { build: `LAMBDA_STEPS=build sh ${script}`, run: `LAMBDA_STEPS=run sh ${script}` };
}

/**
 * The artifact's files dated as Lambda gets them: `sam deploy` zips the build folder without timestamps, so every file
 * arrives in /var/task dated 1980-01-01 (aws/aws-lambda-builders#924). What validates a cache by mtime, such as
 * Python's default .pyc files, then sees that date and not the build's. Links (the hello-world's runtime pieces,
 * which Lambda keeps outside the function) are left alone.
 */
function dateAsDeployed(dir) {
  const zipEpoch = new Date('1980-01-01T00:00:00Z');
  let dated = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    fs.utimesSync(path.join(entry.parentPath, entry.name), zipEpoch, zipEpoch);
    dated++;
  }
  if (dated === 0) throw new Error(`${dir}: no files to date: is this the built artifact?`);
}

async function invoke(url, rawPath, timeoutMs, label, rie) {
  const { httpApiEvent } = await e2eEvent();
  let res;
  try {
    res = await request(url, { method: 'POST', body: JSON.stringify(httpApiEvent({ method: 'GET', rawPath })), timeoutMs });
  } catch (error) {
    throw new Error(`${label}: invoking ${rawPath}: ${error.message}\n${rie.output().slice(-3000)}`);
  }
  let result;
  try {
    result = JSON.parse(res.body);
  } catch {
    result = undefined;
  }
  if (res.status !== 200 || result?.statusCode !== 200) throw new Error(`${label}: ${rawPath} answered ${res.status} ${res.body.slice(0, 300)}\n${rie.output().slice(-3000)}`);
  return result;
}
let eventModule;
const e2eEvent = async () => (eventModule ??= await e2e());

const ARTIFACT = '.aws-sam/build/ApiFunction';

/** Builds a hello-world function for a language in the layout its starter's run command expects. */
async function buildHello(language, starterDir, e, env) {
  const dir = freshDir('hello', language);
  const artifact = path.join(dir, ARTIFACT);
  fs.mkdirSync(artifact, { recursive: true });
  const sh = async (command, cwd = dir) => {
    const r = await e.runShell(command, { cwd, env, timeoutMs: 15 * MINUTE });
    if (r.code !== 0) throw new Error(e.describeRun(command, r));
    return r.output;
  };
  const linkFromStarter = (rel) => {
    const target = path.join(starterDir, rel);
    if (!fs.existsSync(target)) throw new Error(`${target} is missing: the starter's lambda build should have made it`);
    fs.symlinkSync(target, path.join(dir, rel));
  };
  const body = JSON.stringify({ status: 'ok' });

  if (language === 'typescript') {
    fs.writeFileSync(
      path.join(artifact, 'index.mjs'),
      `export const handler = async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: ${JSON.stringify(body)} });\n`,
    );
    return { dir, handler: 'index.handler', what: 'index.mjs exporting an async handler that returns a 200 JSON response (no dependencies)' };
  }
  if (language === 'python') {
    linkFromStarter('.aws-sam/ric');
    fs.writeFileSync(
      path.join(artifact, 'hello.py'),
      `import json\n\n\ndef handler(event, context):\n    return {"statusCode": 200, "headers": {"content-type": "application/json"}, "body": json.dumps({"status": "ok"})}\n`,
    );
    return { dir, handler: 'hello.handler', what: 'hello.py handler (stdlib only), run by the starter\'s awslambdaric venv (.aws-sam/ric, linked)' };
  }
  if (language === 'go') {
    const gomod = fs.readFileSync(path.join(starterDir, 'go.mod'), 'utf8');
    const goVersion = /^go (\S+)/m.exec(gomod)?.[1] ?? '1.22';
    const lambdaGo = /github\.com\/aws\/aws-lambda-go (v\S+)/.exec(gomod)?.[1];
    if (!lambdaGo) throw new Error(`${starterDir}/go.mod does not require github.com/aws/aws-lambda-go`);
    fs.writeFileSync(path.join(dir, 'go.mod'), `module example.com/hello\n\ngo ${goVersion}\n\nrequire github.com/aws/aws-lambda-go ${lambdaGo}\n`);
    fs.writeFileSync(
      path.join(dir, 'main.go'),
      `package main

import (
	"context"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

func handler(_ context.Context, _ events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	return events.APIGatewayV2HTTPResponse{StatusCode: 200, Headers: map[string]string{"content-type": "application/json"}, Body: \`${body}\`}, nil
}

func main() { lambda.Start(handler) }
`,
    );
    await sh('go mod tidy');
    // The starters' Makefile flags, for this machine's architecture (as commands.lambda builds them for the emulator).
    await sh(`CGO_ENABLED=0 GOOS=linux GOARCH="$(go env GOARCH)" go build -tags lambda.norpc -trimpath -ldflags="-s -w" -o "${ARTIFACT}/bootstrap" .`);
    return { dir, handler: 'bootstrap', what: `aws-lambda-go ${lambdaGo} handler returning an APIGatewayV2HTTPResponse, built with the starters' go build flags` };
  }
  if (language === 'rust') {
    const lock = fs.readFileSync(path.join(starterDir, 'Cargo.lock'), 'utf8');
    const version = (name) => new RegExp(`name = "${name}"\\nversion = "([^"]+)"`).exec(lock)?.[1];
    const [runtime, tokio, serdeJson] = [version('lambda_runtime'), version('tokio'), version('serde_json')];
    if (!runtime || !tokio || !serdeJson) throw new Error(`${starterDir}/Cargo.lock lacks lambda_runtime, tokio or serde_json`);
    const toml = fs.readFileSync(path.join(starterDir, 'Cargo.toml'), 'utf8');
    const profile = /^\[profile\.release\][^[]*/m.exec(toml)?.[0] ?? '';
    fs.writeFileSync(
      path.join(dir, 'Cargo.toml'),
      `[package]\nname = "hello-lambda"\nversion = "0.1.0"\nedition = "2021"\npublish = false\n\n[dependencies]\nlambda_runtime = "=${runtime}"\nserde_json = "=${serdeJson}"\ntokio = { version = "=${tokio}", features = ["macros", "rt-multi-thread"] }\n\n${profile}`,
    );
    // The starter's lock pins every shared crate to the version already in the Cargo cache.
    fs.copyFileSync(path.join(starterDir, 'Cargo.lock'), path.join(dir, 'Cargo.lock'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(
      path.join(dir, 'src/main.rs'),
      `use lambda_runtime::{service_fn, Error, LambdaEvent};
use serde_json::{json, Value};

async fn handler(_event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(json!({ "statusCode": 200, "headers": { "content-type": "application/json" }, "body": ${JSON.stringify(body)} }))
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_runtime::run(service_fn(handler)).await
}
`,
    );
    const out = await sh('cargo build --release --message-format=json 2>/dev/null');
    const exe = out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l))
      .find((m) => m.reason === 'compiler-artifact' && m.executable && m.target?.name === 'hello-lambda')?.executable;
    if (!exe) throw new Error('cargo did not report the hello-lambda binary');
    fs.copyFileSync(exe, path.join(artifact, 'bootstrap'));
    fs.chmodSync(path.join(artifact, 'bootstrap'), 0o755);
    return { dir, handler: 'bootstrap', what: `lambda_runtime ${runtime} handler returning a JSON value, tokio ${tokio}, the starter's [profile.release]` };
  }
  if (language === 'java') {
    linkFromStarter('.aws-sam/lambda-emulator-runtime');
    const src = path.join(dir, 'src');
    fs.mkdirSync(src);
    fs.writeFileSync(
      path.join(src, 'Hello.java'),
      `import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

public class Hello implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    return Map.of("statusCode", 200, "headers", Map.of("content-type", "application/json"), "body", ${JSON.stringify(body)});
  }
}
`,
    );
    await sh(`javac -cp '.aws-sam/lambda-emulator-runtime/*' -d '${ARTIFACT}' src/Hello.java`);
    return { dir, handler: 'Hello::handleRequest', what: 'a RequestHandler<Map, Map> class (aws-lambda-java-core only), run by the starter\'s Java RIC jars (linked)' };
  }
  throw new Error(`no hello-world for ${language}`);
}
