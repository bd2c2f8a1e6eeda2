import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { buildApp } from '../src/app.ts';
import { connect, isolated } from './database.ts';

let client: pg.Client;
let app: FastifyInstance;

before(async () => {
  client = await connect();
  app = buildApp({ logger: false, db: client });
});
after(async () => {
  await app?.close();
  await client?.end();
});
beforeEach(() => isolated(client).begin());
afterEach(() => isolated(client).rollback());

const post = (payload: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  app.inject({
    method: 'POST',
    url: '/invoices',
    headers,
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
const count = async () => Number((await client.query('SELECT count(*) AS n FROM invoices')).rows[0].n);

describe('POST /invoices and GET /invoices/:id', () => {
  it('stores an invoice and reads it back from the database', async () => {
    const created = await post({ status: 'paid' });
    assert.equal(created.statusCode, 201);
    const body = created.json();
    assert.ok(Number.isSafeInteger(body.id));
    assert.deepEqual(body, { id: body.id, status: 'paid' });
    assert.equal(created.headers.location, `/invoices/${body.id}`);

    const read = await app.inject({ method: 'GET', url: `/invoices/${body.id}` });
    assert.equal(read.statusCode, 200);
    assert.deepEqual(read.json(), { id: body.id, status: 'paid' });
    const row = await client.query('SELECT status FROM invoices WHERE id = $1', [body.id]);
    assert.equal(row.rows[0].status, 'paid');
  });

  for (const status of ["'; DROP TABLE invoices; --", 'it\'s "quoted"', 'paid 🧾']) {
    it(`stores ${JSON.stringify(status)} byte for byte`, async () => {
      const created = await post({ status });
      assert.equal(created.statusCode, 201);
      const read = await app.inject({ method: 'GET', url: `/invoices/${created.json().id}` });
      assert.equal(read.json().status, status);
    });
  }

  it('answers a JSON 404 for an invoice that is not stored', async () => {
    const res = await app.inject({ method: 'GET', url: '/invoices/987654321' });
    assert.equal(res.statusCode, 404);
    assert.match(res.json().message, /987654321/);
  });

  const bad: [string, unknown, Record<string, string>?][] = [
    ['not JSON', '{"status":', undefined],
    ['not an object', '["paid"]', undefined],
    ['without status', {}, undefined],
    ['a non-string status', { status: 7 }, undefined],
    ['an empty status', { status: '' }, undefined],
    ['a status over 64 characters', { status: 'x'.repeat(65) }, undefined],
    // PostgreSQL's text cannot hold NUL, nor UTF-8 a lone surrogate: both arrive as JSON \u escapes.
    ['a NUL in the status', '{"status":"a\\u0000b"}', undefined],
    ['a lone surrogate in the status', '{"status":"a\\ud800b"}', undefined],
    ['not JSON by its content type', 'status=paid', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['over 64 KiB', { status: 'paid', padding: 'x'.repeat(70 * 1024) }, undefined],
  ];
  for (const [what, payload, headers] of bad) {
    it(`refuses a body ${what} with a JSON 4xx and stores nothing`, async () => {
      const before = await count();
      const res = await post(payload, headers);
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `status ${res.statusCode}`);
      if (what === 'over 64 KiB') assert.equal(res.statusCode, 413);
      assert.match(res.headers['content-type'] as string, /^application\/json/);
      assert.equal(typeof res.json().message, 'string');
      assert.equal(await count(), before);
    });
  }

  for (const bad of ['abc', '1.5', '99999999999999999999999']) {
    it(`answers a JSON 400 for GET /invoices/${bad}`, async () => {
      const res = await app.inject({ method: 'GET', url: `/invoices/${bad}` });
      assert.equal(res.statusCode, 400);
      assert.match(res.json().message, /id/);
    });
  }
});

describe('health and readiness', () => {
  it('GET /healthz answers ok', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    assert.deepEqual([res.statusCode, res.json()], [200, { status: 'ok' }]);
  });

  it('GET /readyz answers ok when the database answers', async () => {
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    assert.deepEqual([res.statusCode, res.json()], [200, { status: 'ok' }]);
  });

  it('answers a JSON 503 on /readyz and the invoice routes when the database does not answer, /healthz still 200', async () => {
    // A pool that points at a port nothing listens on: what the routes see while the database is down.
    const { default: pg } = await import('pg');
    const down = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:9/none', connectionTimeoutMillis: 1000 });
    const offline = buildApp({ logger: false, db: down });
    try {
      for (const [method, url] of [
        ['GET', '/readyz'],
        ['GET', '/invoices/1'],
        ['POST', '/invoices'],
      ] as const) {
        const res = await offline.inject({ method, url, ...(method === 'POST' && { payload: { status: 'paid' } }) });
        assert.equal(res.statusCode, 503, `${method} ${url}`);
        assert.match(res.json().message, /database/);
      }
      assert.equal((await offline.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
    } finally {
      await offline.close();
      await down.end();
    }
  });

  it('an unknown path is a JSON 404', async () => {
    const res = await app.inject({ method: 'GET', url: '/nope' });
    assert.equal(res.statusCode, 404);
    assert.match(res.headers['content-type'] as string, /^application\/json/);
  });
});
