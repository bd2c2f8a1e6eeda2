"""Reads settings from environment variables. A bad value is an ImproperlyConfigured whose one-line message names the
variable, what it holds and what it should hold (gunicorn.conf.py prints it and stops before serving anything)."""

import os
import re

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}
WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")

# The rule `manage.py check --deploy` applies to SECRET_KEY (security.W009), refused at start in production.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5
SECRET_KEY_INSECURE_PREFIX = "django-insecure-"


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in TRUE:
        return True
    if value.strip().lower() in FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean: use 1/true/yes/on or 0/false/no/off")


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    value = os.environ.get(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} is not one of: {', '.join(choices)}")
    return value


def env_list(name: str, default: str | None) -> list[str]:
    """A comma-separated list; without a default the variable is required and may not be empty."""
    value = os.environ.get(name, default)
    items = [item.strip() for item in (value or "").split(",") if item.strip()]
    if not items:
        raise ImproperlyConfigured(f"{name} is required: a comma-separated list of the host names clients use")
    return items


def env_port(name: str = "PORT", default: int = 8000) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    if not WHOLE_NUMBER.fullmatch(value.strip()) or not 1 <= int(value) <= 65535:
        raise ImproperlyConfigured(f"{name}={value!r} is not a TCP port: use a whole number from 1 to 65535")
    return int(value)


def env_int(name: str, default: int, minimum: int = 1) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    if not WHOLE_NUMBER.fullmatch(value.strip()) or int(value) < minimum:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number of at least {minimum}")
    return int(value)


def secret_key(name: str, required: bool, development_default: str) -> str:
    """The key from `name`; where it is required, a missing or weak key (one check --deploy flags) is refused."""
    value = os.environ.get(name)
    if not required:
        return value or development_default
    if not value:
        raise ImproperlyConfigured(
            f"{name} is required when DJANGO_ENV=production: set it from a secret store"
            ' (python -c "import secrets; print(secrets.token_urlsafe(50))")'
        )
    if (
        len(value) < SECRET_KEY_MIN_LENGTH
        or len(set(value)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
        or value.startswith(SECRET_KEY_INSECURE_PREFIX)
    ):
        raise ImproperlyConfigured(
            f"{name} is too weak for DJANGO_ENV=production: use at least {SECRET_KEY_MIN_LENGTH} random characters"
            f" ({SECRET_KEY_MIN_UNIQUE_CHARACTERS} or more distinct), not starting with {SECRET_KEY_INSECURE_PREFIX!r}"
        )
    return value
