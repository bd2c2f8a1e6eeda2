import { defineConfig } from 'vitest/config';

// Vite's TypeScript transform reads experimentalDecorators and emitDecoratorMetadata from tsconfig.json,
// so Nest's constructor injection works in tests without a separate compiler plugin.
export default defineConfig({
  test: {
    globals: true,
    include: ['src/**/*.spec.ts', 'test/**/*.e2e-spec.ts'],
  },
});
