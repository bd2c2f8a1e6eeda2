import type { FeatureId } from '../features/types.js';
import type { FrameworkId } from './types.js';

/**
 * Where a starter keeps the code of its routes and their tests, for the README and AGENTS.md ("where does a route
 * go?"). Paths are the generated project's; `{{javaPackagePath}}`-style names are filled from the project names.
 * test/unit/agents.test.ts checks that every path is a file the starter really has.
 */
export interface StarterLayout {
  /** The invoice route, the example to copy for a new one. */
  routes: string;
  /** Where the routes are registered, when that is not the same file. */
  registry?: string;
  /** The tests of the routes. */
  tests: string;
  /** Where a feature moves them (with a database, Axum's invoice routes leave src/lib.rs for src/invoices.rs, Go's router.go for invoices.go). */
  features?: Partial<Record<FeatureId, Partial<Omit<StarterLayout, 'features'>>>>;
}

export const LAYOUTS: Record<FrameworkId, StarterLayout> = {
  fastify: { routes: 'src/app.ts', tests: 'test/app.test.ts' },
  nestjs: { routes: 'src/invoices/invoices.controller.ts', registry: 'src/app.module.ts', tests: 'test/app.e2e-spec.ts' },
  fastapi: { routes: 'app/main.py', tests: 'tests/test_app.py', features: { postgres: { routes: 'app/invoices.py', registry: 'app/main.py' } } },
  django: { routes: 'invoices/views.py', registry: 'config/api.py', tests: 'tests/test_api.py' },
  gin: { routes: 'internal/api/router.go', tests: 'internal/api/router_test.go', features: { postgres: { routes: 'internal/api/invoices.go', registry: 'internal/api/router.go' } } },
  echo: { routes: 'internal/api/router.go', tests: 'internal/api/router_test.go', features: { postgres: { routes: 'internal/api/invoices.go', registry: 'internal/api/router.go' } } },
  axum: { routes: 'src/lib.rs', tests: 'tests/app.rs', features: { postgres: { routes: 'src/invoices.rs', registry: 'src/lib.rs' } } },
  'spring-boot': { routes: 'src/main/java/{{javaPackagePath}}/InvoiceController.java', tests: 'src/test/java/{{javaPackagePath}}/ApplicationTests.java' },
};
