"""Invokes the Lambda handler with API Gateway HTTP API (payload format 2.0) events, as template.yaml's routes deliver
them. The handler runs Django on this thread, so each test's invocations run in its rolled-back transaction."""

import base64
import json
import runpy
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.core import signals
from django.db import close_old_connections, connection
from pytest_django import Settings

import config.settings as settings_module
from config.lambda_handler import handler
from invoices.models import Invoice

EVENTS = Path(__file__).resolve().parent.parent / "events"
CONTEXT = SimpleNamespace(
    function_name="ApiFunction", aws_request_id="test-request", get_remaining_time_in_millis=lambda: 10_000
)


@pytest.fixture(autouse=True)
def lambda_settings(settings: Settings) -> None:
    # What config/settings.py picks inside Lambda (AWS_LAMBDA_FUNCTION_NAME is set there): API Gateway has
    # already checked the Host header. pytest loaded the settings before this module, outside Lambda.
    settings.ALLOWED_HOSTS = ["*"]


def test_inside_lambda_the_settings_accept_the_hosts_api_gateway_forwards(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", "ApiFunction")
    monkeypatch.delenv("DJANGO_ALLOWED_HOSTS", raising=False)
    assert runpy.run_path(settings_module.__file__)["ALLOWED_HOSTS"] == ["*"]


def http_api_event(path: str, method: str = "GET", body: str | None = None) -> dict[str, Any]:
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
            "http": {
                "method": method,
                "path": path,
                "protocol": "HTTP/1.1",
                "sourceIp": "203.0.113.10",
                "userAgent": "pytest",
            },
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


def invoke(event: dict[str, Any]) -> tuple[int, dict[str, str], Any]:
    result = handler(event, CONTEXT)
    body = base64.b64decode(result["body"]).decode() if result.get("isBase64Encoded") else result["body"]
    headers = {k.lower(): v for k, v in result.get("headers", {}).items()}
    return result["statusCode"], headers, json.loads(body)


@pytest.fixture
def in_a_rolled_back_transaction(db: None) -> Iterator[None]:
    """The test's transaction (pytest-django's `db`), kept across invocations: as Django's test client does, the
    handler's requests do not close the connection at their start and end (on Lambda they do, when it is unusable)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_stores_an_invoice_and_reads_it_back(in_a_rolled_back_transaction: None) -> None:
    body = json.dumps({"status": "'; DROP TABLE invoices; --"})
    status, headers, created = invoke(http_api_event("/invoices", "POST", body))
    assert status == 201
    assert headers["location"] == f"/invoices/{created['id']}"
    assert invoke(http_api_event(f"/invoices/{created['id']}"))[2] == created
    assert Invoice.objects.get(pk=created["id"]).status == "'; DROP TABLE invoices; --"


def test_a_json_400_for_a_body_without_status_and_a_json_404_for_no_such_invoice(
    in_a_rolled_back_transaction: None,
) -> None:
    assert invoke(http_api_event("/invoices", "POST", json.dumps({"state": "paid"})))[0] == 400
    status, headers, body = invoke(http_api_event("/invoices/987654321"))
    assert (status, body["message"]) == (404, "no invoice 987654321")
    assert headers["content-type"].startswith("application/json")


@pytest.fixture
def on_lambda(settings: Settings) -> Iterator[None]:
    """The connection settings config/settings.py picks inside Lambda: kept for the instance's life."""
    settings.DATABASES["default"]["CONN_MAX_AGE"] = None
    yield


# transaction=True: no test transaction around it (its tables are emptied after it), so each invocation runs as on
# Lambda, with Django's connection handling at the start and end of each request.
@pytest.mark.django_db(transaction=True)
def test_healthz_and_readyz_and_one_connection_reused_between_invocations(on_lambda: None) -> None:
    for path in ("/readyz", "/healthz", "/readyz"):
        status, _, body = invoke(http_api_event(path))
        assert (status, body) == (200, {"status": "ok"}), path
    opened = connection.connection
    assert opened is not None
    invoke(http_api_event("/readyz"))
    assert connection.connection is opened


def test_inside_lambda_the_connection_is_kept_for_the_instance(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", "ApiFunction")
    database = runpy.run_path(settings_module.__file__)["DATABASES"]["default"]
    assert (database["CONN_MAX_AGE"], database["CONN_HEALTH_CHECKS"]) == (None, True)


def test_unknown_path_is_a_json_404() -> None:
    status, headers, body = invoke(http_api_event("/no/such/route"))
    assert status == 404
    assert headers["content-type"].startswith("application/json")
    assert body["error"] == "Not Found"


def test_the_openapi_document() -> None:
    status, headers, body = invoke(http_api_event("/openapi.json"))
    assert (status, body["openapi"]) == (200, "3.1.0")
    assert headers["content-type"].startswith("application/json")
