"""The dashboard's pages, server-rendered with Jinja2 over the same functions as the API.

Every page has a JSON twin: the same path with `.json` added (`/` → `/index.json`,
`/dyad/TUR/AZE` → `/dyad/TUR/AZE.json`), answering exactly the data the page shows.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any
from urllib.parse import quote

import msgspec
from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from entente import __version__
from entente.analysis import query as aq
from entente.analysis.dyads import dyad
from entente.analysis.events import get_cluster, list_events
from entente.api import queries
from entente.api.context import StoreDep, ctx
from entente.api.params import (
    KEY,
    By,
    ClusterOrder,
    Limit,
    Offset,
    Text,
    dyad_options,
    event_filters,
    is_test_mode,
    network_options,
)
from entente.api.routes import json_response, network_data, with_next
from entente.errors import ApiError
from entente.records import ArticleRecord
from entente.store import Store
from entente.web import ECHARTS, TEMPLATES
from entente.web.highlight import event_anchor, evidence_parts, highlighted, quote_anchor

router = APIRouter(include_in_schema=False)


@cache
def cameo_names() -> dict[str, str]:
    return aq.root_names()


def _templates() -> Jinja2Templates:
    t = Jinja2Templates(directory=str(TEMPLATES))
    t.env.globals.update(version=__version__, echarts=ECHARTS, quad_names=aq.QUAD_NAMES,
                         cameo_names=cameo_names, evidence=evidence_parts,
                         event_anchor=event_anchor, quote_anchor=quote_anchor)
    t.env.filters["seg"] = lambda v: quote(str(v), safe="")  # one path segment
    t.env.filters["idpath"] = lambda v: quote(str(v), safe="/")  # an article id (may hold /)
    t.env.filters["frag"] = lambda v: quote(str(v), safe="/:")  # a #fragment
    return t


templates = _templates()


def twin_url(request: Request) -> str:
    path = request.url.path
    path = "/index.json" if path == "/" else path + ".json"
    return path + (f"?{request.url.query}" if request.url.query else "")


def strip_json(value: str) -> tuple[str, bool]:
    return (value[:-5], True) if value.endswith(".json") else (value, False)


def is_twin(request: Request) -> bool:
    return request.url.path.endswith(".json")


def render(request: Request, template: str, data: dict[str, Any], *, title: str,
           twin: bool = False, status: int = 200, **extra: Any) -> Response:
    """The page, or its JSON twin."""
    if twin:
        return json_response(data, status=status)
    c = ctx(request)
    context = {"data": data, "title": title, "json_url": twin_url(request),
               "test": is_test_mode(request) or not c.settings.animation, **extra}
    return templates.TemplateResponse(request, template, context, status_code=status)


def error_page(request: Request, status: int, error: dict[str, Any]) -> Response:
    """What a browser sees for a failed page request (the API answers JSON)."""
    return templates.TemplateResponse(request, "error.html", {
        "data": {"error": error}, "title": f"Error {status}", "error": error,
        "json_url": None, "test": True}, status_code=status)


@router.get("/")
@router.get("/index.json")
def overview_page(request: Request, store: StoreDep, by: By = "month") -> Response:
    data = queries.overview(store, by=by)
    data["clusters"] = queries.list_clusters(store, order="articles", limit=10)
    data["articles"] = queries.list_articles(store, limit=10)
    return render(request, "overview.html", data, title="Overview", twin=is_twin(request))


@router.get("/dyad/{a}/{b}")
def dyad_page(request: Request, store: StoreDep, a: Annotated[str, Path(pattern=KEY)],
              b: Annotated[str, Path(pattern=KEY)],
              options: Annotated[dict[str, Any], Depends(dyad_options)],
              order: ClusterOrder = "date", limit: Limit = 50, offset: Offset = 0) -> Response:
    b, twin = strip_json(b)
    data = {"dyad": dyad(store, a, b, **options),
            "clusters": with_next(request, queries.list_clusters(
                store, dyad=(a, b), start=options["start"], end=options["end"], order=order,
                limit=limit, offset=offset))}
    d = data["dyad"]["dyad"]
    arrow = "→" if d["directed"] else "↔"
    return render(request, "dyad.html", data, title=f"{d['a']} {arrow} {d['b']}", twin=twin)


@router.get("/cluster/{cluster_id}")
def cluster_page(request: Request, store: StoreDep,
                 cluster_id: Annotated[str, Path(max_length=90)]) -> Response:
    cluster_id, twin = strip_json(cluster_id)
    found = get_cluster(store, cluster_id)
    if found is None:
        raise ApiError(f"no cluster {cluster_id!r}", status=404)
    return render(request, "cluster.html", found, title=f"Event {cluster_id}", twin=twin)


def find_article(store: Store, article_id: str) -> tuple[ArticleRecord, bool]:
    """The record and whether the JSON twin was asked for. `x.json` is the twin of `x` when
    `x` exists, else the page of an article whose id ends in .json."""
    base, twin = strip_json(article_id)
    record = store.record(base) if twin else None
    if record is None:
        record, twin = store.record(article_id), False
    if record is None:
        raise ApiError(f"no article {base!r}", status=404)
    return record, twin


@router.get("/article/{article_id:path}")
def article_page(request: Request, store: StoreDep,
                 article_id: Annotated[str, Path(min_length=1, max_length=1000)]) -> Response:
    record, twin = find_article(store, article_id)
    links = queries.article_links(store, record.article_id)
    data: dict[str, Any] = msgspec.to_builtins(record)
    data["clusters"] = links
    if twin:
        return json_response(data)
    return render(request, "article.html", data, title=record.title or record.article_id,
                  record=record, links=links, segments=highlighted(record))


@router.get("/events")
@router.get("/events.json")
def events_page(request: Request, store: StoreDep,
                filters: Annotated[dict[str, Any], Depends(event_filters)],
                limit: Limit = 50, offset: Offset = 0) -> Response:
    data = with_next(request, list_events(store, **filters, limit=limit,
                                          offset=offset))
    data["filters"] = {k: (",".join(v) if isinstance(v, tuple) else v)
                       for k, v in filters.items()}
    return render(request, "events.html", data, title="Events", twin=is_twin(request))


@router.get("/network")
@router.get("/network.json")
def network_page(request: Request, store: StoreDep,
                 options: Annotated[dict[str, Any], Depends(network_options)]) -> Response:
    data = network_data(request, store, options, ctx(request).settings.limits.max_edges)
    return render(request, "network.html", data, title="Network", twin=is_twin(request))


@router.get("/search")
@router.get("/search.json")
def search_page(request: Request, store: StoreDep, q: Text = None) -> Response:
    twin = is_twin(request)
    if not (q or "").strip():  # the empty form (the API's /v1/search asks for q)
        return render(request, "search.html", {"q": ""}, title="Search", twin=twin)
    data = queries.search(store, q or "")
    return render(request, "search.html", data, title=f"Search: {data['q']}", twin=twin)


@router.get("/docs")
@router.get("/docs.json")
def docs_page(request: Request) -> Response:
    """The API reference, rendered from the OpenAPI schema (no CDN, works offline)."""
    schema = request.app.openapi()
    return render(request, "docs.html", schema, title="API", twin=is_twin(request))
