import { Controller, Get, Param } from '@nestjs/common';
import { ParseSafeIntPipe } from '../common/parse-safe-int.pipe.js';
import { type Invoice, InvoicesService } from './invoices.service.js';

@Controller('invoices')
export class InvoicesController {
  constructor(private readonly invoicesService: InvoicesService) {}

  @Get(':id')
  findOne(@Param('id', ParseSafeIntPipe) id: number): Invoice {
    return this.invoicesService.findOne(id);
  }
}
