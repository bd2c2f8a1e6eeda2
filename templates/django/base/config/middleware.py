import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse

from config.errors import error

logger = logging.getLogger("config.requests")


class RequestLogMiddleware:
    """Logs one JSON line per request (settings.LOGGING sends it to stdout), the server's access log stays off."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        # Django turns exceptions into responses (500) before they reach this middleware.
        response = self.get_response(request)
        logger.info(
            "request completed",
            extra={
                "fields": {
                    "method": request.method,
                    # The path only: query strings can carry tokens that do not belong in logs.
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                }
            },
        )
        return response


class HealthCheckMiddleware:
    """Answers GET /healthz before the Host header is checked: Kubernetes probes send the pod's IP as Host, which
    ALLOWED_HOSTS does not (and should not) list."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == "/healthz" and request.method in ("GET", "HEAD"):
            return JsonResponse({"status": "ok"})
        return self.get_response(request)


class JsonMethodNotAllowedMiddleware:
    """django-ninja answers a method a path does not serve with a plain-text 405 whose Allow header lists the methods in
    no set order: this makes it the API's JSON error, the methods sorted."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not isinstance(response, HttpResponseNotAllowed):
            return response
        allow = ", ".join(sorted(method.strip() for method in response["Allow"].split(",")))
        answer = error(405, "Method Not Allowed", f"{request.method} is not served here: {allow}")
        answer["Allow"] = allow
        return answer
