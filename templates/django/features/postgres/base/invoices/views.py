import re
from collections.abc import Callable
from functools import wraps
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import Path, Router, Schema
from ninja.decorators import decorate_view
from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from config.errors import error
from config.openapi import ErrorBody, get_and_head
from invoices.models import STATUS_MAX_LENGTH, Invoice

# The range of a signed 64-bit integer (the id's BIGINT). Python's int has no limit, so without these bounds
# /invoices/99999999999999999999999 would reach the database as a number it cannot hold.
INVOICE_ID_MIN = -(2**63)
INVOICE_ID_MAX = 2**63 - 1
# ASCII digits only: int() alone (and pydantic's own int parsing) would also accept " 42", "+42", "4_2" and non-ASCII
# digits.
INTEGER = re.compile(r"-?[0-9]+")
INVOICE_ID_RULE = f"invoice id must be an integer from {INVOICE_ID_MIN} to {INVOICE_ID_MAX}"

router = Router(tags=["invoices"])

# While the database does not answer, config/database.py's middleware makes any route a JSON 503.
UNAVAILABLE = {503: ErrorBody}


def strict_invoice_id(raw: object) -> int:
    if isinstance(raw, str) and INTEGER.fullmatch(raw) and INVOICE_ID_MIN <= int(raw) <= INVOICE_ID_MAX:
        return int(raw)
    # pydantic fills in {got}: the message names what was sent, whatever it holds.
    raise PydanticCustomError("invoice_id", INVOICE_ID_RULE + ", got {got}", {"got": repr(raw)})


# The document gives the id's type and range; the validator holds the path segment to that exactly.
InvoiceId = Annotated[int, BeforeValidator(strict_invoice_id), Path(ge=INVOICE_ID_MIN, le=INVOICE_ID_MAX)]


class NewInvoice(Schema):
    # PostgreSQL's text cannot hold NUL: the pattern refuses it (a 400), and the document says so. It is written
    # \u0000: Schemathesis stalled generating strings for the same class written \x00. Nor can UTF-8 hold a lone
    # surrogate, which JSON can carry as a \u escape: pydantic refuses those in any str (a 400 too).
    status: str = Field(min_length=1, max_length=STATUS_MAX_LENGTH, pattern=r"^[^\u0000]*$")


class InvoiceBody(Schema):
    id: int
    status: str


def as_json(invoice: Invoice) -> dict[str, object]:
    return {"id": invoice.pk, "status": invoice.status}


def json_only(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A body that is not sent as JSON is a 415, before django-ninja reads it (it would parse it as JSON anyway)."""

    @wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.content_type != "application/json":
            return error(415, "Unsupported Media Type", "send the invoice as JSON (Content-Type: application/json)")
        return run(request, *args, **kwargs)

    return wrapper


@router.post(
    "/invoices",
    response={201: InvoiceBody, 400: ErrorBody, 413: ErrorBody, 415: ErrorBody, **UNAVAILABLE},
    summary="Store an invoice",
)
@decorate_view(json_only)
def invoice_list(request: HttpRequest, body: NewInvoice) -> HttpResponse:
    invoice = Invoice.objects.create(status=body.status)
    response = JsonResponse(as_json(invoice), status=201)
    response["Location"] = f"/invoices/{invoice.pk}"
    return response


@get_and_head(
    router,
    "/invoices/{invoice_id}",
    response={200: InvoiceBody, 400: ErrorBody, 404: ErrorBody, **UNAVAILABLE},
    summary="A stored invoice",
)
def invoice_detail(request: HttpRequest, invoice_id: InvoiceId) -> HttpResponse:
    # get(), not filter().first(): first() orders by the key and builds a second queryset to do it (about a fifth more
    # of the ORM's work per request, counted with cProfile) for a key that matches one row at most.
    try:
        invoice = Invoice.objects.get(pk=invoice_id)
    except Invoice.DoesNotExist:
        return error(404, "Not Found", f"no invoice {invoice_id}")
    return JsonResponse(as_json(invoice))
