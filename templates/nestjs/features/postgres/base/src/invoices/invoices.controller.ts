import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { Response } from 'express';
import { ParseSafeIntPipe } from '../common/parse-safe-int.pipe.js';
import { InvoiceBodyPipe } from './invoice-body.pipe.js';
import { type Invoice, InvoicesService } from './invoices.service.js';

@Controller('invoices')
export class InvoicesController {
  constructor(private readonly invoicesService: InvoicesService) {}

  @Post()
  @HttpCode(201)
  async create(
    @Headers('content-type') contentType: string | undefined,
    @Body(InvoiceBodyPipe) body: { status: string },
    @Res({ passthrough: true }) res: Response,
  ): Promise<Invoice> {
    // Express also parses form bodies (status=paid); the API takes JSON only.
    if (!/^application\/json\b/i.test(contentType ?? ''))
      throw new UnsupportedMediaTypeException('the body must be application/json');
    const invoice = await this.invoicesService.create(body.status);
    res.location(`/invoices/${invoice.id}`);
    return invoice;
  }

  @Get(':id')
  async findOne(@Param('id', ParseSafeIntPipe) id: number): Promise<Invoice> {
    const invoice = await this.invoicesService.findOne(id);
    if (!invoice) throw new NotFoundException(`no invoice ${id}`);
    return invoice;
  }
}
