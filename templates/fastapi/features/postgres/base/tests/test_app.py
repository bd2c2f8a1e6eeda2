import asyncio
import io
import json
import logging
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator

import httpx2 as httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, create_async_engine

from app.__main__ import checked_settings
from app.db import Session, get_session
from app.main import create_app
from app.request_log import JsonFormatter
from app.settings import load_settings
from tests.conftest import isolated_app

pytestmark = pytest.mark.anyio


async def count(connection: AsyncConnection) -> int:
    return int((await connection.execute(text("SELECT count(*) FROM invoices"))).scalar_one())


async def test_stores_an_invoice_and_reads_it_back(client: httpx.AsyncClient, connection: AsyncConnection) -> None:
    created = await client.post("/invoices", json={"status": "paid"})
    assert created.status_code == 201
    body = created.json()
    assert isinstance(body["id"], int)
    assert body == {"id": body["id"], "status": "paid"}
    assert created.headers["location"] == f"/invoices/{body['id']}"

    read = await client.get(f"/invoices/{body['id']}")
    assert read.status_code == 200
    assert read.json() == {"id": body["id"], "status": "paid"}
    stored = await connection.execute(text("SELECT status FROM invoices WHERE id = :id"), {"id": body["id"]})
    assert stored.scalar_one() == "paid"


@pytest.mark.parametrize("status", ["'; DROP TABLE invoices; --", 'it\'s "quoted"', "paid 🧾", "ü" * 64])
async def test_stores_a_status_byte_for_byte(client: httpx.AsyncClient, status: str) -> None:
    created = await client.post("/invoices", json={"status": status})
    assert created.status_code == 201
    read = await client.get(f"/invoices/{created.json()['id']}")
    assert read.json()["status"] == status


async def test_an_invoice_not_stored_is_a_json_404(client: httpx.AsyncClient) -> None:
    res = await client.get("/invoices/987654321")
    assert res.status_code == 404
    assert res.json() == {"detail": "no invoice 987654321"}


@pytest.mark.parametrize(
    ("what", "content", "content_type", "expected"),
    [
        ("not JSON", b'{"status":', "application/json", 422),
        ("not JSON by its content type", b"status=paid", "application/x-www-form-urlencoded", 422),
        ("not an object", b'["paid"]', "application/json", 422),
        ("null", b"null", "application/json", 422),
        ("without status", b"{}", "application/json", 422),
        ("a number status", b'{"status":7}', "application/json", 422),
        ("a boolean status", b'{"status":true}', "application/json", 422),
        ("an empty status", b'{"status":""}', "application/json", 422),
        ("a status over 64 characters", json.dumps({"status": "x" * 65}).encode(), "application/json", 422),
        ("a NUL in the status", b'{"status":"a\\u0000b"}', "application/json", 422),
        ("a lone surrogate in the status", b'{"status":"\\ud800"}', "application/json", 422),
        ("over 64 KiB", json.dumps({"status": "paid", "pad": "x" * 65 * 1024}).encode(), "application/json", 413),
    ],
)
async def test_refuses_a_bad_body_with_a_json_4xx_and_stores_nothing(
    client: httpx.AsyncClient, connection: AsyncConnection, what: str, content: bytes, content_type: str, expected: int
) -> None:
    before = await count(connection)
    res = await client.post("/invoices", content=content, headers={"content-type": content_type})
    assert res.status_code == expected, what
    assert res.headers["content-type"].startswith("application/json")
    assert res.json()["detail"]
    assert await count(connection) == before


async def test_a_body_over_64_kib_without_content_length_is_a_413(client: httpx.AsyncClient) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(70):
            yield b"x" * 1024

    res = await client.post("/invoices", content=chunks(), headers={"content-type": "application/json"})
    assert res.status_code == 413


@pytest.mark.parametrize("bad", ["abc", "1.5", "99999999999999999999999", str(2**63), str(-(2**63) - 1)])
async def test_invalid_id_is_a_json_422_naming_the_parameter(client: httpx.AsyncClient, bad: str) -> None:
    res = await client.get(f"/invoices/{bad}")
    assert res.status_code == 422
    [error] = res.json()["detail"]
    assert error["loc"] == ["path", "invoice_id"]


async def test_healthz_and_readyz(client: httpx.AsyncClient) -> None:
    for path in ("/healthz", "/readyz"):
        res = await client.get(path)
        assert (res.status_code, res.json()) == (200, {"status": "ok"}), path


async def test_unknown_path_is_a_json_404(client: httpx.AsyncClient) -> None:
    res = await client.get("/no/such/route")
    assert res.status_code == 404
    assert res.json() == {"detail": "Not Found"}


