import type { FrameworkRecord } from './types.js';
import { pythonToolchain } from './toolchains.js';

// No starter yet: deployTargets stays empty until templates/fastapi/ keeps the contract under the e2e harness.
export const fastapi: FrameworkRecord = {
  id: 'fastapi',
  name: 'FastAPI',
  language: 'python',
  ecosystem: 'python',
  sweetSpot: 'AI/ML backends, fast-to-ship typed APIs',
  watchOutFor: 'Async pitfalls if you block the event loop',
  opinion: 'minimal',
  defaultPort: 8000,
  deployTargets: [],
  commands: {
    install: 'python3 -m venv .venv && .venv/bin/pip install -e ".[dev]"',
    test: '.venv/bin/pytest',
    start: '.venv/bin/python -m app',
    lambda: '',
  },
  lambdaHandler: '',
  resources: { cpuRequest: '100m', memoryRequest: '128Mi', memoryLimit: '256Mi' },
  toolchain: pythonToolchain,
};
