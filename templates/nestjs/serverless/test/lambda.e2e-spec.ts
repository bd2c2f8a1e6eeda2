import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { handler } from '../src/lambda.js';

/** An API Gateway HTTP API (payload format 2.0) event, as the routes in template.yaml deliver it. */
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
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.10', userAgent: 'vitest' },
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
  return { status: result.statusCode, headers, json: JSON.parse(body) as Record<string, unknown> };
}

describe('Lambda handler (HTTP API payload 2.0)', () => {
  it.each([42, -7, 0])('answers 200 for /invoices/%d', async (id) => {
    const res = await invoke(`/invoices/${id}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json).toEqual({ id, status: 'paid' });
  });

  it.each(['abc', '1.5', '99999999999999999999999'])('answers a JSON 400 for /invoices/%s', async (bad) => {
    const res = await invoke(`/invoices/${bad}`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json.message).toMatch(/id must be an integer/);
  });

  it('answers /healthz', async () => {
    const res = await invoke('/healthz');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'ok' });
  });

  it('answers a JSON 404 for an unknown path', async () => {
    const res = await invoke('/nope');
    expect(res.status).toBe(404);
    expect(res.json.statusCode).toBe(404);
  });

  it('serves /openapi.json from the function', async () => {
    const res = await invoke('/openapi.json');
    expect([res.status, res.json.openapi]).toEqual([200, '3.1.0']);
  });
});