async def test_a_database_that_does_not_answer_is_a_json_503_and_healthz_stays_200() -> None:
    # An engine on a port nothing listens on: what the routes see while the database is down.
    down = create_async_engine("postgresql+psycopg://nobody@127.0.0.1:9/none", connect_args={"connect_timeout": 1})
    app = create_app()

    async def unreachable() -> AsyncIterator[AsyncSession]:
        async with AsyncSession(down) as session:
            yield session

    app.dependency_overrides[get_session] = unreachable
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
            for method, path in (("GET", "/readyz"), ("GET", "/invoices/1"), ("POST", "/invoices")):
                res = await client.request(method, path, json={"status": "paid"} if method == "POST" else None)
                assert res.status_code == 503, f"{method} {path}"
                assert "database" in res.json()["detail"]
            assert (await client.get("/healthz")).status_code == 200
    finally:
        await down.dispose()


async def test_a_slow_query_does_not_stall_healthz(session: AsyncSession) -> None:
    """The article's "watch out for": a blocking call on the event loop stalls every request. The driver is async,
    so while one request waits 2 s on the database, /healthz answers at once."""
    app = isolated_app(session)

    @app.get("/slow")
    async def slow(session: Session) -> dict[str, str]:
        await session.execute(text("SELECT pg_sleep(2)"))
        return {"status": "slept"}

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        started = time.perf_counter()
        slow_request = asyncio.create_task(client.get("/slow"))
        await asyncio.sleep(0.2)
        assert not slow_request.done()
        health = await client.get("/healthz")
        answered_after = time.perf_counter() - started
        assert health.status_code == 200
        assert answered_after < 1.0, f"/healthz took {answered_after:.2f} s while a query slept"
        assert (await slow_request).json() == {"status": "slept"}
        assert time.perf_counter() - started >= 2


async def test_one_json_log_line_per_request(client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch) -> None:
    # The app's handler writes to sys.stdout (pytest adds capture handlers of its own beside it).
    [handler] = [h for h in logging.getLogger("app.requests").handlers if isinstance(h.formatter, JsonFormatter)]
    out = io.StringIO()
    monkeypatch.setattr(handler, "stream", out)
    await client.get("/invoices/987654321")
    lines = [line for line in out.getvalue().splitlines() if "/invoices/987654321" in line]
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert (entry["method"], entry["path"], entry["status"]) == ("GET", "/invoices/987654321", 404)


def test_database_url_takes_postgres_urls_for_the_psycopg_driver(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db:5432/app")
    assert load_settings().sqlalchemy_url().drivername == "postgresql+psycopg"
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:p@db/app")
    assert load_settings().sqlalchemy_url().render_as_string(hide_password=False) == "postgresql+psycopg://u:p@db/app"


@pytest.mark.parametrize(("lambda_name", "size"), [(None, 10), ("ApiFunction", 1)])
def test_the_pool_holds_ten_connections_in_a_container_and_one_on_lambda(
    monkeypatch: pytest.MonkeyPatch, lambda_name: str | None, size: int
) -> None:
    monkeypatch.delenv("DATABASE_POOL_MAX", raising=False)
    if lambda_name is None:
        monkeypatch.delenv("AWS_LAMBDA_FUNCTION_NAME", raising=False)
    else:
        monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", lambda_name)
    assert load_settings().pool_size() == size


@pytest.mark.parametrize(
    ("bad", "why"),
    [
        ("abc", "Input should be a valid integer, unable to parse string as an integer"),
        ("70000", "Input should be less than or equal to 65535"),
        ("0", "Input should be greater than or equal to 1"),
        ("-1", "Input should be greater than or equal to 1"),
    ],
)
def test_a_bad_port_stops_the_start_with_one_line_naming_port(bad: str, why: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app"], env={**os.environ, "PORT": bad}, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [f"configuration error: PORT={bad!r}: {why}"]


@pytest.mark.parametrize(
    ("env", "line"),
    [
        ({"DATABASE_URL": ""}, "DATABASE_URL is not set: give the postgres:// URL of the database (see README.md)"),
        ({"DATABASE_URL": "mysql://u@db/app"}, "DATABASE_URL must be a postgres:// URL, not mysql://"),
        ({"DATABASE_URL": "not a url"}, "DATABASE_URL is not a URL: use postgres://USER:PASSWORD@HOST:5432/DB"),
        (
            {"DATABASE_POOL_MAX": "ten"},
            "DATABASE_POOL_MAX='ten': Input should be a valid integer, unable to parse string as an integer",
        ),
        ({"DATABASE_POOL_MAX": "0"}, "DATABASE_POOL_MAX='0': Input should be greater than or equal to 1"),
    ],
)
def test_a_bad_database_setting_stops_the_start_with_one_line_naming_it(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], line: str
) -> None:
    # What `python -m app` runs before uvicorn (the PORT test above runs the module itself).
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SystemExit) as stopped:
        checked_settings()
    assert str(stopped.value) == f"configuration error: {line}"
