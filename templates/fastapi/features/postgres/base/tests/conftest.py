"""Fixtures for the tests against PostgreSQL: the schema migrated once per run (by the same migrations
`alembic upgrade head` applies), and each test inside a transaction that is rolled back after it, so tests never see
each other's rows and leave the database as they found it."""

from collections.abc import AsyncIterator, Iterator

import httpx2 as httpx
import pytest
from alembic import command
from alembic.config import Config
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, create_async_engine
from sqlalchemy.pool import NullPool

from app.db import get_session
from app.main import create_app
from app.settings import load_settings
from tests.postgres import require_database


@pytest.fixture(scope="session")
def migrated() -> Iterator[None]:
    require_database()
    command.upgrade(Config("alembic.ini"), "head")
    yield


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def connection(migrated: None) -> AsyncIterator[AsyncConnection]:
    """A connection inside a transaction that is rolled back after the test."""
    engine = create_async_engine(load_settings().sqlalchemy_url(), poolclass=NullPool)
    try:
        async with engine.connect() as connection:
            transaction = await connection.begin()
            try:
                yield connection
            finally:
                await transaction.rollback()
    finally:
        await engine.dispose()


@pytest.fixture
async def session(connection: AsyncConnection) -> AsyncIterator[AsyncSession]:
    # create_savepoint: the app's commit() ends a savepoint inside the test's transaction, not the transaction.
    async with AsyncSession(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False) as s:
        yield s


def isolated_app(session: AsyncSession) -> FastAPI:
    """The app, its routes using the test's session instead of the pool's."""
    app = create_app()

    async def test_session() -> AsyncIterator[AsyncSession]:
        yield session

    app.dependency_overrides[get_session] = test_session
    return app


@pytest.fixture
async def client(session: AsyncSession) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=isolated_app(session))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client
