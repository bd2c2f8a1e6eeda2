import type {} from '@fastify/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
// The project's name and version, written at generation (JSON holds any name as it is).
import info from './api-info.json' with { type: 'json' };

/** The JSON body of every error Fastify answers (its default error handler's shape), for the routes' schemas. */
const errorBody = {
  type: 'object',
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string' },
    error: { type: 'string' },
    message: { type: 'string' },
  },
  required: ['statusCode', 'error', 'message'],
} as const;

/** An error response of a route's schema: documented in /openapi.json, and the shape Fastify serializes it with. */
export const errorResponse = (description: string) => ({ description, ...errorBody });

/** `{"status":"ok"}`, what /healthz (and /readyz, with a database) answer. */
export const statusOk = (description: string) => ({
  description,
  type: 'object',
  properties: { status: { type: 'string', const: 'ok' } },
  required: ['status'],
});

/** An OpenAPI document as JSON. */
export type OpenApiDocument = Record<string, unknown>;

/**
 * The API's routes, described by @fastify/swagger as an OpenAPI 3.1 document served at GET /openapi.json, made from
 * the routes' own schemas (what is validated is what is documented). A method a path does not serve is a 405 with
 * an `Allow` header (RFC 9110), where Fastify alone would answer 404. `prebuilt`, the document made at build time
 * (the Lambda artifact's, scripts/compile-schemas.mjs), is served as it is: @fastify/swagger is then never loaded.
 */
export function withOpenApi(
  app: FastifyInstance,
  routes: (api: FastifyInstance) => void,
  prebuilt?: OpenApiDocument,
): void {
  const methodsByPath = new Map<string, Set<string>>();
  app.addHook('onRoute', (route) => {
    if (route.schema?.hide) return;
    const methods = methodsByPath.get(route.url) ?? new Set<string>();
    for (const method of [route.method].flat()) methods.add(method);
    methodsByPath.set(route.url, methods);
  });

  if (!prebuilt) app.register(import('@fastify/swagger'), { openapi: { openapi: '3.1.0', info } });
  app.register(async (api) => routes(api));
  app.register(async (api) => {
    api.get('/openapi.json', { schema: { hide: true } }, async () => prebuilt ?? app.swagger());
    for (const [url, served] of methodsByPath) {
      const allow = [...served].join(', ');
      const others = app.supportedMethods.filter((method) => !served.has(method));
      const notAllowed = async (request: FastifyRequest, reply: FastifyReply) =>
        reply
          .code(405)
          .header('allow', allow)
          .send({
            statusCode: 405,
            error: 'Method Not Allowed',
            message: `${request.method} is not served here: ${allow}`,
          });
      // Answered in onRequest, before the body is parsed: a QUERY or POST without a Content-Type is a 405 here too.
      api.route({ method: others, url, schema: { hide: true }, onRequest: notAllowed, handler: notAllowed });
    }
  });
}
