import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
// The project's name and version, written at generation (JSON holds any name as it is).
import info from '../api-info.json' with { type: 'json' };
import { MethodNotAllowedFilter } from './method-not-allowed.filter.js';

/** `/invoices/{id}` as a pattern of request paths. */
const pathPattern = (template: string) =>
  new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);

/**
 * GET /openapi.json: the OpenAPI 3.1 document @nestjs/swagger makes from the controllers and their decorators, built
 * on its first request. Swagger UI at /docs (swagger-ui-dist, served from the package, no CDN) only when `docs`. A
 * method a path of the document does not serve is a 405 naming the ones it does.
 */
export function serveOpenApi(app: NestExpressApplication, { docs }: { docs: boolean }): void {
  const config = new DocumentBuilder().setOpenAPIVersion('3.1.0').setTitle(info.title).setVersion(info.version).build();
  let document: OpenAPIObject | undefined;
  const built = () => {
    document ??= SwaggerModule.createDocument(app, config);
    return document;
  };
  SwaggerModule.setup('docs', app, built, { ui: docs, raw: ['json'], jsonDocumentUrl: 'openapi.json' });

  let routes: { pattern: RegExp; methods: string[] }[] | undefined;
  const allowedMethods = (path: string) => {
    routes ??= Object.entries(built().paths).map(([template, item]) => {
      const methods = Object.keys(item).map((method) => method.toUpperCase());
      return { pattern: pathPattern(template), methods: methods.includes('GET') ? [...methods, 'HEAD'] : methods };
    });
    return routes.find((route) => route.pattern.test(path))?.methods ?? [];
  };
  app.useGlobalFilters(new MethodNotAllowedFilter(app.getHttpAdapter(), allowedMethods));
}
