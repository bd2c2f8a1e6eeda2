import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { buildApp } from '../src/app.ts';
import { handler } from '../src/lambda.ts';
import { precompiledSchemaController } from '../src/precompiled-schemas.ts';

/** An API Gateway HTTP API (payload format 2.0) event, as the route in template.yaml delivers it. */
function httpApiEvent(path: string): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'ANY /{proxy+}',
    rawPath: path,
    rawQueryString: '',
    headers: { accept: 'application/json', host: 'example.execute-api.us-east-1.amazonaws.com' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'example',
      domainName: 'example.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'example',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.10', userAgent: 'node-test' },
      requestId: 'test-request',
      routeKey: 'ANY /{proxy+}',
      stage: '$default',
      time: '25/Nov/2026:10:00:00 +0000',
      timeEpoch: 1795600800000,
    },
    pathParameters: { proxy: path.slice(1) },
    isBase64Encoded: false,
  };
}

async function invoke(path: string) {
  const result = (await handler(httpApiEvent(path), {} as Context)) as APIGatewayProxyStructuredResultV2;
  const body = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64').toString() : (result.body ?? '');
  const headers = Object.fromEntries(
    Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
  return { status: result.statusCode, headers, json: JSON.parse(body) };
}

describe('Lambda handler (HTTP API payload 2.0)', () => {
  it('answers 200 for /invoices/42', async () => {
    const res = await invoke('/invoices/42');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'] ?? '', /^application\/json/);
    assert.deepEqual(res.json, { id: 42, status: 'paid' });
  });

  it('answers a JSON 400 for /invoices/abc', async () => {
    const res = await invoke('/invoices/abc');
    assert.equal(res.status, 400);
    assert.match(res.json.message, /id/);
  });

  it('answers /healthz', async () => {
    const res = await invoke('/healthz');
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, { status: 'ok' });
  });

  it('answers a JSON 404 for an unknown path', async () => {
    const res = await invoke('/nope');
    assert.equal(res.status, 404);
    assert.equal(res.json.statusCode, 404);
  });
});

describe('the OpenAPI document', () => {
  it('serves /openapi.json from the function', async () => {
    const res = await invoke('/openapi.json');
    assert.equal(res.status, 200);
    assert.equal(res.json.openapi, '3.1.0');
  });

  it('serves a document made at build time as it is, without @fastify/swagger', async () => {
    const made = { openapi: '3.1.0', info: { title: 'made at build time', version: '0' }, paths: {} };
    const app = buildApp({ logger: false, openApiDocument: made });
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
      schemaController: precompiledSchemaController({ validators: {}, serializers: {} }),
    });
    await assert.rejects(app.ready(), /No compiled code for the schema of GET \//);
  });
});
