"""A database that does not answer is a JSON 503 on the routes that need it, never a 500 or a crash; /readyz says so
to the orchestrator. The next request tries again, so the answers are right once the database is back."""

import logging

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from app.db import Session

logger = logging.getLogger("app.database")

# Refused or dropped connections, a server shutting down, a cancelled statement (OperationalError), a connection
# already closed (InterfaceError), no free connection within the pool's timeout (PoolTimeoutError).
UNAVAILABLE = (OperationalError, InterfaceError, PoolTimeoutError)


async def database_unavailable(request: Request, error: Exception) -> JSONResponse:
    logger.warning("database unavailable", extra={"fields": {"path": request.url.path, "error": str(error)[:500]}})
    return JSONResponse({"detail": "the database is unavailable; try again shortly"}, status_code=503)


def handle_database_errors(app: FastAPI) -> None:
    for error in UNAVAILABLE:
        app.add_exception_handler(error, database_unavailable)


class Ready(BaseModel):
    status: str


readiness = APIRouter()


# Readiness: 200 when the database answers a query, 503 (above) when it does not, so an orchestrator stops sending
# traffic to an instance that cannot serve it. /healthz (liveness) never touches the database: an outage must not
# restart pods.
@readiness.get("/readyz", responses={503: {"description": "The database did not answer"}})
async def readyz(session: Session) -> Ready:
    await session.execute(text("SELECT 1"))
    return Ready(status="ok")
