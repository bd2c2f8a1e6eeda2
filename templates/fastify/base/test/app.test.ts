import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { buildApp } from '../src/app.ts';
import { pathOnly, requestLine } from '../src/log.ts';

const app = buildApp({ logger: false });
after(() => app.close());

describe('GET /invoices/:id', () => {
  for (const id of [42, -7, 0]) {
    it(`answers 200 with the invoice for ${id}`, async () => {
      const res = await app.inject({ method: 'GET', url: `/invoices/${id}` });
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /^application\/json/);
      assert.deepEqual(res.json(), { id, status: 'paid' });
    });
  }

  for (const bad of ['abc', '1.5', '99999999999999999999999']) {
    it(`answers a JSON 400 for ${bad}`, async () => {
      const res = await app.inject({ method: 'GET', url: `/invoices/${bad}` });
      assert.equal(res.statusCode, 400);
      assert.match(res.headers['content-type'] as string, /^application\/json/);
      assert.match(res.json().message, /id/);
    });
  }
});

describe('other routes', () => {
  it('GET /healthz answers ok', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok' });
  });

  it('an unknown path is a JSON 404', async () => {
    const res = await app.inject({ method: 'GET', url: '/nope' });
    assert.equal(res.statusCode, 404);
    assert.match(res.headers['content-type'] as string, /^application\/json/);
  });
});

describe('request log line', () => {
  it('names the path without the query string, which can carry tokens', () => {
    const line = JSON.parse(requestLine('req-1', 'GET', pathOnly('/invoices/42?token=not-for-logs'), 200, 1));
    assert.equal(line.path, '/invoices/42');
    assert.equal(JSON.stringify(line).includes('not-for-logs'), false);
  });
});
