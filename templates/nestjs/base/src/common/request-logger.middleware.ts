import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';

const logger = new Logger('HTTP');

/**
 * One structured log line per request, written when the response has been sent (404s included).
 *
 * A plain Express middleware that configureApp() installs with app.use(), ahead of every route: a Nest middleware
 * (MiddlewareConsumer.forRoutes) would also match each request against its route pattern, which costs about as much
 * as the rest of a small request.
 */
export function requestLogger(
  req: IncomingMessage & { originalUrl?: string },
  res: ServerResponse,
  next: () => void,
): void {
  const started = performance.now();
  res.once('finish', () => {
    logger.log('request completed', {
      method: req.method,
      // The path only: a query string can carry tokens that do not belong in logs.
      path: (req.originalUrl ?? req.url ?? '').split('?')[0],
      statusCode: res.statusCode,
      responseTimeMs: Math.round(performance.now() - started),
    });
  });
  next();
}
