import { buildApp } from './app.ts';

const app = buildApp();
const port = Number(process.env.PORT ?? 3000);

// close() stops accepting connections and waits for requests in flight before resolving.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error(error);
        process.exit(1);
      },
    );
  });
}

await app.listen({ host: '0.0.0.0', port });
