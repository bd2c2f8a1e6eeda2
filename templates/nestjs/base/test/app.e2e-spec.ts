import { ConsoleLogger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { configureApp } from '../src/app.factory.js';
import { AppModule } from '../src/app.module.js';

/** Keeps what the app logs, so the test can check the one-line-per-request promise. */
class CapturingLogger extends ConsoleLogger {
  readonly lines: unknown[][] = [];
  override log(...args: unknown[]): void {
    this.lines.push(args);
  }
}

describe('App (e2e)', () => {
  let app: NestExpressApplication;
  const logger = new CapturingLogger();

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger });
    configureApp(app);
    await app.init();
  });

  afterAll(async () => {
    await app.close();
  });

  it.each([42, -7, 0])('GET /invoices/%d answers 200 with the invoice', async (id) => {
    const res = await request(app.getHttpServer()).get(`/invoices/${id}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({ id, status: 'paid' });
  });

  it.each(['abc', '1.5', '99999999999999999999999'])('GET /invoices/%s answers a JSON 400', async (bad) => {
    const res = await request(app.getHttpServer()).get(`/invoices/${bad}`).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ statusCode: 400, message: expect.stringMatching(/id must be an integer/) });
  });

  it('GET /healthz answers ok', async () => {
    const res = await request(app.getHttpServer()).get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('an unknown path is a JSON 404', async () => {
    const res = await request(app.getHttpServer()).get('/nope').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ statusCode: 404 });
  });

  it('GET /openapi.json describes every route as OpenAPI 3.1, with the statuses each answers', async () => {
    const document = (await request(app.getHttpServer()).get('/openapi.json').expect(200)).body;
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual(['/healthz', '/invoices/{id}']);
    expect(Object.keys(document.paths['/invoices/{id}'].get.responses).sort()).toEqual(['200', '400']);
  });

  it('answers a JSON 405 naming the methods a path serves, for one it does not', async () => {
    for (const send of ['post', 'put', 'delete'] as const) {
      const res = await request(app.getHttpServer())[send]('/invoices/42').expect(405);
      expect(res.headers.allow).toBe('GET, HEAD');
      expect(res.body).toMatchObject({ statusCode: 405 });
    }
  });

  it('serves no Swagger UI unless API_DOCS asks (main.ts)', async () => {
    await request(app.getHttpServer()).get('/docs').expect(404);
  });

  it('logs exactly one line per request', async () => {
    logger.lines.length = 0;
    await request(app.getHttpServer()).get('/invoices/7').expect(200);
    await request(app.getHttpServer()).get('/missing?token=not-for-logs').expect(404);
    expect(logger.lines).toEqual([
      ['request completed', expect.objectContaining({ method: 'GET', path: '/invoices/7', statusCode: 200 }), 'HTTP'],
      ['request completed', expect.objectContaining({ method: 'GET', path: '/missing', statusCode: 404 }), 'HTTP'],
    ]);
    expect(JSON.stringify(logger.lines)).not.toContain('not-for-logs');
  });
});
