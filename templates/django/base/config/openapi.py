"""What the routes' OpenAPI descriptions share (django-ninja makes /openapi.json from them): the JSON error body
config/errors.py answers with, the health body, and GET routes that answer HEAD too."""

from collections.abc import Callable
from typing import Any, Literal, TypeVar

from ninja import NinjaAPI, Router, Schema

View = TypeVar("View", bound=Callable[..., Any])


class ErrorBody(Schema):
    """Every error this API answers: config/errors.py's error()."""

    error: str
    message: str


class StatusOk(Schema):
    status: Literal["ok"]


def get_and_head(router: Router | NinjaAPI, path: str, **options: Any) -> Callable[[View], View]:
    """@router.get, and HEAD on the same path as Django's own views answer it (django-ninja serves only the methods it
    is given). The document lists the GET alone, as FastAPI's and Fastify's do."""

    def register(view: View) -> View:
        router.api_operation(["HEAD"], path, include_in_schema=False)(view)
        return router.get(path, **options)(view)

    return register
