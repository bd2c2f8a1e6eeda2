/**
 * The environment variables each starter reads: one table, rendered into the project's `.env.example` and the
 * Configuration table of its README, and held to the sources by test/unit/settings.test.ts (every variable the code
 * reads is listed, every listed one is read). What a variable means is said once here; which starter reads it, and
 * its default there, is the STARTER_SETTINGS table below.
 */
import type { FeatureId } from '../features/types.js';
import type { FrameworkId, FrameworkRecord } from '../frameworks/types.js';

export interface Setting {
  name: string;
  /** What the starter uses when the variable is unset, in words where it depends ("10; 1 on AWS Lambda"). */
  default: string;
  meaning: string;
  /** The value `.env.example` shows: the default where it is one value, else a typical one ('' for a secret). */
  example: string;
  /**
   * Set in `.env.example` (the compose database's URL, which a local run needs); the others are comments there, as
   * their defaults are what a local run wants, or they only matter where the service is deployed.
   */
  local: boolean;
}

interface Definition {
  meaning: string;
  default?: string;
  example?: string;
  local?: true;
}

/** Meanings shared by several starters; a starter's row may give its own default. */
const DEFINITIONS = {
  PORT: { meaning: 'TCP port the HTTP server listens on, 1 to 65535; anything else stops the start with one line naming PORT' },
  LOG_LEVEL: { meaning: 'the lowest level written to the JSON log on stdout; at `warn` the request lines are off', default: 'info' },
  DATABASE_URL: {
    meaning: 'the PostgreSQL database, a `postgres://USER:PASSWORD@HOST:5432/DB` URL; deployed, from a secret (see Database)',
    default: 'none: required',
    example: 'postgres://postgres:postgres@127.0.0.1:5432/app',
    local: true,
  },
  DATABASE_POOL_MAX: { meaning: 'the most connections the pool opens, a whole number of at least 1', default: '10; 1 on AWS Lambda (one request at a time per instance)', example: '10' },
  DATABASE_CONNECT_TIMEOUT_MS: { meaning: 'how long opening a database connection may take, in milliseconds, before the request fails with a 503' },
  DJANGO_ENV: { meaning: '`production` where the service is deployed (its image sets it): hosts, key and database required, debug refused', default: 'development' },
  DJANGO_SECRET_KEY: { meaning: 'the key Django signs sessions and tokens with; required in production, from your secret store (the public development key is refused there)', default: 'a public development-only key', example: '' },
  DJANGO_DEBUG: { meaning: '`1`/`true` for Django\'s debug pages in development; refused in production', default: 'off', example: '0' },
  DJANGO_ALLOWED_HOSTS: { meaning: 'the comma-separated host names the service answers for; required in production', default: 'localhost,127.0.0.1,[::1] (on AWS Lambda any: API Gateway checked the host)', example: 'localhost,127.0.0.1,[::1]' },
  DJANGO_STATIC_ROOT: { meaning: 'the folder `manage.py collectstatic` writes the admin\'s static files to', default: 'staticfiles' },
  DATABASE_CONN_MAX_AGE: { meaning: 'seconds a database connection is kept for the next requests (0: one connection per request)', default: '600; the instance\'s life on AWS Lambda', example: '600' },
  WEB_CONCURRENCY: { meaning: 'the number of gunicorn worker processes', default: '2' },
  API_DOCS: { meaning: '`1`/`true` serves Swagger UI at /docs and ReDoc at /redoc, which load their scripts from a CDN; /openapi.json is served either way', default: 'off', example: '0' },
  GIN_MODE: { meaning: '`debug` brings back Gin\'s route dump and debug warnings (Gin itself stops the start with a panic on a value other than debug, release or test)', default: 'release' },
} as const satisfies Record<string, Definition>;

type SettingName = keyof typeof DEFINITIONS;
/**
 * A variable the starter reads, with its own default where it differs from the shared one (a single value), or its
 * own meaning where the starter's use of it differs.
 */
type Row = SettingName | readonly [SettingName, string] | { readonly name: SettingName; readonly meaning: string };

interface StarterSettings {
  base: readonly Row[];
  features?: Partial<Record<FeatureId, readonly Row[]>>;
}

