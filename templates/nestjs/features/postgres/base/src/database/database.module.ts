import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseOptions } from './database-options.js';
import { ReadinessController } from './readiness.controller.js';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      // Read when the app starts, not when this file is imported (a build step may load it without DATABASE_URL).
      useFactory: () => ({
        ...databaseOptions(),
        // A database that is down at start-up fails the start after one more try, instead of nine over half a minute.
        retryAttempts: 1,
        retryDelay: 1000,
      }),
    }),
  ],
  controllers: [ReadinessController],
})
export class DatabaseModule {}
