"""The app factory: one FastAPI app serving the JSON API (/v1), the pages and their JSON twins,
the OpenAPI schema (/openapi.json), its reference page (/docs) and the packaged static files."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from entente import __version__
from entente.api import errors, routes, writes
from entente.api.coding import Coder
from entente.api.context import Context
from entente.api.settings import ApiLimits, Settings
from entente.api.tasks import JobRunner
from entente.store import Store, open_store
from entente.web import STATIC, pages

DESCRIPTION = (
    "Political event data coded from news text: who did what to whom, when, where, and "
    "according to whom. Every event carries its evidence: the sentence, the trigger's offsets, "
    "the rule and a confidence. Reads are open; POST endpoints need `Authorization: Bearer "
    "<token>` when the server has a token. Errors are JSON: "
    '`{"error": {"status", "type", "message", "where", "hint"}}`.')

# Pages load scripts and styles from this server only (the vendored ECharts build included).
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")


class SecurityHeaders:
    """Adds the same protective headers to every response (a plain ASGI middleware, so that
    streaming and error responses are not wrapped)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"same-origin"),
                            (b"x-frame-options", b"DENY"),
                            (b"content-security-policy", CSP.encode())]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


def host_name(header: str | None) -> str:
    """The host part of a Host header: "[::1]:8000" → "::1", "localhost:8000" → "localhost"."""
    value = (header or "").strip().lower()
    if value.startswith("["):
        return value[1:].split("]", 1)[0]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class HostGuard:
    """Refuses requests whose Host header names another machine (a web page that points its
    own domain name at 127.0.0.1 must not read a local server: DNS rebinding). JSON refusal."""

    def __init__(self, app: ASGIApp, allowed: Sequence[str]) -> None:
        self.app = app
        self.allowed = {h.strip("[]").lower() for h in allowed}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            host = host_name(Headers(scope=scope).get("host"))
            if host not in self.allowed:
                body = errors.error_body(400, f"this server does not answer for host {host!r}",
                                         hint="use http://127.0.0.1 or http://localhost")
                await JSONResponse(body, status_code=400)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _open(settings: Settings) -> Store:
    if settings.read_only:  # per request, so other processes can write between requests
        return open_store(settings.db_path, read_only=True)
    return open_store(settings.db_path, hold=True)  # held: readers and the job share it


def create_app(db_path: str | Path, token: str | None = None, *, public: bool = False,
               read_only: bool = False, engine: Any = None, store: Store | None = None,
               limits: ApiLimits | None = None, animation: bool = True,
               allowed_hosts: Sequence[str] | None = None) -> FastAPI:
    """Build the app over the store at `db_path` (created when missing, unless `read_only`).

    `token` guards every POST; `public=True` (a server reachable beyond localhost) requires
    one. `engine` codes posted articles (default: the bundled pipeline, loaded on first use);
    `store` replaces the opened store (tests); `animation=False` turns chart animation off;
    `allowed_hosts` rejects requests for other Host names (DNS-rebinding guard for a local
    server).
    """
    settings = Settings(db_path=str(db_path), token=token, public=public, read_only=read_only,
                        animation=animation, limits=limits or ApiLimits())
    own = store is None
    store = store if store is not None else _open(settings)
    coder = Coder(engine)
    jobs = None if read_only else JobRunner(store, coder,
                                            max_pending=settings.limits.max_pending_jobs,
                                            load_batch=settings.limits.load_batch)
    context = Context(settings=settings, store=store, coder=coder, jobs=jobs, own_store=own)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            context.close()

    app = FastAPI(title="entente", version=__version__, description=DESCRIPTION,
                  lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.entente = context
    errors.install(app, html=pages.error_page)
    app.include_router(routes.router, prefix="/v1")
    app.include_router(writes.router, prefix="/v1")
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(SecurityHeaders)
    if allowed_hosts:
        app.add_middleware(HostGuard, allowed=list(allowed_hosts))
    return app
