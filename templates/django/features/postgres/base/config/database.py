"""A database that does not answer is a JSON 503, never one of Django's HTML error pages or a crash; /readyz tells the
orchestrator. Django opens a new connection on the next request (CONN_HEALTH_CHECKS), so answers are right again once
the database is back."""

import logging
from collections.abc import Callable

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse

from config.errors import error

logger = logging.getLogger("config.database")


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        # Refused or dropped connections, a server shutting down, a cancelled statement (OperationalError), a
        # connection already closed (InterfaceError). Anything else stays a 500 with its traceback in the log.
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("database unavailable", extra={"fields": {"path": request.path, "error": str(exception)[:500]}})
        return error(503, "Service Unavailable", "The database is unavailable; try again shortly.")


def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: 200 when the database answers a query, 503 when it does not, so an orchestrator stops sending traffic
    to an instance that cannot serve it. /healthz (liveness) never touches the database: an outage must not restart
    pods."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as unavailable:
        logger.warning(
            "database unavailable", extra={"fields": {"path": request.path, "error": str(unavailable)[:500]}}
        )
        return error(503, "Service Unavailable", "The database is unavailable; try again shortly.")
    return JsonResponse({"status": "ok"})
