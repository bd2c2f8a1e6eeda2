"""Swagger UI and ReDoc load their scripts from a CDN, so they are off unless API_DOCS turns them on; the OpenAPI
document is served either way."""

import os
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from app.main import create_app


def test_the_openapi_document_is_served_and_the_docs_are_off_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("API_DOCS", raising=False)
    with TestClient(create_app()) as client:
        assert client.get("/openapi.json").json()["openapi"].startswith("3.")
        assert client.get("/docs").status_code == 404
        assert client.get("/redoc").status_code == 404


@pytest.mark.parametrize("on", ["1", "true", "TRUE"])
def test_api_docs_turns_swagger_ui_and_redoc_on(monkeypatch: pytest.MonkeyPatch, on: str) -> None:
    monkeypatch.setenv("API_DOCS", on)
    with TestClient(create_app()) as client:
        assert client.get("/docs").status_code == 200
        assert client.get("/redoc").status_code == 200


def test_a_bad_api_docs_stops_the_start_with_one_line_naming_it() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app"],
        env={**os.environ, "API_DOCS": "maybe"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "configuration error: API_DOCS='maybe': Input should be a valid boolean, unable to interpret input"
    ]
