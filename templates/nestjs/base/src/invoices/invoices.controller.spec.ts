import { Test } from '@nestjs/testing';
import { InvoicesController } from './invoices.controller.js';
import { InvoicesService } from './invoices.service.js';

describe('InvoicesController', () => {
  let controller: InvoicesController;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [InvoicesController],
      providers: [InvoicesService],
    }).compile();

    controller = moduleRef.get(InvoicesController);
  });

  it('returns the invoice from the service', () => {
    expect(controller.findOne(42)).toEqual({ id: 42, status: 'paid' });
  });
});