/** API_DOCS where Swagger UI comes with the framework's package (@fastify/swagger-ui, @nestjs/swagger's swagger-ui-dist, django-ninja's static files, utoipa-swagger-ui, springdoc's swagger-ui webjar). */
const SELF_HOSTED_API_DOCS = '`1`/`true` serves Swagger UI at /docs, its scripts from the package (no CDN); /openapi.json is served either way';

/** API_DOCS of the Go starters: cmd/server reads it, the Lambda function serves the document but no Swagger UI. */
const GO_API_DOCS = '`1`/`true` serves Swagger UI at /docs (the server; not the Lambda function), its scripts embedded in the binary (no CDN); /openapi.json is served either way';

/** Which variables each starter reads: always (`base`), and with a feature. PORT's default is the framework's. */
const STARTER_SETTINGS: Readonly<Record<FrameworkId, StarterSettings>> = {
  fastify: {
    base: ['PORT', 'LOG_LEVEL', { name: 'API_DOCS', meaning: SELF_HOSTED_API_DOCS }],
    features: { postgres: ['DATABASE_URL', 'DATABASE_POOL_MAX', ['DATABASE_CONNECT_TIMEOUT_MS', '2000']] },
  },
  nestjs: { base: ['PORT', { name: 'API_DOCS', meaning: SELF_HOSTED_API_DOCS }], features: { postgres: ['DATABASE_URL', 'DATABASE_POOL_MAX', ['DATABASE_CONNECT_TIMEOUT_MS', '2000']] } },
  fastapi: { base: ['PORT', 'API_DOCS'], features: { postgres: ['DATABASE_URL', 'DATABASE_POOL_MAX'] } },
  django: {
    base: ['PORT', 'DJANGO_ENV', 'DJANGO_SECRET_KEY', 'DJANGO_DEBUG', 'DJANGO_ALLOWED_HOSTS', 'WEB_CONCURRENCY', { name: 'API_DOCS', meaning: SELF_HOSTED_API_DOCS }],
    features: { postgres: ['DATABASE_URL', 'DATABASE_CONN_MAX_AGE', 'DJANGO_STATIC_ROOT'] },
  },
  gin: { base: ['PORT', 'GIN_MODE', { name: 'API_DOCS', meaning: GO_API_DOCS }], features: { postgres: ['DATABASE_URL', 'DATABASE_POOL_MAX'] } },
  echo: { base: ['PORT', { name: 'API_DOCS', meaning: GO_API_DOCS }], features: { postgres: ['DATABASE_URL', 'DATABASE_POOL_MAX'] } },
  axum: { base: ['PORT', 'LOG_LEVEL', { name: 'API_DOCS', meaning: SELF_HOSTED_API_DOCS }], features: { postgres: ['DATABASE_URL', 'DATABASE_POOL_MAX'] } },
  'spring-boot': { base: ['PORT', { name: 'API_DOCS', meaning: SELF_HOSTED_API_DOCS }], features: { postgres: ['DATABASE_URL', 'DATABASE_POOL_MAX', ['DATABASE_CONNECT_TIMEOUT_MS', '3000']] } },
};

/** A row's variable, and the default or meaning of the starter's own it gives. */
function rowParts(row: Row): { name: SettingName; own?: string; meaning?: string } {
  if (typeof row === 'string') return { name: row };
  if ('name' in row) return row;
  return { name: row[0], own: row[1] };
}

/** The variables a project reads, in the table's order: the framework's, then each chosen feature's. */
export function settingsFor(framework: Pick<FrameworkRecord, 'id' | 'defaultPort'>, features: readonly FeatureId[]): Setting[] {
  const starter = STARTER_SETTINGS[framework.id];
  const rows = [...starter.base, ...features.flatMap((feature) => starter.features?.[feature] ?? [])];
  return rows.map((row) => {
    const { name, own, meaning } = rowParts(row);
    const definition: Definition = { ...DEFINITIONS[name], ...(meaning && { meaning }) };
    const value = own ?? (name === 'PORT' ? String(framework.defaultPort) : definition.default) ?? 'none';
    return { name, default: value, meaning: definition.meaning, example: definition.example ?? value, local: definition.local === true };
  });
}
