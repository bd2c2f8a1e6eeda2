import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';

// Beyond this a JSON number stops being an exact integer, so such an id is a client error, not a lossy 200.
const MAX_ID = Number.MAX_SAFE_INTEGER;

export function buildApp(options: FastifyServerOptions = {}): FastifyInstance {
  const app = Fastify({
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    // Fastify logs two lines per request by default; one structured line per request is enough.
    disableRequestLogging: true,
    ...options,
  });

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { method: request.method, url: request.url, statusCode: reply.statusCode, responseTimeMs: Math.round(reply.elapsedTime) },
      'request completed',
    );
  });

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get<{ Params: { id: number } }>(
    '/invoices/:id',
    {
      schema: {
        params: {
          type: 'object',
          properties: { id: { type: 'integer', minimum: -MAX_ID, maximum: MAX_ID } },
          required: ['id'],
        },
        response: {
          200: {
            type: 'object',
            properties: { id: { type: 'integer' }, status: { type: 'string' } },
            required: ['id', 'status'],
          },
        },
      },
    },
    async (request) => ({ id: request.params.id, status: 'paid' }),
  );

  return app;
}
