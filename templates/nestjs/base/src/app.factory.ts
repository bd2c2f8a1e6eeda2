import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { JsonLogger } from './common/json-logger.js';
import { requestLogger } from './common/request-logger.middleware.js';

/** Nest's own logger, one JSON object per line on stdout (errors on stderr), written in batches. */
export function createLogger(): JsonLogger {
  return new JsonLogger();
}

/** What every instance of the app gets, whoever creates it (createApp below, the tests). Call before init(). */
export function configureApp(app: NestExpressApplication): void {
  // A JSON API: no ETag (Express hashes every body to make one, and nothing here revalidates) and no X-Powered-By.
  app.set('etag', false);
  app.disable('x-powered-by');
  app.use(requestLogger);
}

/** The application main.ts serves and the tests exercise. */
export async function createApp(): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger: createLogger() });
  configureApp(app);
  return app;
}
