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
    lint: '.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/mypy',
    // gunicorn reads ./gunicorn.conf.py: 0.0.0.0:$PORT, graceful SIGTERM, no access log (the app logs JSON).
    start: '.venv/bin/gunicorn config.wsgi',
    // Builds as `sam build` does (the Makefile), for this machine's Python (LAMBDA_PIP_ARGS=): every dependency is pure
    // Python, so pip picks the same wheels as for Lambda's python3.13/arm64, and the bytecode the Makefile compiles is for
    // the Python that runs it here. Then runs it as Lambda's Python runtime does: awslambdaric (kept in its own venv, as
    // Lambda keeps it outside the function's code) with the artifact folder as LAMBDA_TASK_ROOT,
    // where Python writes no __pycache__ (on Lambda /var/task is read-only: the artifact's own .pyc files are all there is).
    lambda:
      'rm -rf .aws-sam/build/ApiFunction && make build-ApiFunction ARTIFACTS_DIR="$PWD/.aws-sam/build/ApiFunction" LAMBDA_PIP_ARGS= >&2' +
      ' && { [ -x .aws-sam/ric/bin/python ] || { python3 -m venv .aws-sam/ric && .aws-sam/ric/bin/pip install --disable-pip-version-check "awslambdaric>=4.2.2,<5"; } >&2; }' +
      ' && cd .aws-sam/build/ApiFunction && export LAMBDA_TASK_ROOT="$PWD" PYTHONPATH="$PWD" PYTHONDONTWRITEBYTECODE=1 && exec ../../ric/bin/python -m awslambdaric "$_HANDLER"',
  },
  lambdaHandler: 'config.lambda_handler.handler',
  resources: { cpuRequest: '100m', memoryRequest: '192Mi', memoryLimit: '384Mi' },
  toolchain: pythonToolchain,
};
