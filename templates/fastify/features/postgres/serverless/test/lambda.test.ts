import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import awsLambdaFastify from '@fastify/aws-lambda';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type pg from 'pg';
import { buildApp } from '../src/app.ts';
import { closeSharedPool } from '../src/db.ts';
import { precompiledSchemaController } from '../src/precompiled-schemas.ts';
import { connect, DATABASE_URL, isolated } from './database.ts';

// The deployed handler reads DATABASE_URL (template.yaml's parameter); here, the tests' database.
process.env.DATABASE_URL = DATABASE_URL;
const { handler } = await import('../src/lambda.ts');

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;

/** An API Gateway HTTP API (payload format 2.0) event, as the route in template.yaml delivers it. */
function httpApiEvent(method: string, path: string, body?: string): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'ANY /{proxy+}',
    rawPath: path,
    rawQueryString: '',
    headers: {
      accept: 'application/json',
      host: 'example.execute-api.us-east-1.amazonaws.com',
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'example',
      domainName: 'example.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'example',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.10', userAgent: 'node-test' },
      requestId: 'test-request',
      routeKey: 'ANY /{proxy+}',
      stage: '$default',
      time: '25/Nov/2026:10:00:00 +0000',
      timeEpoch: 1795600800000,
    },
    pathParameters: { proxy: path.slice(1) },
    body,
    isBase64Encoded: false,
  };
}

async function invoke(fn: Handler, method: string, path: string, body?: unknown) {
  const result = (await fn(
    httpApiEvent(method, path, body === undefined ? undefined : JSON.stringify(body)),
    {} as Context,
  )) as APIGatewayProxyStructuredResultV2;
  const text = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64').toString() : (result.body ?? '');
  const headers = Object.fromEntries(
    Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
  return { status: result.statusCode, headers, json: JSON.parse(text) };
}

let client: pg.Client;
// The same app and adapter as src/lambda.ts, on one client whose transaction each test rolls back.
let isolatedHandler: Handler;
let closeApp: () => Promise<unknown>;

before(async () => {
  client = await connect();
  const app = buildApp({ logger: false, db: client });
  isolatedHandler = awsLambdaFastify(app) as Handler;
  closeApp = () => app.close();
});
after(async () => {
  await closeApp?.();
  await client?.end();
  // The deployed handler's connection, which on Lambda lives as long as the instance.
  await closeSharedPool();
});
beforeEach(() => isolated(client).begin());
afterEach(() => isolated(client).rollback());

describe('Lambda handler (HTTP API payload 2.0)', () => {
  it('stores an invoice and reads it back', async () => {
    const created = await invoke(isolatedHandler, 'POST', '/invoices', { status: "'; DROP TABLE invoices; --" });
    assert.equal(created.status, 201);
    assert.equal(created.headers.location, `/invoices/${created.json.id}`);
    const read = await invoke(isolatedHandler, 'GET', `/invoices/${created.json.id}`);
    assert.deepEqual([read.status, read.json], [200, { id: created.json.id, status: "'; DROP TABLE invoices; --" }]);
  });

  it('answers a JSON 400 for a body without status, and a JSON 404 for no such invoice', async () => {
    assert.equal((await invoke(isolatedHandler, 'POST', '/invoices', { state: 'paid' })).status, 400);
    assert.equal((await invoke(isolatedHandler, 'GET', '/invoices/987654321')).status, 404);
  });

  it('the deployed handler answers /readyz and /healthz from its own connection', async () => {
    assert.deepEqual((await invoke(handler as Handler, 'GET', '/readyz')).json, { status: 'ok' });
    assert.deepEqual((await invoke(handler as Handler, 'GET', '/healthz')).json, { status: 'ok' });
  });

  it('answers a JSON 404 for an unknown path', async () => {
    const res = await invoke(handler as Handler, 'GET', '/nope');
    assert.equal(res.status, 404);
  });
});

describe('the OpenAPI document', () => {
  it('serves /openapi.json from the deployed handler', async () => {
    const res = await invoke(handler as Handler, 'GET', '/openapi.json');
    assert.deepEqual([res.status, res.json.openapi], [200, '3.1.0']);
  });

  it('serves a document made at build time as it is, without @fastify/swagger', async () => {
    const made = { openapi: '3.1.0', info: { title: 'made at build time', version: '0' }, paths: {} };
    const app = buildApp({ logger: false, db: client, openApiDocument: made });
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    assert.deepEqual(res.json(), made);
    assert.equal(app.hasDecorator('swagger'), false);
    await app.close();
  });
});

describe('route schemas compiled at build time', () => {
  it('refuses to start when a route schema has no compiled code', async () => {
    const app = buildApp({
      logger: false,
      db: client,
      schemaController: precompiledSchemaController({ validators: {}, serializers: {} }),
    });
    await assert.rejects(app.ready(), /No compiled code for the schema of/);
  });
});
