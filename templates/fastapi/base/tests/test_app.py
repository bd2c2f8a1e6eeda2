import io
import json
import logging
import os
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from app.main import app
from app.request_log import JsonFormatter

client = TestClient(app)


@pytest.mark.parametrize("invoice_id", [42, -7, 0, 2**63 - 1, -(2**63)])
def test_get_invoice(invoice_id: int) -> None:
    res = client.get(f"/invoices/{invoice_id}")
    assert res.status_code == 200
    assert res.headers["content-type"].startswith("application/json")
    assert res.json() == {"id": invoice_id, "status": "paid"}


@pytest.mark.parametrize("bad", ["abc", "1.5", "99999999999999999999999", str(2**63), str(-(2**63) - 1)])
def test_invalid_id_is_a_json_422_naming_the_parameter(bad: str) -> None:
    res = client.get(f"/invoices/{bad}")
    assert res.status_code == 422
    assert res.headers["content-type"].startswith("application/json")
    [error] = res.json()["detail"]
    assert error["loc"] == ["path", "invoice_id"]
    assert error["msg"]


def test_healthz() -> None:
    res = client.get("/healthz")
    assert res.status_code == 200
    assert res.json() == {"status": "ok"}


def test_unknown_path_is_a_json_404() -> None:
    res = client.get("/no/such/route")
    assert res.status_code == 404
    assert res.headers["content-type"].startswith("application/json")
    assert res.json() == {"detail": "Not Found"}


def test_one_json_log_line_per_request(monkeypatch: pytest.MonkeyPatch) -> None:
    # The app's handler writes to sys.stdout (pytest adds capture handlers of its own beside it).
    [handler] = [h for h in logging.getLogger("app.requests").handlers if isinstance(h.formatter, JsonFormatter)]
    out = io.StringIO()
    monkeypatch.setattr(handler, "stream", out)
    client.get("/invoices/42")
    lines = [line for line in out.getvalue().splitlines() if "/invoices/42" in line]
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry["method"] == "GET"
    assert entry["path"] == "/invoices/42"
    assert entry["status"] == 200


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
