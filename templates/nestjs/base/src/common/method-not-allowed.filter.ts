import { type ArgumentsHost, Catch, type HttpServer, NotFoundException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request, Response } from 'express';

/**
 * Express answers 404 for a method a path does not serve; RFC 9110 says 405 with an `Allow` header naming the
 * methods it does. Only Nest's "no route" 404 is turned into one (a route's own NotFoundException has matched a
 * route: request.route is set); the rest goes to Nest's own handling.
 */
@Catch(NotFoundException)
export class MethodNotAllowedFilter extends BaseExceptionFilter {
  constructor(
    applicationRef: HttpServer,
    private readonly allowedMethods: (path: string) => readonly string[],
  ) {
    super(applicationRef);
  }

  override catch(exception: NotFoundException, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const allow = request.route ? [] : this.allowedMethods(request.path);
    if (allow.length === 0) {
      super.catch(exception, host);
      return;
    }
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(405)
      .set('allow', allow.join(', '))
      .json({
        statusCode: 405,
        message: `${request.method} is not served here: ${allow.join(', ')}`,
        error: 'Method Not Allowed',
      });
  }
}
