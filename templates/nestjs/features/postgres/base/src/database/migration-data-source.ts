import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { databaseOptions } from './database-options.js';

/** What `npm run migrate` (typeorm migration:run) connects with: the app's own options, DATABASE_URL included. */
export default new DataSource(databaseOptions());
