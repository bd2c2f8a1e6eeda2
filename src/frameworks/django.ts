import type { FrameworkRecord } from './types.js';
import { pythonToolchain } from './toolchains.js';

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
    install: 'python3 -m venv .venv && .venv/bin/pip install -e ".[dev]"',
    test: '.venv/bin/pytest',
    // gunicorn reads ./gunicorn.conf.py: 0.0.0.0:$PORT, graceful SIGTERM, no access log (the app logs JSON).
    start: '.venv/bin/gunicorn config.wsgi',
    // Builds exactly as `sam build` does (the Makefile; every dependency is pure Python, so Lambda's python3.13/arm64
    // wheels run here too), then runs it as Lambda's Python runtime does: awslambdaric (kept in its own venv, as
    // Lambda keeps it outside the function's code) with the artifact folder as LAMBDA_TASK_ROOT.
    lambda:
      'rm -rf .aws-sam/build/ApiFunction && make build-ApiFunction ARTIFACTS_DIR="$PWD/.aws-sam/build/ApiFunction" >&2' +
      ' && { [ -x .aws-sam/ric/bin/python ] || { python3 -m venv .aws-sam/ric && .aws-sam/ric/bin/pip install --disable-pip-version-check "awslambdaric>=4.2.2,<5"; } >&2; }' +
      ' && cd .aws-sam/build/ApiFunction && export LAMBDA_TASK_ROOT="$PWD" PYTHONPATH="$PWD" && exec ../../ric/bin/python -m awslambdaric "$_HANDLER"',
  },
  lambdaHandler: 'config.lambda_handler.handler',
  resources: { cpuRequest: '100m', memoryRequest: '192Mi', memoryLimit: '384Mi' },
  toolchain: pythonToolchain,
};
