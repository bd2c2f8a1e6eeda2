import type { OpenApiDocument } from './openapi.ts';
import type { CompiledSchemas } from './precompiled-schemas.ts';

/**
 * The route schemas compiled to code. In the source there are none (tests, `npm run dev`: Fastify compiles the schemas
 * when the app starts); the Lambda build (make build-ApiFunction) runs scripts/compile-schemas.mjs, which writes
 * dist/compiled-schemas.js over this file's output before the bundle is made.
 */
export const compiledSchemas: CompiledSchemas | undefined = undefined;

/** /openapi.json as @fastify/swagger made it at build time (scripts/compile-schemas.mjs); none in the source. */
export const openApiDocument: OpenApiDocument | undefined = undefined;
