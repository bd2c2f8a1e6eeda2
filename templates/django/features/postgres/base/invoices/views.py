import json
import re
from collections.abc import Callable

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from config.errors import error
from invoices.models import STATUS_MAX_LENGTH, Invoice

# The range of a signed 64-bit integer (the id's BIGINT). Python's int has no limit, so without these bounds
# /invoices/99999999999999999999999 would reach the database as a number it cannot hold.
INVOICE_ID_MIN = -(2**63)
INVOICE_ID_MAX = 2**63 - 1
# ASCII digits only: int() alone would also accept " 42", "+42", "4_2" and non-ASCII digits.
INTEGER = re.compile(r"-?[0-9]+")


def allow(*methods: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Like django.views.decorators.http.require_http_methods, with a JSON body on the 405."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if request.method not in methods:
                response = error(405, "Method Not Allowed", f"{request.method} is not allowed here; use {methods[0]}.")
                response["Allow"] = ", ".join(methods)
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def as_json(invoice: Invoice) -> dict[str, object]:
    return {"id": invoice.pk, "status": invoice.status}


def parse_invoice_id(raw: str) -> int | None:
    if not INTEGER.fullmatch(raw):
        return None
    value = int(raw)
    return value if INVOICE_ID_MIN <= value <= INVOICE_ID_MAX else None


def parse_status(request: HttpRequest) -> str | HttpResponse:
    """The body's `status`, or the JSON 4xx that says what is wrong with the body."""
    if request.content_type != "application/json":
        return error(415, "Unsupported Media Type", "send the invoice as JSON (Content-Type: application/json)")
    try:
        # Over settings.DATA_UPLOAD_MAX_MEMORY_SIZE (64 KiB), Django refuses to read the body.
        body = json.loads(request.body)
    except RequestDataTooBig:
        return error(413, "Payload Too Large", "the request body is over 64 KiB")
    except ValueError as invalid:
        return error(400, "Bad Request", f"the body is not JSON: {invalid}")
    status = body.get("status") if isinstance(body, dict) else None
    if not isinstance(status, str) or not 1 <= len(status) <= STATUS_MAX_LENGTH:
        return error(
            400,
            "Bad Request",
            f"body must be an object whose status is a string of 1 to {STATUS_MAX_LENGTH} characters",
        )
    # PostgreSQL's text cannot hold NUL, nor UTF-8 a lone surrogate (JSON can carry both as \u escapes).
    if "\x00" in status or not _encodable(status):
        return error(400, "Bad Request", "status holds a character PostgreSQL cannot store (NUL or a lone surrogate)")
    return status


def _encodable(text: str) -> bool:
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


# The JSON routes read no cookies, so CSRF (there for the admin's forms) does not apply to them.
@csrf_exempt
@allow("POST")
def invoice_list(request: HttpRequest) -> HttpResponse:
    status = parse_status(request)
    if isinstance(status, HttpResponse):
        return status
    invoice = Invoice.objects.create(status=status)
    response = JsonResponse(as_json(invoice), status=201)
    response["Location"] = f"/invoices/{invoice.pk}"
    return response


@allow("GET", "HEAD")
def invoice_detail(request: HttpRequest, invoice_id: str) -> HttpResponse:
    parsed = parse_invoice_id(invoice_id)
    if parsed is None:
        return error(
            400,
            "Bad Request",
            f"invoice id must be an integer from {INVOICE_ID_MIN} to {INVOICE_ID_MAX}, got {invoice_id!r}",
        )
    # get(), not filter().first(): first() orders by the key and builds a second queryset to do it (about a fifth more
    # of the ORM's work per request, counted with cProfile) for a key that matches one row at most.
    try:
        invoice = Invoice.objects.get(pk=parsed)
    except Invoice.DoesNotExist:
        return error(404, "Not Found", f"no invoice {parsed}")
    return JsonResponse(as_json(invoice))
