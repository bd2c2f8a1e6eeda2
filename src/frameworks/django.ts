import type { FrameworkRecord } from './types.js';
import { pythonToolchain } from './toolchains.js';

// No starter yet: deployTargets stays empty until templates/django/ keeps the contract under the e2e harness.
export const django: FrameworkRecord = {
  id: 'django',
  name: 'Django',
  language: 'python',
  ecosystem: 'python',
  sweetSpot: 'CRUD-heavy apps, admin, batteries included',
  watchOutFor: 'Heavier for thin JSON APIs',
  opinion: 'opinionated',
  defaultPort: 8000,
  deployTargets: [],
  commands: {
    install: 'python3 -m venv .venv && .venv/bin/pip install -e ".[dev]"',
    test: '.venv/bin/pytest',
    start: '.venv/bin/python -m gunicorn',
    lambda: '',
  },
  lambdaHandler: '',
  resources: { cpuRequest: '100m', memoryRequest: '128Mi', memoryLimit: '256Mi' },
  toolchain: pythonToolchain,
};
