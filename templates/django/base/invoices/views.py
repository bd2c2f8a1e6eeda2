import re
from typing import Annotated

from django.http import HttpRequest
from ninja import Path, Router, Schema
from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from config.openapi import ErrorBody, get_and_head

# The range of a signed 64-bit integer (a database BIGINT). Python's int has no limit, so without these bounds
# /invoices/99999999999999999999999 would be a 200 with a number most clients and databases cannot hold.
INVOICE_ID_MIN = -(2**63)
INVOICE_ID_MAX = 2**63 - 1
# ASCII digits only: int() alone (and pydantic's own int parsing) would also accept " 42", "+42", "4_2" and non-ASCII
# digits.
INTEGER = re.compile(r"-?[0-9]+")
INVOICE_ID_RULE = f"invoice id must be an integer from {INVOICE_ID_MIN} to {INVOICE_ID_MAX}"

router = Router(tags=["invoices"])


def strict_invoice_id(raw: object) -> int:
    if isinstance(raw, str) and INTEGER.fullmatch(raw) and INVOICE_ID_MIN <= int(raw) <= INVOICE_ID_MAX:
        return int(raw)
    # pydantic fills in {got}: the message names what was sent, whatever it holds.
    raise PydanticCustomError("invoice_id", INVOICE_ID_RULE + ", got {got}", {"got": repr(raw)})


# The document gives the id's type and range; the validator holds the path segment to that exactly.
InvoiceId = Annotated[int, BeforeValidator(strict_invoice_id), Path(ge=INVOICE_ID_MIN, le=INVOICE_ID_MAX)]


class Invoice(Schema):
    id: int
    status: str


@get_and_head(
    router,
    "/invoices/{invoice_id}",
    response={200: Invoice, 400: ErrorBody, 404: ErrorBody},
    summary="An invoice",
    openapi_extra={"responses": {404: {"description": "No such route: an id holding a slash (%2F)"}}},
)
def invoice_detail(request: HttpRequest, invoice_id: InvoiceId) -> dict[str, object]:
    return {"id": invoice_id, "status": "paid"}
