import { ApiProperty } from '@nestjs/swagger';

/** An invoice as the API answers it. */
export class InvoiceBody {
  @ApiProperty({ type: 'integer', example: 42 })
  id: number;

  @ApiProperty({ example: 'paid' })
  status: string;
}
