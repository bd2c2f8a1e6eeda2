"""Settings for a JSON API without a database, read from environment variables (config/env.py reads them; a bad value
stops the start with a one-line message naming the variable).

DJANGO_ENV            "production" where it is deployed (the Dockerfile sets it), "development" (the default) elsewhere
DJANGO_SECRET_KEY     required in production (see SECRET_KEY below)
DJANGO_DEBUG          "1"/"true" for Django's debug mode in development; refused in production
DJANGO_ALLOWED_HOSTS  comma-separated host names this service answers for; required in production
"""

import os

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_choice, env_list, secret_key

PRODUCTION = env_choice("DJANGO_ENV", ("development", "production"), default="development") == "production"

DEBUG = env_bool("DJANGO_DEBUG")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG is on with DJANGO_ENV=production: debug pages leak settings and code")

# This API signs nothing yet (no sessions, no CSRF cookies), but Django requires a key and anything you add that
# signs (sessions, password resets, django.core.signing) uses it. In production the key must come from your secret
# store (Kubernetes: the Secret k8s/deployment.yaml names) and be one `check --deploy` accepts, or the server does not
# start. The development default is public: production refuses it (and any key check --deploy would flag).
SECRET_KEY = secret_key(
    "DJANGO_SECRET_KEY",
    required=PRODUCTION,
    development_default="django-insecure-development-only-set-DJANGO_SECRET_KEY",
)

# Requests whose Host header is not listed get a JSON 400. In production the list is required (k8s/deployment.yaml
# lists the Service's names; add your public host names). Behind AWS Lambda, API Gateway only forwards requests for its
# own domains (execute-api or your custom domain), so the host has been checked before the function runs.
# Kubernetes probes use the pod's IP as Host: /healthz answers them before this check (config/middleware.py).
DEVELOPMENT_HOSTS = "*" if os.environ.get("AWS_LAMBDA_FUNCTION_NAME") else "localhost,127.0.0.1,[::1]"
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", default=None if PRODUCTION else DEVELOPMENT_HOSTS)

if PRODUCTION:
    # TLS ends at the load balancer or Ingress in front of the Service, which sets X-Forwarded-Proto; Django then
    # knows a request came over HTTPS and sends HSTS on it (never on plain HTTP). Only trust this header behind a
    # proxy that sets it on every request.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # For the cookies anything added later sets (sessions, CSRF): never over plain HTTP.
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

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
SILENCED_SYSTEM_CHECKS = [
    # No CsrfViewMiddleware: see above.
    "security.W003",
    # No SECURE_SSL_REDIRECT: the Ingress or load balancer redirects browsers to HTTPS; behind it, other services
    # call this one over plain HTTP on the Service (http://<service>/), which a redirect would break.
    "security.W008",
    # No SECURE_HSTS_PRELOAD: asking browsers to preload HTTPS for the whole domain is the domain owner's decision.
    "security.W021",
]

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
