/**
 * What API Gateway's HTTP API does in front of a Lambda function, for the e2e suite: a request becomes a payload 2.0
 * event (AWS's "Working with AWS Lambda proxy integrations for HTTP APIs" page), the function is invoked through the
 * Runtime Interface Emulator, and its structured response becomes the HTTP answer. `startLambdaGateway` serves that on
 * 127.0.0.1, so tools that speak HTTP (Schemathesis) reach the deployable function, its Lambda adapter included.
 * Written from the documented shapes, independently of any starter's adapter.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Answer } from './contract.js';

const API_HOST = 'abc123.execute-api.us-east-1.amazonaws.com';
const SOURCE_IP = '203.0.113.7';
/** API Gateway refuses a larger request body itself (its payload quota), without invoking the function. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Bodies API Gateway passes as text; any other content type (or none) arrives base64-encoded. */
const TEXT_TYPE = /^(text\/|application\/([\w.+-]*\+)?(json|xml|javascript|x-www-form-urlencoded)\b)/i;

export interface GatewayRequest {
  method: string;
  /** The path as the client sent it, still percent-encoded. */
  rawPath: string;
  rawQueryString?: string;
  /** Lower-case names; a header sent more than once is one comma-joined value, as API Gateway gives it. */
  headers?: Record<string, string>;
  body?: Buffer | string;
}

/** The payload 2.0 event API Gateway would send the function for this request. */
export function httpApiEvent(request: GatewayRequest) {
  const { method, rawPath, rawQueryString = '' } = request;
  const routeKey = rawPath === '/' ? 'ANY /' : 'ANY /{proxy+}';
  const body = typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
  const sent = { ...request.headers };
  const cookies = sent.cookie?.split(/;\s*/).filter(Boolean);
  delete sent.cookie;
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-encoding': 'identity',
    'user-agent': 'create-backend-fit-e2e',
    ...sent,
    'content-length': String(body?.length ?? 0),
    host: API_HOST,
    'x-amzn-trace-id': 'Root=1-6745a1b0-0123456789abcdef01234567',
    'x-forwarded-for': SOURCE_IP,
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
  };
  const asText = body !== undefined && TEXT_TYPE.test(headers['content-type'] ?? '') && isUtf8(body);
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    ...(cookies?.length && { cookies }),
    headers,
    ...(rawQueryString && { queryStringParameters: queryParameters(rawQueryString) }),
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: API_HOST,
      domainPrefix: 'abc123',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: SOURCE_IP, userAgent: headers['user-agent'] },
      requestId: `e2e-${Math.random().toString(36).slice(2)}`,
      routeKey,
      stage: '$default',
      time: '25/Nov/2026:12:00:00 +0000',
      timeEpoch: 1795608000000,
    },
    ...(rawPath !== '/' && { pathParameters: { proxy: rawPath.slice(1) } }),
    ...(body !== undefined && body.length > 0 && { body: asText ? body.toString('utf8') : body.toString('base64') }),
    isBase64Encoded: body !== undefined && body.length > 0 && !asText,
  };
}

/** Invokes the function behind the emulator's invoke URL with one event and reads its response as API Gateway does. */
export async function invokeHttpApi(invokeUrl: string, event: ReturnType<typeof httpApiEvent>, timeoutMs = 30_000): Promise<Answer & { rawBody: Buffer }> {
  const res = await post(invokeUrl, JSON.stringify(event), timeoutMs);
  const text = res.body;
  let result: { statusCode?: number; headers?: Record<string, unknown>; cookies?: string[]; body?: string; isBase64Encoded?: boolean };
  try {
    result = JSON.parse(text);
  } catch {
    throw new Error(`the emulator answered ${res.status} with a non-JSON body: ${text.slice(0, 500)}`);
  }
  if (typeof result?.statusCode !== 'number') throw new Error(`the function did not return an HTTP API response: ${text.slice(0, 500)}`);
  const rawBody = Buffer.from(result.body ?? '', result.isBase64Encoded ? 'base64' : 'utf8');
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
  return { status: result.statusCode, headers, body: rawBody.toString('utf8'), rawBody };
}

/**
 * One POST with node:http rather than fetch: a first invocation builds the function (a cold Go or Rust build can take
 * minutes on a loaded machine), and fetch gives up on any answer whose headers take over 300 s, whatever its signal.
 */
function post(url: string, body: string, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

export interface LambdaGateway {
  url: string;
  close(): Promise<void>;
}

/**
 * An HTTP server on 127.0.0.1 that hands each request to the function, one at a time as one Lambda instance takes
 * them. A failed invocation is API Gateway's own answer, 500 {"message":"Internal Server Error"}: a test sees it as
 * the function's failure, which it is.
 */
export async function startLambdaGateway(invokeUrl: string): Promise<LambdaGateway> {
  let queue: Promise<unknown> = Promise.resolve();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) return send(res, 413, { 'content-type': 'application/json' }, Buffer.from('{"message":"Request Entity Too Large"}'));
      const [rawPath = '/', rawQueryString = ''] = (req.url ?? '/').split(/\?(.*)/s);
      const event = httpApiEvent({ method: req.method ?? 'GET', rawPath, rawQueryString, headers: joinedHeaders(req.rawHeaders), body: Buffer.concat(chunks) });
      const invoked = queue.then(() => invokeHttpApi(invokeUrl, event, 60_000));
      queue = invoked.catch(() => {});
      invoked.then(
        (answer) => send(res, answer.status, answer.headers, answer.rawBody),
        () => send(res, 500, { 'content-type': 'application/json' }, Buffer.from('{"message":"Internal Server Error"}')),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function send(res: http.ServerResponse, status: number, headers: Record<string, string>, body: Buffer): void {
  // The function's framing headers describe its body as it returned it; this server frames the bytes it sends.
  const { 'content-length': _length, 'transfer-encoding': _encoding, connection: _connection, ...rest } = headers;
  res.writeHead(status, { ...rest, 'content-length': String(body.length) });
  res.end(body);
}

/** Header names lower-cased; repeats joined with commas, as API Gateway's payload 2.0 does. */
function joinedHeaders(raw: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    headers[name] = name in headers ? `${headers[name]},${raw[i + 1]}` : raw[i + 1]!;
  }
  return headers;
}

function queryParameters(rawQueryString: string): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) parameters[name] = name in parameters ? `${parameters[name]},${value}` : value;
  return parameters;
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
