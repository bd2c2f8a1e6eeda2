import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Invoice as InvoiceRow } from './invoice.entity.js';

export interface Invoice {
  id: number;
  status: string;
}

const asInvoice = (row: InvoiceRow): Invoice => ({ id: Number(row.id), status: row.status });

/** Invoices in PostgreSQL through TypeORM's repository: every value reaches SQL as a bound parameter. */
@Injectable()
export class InvoicesService {
  constructor(@InjectRepository(InvoiceRow) private readonly invoices: Repository<InvoiceRow>) {}

  async create(status: string): Promise<Invoice> {
    return asInvoice(await this.unlessDown(() => this.invoices.save(this.invoices.create({ status }))));
  }

  async findOne(id: number): Promise<Invoice | undefined> {
    const row = await this.unlessDown(() => this.invoices.findOneBy({ id: String(id) }));
    return row ? asInvoice(row) : undefined;
  }

  /** A database that does not answer is a JSON 503; the pool reconnects on a later request. */
  private async unlessDown<T>(query: () => Promise<T>): Promise<T> {
    try {
      return await query();
    } catch (error) {
      throw new ServiceUnavailableException('the database is unavailable; try again shortly', { cause: error });
    }
  }
}
