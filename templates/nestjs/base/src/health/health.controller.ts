import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { StatusBody } from '../common/api-bodies.js';

@Controller('healthz')
export class HealthController {
  @Get()
  @ApiOkResponse({ type: StatusBody, description: 'The process is up (liveness: never touches the database)' })
  check(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
