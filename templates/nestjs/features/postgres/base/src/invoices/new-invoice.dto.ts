import { ApiProperty } from '@nestjs/swagger';

/**
 * A new invoice's body, as /openapi.json documents it; InvoiceBodyPipe checks it. No NUL: PostgreSQL's text cannot
 * hold one (JSON can carry it as \u0000).
 */
export class NewInvoiceBody {
  @ApiProperty({ minLength: 1, maxLength: 64, pattern: '^[^\\u0000]*$', example: 'paid' })
  status: string;
}
