import { Injectable, Logger, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** One structured log line per request, written when the response has been sent (404s included). */
@Injectable()
export class RequestLoggerMiddleware implements NestMiddleware {
  private readonly logger = new Logger('HTTP');

  use(req: IncomingMessage & { originalUrl?: string }, res: ServerResponse, next: () => void): void {
    const started = performance.now();
    res.once('finish', () => {
      this.logger.log('request completed', {
        method: req.method,
        url: req.originalUrl ?? req.url,
        statusCode: res.statusCode,
        responseTimeMs: Math.round(performance.now() - started),
      });
    });
    next();
  }
}
