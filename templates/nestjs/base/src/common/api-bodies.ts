import { ApiProperty } from '@nestjs/swagger';

/** The JSON body of every error Nest answers (an HttpException's response), as /openapi.json documents it. */
export class ErrorBody {
  @ApiProperty({ type: 'integer', example: 404 })
  statusCode: number;

  @ApiProperty({ example: 'no invoice 42' })
  message: string;

  @ApiProperty({ required: false, example: 'Not Found' })
  error?: string;
}

/** `{"status":"ok"}`, what /healthz (and /readyz, with a database) answer. */
export class StatusBody {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';
}
