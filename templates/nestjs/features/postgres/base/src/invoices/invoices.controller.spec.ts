import { NotFoundException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { InvoicesController } from './invoices.controller.js';
import type { Invoice, InvoicesService } from './invoices.service.js';

/** The controller alone, over a service that holds invoices in a Map (test/app.e2e-spec.ts runs it on PostgreSQL). */
describe('InvoicesController', () => {
  const stored = new Map<number, Invoice>();
  const service = {
    create: async (status: string) => {
      const invoice = { id: stored.size + 1, status };
      stored.set(invoice.id, invoice);
      return invoice;
    },
    findOne: async (id: number) => stored.get(id),
  } as unknown as InvoicesService;
  const controller = new InvoicesController(service);
  const sent = (contentType: string) => ({ headers: { 'content-type': contentType } }) as Request;

  it('creates an invoice and says where it is', async () => {
    let location = '';
    const res = { location: (l: string) => (location = l) } as unknown as Response;
    expect(await controller.create(sent('application/json'), { status: 'paid' }, res)).toEqual({
      id: 1,
      status: 'paid',
    });
    expect(location).toBe('/invoices/1');
  });

  it('refuses a body that is not JSON by its content type', async () => {
    await expect(
      controller.create(sent('application/x-www-form-urlencoded'), { status: 'paid' }, {} as Response),
    ).rejects.toThrow(/application\/json/);
  });

  it('answers 404 for an invoice the service does not have', async () => {
    await expect(controller.findOne(99)).rejects.toBeInstanceOf(NotFoundException);
  });
});
