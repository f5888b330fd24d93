"""The read endpoints under /v1: thin wrappers over the analysis and query functions.

Each handler checks its parameters (see `params`), calls one library function with the app's
store and answers its result as JSON. Pages carry `next`, the URL of the following page.
"""

from __future__ import annotations

from importlib import resources
from typing import Annotated, Any

import msgspec
from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from entente import __version__
from entente.analysis.dyads import dyad
from entente.analysis.events import get_cluster, list_events, list_quotes
from entente.analysis.network import network
from entente.analysis.trends import trends
from entente.api import queries
from entente.api.context import StoreDep, ctx
from entente.api.models import ERRORS, NOT_FOUND, JobStatus, Page
from entente.api.params import (
    KEY,
    By,
    From,
    Limit,
    Offset,
    Text,
    To,
    cluster_filters,
    dyad_options,
    event_filters,
    network_options,
    trend_options,
)
from entente.errors import ApiError
from entente.store import SCHEMA_VERSION, Store

router = APIRouter(tags=["read"], responses=ERRORS)

ArticleId = Annotated[str, Path(min_length=1, max_length=1000, description="article id")]
Key = Annotated[str, Path(pattern=KEY, description="actor key: TUR, NATO, TURMIL")]

_encoder = msgspec.json.Encoder()


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """JSON encoded by msgspec: dates as ISO strings, structs as objects."""
    return Response(_encoder.encode(data), status_code=status, media_type="application/json",
                    headers=headers)


def with_next(request: Request, result: dict[str, Any]) -> dict[str, Any]:
    """Add `next`, the URL of the following page (same filters), to a page."""
    nxt = result.get("next_offset")
    result["next"] = (str(request.url.include_query_params(offset=nxt))
                      if nxt is not None else None)
    return result


def status(request: Request, store: Store) -> dict[str, Any]:
    c = ctx(request)
    return {"entente_version": __version__, "store_schema": SCHEMA_VERSION,
            "counts": store.counts(), "read_only": c.settings.read_only,
            "writes_need_token": c.settings.writes_need_token}


@router.get("/status", summary="Version, store counts and what this server allows")
def get_status(request: Request, store: StoreDep) -> Response:
    return json_response(status(request, store))


@router.get("/schema", summary="The JSON Schema of the contract's output record (entente/1)")
def get_schema() -> Response:
    text = resources.files("entente.data").joinpath("contract.schema.json").read_bytes()
    return Response(text, media_type="application/schema+json")


@router.get("/events", response_model=Page, summary="Event mentions with their evidence")
def get_events(request: Request, store: StoreDep,
               filters: Annotated[dict[str, Any], Depends(event_filters)],
               limit: Limit = 50, offset: Offset = 0) -> Response:
    """Event mentions matching every filter, oldest first (undated last; ties by event id), each
    with its sentence, trigger offsets, rule, confidence, article and cluster."""
    result = list_events(store, **filters, limit=limit, offset=offset)
    return json_response(with_next(request, result))


@router.get("/clusters", response_model=Page, summary="Distinct real-world events")
def get_clusters(request: Request, store: StoreDep,
                 filters: Annotated[dict[str, Any], Depends(cluster_filters)],
                 limit: Limit = 50, offset: Offset = 0) -> Response:
    """Clusters of mentions that report the same event, with how many articles and sources
    report it and the evidence of the mention it grew from."""
    result = queries.list_clusters(store, **filters, limit=limit, offset=offset)
    return json_response(with_next(request, result))


@router.get("/clusters/{cluster_id}", responses=NOT_FOUND, summary="One cluster, every mention")
def get_one_cluster(request: Request, store: StoreDep,
                    cluster_id: Annotated[str, Path(max_length=80)]) -> Response:
    found = get_cluster(store, cluster_id)
    if found is None:
        raise ApiError(f"no cluster {cluster_id!r}", status=404)
    return json_response(found)


@router.get("/articles", response_model=Page, summary="Stored articles, newest first")
def get_articles(request: Request, store: StoreDep, q: Text = None, source: Text = None,
                 start: From = None, end: To = None, limit: Limit = 50,
                 offset: Offset = 0) -> Response:
    """Articles whose title, text or id contain `q`, with a snippet around the match."""
    result = queries.list_articles(store, text=q, source=source, start=start,
                                   end=end, limit=limit, offset=offset)
    return json_response(with_next(request, result))


