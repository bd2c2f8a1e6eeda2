import type { FrameworkRecord } from './types.js';
import { pythonToolchain } from './toolchains.js';

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
    install: 'python3 -m venv .venv && .venv/bin/pip install -e ".[dev]"',
    test: '.venv/bin/pytest',
    lint: '.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/mypy',
    // app/__main__.py runs uvicorn on 0.0.0.0:$PORT and exits 0 after a graceful SIGTERM shutdown.
    start: '.venv/bin/python -m app',
    // Builds like `sam build` (the Makefile), but with wheels for this machine's Python instead of Lambda's
    // python3.13/arm64, then runs it as Lambda's Python runtime does: awslambdaric (kept in its own venv, as
    // Lambda keeps it outside the function's code) with the artifact folder as LAMBDA_TASK_ROOT,
    // where Python writes no __pycache__ (on Lambda /var/task is read-only: the artifact's own .pyc files are all there is).
    lambda:
      'rm -rf .aws-sam/build/ApiFunction && make build-ApiFunction ARTIFACTS_DIR="$PWD/.aws-sam/build/ApiFunction" LAMBDA_PIP_ARGS= >&2' +
      ' && { [ -x .aws-sam/ric/bin/python ] || { python3 -m venv .aws-sam/ric && .aws-sam/ric/bin/pip install --disable-pip-version-check "awslambdaric>=4.2.2,<5"; } >&2; }' +
      ' && cd .aws-sam/build/ApiFunction && export LAMBDA_TASK_ROOT="$PWD" PYTHONPATH="$PWD" PYTHONDONTWRITEBYTECODE=1 && exec ../../ric/bin/python -m awslambdaric "$_HANDLER"',
  },
  lambdaHandler: 'app.lambda_handler.handler',
  resources: { cpuRequest: '100m', memoryRequest: '128Mi', memoryLimit: '256Mi' },
  toolchain: pythonToolchain,
};
