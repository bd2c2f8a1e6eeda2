"""ASGI entry point: for an ASGI server (uvicorn, daphne), and for Mangum on AWS Lambda."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_asgi_application()
