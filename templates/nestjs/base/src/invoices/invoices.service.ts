import { Injectable } from '@nestjs/common';

export interface Invoice {
  id: number;
  status: 'paid';
}

@Injectable()
export class InvoicesService {
  findOne(id: number): Invoice {
    return { id, status: 'paid' };
  }
}
