import type { FrameworkCommands } from './types.js';

/**
 * How the Python starters (FastAPI, Django) are installed and tested: with uv, from the uv.lock each starter ships
 * (templates/<framework>/locks/). `uv sync --locked` makes .venv hold exactly what the lock pins, the dev group
 * included, and refuses a pyproject.toml the lock no longer matches instead of resolving anew, so a user installs
 * what CI installed. Every other command then runs the venv's programs (`.venv/bin/...`) rather than `uv run`:
 * `uv run` would check and sync the environment again before each command, and would stand between the server and
 * the SIGTERM it must answer itself; after the install, the venv alone is the project's environment.
 */
export const pythonCommands = {
  install: 'uv sync --locked',
  test: '.venv/bin/pytest',
  lint: '.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/mypy',
} as const satisfies Partial<FrameworkCommands>;

/**
 * The records' relock: after `add` merged a feature's dependencies beside the user's own, pyproject.toml and uv.lock
 * may differ (a dependency the user added, a lock of the user's that update kept): `uv sync` locks anew, keeping every
 * version uv.lock pins that pyproject.toml still allows, and installs that.
 */
export const PYTHON_RELOCK = 'uv sync';
