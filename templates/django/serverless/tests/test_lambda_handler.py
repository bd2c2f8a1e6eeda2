"""Invokes the Lambda handler with API Gateway HTTP API (payload format 2.0) events, as template.yaml's routes deliver
them."""

import base64
import json
import runpy
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from pytest_django import Settings

import config.settings as settings_module
from config.lambda_handler import handler

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


def http_api_event(path: str) -> dict[str, Any]:
    host = "example.execute-api.us-east-1.amazonaws.com"
    return {
        "version": "2.0",
        "routeKey": "ANY /{proxy+}",
        "rawPath": path,
        "rawQueryString": "",
        "headers": {"accept": "application/json", "host": host, "x-forwarded-proto": "https"},
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "example",
            "domainName": host,
            "domainPrefix": "example",
            "http": {
                "method": "GET",
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
        "isBase64Encoded": False,
    }


def invoke(event: dict[str, Any]) -> tuple[int, dict[str, str], Any]:
    result = handler(event, CONTEXT)
    body = base64.b64decode(result["body"]).decode() if result.get("isBase64Encoded") else result["body"]
    headers = {k.lower(): v for k, v in result.get("headers", {}).items()}
    return result["statusCode"], headers, json.loads(body)


def test_the_sample_event_in_events_folder() -> None:
    event = json.loads((EVENTS / "get-invoice.json").read_text())
    status, headers, body = invoke(event)
    assert status == 200
    assert headers["content-type"].startswith("application/json")
    assert body == {"id": 42, "status": "paid"}


@pytest.mark.parametrize("invoice_id", [42, -7, 0])
def test_get_invoice(invoice_id: int) -> None:
    status, headers, body = invoke(http_api_event(f"/invoices/{invoice_id}"))
    assert status == 200
    assert headers["content-type"].startswith("application/json")
    assert body == {"id": invoice_id, "status": "paid"}


@pytest.mark.parametrize("bad", ["abc", "1.5", "99999999999999999999999"])
def test_invalid_id_is_a_json_400(bad: str) -> None:
    status, headers, body = invoke(http_api_event(f"/invoices/{bad}"))
    assert status == 400
    assert headers["content-type"].startswith("application/json")
    assert "invoice id must be an integer" in body["message"]


def test_healthz() -> None:
    status, _, body = invoke(http_api_event("/healthz"))
    assert status == 200
    assert body == {"status": "ok"}


def test_unknown_path_is_a_json_404() -> None:
    status, headers, body = invoke(http_api_event("/no/such/route"))
    assert status == 404
    assert headers["content-type"].startswith("application/json")
    assert body["error"] == "Not Found"


def test_the_openapi_document() -> None:
    status, headers, body = invoke(http_api_event("/openapi.json"))
    assert (status, body["openapi"]) == (200, "3.1.0")
    assert headers["content-type"].startswith("application/json")
