import { Logger } from '@nestjs/common';
import { createApp } from './app.factory.js';
import { portOrExit } from './port.js';

const port = portOrExit(process.env.PORT, 3000);
const app = await createApp();

// On SIGTERM/SIGINT Nest stops accepting connections, waits for requests in flight, runs the
// onApplicationShutdown hooks, then exits 0 (useProcessExit) instead of re-raising the signal.
app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });

await app.listen(port, '0.0.0.0');
Logger.log(`Listening on http://0.0.0.0:${port}`, 'Bootstrap');
