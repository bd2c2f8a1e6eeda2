"""The database: SQLAlchemy 2's asyncio engine over psycopg 3, and one session per request (a FastAPI dependency).

psycopg 3 rather than asyncpg: one driver for async and sync code (a one-off script can use it without an event loop),
the one Django uses too (so this tool's Python starters share it), values sent as server-side parameters. asyncpg is
faster in micro-benchmarks, rarely where an API spends its time. Every query is awaited, so a slow one never blocks
the event loop: other requests (and /healthz) go on while it runs.
"""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from app.settings import load_settings


def create_engine(url: URL | None = None) -> AsyncEngine:
    """An engine on DATABASE_URL (or `url`) with the pool the settings give; a ConfigurationError when one is bad."""
    settings = load_settings()
    return create_async_engine(
        url or settings.sqlalchemy_url(),
        pool_size=settings.pool_size(),
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
