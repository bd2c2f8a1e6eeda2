import { type ArgumentMetadata, BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';

const INTEGER = /^-?\d+$/;

/**
 * Like Nest's ParseIntPipe, but it also refuses integers a JavaScript number cannot hold exactly:
 * ParseIntPipe turns "99999999999999999999999" into 1e+23 and answers 200 with a different id.
 */
@Injectable()
export class ParseSafeIntPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    const id = INTEGER.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(id)) {
      const name = metadata.data ?? 'value';
      throw new BadRequestException(
        `Validation failed: ${name} must be an integer between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`,
      );
    }
    return id;
  }
}
