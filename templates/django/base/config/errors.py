"""JSON answers for errors: this API never returns Django's HTML error pages (config/openapi.py's ErrorBody documents
their shape)."""

from django.http import HttpRequest, JsonResponse


def error(status: int, title: str, message: str) -> JsonResponse:
    return JsonResponse({"error": title, "message": message}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    return error(400, "Bad Request", str(exception) if exception else "The request is malformed.")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    return error(403, "Forbidden", "You may not access this resource.")


def not_found(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    return error(404, "Not Found", f"No route for {request.method} {request.path}.")


def server_error(request: HttpRequest) -> JsonResponse:
    return error(500, "Internal Server Error", "The server failed to answer; the error is in its log.")
