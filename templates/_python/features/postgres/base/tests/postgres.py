"""The PostgreSQL the tests run against: DATABASE_URL, else the one `docker compose up -d db` starts. With none
answering, the run stops at once with one message that names the URL and how to start one (never a hang, never a
pass)."""

import os

import psycopg
import pytest

DEFAULT_URL = "postgres://postgres:postgres@127.0.0.1:5432/app"


def database_url() -> str:
    """DATABASE_URL, set to the default when it is not set, so the app's own settings see the same URL."""
    return os.environ.setdefault("DATABASE_URL", DEFAULT_URL)


def require_database() -> str:
    """The URL, once a connection to it succeeded within 3 seconds; otherwise the test run stops, naming it."""
    url = database_url()
    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.Error as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        pytest.exit(
            f"No PostgreSQL answered at {url} ({reason}). Start one with `docker compose up -d db`,"
            " or set DATABASE_URL to yours.",
            returncode=1,
        )
    return url
