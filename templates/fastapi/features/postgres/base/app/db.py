"""The database: SQLAlchemy 2's asyncio engine over psycopg 3, and one session per request (a FastAPI dependency).

psycopg 3 rather than asyncpg: one driver for async and sync code (a one-off script can use it without an event loop),
the one Django uses too (so this tool's Python starters share it), values sent as server-side parameters. asyncpg is
faster in micro-benchmarks, rarely where an API spends its time. Every query is awaited, so a slow one never blocks
the event loop: other requests (and /healthz) go on while it runs.
"""

import os
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine


def on_lambda() -> bool:
    return bool(os.environ.get("AWS_LAMBDA_FUNCTION_NAME"))


class ConfigurationError(Exception):
    """A missing or bad database setting; its message names the variable."""


def database_url(env: dict[str, str] | None = None) -> URL:
    """DATABASE_URL (postgres:// or postgresql://), with SQLAlchemy's name for the psycopg 3 driver."""
    value = (os.environ if env is None else env).get("DATABASE_URL", "")
    if not value:
        raise ConfigurationError("DATABASE_URL is not set: give the postgres:// URL of the database (see README.md)")
    try:
        url = make_url(value)
    except Exception as error:
        raise ConfigurationError("DATABASE_URL is not a URL: use postgres://USER:PASSWORD@HOST:5432/DB") from error
    if url.get_backend_name() not in ("postgres", "postgresql"):
        raise ConfigurationError(f"DATABASE_URL must be a postgres:// URL, not {url.drivername}://")
    return url.set(drivername="postgresql+psycopg")


def pool_size(env: dict[str, str] | None = None) -> int:
    """DATABASE_POOL_MAX; by default 10 in a container, 1 on Lambda (one instance serves one request at a time)."""
    value = (os.environ if env is None else env).get("DATABASE_POOL_MAX", "1" if on_lambda() else "10")
    if not value.isdigit() or int(value) < 1:
        raise ConfigurationError(f"DATABASE_POOL_MAX={value!r} is not a whole number of at least 1")
    return int(value)


def create_engine(url: URL | None = None) -> AsyncEngine:
    return create_async_engine(
        url or database_url(),
        pool_size=pool_size(),
        max_overflow=0,
        # A request waits at most this long for a free connection: with the database down it answers 503 quickly.
        pool_timeout=2,
        # A pooled connection the server dropped (a restart, a failover) fails its request with a 503 and makes the
        # pool replace every connection opened before it: the next requests connect anew, no restart needed.
        connect_args={
            "connect_timeout": 2,
            # A query the server has not answered in 5 s is cancelled there, and fails here.
            "options": "-c statement_timeout=5000",
            "application_name": "api",
        },
    )


_engine: AsyncEngine | None = None
_sessions: async_sessionmaker[AsyncSession] | None = None


def engine() -> AsyncEngine:
    """The process's engine and its pool, made on first use (so importing the app needs no DATABASE_URL). On Lambda
    it lives as long as the instance: its one connection is opened by the first request and reused by the next."""
    global _engine
    if _engine is None:
        _engine = create_engine()
    return _engine


def sessions() -> async_sessionmaker[AsyncSession]:
    global _sessions
    if _sessions is None:
        _sessions = async_sessionmaker(engine(), expire_on_commit=False)
    return _sessions


async def dispose_engine() -> None:
    """Closes the pool's connections, if an engine was made (at shutdown, after the last request)."""
    global _engine, _sessions
    closing, _engine, _sessions = _engine, None, None
    if closing is not None:
        await closing.dispose()


async def get_session() -> AsyncIterator[AsyncSession]:
    """One session per request, closed after it (its connection goes back to the pool). Tests override this
    dependency with a session inside a transaction they roll back."""
    async with sessions()() as session:
        yield session


Session = Annotated[AsyncSession, Depends(get_session)]
