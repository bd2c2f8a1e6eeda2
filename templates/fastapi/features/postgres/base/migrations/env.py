"""Alembic's entry point: runs the migrations over the app's own engine settings (app/db.py, app/settings.py), on DATABASE_URL."""

import asyncio

from alembic import context
from sqlalchemy import Connection

from app.db import create_engine
from app.models import Base
from app.settings import ConfigurationError

if context.config.config_file_name is not None:
    from logging.config import fileConfig

    fileConfig(context.config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata


def run_migrations(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata)
    # One transaction for the whole run (PostgreSQL's DDL is transactional): all of it applies, or none.
    with context.begin_transaction():
        # One migrate run at a time: a second one (a Job retried, a CI rerun) waits here until the first commits,
        # then finds nothing left to do. The lock ends with the transaction.
        connection.exec_driver_sql("SELECT pg_advisory_xact_lock(7245110836)")
        context.run_migrations()


async def run_async_migrations() -> None:
    try:
        engine = create_engine()
    except ConfigurationError as error:
        raise SystemExit(f"configuration error: {error}") from None
    try:
        async with engine.connect() as connection:
            await connection.run_sync(run_migrations)
    finally:
        await engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not set up: run `alembic upgrade head` against DATABASE_URL")
asyncio.run(run_async_migrations())
