"""Production settings come from the environment: each case starts a fresh Python (settings load once per process)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "invoice-api,invoice-api.default.svc.cluster.local",
}


def run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k not in {"PORT", "WEB_CONCURRENCY"}
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_deploy_finds_nothing_with_production_settings() -> None:
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_gunicorn_starts_with_production_settings() -> None:
    result = run(["-m", "gunicorn", "--check-config", "config.wsgi"], **PRODUCTION)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"DJANGO_SECRET_KEY": ""}, "DJANGO_SECRET_KEY is required"),
        ({"DJANGO_SECRET_KEY": "short-and-guessable"}, "DJANGO_SECRET_KEY is too weak"),
        ({"DJANGO_SECRET_KEY": "django-insecure-" + secrets.token_urlsafe(50)}, "DJANGO_SECRET_KEY is too weak"),
        ({"DJANGO_SECRET_KEY": "a" * 60}, "DJANGO_SECRET_KEY is too weak"),
        ({"DJANGO_ALLOWED_HOSTS": ""}, "DJANGO_ALLOWED_HOSTS is required"),
        ({"DJANGO_DEBUG": "1"}, "DJANGO_DEBUG is on with DJANGO_ENV=production"),
        ({"DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG='maybe' is not a boolean"),
        ({"DJANGO_ENV": "prod"}, "DJANGO_ENV='prod' is not one of: development, production"),
        ({"PORT": "abc"}, "PORT='abc' is not a TCP port"),
        ({"PORT": "70000"}, "PORT='70000' is not a TCP port"),
        ({"PORT": "0"}, "PORT='0' is not a TCP port"),
        ({"WEB_CONCURRENCY": "0"}, "WEB_CONCURRENCY='0' is not a whole number of at least 1"),
    ],
)
def test_gunicorn_refuses_to_start_with_one_line_naming_the_variable(change: dict[str, str], named: str) -> None:
    env = {**PRODUCTION, **change}
    result = run(["-m", "gunicorn", "--check-config", "config.wsgi"], **{k: v for k, v in env.items() if v})
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert lines == [lines[0]] and lines[0].startswith("configuration error: "), result.stderr
    assert named in lines[0]


def test_development_needs_no_settings() -> None:
    result = run(["-m", "gunicorn", "--check-config", "config.wsgi"])
    assert result.returncode == 0, result.stderr
