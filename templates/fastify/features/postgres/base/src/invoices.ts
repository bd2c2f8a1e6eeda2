import type { FastifyInstance } from 'fastify';
import { type Database, query } from './db.ts';
import { errorResponse } from './openapi.ts';

// Beyond this a JSON number stops being an exact integer, so such an id is a client error, not a lossy 200.
const MAX_ID = Number.MAX_SAFE_INTEGER;

const invoice = {
  description: 'The invoice',
  type: 'object',
  properties: { id: { type: 'integer' }, status: { type: 'string' } },
  required: ['id', 'status'],
} as const;

interface InvoiceRow {
  // bigint: node-postgres returns it as a string, which stays exact; ids stay below 2^53, so Number() is exact too.
  id: string;
  status: string;
}

/** What is wrong with a status as the client sent it, before Ajv coerces it; a missing one is the schema's to say. */
function statusProblem(status: unknown): string | undefined {
  if (status === undefined) return undefined;
  if (typeof status !== 'string') return 'must be string';
  if (!status.isWellFormed()) return 'must be well-formed Unicode';
  return undefined;
}

const asInvoice = (row: InvoiceRow) => ({ id: Number(row.id), status: row.status });

/** Invoices in PostgreSQL (the table is created by migrations/). Every value reaches SQL as a parameter. */
export function invoiceRoutes(app: FastifyInstance, db: Database): void {
  app.post<{ Body: { status: string } }>(
    '/invoices',
    {
      schema: {
        body: {
          type: 'object',
          // No NUL: PostgreSQL's text cannot hold it (JSON can carry it as \u0000), so it is a 400, not a 500.
          properties: { status: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[^\\u0000]*$' } },
          required: ['status'],
        },
        response: {
          201: invoice,
          400: errorResponse('The body is not JSON, or not an object with a status of 1 to 64 characters'),
          413: errorResponse('The body is over 64 KiB'),
          415: errorResponse('The body is not application/json'),
          503: errorResponse('The database did not answer; nothing was stored'),
        },
      },
      // Fastify's Ajv coerces scalars to the schema's type (it must, for path parameters), so a status of 7 would be
      // stored as "7"; before validation the body is still as the client sent it. A lone surrogate (a \ud800 escape)
      // has no UTF-8 form, so it would be stored as U+FFFD, not as it was sent (JSON Schema's patterns cannot say it).
      preValidation: async (request, reply) => {
        const wrong = statusProblem((request.body as Record<string, unknown> | null)?.status);
        if (wrong) {
          return reply.code(400).send({
            statusCode: 400,
            code: 'FST_ERR_VALIDATION',
            error: 'Bad Request',
            message: `body/status ${wrong}`,
          });
        }
      },
    },
    async (request, reply) => {
      const { rows } = await query<InvoiceRow>(db, 'INSERT INTO invoices (status) VALUES ($1) RETURNING id, status', [
        request.body.status,
      ]);
      const created = asInvoice(rows[0]);
      return reply.code(201).header('location', `/invoices/${created.id}`).send(created);
    },
  );

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
          200: invoice,
          400: errorResponse('The id is not a whole number in range'),
          404: errorResponse('No invoice has this id'),
          503: errorResponse('The database did not answer'),
        },
      },
    },
    async (request, reply) => {
      const { rows } = await query<InvoiceRow>(db, 'SELECT id, status FROM invoices WHERE id = $1', [
        request.params.id,
      ]);
      if (rows.length === 0)
        return reply
          .code(404)
          .send({ statusCode: 404, error: 'Not Found', message: `no invoice ${request.params.id}` });
      return asInvoice(rows[0]);
    },
  );
}
