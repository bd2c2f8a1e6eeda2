/**
 * A running starter against its own OpenAPI document: /openapi.json is served as OpenAPI 3, then Schemathesis
 * generates requests from it with every check it has (`--checks all`: each documented response holds, no 5xx for any
 * input, undocumented statuses and a method a path does not serve, 405, are failures). Bounded in examples and time
 * for CI's budget; the stateful phase (sequences of linked calls) is left out for the same reason.
 */
import { expect } from 'vitest';
import { startLambdaGateway } from './lambda-gateway.js';
import { requireTools } from './tools.js';
import { describeRun, runShell } from './processes.js';

/** Seconds Schemathesis may spend; its examples, coverage and fuzzing phases share them. */
const MAX_SECONDS = 10;

export async function checkOpenApi(baseUrl: string, cwd: string): Promise<void> {
  const document = await fetch(`${baseUrl}/openapi.json`);
  expect(document.status, 'GET /openapi.json').toBe(200);
  expect(String(((await document.json()) as { openapi?: unknown }).openapi)).toMatch(/^3\./);

  const command = [
    `'${requireTools().schemathesis}' run '${baseUrl}/openapi.json'`,
    '--checks all --phases examples,coverage,fuzzing --max-examples 10 --seed 1',
    `--max-time ${MAX_SECONDS} --workers 1 --no-color`,
  ].join(' ');
  const run = await runShell(command, { cwd, env: { ...process.env, NO_COLOR: '1' }, timeoutMs: (MAX_SECONDS + 60) * 1000 });
  expect(run.code, describeRun(command, run)).toBe(0);
}

/** The same, against a Lambda function under the emulator, reached through API Gateway's event translation. */
export async function checkOpenApiThroughLambda(invokeUrl: string, cwd: string): Promise<void> {
  const gateway = await startLambdaGateway(invokeUrl);
  try {
    await checkOpenApi(gateway.url, cwd);
  } finally {
    await gateway.close();
  }
}
