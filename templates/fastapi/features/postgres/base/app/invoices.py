"""The invoice routes: pydantic models for the bodies, the ORM for the rows (every value reaches SQL as a parameter)."""

import json
from typing import Annotated

from fastapi import APIRouter, FastAPI, HTTPException, Path, Request, Response, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field

from app import models
from app.db import Session

# The range of a signed 64-bit integer (the id's BIGINT). Python's int has no limit, so without these bounds
# /invoices/99999999999999999999999 would reach the database as a number it cannot hold.
INVOICE_ID_MIN = -(2**63)
INVOICE_ID_MAX = 2**63 - 1

InvoiceId = Annotated[int, Path(ge=INVOICE_ID_MIN, le=INVOICE_ID_MAX)]


class NewInvoice(BaseModel):
    # strict: 7 or true stays a 422, not the string "7" or "True". No NUL: PostgreSQL's text cannot hold it (and a lone
    # surrogate, which JSON can carry as \ud800, is no valid string for pydantic either).
    status: Annotated[str, Field(strict=True, min_length=1, max_length=models.STATUS_MAX_LENGTH, pattern=r"^[^\x00]*$")]


class Invoice(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    status: str


class Problem(BaseModel):
    """The body of every 4xx and 5xx answer but FastAPI's 422, whose `detail` is a list of what was refused."""

    detail: str


# The answers other than 200/201 and 422 that OpenAPI clients (and Schemathesis) must be told of.
UNAVAILABLE: dict[int | str, dict[str, object]] = {
    503: {"model": Problem, "description": "The database did not answer; try again shortly"}
}

router = APIRouter(prefix="/invoices")


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses={
        400: {"model": Problem, "description": "The body is not JSON"},
        413: {"model": Problem, "description": "The body is over 64 KiB"},
        **UNAVAILABLE,
    },
)
async def create_invoice(body: NewInvoice, session: Session, response: Response) -> Invoice:
    invoice = models.Invoice(status=body.status)
    session.add(invoice)
    await session.commit()
    response.headers["Location"] = f"/invoices/{invoice.id}"
    return Invoice.model_validate(invoice)


# A non-integer or out-of-range id is answered by FastAPI's validation: 422 with a JSON `detail` list.
@router.get(
    "/{invoice_id}", responses={404: {"model": Problem, "description": "No invoice has this id"}, **UNAVAILABLE}
)
async def get_invoice(invoice_id: InvoiceId, session: Session) -> Invoice:
    invoice = await session.get(models.Invoice, invoice_id)
    if invoice is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no invoice {invoice_id}")
    return Invoice.model_validate(invoice)


async def validation_error(request: Request, error: Exception) -> Response:
    """FastAPI's own 422, rendered with ASCII escapes: its `detail` echoes the input, and a lone surrogate in it (which
    JSON can carry as \\ud800) cannot be encoded as UTF-8, which would make the 422 a 500."""
    assert isinstance(error, RequestValidationError)
    content = json.dumps({"detail": jsonable_encoder(error.errors())})
    return Response(content, status_code=422, media_type="application/json")


def handle_validation_errors(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, validation_error)
