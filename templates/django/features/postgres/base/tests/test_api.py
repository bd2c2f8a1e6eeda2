import io
import json
import logging
from collections.abc import Iterator

import pytest
from django.db import connection
from django.db.utils import OperationalError
from django.test import Client
from pytest_django import Settings

from config.logs import JsonFormatter
from invoices.models import Invoice

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[False, True], ids=["debug-off", "debug-on"])
def debug(request: pytest.FixtureRequest, settings: Settings) -> bool:
    """Runs a test with DEBUG off (production) and on (development): the answers are JSON either way."""
    debug = bool(request.param)
    settings.DEBUG = debug
    return debug


def test_stores_an_invoice_and_reads_it_back(client: Client) -> None:
    created = client.post("/invoices", {"status": "paid"}, content_type="application/json")
    assert created.status_code == 201
    body = created.json()
    assert isinstance(body["id"], int)
    assert body == {"id": body["id"], "status": "paid"}
    assert created["Location"] == f"/invoices/{body['id']}"
    read = client.get(f"/invoices/{body['id']}")
    assert read.status_code == 200
    assert read.json() == {"id": body["id"], "status": "paid"}
    assert Invoice.objects.get(pk=body["id"]).status == "paid"


@pytest.mark.parametrize("status", ["'; DROP TABLE invoices; --", 'it\'s "quoted"', "paid 🧾", "ü" * 64])
def test_stores_a_status_byte_for_byte(client: Client, status: str) -> None:
    created = client.post("/invoices", {"status": status}, content_type="application/json")
    assert created.status_code == 201
    assert client.get(f"/invoices/{created.json()['id']}").json()["status"] == status


def test_an_invoice_not_stored_is_a_json_404(client: Client, debug: bool) -> None:
    res = client.get("/invoices/987654321")
    assert res.status_code == 404
    assert res.json() == {"error": "Not Found", "message": "no invoice 987654321"}


@pytest.mark.parametrize(
    ("what", "data", "content_type", "expected"),
    [
        ("not JSON", '{"status":', "application/json", 400),
        ("not JSON by its content type", "status=paid", "application/x-www-form-urlencoded", 415),
        ("not an object", '["paid"]', "application/json", 400),
        ("null", "null", "application/json", 400),
        ("without status", "{}", "application/json", 400),
        ("a number status", '{"status":7}', "application/json", 400),
        ("a boolean status", '{"status":true}', "application/json", 400),
        ("an empty status", '{"status":""}', "application/json", 400),
        ("a status over 64 characters", json.dumps({"status": "x" * 65}), "application/json", 400),
        ("a NUL in the status", '{"status":"a\\u0000b"}', "application/json", 400),
        ("a lone surrogate in the status", '{"status":"\\ud800"}', "application/json", 400),
        ("over 64 KiB", json.dumps({"status": "paid", "pad": "x" * 65 * 1024}), "application/json", 413),
    ],
)
def test_refuses_a_bad_body_with_a_json_4xx_and_stores_nothing(
    client: Client, debug: bool, what: str, data: str, content_type: str, expected: int
) -> None:
    before = Invoice.objects.count()
    res = client.post("/invoices", data=data, content_type=content_type)
    assert res.status_code == expected, what
    assert res["Content-Type"].startswith("application/json")
    assert res.json()["message"]
    assert Invoice.objects.count() == before


@pytest.mark.parametrize("bad", ["abc", "1.5", "99999999999999999999999", str(2**63), "+42", " 42"])
def test_invalid_id_is_a_json_400(client: Client, debug: bool, bad: str) -> None:
    res = client.get(f"/invoices/{bad}")
    assert res.status_code == 400
    assert "invoice id must be an integer" in res.json()["message"]


def test_healthz_and_readyz(client: Client) -> None:
    for path in ("/healthz", "/readyz"):
        res = client.get(path)
        assert (res.status_code, res.json()) == (200, {"status": "ok"}), path


@pytest.mark.parametrize("path", ["/", "/no/such/route", "/invoices/1/2", "/invoicesX"])
def test_unknown_path_is_a_json_404(client: Client, debug: bool, path: str) -> None:
    res = client.get(path)
    assert res.status_code == 404
    assert res.json()["error"] == "Not Found"


def test_other_methods_are_a_json_405(client: Client) -> None:
    assert client.post("/invoices/42")["Allow"] == "GET, HEAD"
    res = client.get("/invoices")
    assert (res.status_code, res["Allow"]) == (405, "POST")


@pytest.fixture
def database_down(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """What the views see while the database does not answer: every new cursor fails to connect."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise OperationalError("connection refused (the test's database outage)")

    monkeypatch.setattr(connection, "cursor", refuse)
    yield


def test_a_database_that_does_not_answer_is_a_json_503_and_healthz_stays_200(
    client: Client, debug: bool, database_down: None
) -> None:
    for method, path in (("get", "/readyz"), ("get", "/invoices/1"), ("post", "/invoices")):
        res = getattr(client, method)(path, {"status": "paid"}, content_type="application/json")
        assert res.status_code == 503, f"{method} {path}"
        assert res.json()["error"] == "Service Unavailable"
    assert client.get("/healthz").status_code == 200


def test_the_admin_lists_invoices_for_a_staff_user(admin_client: Client) -> None:
    invoice = Invoice.objects.create(status="sent")
    res = admin_client.get("/admin/invoices/invoice/")
    assert res.status_code == 200
    assert f"Invoice {invoice.pk} (sent)" in res.content.decode()


def test_the_admin_asks_anyone_else_to_log_in(client: Client) -> None:
    res = client.get("/admin/invoices/invoice/")
    assert res.status_code == 302
    assert res["Location"].startswith("/admin/login/")


def test_one_json_log_line_per_request(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    # settings.LOGGING's handler writes to sys.stdout (pytest adds capture handlers of its own beside it).
    [handler] = [h for h in logging.getLogger("config.requests").handlers if isinstance(h.formatter, JsonFormatter)]
    out = io.StringIO()
    monkeypatch.setattr(handler, "stream", out)
    client.get("/invoices/987654321")
    lines = [line for line in out.getvalue().splitlines() if "/invoices/987654321" in line]
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert (entry["method"], entry["path"], entry["status"]) == ("GET", "/invoices/987654321", 404)
