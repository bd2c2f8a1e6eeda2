import type { FrameworkRecord } from './types.js';
import { PYTHON_RELOCK, pythonCommands } from './python.js';
import { pythonToolchain, pythonTools } from './toolchains.js';

export const fastapi: FrameworkRecord = {
  id: 'fastapi',
  name: 'FastAPI',
  language: 'python',
  ecosystem: 'python',
  sweetSpot: 'AI/ML backends, fast-to-ship typed APIs',
  watchOutFor: 'Async pitfalls if you block the event loop',
  opinion: 'minimal',
  defaultPort: 8000,
  deployTargets: ['containers', 'serverless'],
  commands: {
    ...pythonCommands,
    // app/__main__.py runs uvicorn on 0.0.0.0:$PORT and exits 0 after a graceful SIGTERM shutdown.
    start: '.venv/bin/python -m app',
    // The build and the runtime interface client, in one script the README names (scripts/lambda-runtime.sh).
    lambda: 'sh scripts/lambda-runtime.sh',
  },
  // FastAPI's own document; Swagger UI and ReDoc only with API_DOCS=1 (app/settings.py).
  openApi: true,
  lambdaHandler: 'app.lambda_handler.handler',
  resources: { cpuRequest: '100m', memoryRequest: '128Mi', memoryLimit: '256Mi' },
  relock: PYTHON_RELOCK,
  toolchain: pythonToolchain,
  tools: pythonTools,
  features: {
    postgres: {
      // Alembic, SQLAlchemy's own migration tool; alembic.ini points it at migrations/ and app.db's DATABASE_URL.
      commands: { migrate: '.venv/bin/alembic upgrade head' },
      // The image's venv is on its PATH, and alembic.ini and migrations/ sit in its working directory.
      imageMigrate: ['alembic', 'upgrade', 'head'],
    },
  },
};
