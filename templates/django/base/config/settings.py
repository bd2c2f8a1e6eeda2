"""Settings for a JSON API without a database, read from environment variables.

DJANGO_SECRET_KEY     required in every deployed environment (see SECRET_KEY below)
DJANGO_DEBUG          "1"/"true" for Django's debug mode; off by default
DJANGO_ALLOWED_HOSTS  comma-separated host names this service answers for
"""

import os


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# This API signs nothing yet (no sessions, no CSRF cookies), but Django requires a key and anything you add that
# signs (sessions, password resets, django.core.signing) uses it. The default below is public, so it is only fit
# for development: set DJANGO_SECRET_KEY from your secret store in every deployed environment, e.g. a value from
#   python -c "import secrets; print(secrets.token_urlsafe(50))"
# (`python manage.py check --deploy` warns while the insecure default is in use.)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "django-insecure-development-only-set-DJANGO_SECRET_KEY")

DEBUG = env_bool("DJANGO_DEBUG")

# Requests whose Host header is not listed get a 400. Behind AWS Lambda, API Gateway only forwards requests for its
# own domains (execute-api or your custom domain), so the host has been checked before the function runs.
# Kubernetes probes use the pod's IP as Host: /healthz answers them before this check (config/middleware.py).
ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS",
    "*" if os.environ.get("AWS_LAMBDA_FUNCTION_NAME") else "localhost,127.0.0.1,[::1]",
)

INSTALLED_APPS = ["invoices"]

MIDDLEWARE = [
    # Outermost, so it logs every answer, errors included.
    "config.middleware.RequestLogMiddleware",
    "config.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Validates the Host header against ALLOWED_HOSTS.
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # No CSRF, session or auth middleware: the API reads no cookies. Add CsrfViewMiddleware (and drop the
    # silenced check below) before you add anything that authenticates with cookies.
]
SILENCED_SYSTEM_CHECKS = ["security.W003"]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

# No database: nothing to migrate before the first start. Add one (and `python manage.py migrate`) when you need it.
DATABASES: dict[str, dict[str, str]] = {}

# JSON only: no templates, static files, admin or auth.
TEMPLATES: list[dict[str, object]] = []
APPEND_SLASH = False
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en-us"
USE_I18N = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "config.logs.JsonFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": "WARNING"},
    "loggers": {
        # The one line per request (config/middleware.py).
        "config.requests": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        # Django's default console handler prints only with DEBUG on; this keeps every log line JSON either way.
        "django": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        # Django logs each 4xx here as a warning, which would repeat the request line; 5xx stay (with tracebacks).
        "django.request": {"handlers": ["stdout"], "level": "ERROR", "propagate": False},
        # `manage.py runserver` logs each request here too; keep its errors only.
        "django.server": {"level": "ERROR", "propagate": True},
    },
}
