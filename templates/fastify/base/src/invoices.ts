import type { FastifyInstance } from 'fastify';
import { errorResponse } from './openapi.ts';

// Beyond this a JSON number stops being an exact integer, so such an id is a client error, not a lossy 200.
const MAX_ID = Number.MAX_SAFE_INTEGER;

/** The sample route: an invoice by id (`--database postgres` stores them in PostgreSQL instead). */
export function invoiceRoutes(app: FastifyInstance): void {
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
            description: 'The invoice',
            type: 'object',
            properties: { id: { type: 'integer' }, status: { type: 'string' } },
            required: ['id', 'status'],
          },
          400: errorResponse('The id is not a whole number in range'),
        },
      },
    },
    async (request) => ({ id: request.params.id, status: 'paid' }),
  );
}
