"""gunicorn's settings, read from this file in the working directory (`gunicorn config.wsgi`)."""

import importlib
import os

from django.core.exceptions import ImproperlyConfigured

from config.env import env_int, env_port

try:
    # The settings load here, in the master, before any worker starts: a missing or bad variable (DJANGO_SECRET_KEY in
    # production, PORT=abc) stops the start with its one-line message and status 1, instead of a traceback per worker.
    importlib.import_module(os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings"))
    # 0.0.0.0 so a container's port mapping reaches it; PORT as platforms set it.
    bind = f"0.0.0.0:{env_port('PORT', default=8000)}"
    # Processes, each serving one request at a time (sync workers). Set WEB_CONCURRENCY to fit the CPU and memory
    # limits.
    workers = env_int("WEB_CONCURRENCY", default=2)
except ImproperlyConfigured as error:
    raise SystemExit(f"configuration error: {error}") from None
# SIGTERM: the master stops accepting connections, lets workers finish the requests they are serving for up to this
# many seconds, then exits 0. Kubernetes waits terminationGracePeriodSeconds (15 in k8s/deployment.yaml) before SIGKILL.
graceful_timeout = 8
# config/middleware.py logs one JSON line per request to stdout; gunicorn's access log would repeat it.
accesslog = None
# gunicorn's own messages (start, stop, worker errors) go to stderr.
errorlog = "-"
# No control socket: by default gunicorn creates one under $HOME, which a read-only container file system refuses
# and which several instances on one machine would share.
control_socket_disable = True
