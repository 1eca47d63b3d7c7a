"""How failures reach users: `{"error": {"code", "message"}}` from the API (`/api/...`), an
error page elsewhere; never a traceback. A bad parameter is 400, an unknown id 404, an
event key from before a regrouping a 307 to the event that holds its report now, a store
that is gone or damaged 503 with what is wrong."""

from __future__ import annotations

import logging
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..store.backend import StoreError
from ..store.filters import FilterError
from ..store.opening import NotAStore, StoreMissing
from . import queries as q
from .ingest import UploadRefused
from .render import base

log = logging.getLogger("newsledger.web")

HTTP_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "too_large", 415: "unsupported_type",
              403: "forbidden"}


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(request: Request, status: int, code: str, message: str) -> Response:
    if wants_json(request):
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
    state = request.app.state.web
    return state.templates.TemplateResponse(request, "error.html", {**base(state, ""), "status": status,
                                                                   "code": code, "message": message},
                                            status_code=status)


def validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def store_failure(exc: StoreError) -> tuple[int, str, str]:
    """Status, code and message for a store that cannot answer."""
    if isinstance(exc, (StoreMissing, NotAStore)):
        return 503, "store_unavailable", exc.message
    log.error("the store failed: %s", exc.message)
    return 503, "store_unavailable", "the store could not answer this request (the server's log says why)"


def install(app: FastAPI) -> None:
    @app.exception_handler(q.BadRequest)
    async def _bad(request: Request, exc: q.BadRequest):
        return error_response(request, 400, "bad_request", str(exc))

    @app.exception_handler(FilterError)  # a filter checked deeper than the parameters (a StoreError too)
    async def _bad_filter(request: Request, exc: FilterError):
        return error_response(request, 400, "bad_request", str(exc))

    @app.exception_handler(q.NotFound)
    async def _missing(request: Request, exc: q.NotFound):
        return error_response(request, 404, "not_found", str(exc))

    @app.exception_handler(q.Moved)
    async def _moved(request: Request, exc: q.Moved):
        # The event's old key: to where its report is now. Temporary (307): a later
        # regrouping may move it again, so browsers must not remember the answer.
        prefix = request.url.path.rsplit("/", 1)[0]
        target = f"{prefix}/{quote(exc.key)}"
        if request.url.query:
            target += "?" + request.url.query
        return RedirectResponse(target, status_code=307)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        return error_response(request, 400, "bad_request", validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        code = HTTP_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return error_response(request, exc.status_code, code, message)

    @app.exception_handler(UploadRefused)
    async def _refused(request: Request, exc: UploadRefused):
        return error_response(request, exc.status, exc.code, str(exc))

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError):
        return error_response(request, *store_failure(exc))
