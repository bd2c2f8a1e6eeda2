import { Module } from '@nestjs/common';
import { HealthModule } from './health/health.module.js';
import { InvoicesModule } from './invoices/invoices.module.js';

// The request logger is installed by configureApp() (app.factory.ts), ahead of every route.
@Module({
  imports: [HealthModule, InvoicesModule],
})
export class AppModule {}
