import io
import json
import logging

import pytest
from django.test import Client
from pytest_django import Settings

from config.logs import JsonFormatter


@pytest.fixture(params=[False, True], ids=["debug-off", "debug-on"])
def debug(request: pytest.FixtureRequest, settings: Settings) -> bool:
    """Runs a test with DEBUG off (production) and on (development): the answers are JSON either way."""
    debug = bool(request.param)
    settings.DEBUG = debug
    return debug


@pytest.mark.parametrize("invoice_id", [42, -7, 0, 2**63 - 1, -(2**63)])
def test_get_invoice(client: Client, invoice_id: int) -> None:
    res = client.get(f"/invoices/{invoice_id}")
    assert res.status_code == 200
    assert res["Content-Type"].startswith("application/json")
    assert res.json() == {"id": invoice_id, "status": "paid"}


@pytest.mark.parametrize("bad", ["abc", "1.5", "99999999999999999999999", str(2**63), "+42", "4_2", " 42"])
def test_invalid_id_is_a_json_400(client: Client, debug: bool, bad: str) -> None:
    res = client.get(f"/invoices/{bad}")
    assert res.status_code == 400
    assert res["Content-Type"] == "application/json"
    body = res.json()
    assert body["error"] == "Bad Request"
    assert "invoice id must be an integer" in body["message"]


def test_healthz(client: Client) -> None:
    res = client.get("/healthz")
    assert res.status_code == 200
    assert res.json() == {"status": "ok"}


def test_healthz_answers_probes_that_use_the_pod_ip_as_host(client: Client) -> None:
    assert client.get("/healthz", HTTP_HOST="10.1.2.3:8000").status_code == 200
    # Everything else still checks the Host header against ALLOWED_HOSTS.
    res = client.get("/invoices/42", HTTP_HOST="10.1.2.3:8000")
    assert res.status_code == 400
    assert res["Content-Type"] == "application/json"


@pytest.mark.parametrize("path", ["/no/such/route", "/invoices/", "/invoices/42/extra", "/"])
def test_unknown_path_is_a_json_404(client: Client, debug: bool, path: str) -> None:
    res = client.get(path)
    assert res.status_code == 404
    assert res["Content-Type"] == "application/json"
    assert res.json()["error"] == "Not Found"


def test_other_methods_are_a_json_405(client: Client) -> None:
    res = client.post("/invoices/42")
    assert res.status_code == 405
    assert res["Allow"] == "GET, HEAD"
    assert res.json()["error"] == "Method Not Allowed"


def test_one_json_log_line_per_request(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    # settings.LOGGING's handler writes to sys.stdout (pytest adds capture handlers of its own beside it).
    [handler] = [h for h in logging.getLogger("config.requests").handlers if isinstance(h.formatter, JsonFormatter)]
    out = io.StringIO()
    monkeypatch.setattr(handler, "stream", out)
    client.get("/invoices/42")
    lines = [line for line in out.getvalue().splitlines() if "/invoices/42" in line]
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert (entry["method"], entry["path"], entry["status"]) == ("GET", "/invoices/42", 200)
