import awsLambdaFastify from '@fastify/aws-lambda';
import { buildApp } from './app.ts';
import { compiledSchemas, openApiDocument } from './compiled-schemas.ts';
import { precompiledSchemaController } from './precompiled-schemas.ts';

// In the Lambda artifact the route schemas arrive compiled to code and the OpenAPI document made (both by
// scripts/compile-schemas.mjs, run by the build), so the cold start skips compiling them with Ajv and
// fast-json-stringify and never loads @fastify/swagger; from the source, Fastify and @fastify/swagger do it at start.
const app = buildApp({
  ...(compiledSchemas && { schemaController: precompiledSchemaController(compiledSchemas) }),
  openApiDocument,
});

// Built once per execution environment: warm invocations reuse the app and its compiled schemas.
export const handler = awsLambdaFastify(app);

// Top-level await runs during Lambda's init phase, which is not billed as invocation time.
await app.ready();
