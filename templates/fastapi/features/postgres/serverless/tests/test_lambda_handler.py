"""Invokes the Lambda handler with API Gateway HTTP API (payload format 2.0) events, as template.yaml's routes deliver
them: the same app and adapter as app/lambda_handler.py, on a connection whose transaction each test rolls back, and
the deployed handler itself on the routes that write nothing."""

import asyncio
import base64
import json
import os
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from mangum import Mangum
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.pool import NullPool, QueuePool

from app.db import dispose_engine
from app.settings import load_settings
from tests.conftest import isolated_app

CONTEXT = SimpleNamespace(
    function_name="ApiFunction", aws_request_id="test-request", get_remaining_time_in_millis=lambda: 10_000
)


def http_api_event(method: str, path: str, body: str | None = None) -> dict[str, Any]:
    host = "example.execute-api.us-east-1.amazonaws.com"
    headers = {"accept": "application/json", "host": host, "x-forwarded-proto": "https"}
    if body is not None:
        headers["content-type"] = "application/json"
    return {
        "version": "2.0",
        "routeKey": "ANY /{proxy+}",
        "rawPath": path,
        "rawQueryString": "",
        "headers": headers,
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "example",
            "domainName": host,
            "domainPrefix": "example",
            "http": {"method": method, "path": path, "protocol": "HTTP/1.1", "sourceIp": "203.0.113.10"},
            "requestId": "test-request",
            "routeKey": "ANY /{proxy+}",
            "stage": "$default",
            "time": "25/Nov/2026:10:00:00 +0000",
            "timeEpoch": 1795600800000,
        },
        "pathParameters": {"proxy": path.lstrip("/")},
        **({"body": body} if body is not None else {}),
        "isBase64Encoded": False,
    }


def invoke(handler: Any, method: str, path: str, body: object = None) -> tuple[int, dict[str, str], Any]:
    event = http_api_event(method, path, None if body is None else json.dumps(body))
    result = handler(event, CONTEXT)
    text = base64.b64decode(result["body"]).decode() if result.get("isBase64Encoded") else result["body"]
    headers = {k.lower(): v for k, v in result.get("headers", {}).items()}
    return result["statusCode"], headers, json.loads(text)


@pytest.fixture(scope="module")
def loop(migrated: None) -> Iterator[asyncio.AbstractEventLoop]:
    """The event loop Mangum runs each invocation on (its current loop), as on Lambda: one for the instance; and the
    variable Lambda sets, so the deployed handler's engine is sized as it is there."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    os.environ["AWS_LAMBDA_FUNCTION_NAME"] = "ApiFunction"
    try:
        yield loop
    finally:
        del os.environ["AWS_LAMBDA_FUNCTION_NAME"]
        # The deployed handler's engine, which on Lambda lives as long as the instance.
        loop.run_until_complete(dispose_engine())
        asyncio.set_event_loop(None)
        loop.close()


@pytest.fixture
def isolated_handler(loop: asyncio.AbstractEventLoop) -> Iterator[Mangum]:
    engine = create_async_engine(load_settings().sqlalchemy_url(), poolclass=NullPool)
    connection = loop.run_until_complete(engine.connect())
    transaction = loop.run_until_complete(connection.begin())
    session = AsyncSession(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    try:
        yield Mangum(isolated_app(session), lifespan="off")
    finally:
        loop.run_until_complete(session.close())
        loop.run_until_complete(transaction.rollback())
        loop.run_until_complete(connection.close())
        loop.run_until_complete(engine.dispose())


def test_stores_an_invoice_and_reads_it_back(isolated_handler: Mangum) -> None:
    status, headers, body = invoke(isolated_handler, "POST", "/invoices", {"status": "'; DROP TABLE invoices; --"})
    assert status == 201
    assert headers["location"] == f"/invoices/{body['id']}"
    read = invoke(isolated_handler, "GET", f"/invoices/{body['id']}")
    assert read[0] == 200
    assert read[2] == {"id": body["id"], "status": "'; DROP TABLE invoices; --"}


def test_a_json_422_for_a_body_without_status_and_a_json_404_for_no_such_invoice(isolated_handler: Mangum) -> None:
    assert invoke(isolated_handler, "POST", "/invoices", {"state": "paid"})[0] == 422
    assert invoke(isolated_handler, "GET", "/invoices/987654321")[0] == 404


def test_the_deployed_handler_answers_from_its_own_connection_and_reuses_it(loop: asyncio.AbstractEventLoop) -> None:
    from app import db
    from app.lambda_handler import handler

    for path in ("/readyz", "/healthz", "/readyz"):
        status, _, body = invoke(handler, "GET", path)
        assert (status, body) == (200, {"status": "ok"}), path
    status, headers, body = invoke(handler, "GET", "/invoices/987654321")
    assert status == 404
    assert headers["content-type"].startswith("application/json")
    # One connection for the instance, opened by the first invocation and kept for the next ones.
    pool = db.engine().pool
    assert isinstance(pool, QueuePool)
    assert (pool.size(), pool.checkedin(), pool.checkedout()) == (1, 1, 0)


def test_unknown_path_is_a_json_404(loop: asyncio.AbstractEventLoop) -> None:
    from app.lambda_handler import handler

    status, _, body = invoke(handler, "GET", "/no/such/route")
    assert (status, body) == (404, {"detail": "Not Found"})