def article_data(store: Store, article_id: str) -> dict[str, Any]:
    """The stored contract record, plus `clusters`: event id → its cluster (an added field)."""
    record = store.record(article_id)
    if record is None:
        raise ApiError(f"no article {article_id!r}", status=404)
    data: dict[str, Any] = msgspec.to_builtins(record)
    data["clusters"] = queries.article_links(store, article_id)
    return data


@router.get("/articles/{article_id:path}", responses=NOT_FOUND,
            summary="One article as its contract record, with its events' clusters")
def get_article(store: StoreDep, article_id: ArticleId) -> Response:
    return json_response(article_data(store, article_id))


@router.get("/actors", response_model=Page, summary="Actors, most active first")
def get_actors(request: Request, store: StoreDep, q: Text = None, limit: Limit = 50,
               offset: Offset = 0) -> Response:
    """Actors by key (as dyads count them) with mentions, articles, names and events."""
    result = queries.list_actors(store, text=q, limit=limit, offset=offset)
    return json_response(with_next(request, result))


@router.get("/quotes", response_model=Page, summary="Quotes with speaker and citation chain")
def get_quotes(request: Request, store: StoreDep, speaker: Text = None, org: Text = None,
               cited: Text = None, q: Text = None, limit: Limit = 50,
               offset: Offset = 0) -> Response:
    """Quotes whose speaker, speaker's organisation, cited sources or content contain the
    given text (case-insensitive), oldest article first."""
    result = list_quotes(store, speaker=speaker, org=org, cited=cited, text=q,
                         limit=limit, offset=offset)
    return json_response(with_next(request, result))


@router.get("/dyads/{a}/{b}", summary="How the relationship between two actors moves")
def get_dyad(request: Request, store: StoreDep, a: Key, b: Key,
             options: Annotated[dict[str, Any], Depends(dyad_options)]) -> Response:
    """Asserted mentions by period and QuadClass with summed and mean Goldstein, the clusters
    they report, root codes, and the best-reported clusters with their evidence."""
    return json_response(dyad(store, a, b, **options))


@router.get("/trends", summary="Pairs whose cooperation or conflict changed most")
def get_trends(request: Request, store: StoreDep,
               options: Annotated[dict[str, Any], Depends(trend_options)],
               limit: Limit = 20, offset: Offset = 0) -> Response:
    result = trends(store, **options, limit=limit, offset=offset)
    result["next_offset"] = (offset + len(result["items"])
                             if offset + len(result["items"]) < result["total"] else None)
    return json_response(with_next(request, result))


def network_data(request: Request, store: Store, options: dict[str, Any],
                 max_edges: int) -> dict[str, Any]:
    limit = min(max_edges, ctx(request).settings.limits.max_edges)
    return queries.trim_network(network(store, **options), limit)


@router.get("/network", summary="Actors and their relations for a period")
def get_network(request: Request, store: StoreDep,
                options: Annotated[dict[str, Any], Depends(network_options)],
                max_edges: Annotated[int, Query(ge=1, le=100_000)] = 500) -> Response:
    """Nodes (actors) and weighted edges (events by QuadClass, Goldstein); the heaviest
    `max_edges` edges are kept and `truncated` says when some were left out."""
    return json_response(network_data(request, store, options, max_edges))


@router.get("/search", summary="Articles, actors and quotes matching a text")
def get_search(request: Request, store: StoreDep, q: Text = None,
               limit: Annotated[int, Query(ge=1, le=100)] = 20) -> Response:
    return json_response(queries.search(store, q or "", limit=limit))


@router.get("/overview", summary="Totals, series, top dyads and biggest trend changes")
def get_overview(request: Request, store: StoreDep, by: By = "month") -> Response:
    return json_response(queries.overview(store, by=by))


@router.get("/jobs/{job_id}", response_model=JobStatus, responses=NOT_FOUND,
            summary="Status of a background load")
def get_job(request: Request, job_id: Annotated[str, Path(max_length=64)]) -> Response:
    jobs = ctx(request).jobs
    job = jobs.get(job_id) if jobs is not None else None
    if job is None:
        raise ApiError(f"no job {job_id!r} (jobs are kept in memory until the server stops)",
                       status=404)
    return json_response(job.public())
