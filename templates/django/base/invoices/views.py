import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

from config.errors import error

# The range of a signed 64-bit integer (a database BIGINT). Python's int has no limit, so without these bounds
# /invoices/99999999999999999999999 would be a 200 with a number most clients and databases cannot hold.
INVOICE_ID_MIN = -(2**63)
INVOICE_ID_MAX = 2**63 - 1
# ASCII digits only: int() alone would also accept " 42", "+42", "4_2" and non-ASCII digits.
INTEGER = re.compile(r"-?[0-9]+")


def get_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Like django.views.decorators.http.require_safe, with a JSON body on the 405."""

    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            response = error(405, "Method Not Allowed", f"{request.method} is not allowed here; use GET.")
            response["Allow"] = "GET, HEAD"
            return response
        return view(request, *args, **kwargs)

    return wrapper


def parse_invoice_id(raw: str) -> int | None:
    if not INTEGER.fullmatch(raw):
        return None
    value = int(raw)
    return value if INVOICE_ID_MIN <= value <= INVOICE_ID_MAX else None


@get_only
def invoice_detail(request: HttpRequest, invoice_id: str) -> JsonResponse:
    parsed = parse_invoice_id(invoice_id)
    if parsed is None:
        return error(
            400,
            "Bad Request",
            f"invoice id must be an integer from {INVOICE_ID_MIN} to {INVOICE_ID_MAX}, got {invoice_id!r}",
        )
    return JsonResponse({"id": parsed, "status": "paid"})
