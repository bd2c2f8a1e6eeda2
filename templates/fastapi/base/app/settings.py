"""Settings from the environment that the app reads as it is made (app/main.py) and `python -m app` checks first,
so a bad value stops the start with one line naming it. `.env.example` lists every variable the service reads."""

import os


def docs_enabled(env: dict[str, str] | None = None) -> bool:
    """API_DOCS: `1`/`true` serves Swagger UI at /docs and ReDoc at /redoc, which load their scripts from a CDN
    (jsdelivr), so they are off unless asked for (e.g. in development). /openapi.json is served either way."""
    value = (os.environ if env is None else env).get("API_DOCS", "").strip().lower()
    if value not in ("", "0", "false", "1", "true"):
        raise ValueError(f"API_DOCS={value!r} is not a boolean: use 1/true or 0/false")
    return value in ("1", "true")
