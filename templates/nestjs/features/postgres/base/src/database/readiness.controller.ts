import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Readiness: 200 when the database answers a query, 503 otherwise, so an orchestrator stops sending traffic to an
 * instance that cannot serve it. /healthz (liveness) never touches the database: an outage must not restart pods.
 */
@Controller('readyz')
export class ReadinessController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  async check(): Promise<{ status: 'ok' }> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch (error) {
      throw new ServiceUnavailableException('the database is unavailable', { cause: error });
    }
    return { status: 'ok' };
  }
}
