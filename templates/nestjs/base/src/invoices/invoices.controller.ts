import { Controller, Get, Param } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiParam } from '@nestjs/swagger';
import { ErrorBody } from '../common/api-bodies.js';
import { ParseSafeIntPipe } from '../common/parse-safe-int.pipe.js';
import { InvoiceBody } from './invoice.dto.js';
import { type Invoice, InvoicesService } from './invoices.service.js';

@Controller('invoices')
export class InvoicesController {
  constructor(private readonly invoicesService: InvoicesService) {}

  @Get(':id')
  @ApiParam({
    name: 'id',
    schema: { type: 'integer', minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER },
  })
  @ApiOkResponse({ type: InvoiceBody })
  @ApiBadRequestResponse({ type: ErrorBody, description: 'The id is not a whole number in range' })
  findOne(@Param('id', ParseSafeIntPipe) id: number): Invoice {
    return this.invoicesService.findOne(id);
  }
}
