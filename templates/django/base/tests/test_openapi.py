"""GET /openapi.json: django-ninja's OpenAPI 3.1 document of the routes (config/api.py), always served; Swagger UI at
/docs only with API_DOCS on."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

PROJECT = Path(__file__).resolve().parent.parent
# The URLconf reads API_DOCS once per process, so each setting is tried in a fresh Python.
PROBE = """
import django, json
django.setup()
from django.test import Client
client = Client(HTTP_HOST="localhost")
print(json.dumps([client.get(path).status_code for path in ("/docs", "/static/ninja/swagger-ui-bundle.js")]))
"""


def test_the_document_is_openapi_3_1_with_every_status_a_route_answers(client: Client) -> None:
    res = client.get("/openapi.json")
    assert res.status_code == 200
    document = res.json()
    assert document["openapi"] == "3.1.0"
    assert {"/healthz", "/invoices/{invoice_id}"} <= set(document["paths"])
    assert {"200", "400", "404"} <= set(document["paths"]["/invoices/{invoice_id}"]["get"]["responses"])


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "QUERY"])
def test_a_method_a_path_does_not_serve_is_a_json_405_naming_the_ones_it_does(client: Client, method: str) -> None:
    for path in ("/invoices/42", "/healthz"):
        res = client.generic(method, path)
        assert res.status_code == 405, f"{method} {path}"
        assert res["Allow"] == "GET, HEAD"
        assert res.json()["error"] == "Method Not Allowed"


def docs_statuses(**env: str) -> list[int]:
    clean = {k: v for k, v in os.environ.items() if k != "API_DOCS"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=PROJECT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    statuses: list[int] = json.loads(result.stdout.strip().splitlines()[-1])
    return statuses


def test_no_interactive_docs_unless_api_docs_turns_them_on() -> None:
    assert docs_statuses() == [404, 404]
    assert docs_statuses(API_DOCS="0") == [404, 404]


def test_api_docs_serves_swagger_ui_with_its_scripts_from_the_package() -> None:
    assert docs_statuses(API_DOCS="1") == [200, 200]
