import { ConsoleLogger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';

/** Nest's own logger, one JSON object per line on stdout (errors on stderr). */
export function createLogger(): ConsoleLogger {
  return new ConsoleLogger({ json: true, flattenParams: true });
}

/** The application main.ts serves and the tests exercise. */
export async function createApp(): Promise<INestApplication> {
  return NestFactory.create(AppModule, { logger: createLogger() });
}
