import type { FrameworkRecord } from './types.js';
import { PYTHON_RELOCK, pythonCommands } from './python.js';
import { pythonToolchain, pythonTools } from './toolchains.js';

export const django: FrameworkRecord = {
  id: 'django',
  name: 'Django',
  language: 'python',
  ecosystem: 'python',
  sweetSpot: 'CRUD-heavy apps, admin, batteries included',
  watchOutFor: 'Heavier for thin JSON APIs',
  opinion: 'opinionated',
  defaultPort: 8000,
  deployTargets: ['containers', 'serverless'],
  commands: {
    ...pythonCommands,
    // gunicorn reads ./gunicorn.conf.py: 0.0.0.0:$PORT, graceful SIGTERM, no access log (the app logs JSON).
    start: '.venv/bin/gunicorn config.wsgi',
    // The build and the runtime interface client, in one script the README names (scripts/lambda-runtime.sh).
    lambda: 'sh scripts/lambda-runtime.sh',
  },
  lambdaHandler: 'config.lambda_handler.handler',
  // django-ninja's document of the views; Swagger UI only with API_DOCS=1 (config/api.py).
  openApi: true,
  resources: { cpuRequest: '100m', memoryRequest: '192Mi', memoryLimit: '384Mi' },
  relock: PYTHON_RELOCK,
  toolchain: pythonToolchain,
  tools: pythonTools,
  features: {
    postgres: {
      // Django's own migrations (invoices/migrations/, and those of the admin, auth and sessions apps).
      commands: { migrate: '.venv/bin/python manage.py migrate' },
      // The image's venv is on its PATH, and manage.py sits in its working directory.
      imageMigrate: ['python', 'manage.py', 'migrate', '--no-input'],
      migrations: 'invoices/migrations/',
    },
  },
};
