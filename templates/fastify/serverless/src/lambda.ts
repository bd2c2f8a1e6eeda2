import awsLambdaFastify from '@fastify/aws-lambda';
import { buildApp } from './app.ts';

const app = buildApp();

// Built once per execution environment: warm invocations reuse the app and its compiled schemas.
export const handler = awsLambdaFastify(app);

// Top-level await runs during Lambda's init phase, which is not billed as invocation time.
await app.ready();
