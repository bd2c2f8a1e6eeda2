import awsLambdaFastify from '@fastify/aws-lambda';
import { buildApp } from './app.ts';
import { compiledSchemas } from './compiled-schemas.ts';
import { precompiledSchemaController } from './precompiled-schemas.ts';

// In the Lambda artifact the route schemas arrive compiled to code (scripts/compile-schemas.mjs, run by the build), so
// the cold start skips compiling them with Ajv and fast-json-stringify; from the source, Fastify compiles them itself.
const app = buildApp(compiledSchemas ? { schemaController: precompiledSchemaController(compiledSchemas) } : {});

// Built once per execution environment: warm invocations reuse the app and its compiled schemas.
export const handler = awsLambdaFastify(app);

// Top-level await runs during Lambda's init phase, which is not billed as invocation time.
await app.ready();
