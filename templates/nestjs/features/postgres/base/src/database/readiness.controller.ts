import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ErrorBody, StatusBody } from '../common/api-bodies.js';

/**
 * Readiness: 200 when the database answers a query, 503 otherwise, so an orchestrator stops sending traffic to an
 * instance that cannot serve it. /healthz (liveness) never touches the database: an outage must not restart pods.
 */
@Controller('readyz')
export class ReadinessController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @ApiOkResponse({ type: StatusBody, description: 'The database answers' })
  @ApiServiceUnavailableResponse({ type: ErrorBody, description: 'The database did not answer' })
  async check(): Promise<{ status: 'ok' }> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch (error) {
      throw new ServiceUnavailableException('the database is unavailable', { cause: error });
    }
    return { status: 'ok' };
  }
}
