import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';

/** The one field a new invoice has; checked here rather than with class-validator, which the app does not otherwise need. */
@Injectable()
export class InvoiceBodyPipe implements PipeTransform<unknown, { status: string }> {
  transform(body: unknown): { status: string } {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new BadRequestException('the body must be a JSON object');
    const { status } = body as Record<string, unknown>;
    if (typeof status !== 'string' || status.length === 0 || [...status].length > 64) {
      throw new BadRequestException('status must be a string of 1 to 64 characters');
    }
    // PostgreSQL's text cannot hold NUL, and a lone surrogate (a \ud800 escape) has no UTF-8 form: it would be stored
    // as U+FFFD, not as it was sent.
    if (status.includes('\u0000') || !status.isWellFormed()) {
      throw new BadRequestException('status must not hold NUL or a lone surrogate');
    }
    return { status };
  }
}
