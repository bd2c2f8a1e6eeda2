import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { RequestLoggerMiddleware } from './common/request-logger.middleware.js';
import { HealthModule } from './health/health.module.js';
import { InvoicesModule } from './invoices/invoices.module.js';

@Module({
  imports: [HealthModule, InvoicesModule],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestLoggerMiddleware).forRoutes('{*path}');
  }
}
