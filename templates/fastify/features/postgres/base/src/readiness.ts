import type { FastifyInstance } from 'fastify';
import { type Database, query } from './db.ts';
import { errorResponse, statusOk } from './openapi.ts';

/**
 * Readiness: 200 when the database answers a query, 503 otherwise, so an orchestrator stops sending traffic to an
 * instance that cannot serve it. /healthz (liveness) never touches the database: an outage must not restart pods.
 */
export function readinessRoute(app: FastifyInstance, db: Database): void {
  const schema = { response: { 200: statusOk('The database answers'), 503: errorResponse('The database did not answer') } };
  app.get('/readyz', { schema }, async () => {
    await query(db, 'SELECT 1');
    return { status: 'ok' };
  });
}
