import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type pg from 'pg';
import { DATABASE_URL, requireDatabase } from './database.js';

/** An API Gateway HTTP API (payload format 2.0) event, as the routes in template.yaml deliver it. */
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
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.10', userAgent: 'vitest' },
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

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;
let handler: Handler;

async function invoke(method: string, path: string, body?: unknown) {
  const result = (await handler(
    httpApiEvent(method, path, body === undefined ? undefined : JSON.stringify(body)),
    {} as Context,
  )) as APIGatewayProxyStructuredResultV2;
  const text = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64').toString() : (result.body ?? '');
  const headers = Object.fromEntries(
    Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
  return { status: result.statusCode, headers, json: JSON.parse(text) as Record<string, unknown> };
}

/**
 * The deployed handler (src/lambda.ts) on the test database, through its one connection. Its rows cannot be rolled
 * back from here, so each is deleted after the test that wrote it (test/app.e2e-spec.ts isolates by transaction).
 */
describe('Lambda handler (HTTP API payload 2.0) on PostgreSQL', () => {
  const written: number[] = [];
  let client: pg.Client;

  beforeAll(async () => {
    client = await requireDatabase();
    expect(process.env.DATABASE_URL).toBe(DATABASE_URL);
    ({ handler } = (await import('../src/lambda.js')) as { handler: Handler });
  });
  afterEach(async () => {
    await client.query('DELETE FROM invoices WHERE id = ANY($1)', [written.splice(0)]);
  });
  afterAll(async () => {
    await client?.end();
  });

  it('stores an invoice and reads it back', async () => {
    const created = await invoke('POST', '/invoices', { status: "'; DROP TABLE invoices; --" });
    expect(created.status).toBe(201);
    written.push(created.json.id as number);
    expect(created.headers.location).toBe(`/invoices/${created.json.id}`);
    const read = await invoke('GET', `/invoices/${created.json.id}`);
    expect([read.status, read.json]).toEqual([200, { id: created.json.id, status: "'; DROP TABLE invoices; --" }]);
  });

  it('answers a JSON 400 for a body without status, and a JSON 404 for no such invoice', async () => {
    expect((await invoke('POST', '/invoices', { state: 'paid' })).status).toBe(400);
    expect((await invoke('GET', '/invoices/987654321')).status).toBe(404);
  });

  it('answers /readyz and /healthz', async () => {
    expect((await invoke('GET', '/readyz')).json).toEqual({ status: 'ok' });
    expect((await invoke('GET', '/healthz')).json).toEqual({ status: 'ok' });
  });

  it('answers a JSON 404 for an unknown path', async () => {
    const res = await invoke('GET', '/nope');
    expect(res.status).toBe(404);
  });

  it('serves /openapi.json, and a JSON 405 naming the methods of a path, for one it does not serve', async () => {
    const res = await invoke('GET', '/openapi.json');
    expect([res.status, res.json.openapi]).toEqual([200, '3.1.0']);
    const other = await invoke('DELETE', '/invoices/1');
    expect([other.status, other.headers.allow]).toEqual([405, 'GET, HEAD']);
  });
});
