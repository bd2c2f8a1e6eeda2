import type { FastifyServerOptions } from 'fastify';

type Compiled = (...args: never[]) => unknown;

/** Route schemas compiled to code by scripts/compile-schemas.mjs, by schemaKey(). */
export interface CompiledSchemas {
  validators: Record<string, Compiled>;
  serializers: Record<string, Compiled>;
}

interface RouteSchemaOptions {
  schema: unknown;
  method: string;
  url: string;
  httpPart?: string;
  httpStatus?: string;
  contentType?: string;
}

/**
 * Names a route schema by where Fastify uses it and by its content, so code compiled from an older version of a
 * schema is never used for a newer one.
 */
export function schemaKey({ schema, method, url, httpPart, httpStatus, contentType }: RouteSchemaOptions): string {
  return `${method} ${url} ${httpPart ?? `${httpStatus} ${contentType ?? ''}`} ${JSON.stringify(schema)}`;
}

/**
 * Fastify's schemaController for schemas compiled at build time: it looks each route schema up instead of compiling
 * it with Ajv and fast-json-stringify when the app starts. A schema without compiled code fails the start, loudly.
 */
export function precompiledSchemaController(
  compiled: CompiledSchemas,
): NonNullable<FastifyServerOptions['schemaController']> {
  const lookup = (kind: keyof CompiledSchemas) => () => (options: RouteSchemaOptions) => {
    const key = schemaKey(options);
    const fn = compiled[kind][key];
    if (!fn)
      throw new Error(
        `No compiled code for the schema of ${key.slice(0, 200)}: run scripts/compile-schemas.mjs after tsc`,
      );
    return fn;
  };
  // Fastify's types name Ajv's own compile signature; a lookup takes the route options object Fastify passes.
  const compilersFactory = { buildValidator: lookup('validators'), buildSerializer: lookup('serializers') };
  return { compilersFactory } as unknown as NonNullable<FastifyServerOptions['schemaController']>;
}
