import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions, LogController } from 'fastify';
import { type Logger, pino } from 'pino';
import { BatchedStdout, pathOnly, requestLine } from './log.ts';

// Beyond this a JSON number stops being an exact integer, so such an id is a client error, not a lossy 200.
const MAX_ID = Number.MAX_SAFE_INTEGER;

/**
 * stdout, batched; flush() it before exiting (server.ts does). On AWS Lambda each line is written at once: the
 * runtime freezes the process between invocations, so a batch could wait for the next one.
 */
export const logDestination = new BatchedStdout({ maxBytes: process.env.AWS_LAMBDA_FUNCTION_NAME ? 0 : 16 * 1024 });

/**
 * One structured line per request, when the response has been sent (404s and 400s included). Fastify's default would
 * log two lines per request ("incoming request" and "request completed") through a child logger.
 */
class RequestLogController extends LogController {
  readonly log: Logger;

  constructor(log: Logger) {
    // Also keeps Fastify's own per-request lines (the 404 and error-handler ones) out: this line says it all.
    super({ disableRequestLogging: true });
    this.log = log;
  }

  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const responseTimeMs = Math.round(reply.elapsedTime);
    if (error) {
      this.log.error({ reqId: request.id, method: request.method, path: pathOnly(request.url), statusCode: reply.statusCode, responseTimeMs, err: error }, 'request errored');
    } else if (this.log.isLevelEnabled('info')) {
      logDestination.write(requestLine(request.id, request.method, pathOnly(request.url), reply.statusCode, responseTimeMs));
    }
  }
}

export function buildApp(options: FastifyServerOptions = {}): FastifyInstance {
  const { logger, ...rest } = options;
  const log = logger === false ? undefined : pino({ level: process.env.LOG_LEVEL ?? 'info' }, logDestination);
  const app = Fastify({
    ...(log && {
      loggerInstance: log,
      logController: new RequestLogController(log),
      // request.log is the application logger itself, not a child made for each request (that costs about as much as
      // the rest of a small request); the request line carries reqId.
      childLoggerFactory: (parent) => parent,
    }),
    ...rest,
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
