"""The tests run against PostgreSQL: pytest-django creates a test database beside the one DATABASE_URL names
(`test_` + its name) with the migrations, runs each `django_db` test in a transaction it rolls back (as Django's
TestCase does), and drops it at the end. With no database answering, the run stops at once, naming the URL."""

import pytest

from tests.postgres import require_database


def pytest_sessionstart(session: pytest.Session) -> None:
    require_database()
