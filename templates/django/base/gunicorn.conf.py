"""gunicorn's settings, read from this file in the working directory (`gunicorn config.wsgi`)."""

import os

# 0.0.0.0 so a container's port mapping reaches it; PORT as platforms set it.
bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
# Processes, each serving one request at a time (sync workers). Set WEB_CONCURRENCY to fit the CPU and memory limits.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
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
