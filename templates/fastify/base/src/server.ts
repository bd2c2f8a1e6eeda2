import { buildApp, logDestination } from './app.ts';
import { portOrExit } from './port.ts';

const port = portOrExit(process.env.PORT, 3000);
const app = buildApp();

// close() stops accepting connections and waits for requests in flight before resolving; the batched log lines are
// written before the process exits.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => {
        logDestination.flush();
        process.exit(0);
      },
      (error: unknown) => {
        app.log.error(error);
        logDestination.flush();
        process.exit(1);
      },
    );
  });
}

await app.listen({ host: '0.0.0.0', port });
