/**
 * shared/CONTRACT.md's "With a database" section as checks, against any way of calling a starter (HTTP, or its Lambda
 * function under the runtime emulator), with the database itself as the independent witness of what was stored.
 */
import { expect } from 'vitest';
import type { Answer } from './contract.js';

export type Request = (method: 'GET' | 'POST', path: string, body?: string, contentType?: string) => Promise<Answer>;

const JSON_TYPE = /^application\/([\w.-]+\+)?json\b/i;
/** No id the sequence will hand out in a test run: the largest one a JSON number holds exactly. */
export const NEVER_STORED_ID = Number.MAX_SAFE_INTEGER;

function parsed(answer: Answer, where: string): unknown {
  expect(answer.headers['content-type'] ?? '', where).toMatch(JSON_TYPE);
  let body: unknown;
  expect(() => (body = JSON.parse(answer.body)), where).not.toThrow();
  return body;
}

const describeAnswer = (what: string, a: Answer) => `${what} answered ${a.status} ${a.headers['content-type'] ?? '(no content-type)'} ${a.body.slice(0, 300)}`;

/** A JSON error body "that says what was wrong": an object with at least one non-empty string in it. */
function expectJsonError(answer: Answer, statuses: (status: number) => boolean, where: string): void {
  const body = parsed(answer, where);
  expect(statuses(answer.status), where).toBe(true);
  expect(typeof body === 'object' && body !== null && /"[^"]+"\s*:\s*"[^"]+"/.test(JSON.stringify(body)), where).toBe(true);
}

/** POST /invoices with a status: 201, Location, `{"id":<int>,"status":...}`; returns the id. */
export async function createInvoice(request: Request, status: string): Promise<number> {
  const answer = await request('POST', '/invoices', JSON.stringify({ status }));
  const where = describeAnswer(`POST /invoices ${JSON.stringify(status).slice(0, 80)}`, answer);
  const body = parsed(answer, where) as { id: unknown; status: unknown };
  expect(answer.status, where).toBe(201);
  expect(Number.isSafeInteger(body.id), where).toBe(true);
  expect(answer.body, `${where}: id is a JSON integer`).toMatch(/"id"\s*:\s*\d+\s*[,}]/);
  expect(body, where).toEqual({ id: body.id, status });
  expect(answer.headers.location, where).toMatch(new RegExp(`(^|/)invoices/${body.id}$`));
  return body.id as number;
}

export async function expectInvoice(request: Request, id: number, status: string): Promise<void> {
  const answer = await request('GET', `/invoices/${id}`);
  const where = describeAnswer(`GET /invoices/${id}`, answer);
  expect(parsed(answer, where), where).toEqual({ id, status });
  expect(answer.status, where).toBe(200);
}

/** The bodies the contract refuses with a JSON 4xx, storing nothing. */
export const BAD_BODIES: { what: string; body: string; contentType?: string; status?: number }[] = [
  { what: 'not JSON', body: '{"status":' },
  { what: 'not JSON by its content type', body: 'status=paid', contentType: 'application/x-www-form-urlencoded' },
  { what: 'an array', body: '["paid"]' },
  { what: 'a string', body: '"paid"' },
  { what: 'null', body: 'null' },
  { what: 'no status', body: '{"state":"paid"}' },
  { what: 'a number status', body: '{"status":7}' },
  { what: 'a boolean status', body: '{"status":true}' },
  { what: 'a null status', body: '{"status":null}' },
  { what: 'an empty status', body: '{"status":""}' },
  { what: 'a status of 65 characters', body: JSON.stringify({ status: 'x'.repeat(65) }) },
  { what: 'a body over 64 KiB', body: JSON.stringify({ status: 'paid', padding: 'x'.repeat(65 * 1024) }), status: 413 },
];

/** Verbatim: quotes, SQL, emoji, backslashes, and exactly 64 characters (the longest allowed). */
export const VERBATIM_STATUSES = ["'; DROP TABLE invoices; --", 'it\'s "quoted"', 'paid 🧾✅', 'C:\\path\\n', 'ü'.repeat(64)];

/**
 * Every line of the contract's table but the outage one (see expectOutage). `countRows` reads the table straight
 * from the database, to prove a refused body stored nothing.
 */
export async function checkDatabaseContract(request: Request, countRows: () => Promise<number>): Promise<number[]> {
  const ids = [await createInvoice(request, 'paid')];
  await expectInvoice(request, ids[0]!, 'paid');

  const missing = await request('GET', `/invoices/${NEVER_STORED_ID}`);
  expectJsonError(missing, (s) => s === 404, describeAnswer(`GET /invoices/${NEVER_STORED_ID}`, missing));
  for (const bad of ['abc', '1.5', '99999999999999999999999']) {
    const answer = await request('GET', `/invoices/${bad}`);
    expectJsonError(answer, (s) => s === 400 || s === 422, describeAnswer(`GET /invoices/${bad}`, answer));
  }

  for (const bad of BAD_BODIES) {
    const before = await countRows();
    const answer = await request('POST', '/invoices', bad.body, bad.contentType);
    const where = describeAnswer(`POST /invoices with ${bad.what}`, answer);
    expectJsonError(answer, (s) => (bad.status === 413 ? s === 413 || (s >= 400 && s < 500) : s >= 400 && s < 500), where);
    expect(await countRows(), `${where}: nothing stored`).toBe(before);
  }

  for (const status of VERBATIM_STATUSES) {
    const id = await createInvoice(request, status);
    await expectInvoice(request, id, status);
    ids.push(id);
  }

  const ready = await request('GET', '/readyz');
  expect([ready.status, parsed(ready, describeAnswer('GET /readyz', ready))], describeAnswer('GET /readyz', ready)).toEqual([200, { status: 'ok' }]);
  const health = await request('GET', '/healthz');
  expect([health.status, parsed(health, describeAnswer('GET /healthz', health))]).toEqual([200, { status: 'ok' }]);
  const unknown = await request('GET', '/no/such/route');
  expectJsonError(unknown, (s) => s === 404, describeAnswer('GET /no/such/route', unknown));
  return ids;
}

/** While the database is down: JSON 503 on the invoice routes and /readyz, /healthz still 200. */
export async function expectOutage(request: Request, storedId: number): Promise<void> {
  for (const [method, path, body] of [['GET', `/invoices/${storedId}`], ['POST', '/invoices', '{"status":"during outage"}'], ['GET', '/readyz']] as const) {
    const answer = await request(method, path, body);
    expectJsonError(answer, (s) => s === 503, describeAnswer(`${method} ${path} with the database down`, answer));
  }
  const health = await request('GET', '/healthz');
  expect(health.status, describeAnswer('GET /healthz with the database down', health)).toBe(200);
}

export function httpRequest(baseUrl: string): Request {
  return async (method, path, body, contentType = 'application/json') => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      ...(body !== undefined && { body, headers: { 'content-type': contentType } }),
      signal: AbortSignal.timeout(15_000),
    });
    return { status: res.status, headers: Object.fromEntries([...res.headers].map(([k, v]) => [k.toLowerCase(), v])), body: await res.text() };
  };
}
