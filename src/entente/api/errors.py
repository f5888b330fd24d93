"""Every error leaves the server as a small JSON body, never as a traceback.

    {"error": {"status": 400, "type": "bad_request", "message": "...", "where": ..., "hint": ...}}

A handler is registered for each kind of exception: entente's own errors map to a status by
their class, FastAPI's request validation to 422 with one readable line per bad parameter,
Starlette's HTTP errors (unknown route, wrong method) keep their status, and anything else is a
500 that says "internal error" and logs the traceback on the server only. A browser asking for a
page (not /v1, not a .json twin) gets the same message as a small HTML page.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from entente.errors import (
    ApiError,
    CodingError,
    EntenteError,
    IngestError,
    ModelError,
    StoreError,
    StoreIntegrityError,
    UsageError,
)

log = logging.getLogger("entente.api")

TYPES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 409: "conflict", 413: "payload_too_large",
         415: "unsupported_media_type", 422: "unprocessable", 429: "too_many_requests",
         500: "internal_error", 503: "unavailable"}

# entente error class → HTTP status (most specific first)
STATUS: tuple[tuple[type[EntenteError], int], ...] = (
    (UsageError, 400),
    (IngestError, 422),
    (StoreIntegrityError, 500),
    (StoreError, 503),
    (ModelError, 503),
    (CodingError, 500),
)

_FLAG = re.compile(r"--([a-z][a-z-]*)")
HtmlRenderer = Callable[[Request, int, dict[str, Any]], Response]


def error_body(status: int, message: str, *, where: str | None = None, hint: str | None = None,
               details: list[str] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"status": status, "type": TYPES.get(status, "error"),
                            "message": message}
    for key, value in (("where", where), ("hint", hint), ("details", details)):
        if value:
            body[key] = value
    return {"error": body}


def status_of(exc: EntenteError) -> int:
    if isinstance(exc, ApiError):
        return exc.status
    for cls, status in STATUS:
        if isinstance(exc, cls):
            return status
    return 500


def api_message(message: str) -> str:
    """The library's messages name CLI flags (`--from`); the API's parameters have the same
    names without the dashes."""
    return _FLAG.sub(lambda m: f"'{m.group(1).replace('-', '_')}'", message)


def validation_lines(exc: RequestValidationError) -> list[str]:
    """One line per bad input: "query parameter 'limit': Input should be ... (got '0')"."""
    lines = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ())]
        where, rest = (loc[0], loc[1:]) if loc else ("request", [])
        kind = {"query": "query parameter", "path": "path parameter", "body": "body",
                "header": "header"}.get(where, where)
        name = ".".join(rest)
        got = err.get("input")
        shown = f" (got {got!r})" if isinstance(got, str | int | float) else ""
        lines.append(f"{kind} '{name}': {err.get('msg', 'invalid')}{shown}" if name
                     else f"{kind}: {err.get('msg', 'invalid')}")
    return lines


def wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith("/v1") or path.endswith(".json") or path in ("/openapi.json",):
        return False
    return "text/html" in request.headers.get("accept", "")


def install(app: FastAPI, html: HtmlRenderer | None = None) -> None:
    """Register a JSON (or, for pages, HTML) handler for every exception type."""

    def respond(request: Request, status: int, body: dict[str, Any],
                headers: dict[str, str] | None = None) -> Response:
        if html is not None and wants_html(request):
            return html(request, status, body["error"])
        return JSONResponse(body, status_code=status, headers=headers)

    @app.exception_handler(EntenteError)
    async def entente_error(request: Request, exc: EntenteError) -> Response:
        status = status_of(exc)
        if status >= 500:
            log.warning("%s %s: %s", request.method, request.url.path, exc)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return respond(request, status, error_body(status, api_message(exc.message),
                                                   where=exc.where, hint=exc.hint), headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        lines = validation_lines(exc)
        return respond(request, 422, error_body(422, "; ".join(lines), details=lines))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page or endpoint: {request.url.path}"
        return respond(request, exc.status_code, error_body(exc.status_code, message),
                       dict(exc.headers) if exc.headers else None)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
        return respond(request, 500, error_body(
            500, f"internal error ({type(exc).__name__}); the server log has the details",
            hint="please report it"))
