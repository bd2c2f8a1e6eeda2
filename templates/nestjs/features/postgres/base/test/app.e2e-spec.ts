import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { isolatedApp } from './database.js';

describe('App on PostgreSQL (e2e)', () => {
  let app: NestExpressApplication;
  let dataSource: DataSource;
  let isolation: Awaited<ReturnType<typeof isolatedApp>>;
  const count = async () => Number((await isolation.dataSource.query('SELECT count(*)::int AS n FROM invoices'))[0].n);

  beforeAll(async () => {
    isolation = await isolatedApp();
    ({ app, dataSource } = isolation);
  });
  afterAll(async () => {
    await isolation?.close();
  });
  beforeEach(() => isolation.begin());
  afterEach(() => isolation.rollback());

  it('stores an invoice and reads it back from the database', async () => {
    const created = await request(app.getHttpServer()).post('/invoices').send({ status: 'paid' }).expect(201);
    expect(created.body).toEqual({ id: expect.any(Number), status: 'paid' });
    expect(created.headers.location).toBe(`/invoices/${created.body.id}`);
    const read = await request(app.getHttpServer()).get(`/invoices/${created.body.id}`).expect(200);
    expect(read.body).toEqual(created.body);
  });

  it.each(["'; DROP TABLE invoices; --", 'it\'s "quoted"', 'paid 🧾'])('stores %j byte for byte', async (status) => {
    const created = await request(app.getHttpServer()).post('/invoices').send({ status }).expect(201);
    const read = await request(app.getHttpServer()).get(`/invoices/${created.body.id}`).expect(200);
    expect(read.body.status).toBe(status);
  });

  it('answers a JSON 404 for an invoice that is not stored', async () => {
    const res = await request(app.getHttpServer()).get('/invoices/987654321').expect(404);
    expect(res.body.message).toMatch(/987654321/);
  });

  it.each([
    ['not JSON', '{"status":', 'application/json'],
    ['not an object', '["paid"]', 'application/json'],
    ['without status', '{}', 'application/json'],
    ['a non-string status', '{"status":7}', 'application/json'],
    ['an empty status', '{"status":""}', 'application/json'],
    ['a status over 64 characters', JSON.stringify({ status: 'x'.repeat(65) }), 'application/json'],
    // PostgreSQL's text cannot hold NUL, nor UTF-8 a lone surrogate: both arrive as JSON \u escapes.
    ['with a NUL in the status', '{"status":"a\\u0000b"}', 'application/json'],
    ['with a lone surrogate in the status', '{"status":"a\\ud800b"}', 'application/json'],
    ['not JSON by its content type', 'status=paid', 'application/x-www-form-urlencoded'],
    ['plain text', 'paid', 'text/plain'],
    ['over 64 KiB', JSON.stringify({ status: 'paid', padding: 'x'.repeat(70 * 1024) }), 'application/json'],
  ])('refuses a body %s with a JSON 4xx and stores nothing', async (what, body, type) => {
    const before = await count();
    const res = await request(app.getHttpServer()).post('/invoices').set('content-type', type).send(body);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    if (what === 'over 64 KiB') expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(typeof res.body.message).toBe('string');
    expect(await count()).toBe(before);
  });

  it.each(['abc', '1.5', '99999999999999999999999'])('GET /invoices/%s answers a JSON 400', async (bad) => {
    const res = await request(app.getHttpServer()).get(`/invoices/${bad}`).expect(400);
    expect(res.body.message).toMatch(/id must be an integer/);
  });

  it('GET /healthz answers ok, and /readyz too while the database answers', async () => {
    expect((await request(app.getHttpServer()).get('/healthz').expect(200)).body).toEqual({ status: 'ok' });
    expect((await request(app.getHttpServer()).get('/readyz').expect(200)).body).toEqual({ status: 'ok' });
    expect(dataSource.isInitialized).toBe(true);
  });

  it('an unknown path is a JSON 404', async () => {
    const res = await request(app.getHttpServer()).get('/nope').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('GET /openapi.json describes every route as OpenAPI 3.1, with the statuses each answers', async () => {
    const document = (await request(app.getHttpServer()).get('/openapi.json').expect(200)).body;
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual(['/healthz', '/invoices', '/invoices/{id}', '/readyz']);
    expect(Object.keys(document.paths['/invoices'].post.responses).sort()).toEqual(['201', '400', '413', '415', '503']);
    expect(Object.keys(document.paths['/invoices/{id}'].get.responses).sort()).toEqual(['200', '400', '404', '503']);
  });

  it('answers a JSON 405 naming the methods a path serves, for one it does not', async () => {
    const res = await request(app.getHttpServer()).get('/invoices').expect(405);
    expect(res.headers.allow).toBe('POST');
    expect(res.body).toMatchObject({ statusCode: 405 });
    expect((await request(app.getHttpServer()).delete('/invoices/1').expect(405)).headers.allow).toBe('GET, HEAD');
  });
});

describe('App with its database unreachable (e2e)', () => {
  let isolation: Awaited<ReturnType<typeof isolatedApp>>;

  beforeAll(async () => {
    isolation = await isolatedApp();
    // Every connection gone, as when the server is down: the routes must answer, not hang or crash.
    await isolation.dataSource.destroy();
  });
  afterAll(async () => {
    await isolation?.close().catch(() => {});
  });

  it.each([
    ['get', '/readyz'],
    ['get', '/invoices/1'],
    ['post', '/invoices'],
  ] as const)('%s %s answers a JSON 503', async (method, path) => {
    const res = await request(isolation.app.getHttpServer())
      [method](path)
      .send(method === 'post' ? { status: 'paid' } : undefined);
    expect(res.status).toBe(503);
    expect(res.body.message).toMatch(/database/);
  });

  it('GET /healthz still answers ok', async () => {
    await request(isolation.app.getHttpServer()).get('/healthz').expect(200);
  });
});
