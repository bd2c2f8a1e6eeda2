import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Req,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ErrorBody } from '../common/api-bodies.js';
import { ParseSafeIntPipe } from '../common/parse-safe-int.pipe.js';
import { InvoiceBody } from './invoice.dto.js';
import { InvoiceBodyPipe } from './invoice-body.pipe.js';
import { type Invoice, InvoicesService } from './invoices.service.js';
import { NewInvoiceBody } from './new-invoice.dto.js';

@Controller('invoices')
@ApiServiceUnavailableResponse({ type: ErrorBody, description: 'The database did not answer' })
export class InvoicesController {
  constructor(private readonly invoicesService: InvoicesService) {}

  @Post()
  @HttpCode(201)
  @ApiBody({ type: NewInvoiceBody })
  @ApiCreatedResponse({ type: InvoiceBody, description: 'Stored; Location names it' })
  @ApiBadRequestResponse({
    type: ErrorBody,
    description: 'The body is not JSON, or not an object with a status of 1 to 64 characters',
  })
  @ApiPayloadTooLargeResponse({ type: ErrorBody, description: 'The body is over 64 KiB' })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorBody, description: 'The body is not application/json' })
  async create(
    @Req() req: Request,
    @Body(InvoiceBodyPipe) body: { status: string },
    @Res({ passthrough: true }) res: Response,
  ): Promise<Invoice> {
    // Express also parses form bodies (status=paid); the API takes JSON only.
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
      throw new UnsupportedMediaTypeException('the body must be application/json');
    const invoice = await this.invoicesService.create(body.status);
    res.location(`/invoices/${invoice.id}`);
    return invoice;
  }

  @Get(':id')
  @ApiParam({
    name: 'id',
    schema: { type: 'integer', minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER },
  })
  @ApiOkResponse({ type: InvoiceBody })
  @ApiBadRequestResponse({ type: ErrorBody, description: 'The id is not a whole number in range' })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'No invoice has this id' })
  async findOne(@Param('id', ParseSafeIntPipe) id: number): Promise<Invoice> {
    const invoice = await this.invoicesService.findOne(id);
    if (!invoice) throw new NotFoundException(`no invoice ${id}`);
    return invoice;
  }
}
