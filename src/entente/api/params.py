"""Query parameters shared by the API and the pages (declared once, so both check them alike).

Shapes are checked here (FastAPI answers 422 naming the parameter); meanings (a real date, a
known actor key, `from` before `to`) are checked by the library functions, which answer 400.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Query, Request

from entente.errors import UsageError

MAX_PAGE = 500
# Years 1000-2999: news dates, and far enough from date.min/max that the analyses' window
# arithmetic (up to a century back) cannot overflow.
DATE = r"^[12]\d{3}-\d{2}-\d{2}$"
KEY = r"^[A-Za-z0-9][A-Za-z0-9 _.&'-]{0,63}$"

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"page size (1-{MAX_PAGE})")]
Offset = Annotated[int, Query(ge=0, le=100_000_000, description="rows to skip")]
From = Annotated[str | None, Query(alias="from", pattern=DATE,
                                   description="first day, YYYY-MM-DD (inclusive)")]
To = Annotated[str | None, Query(alias="to", pattern=DATE,
                                 description="last day, YYYY-MM-DD (inclusive)")]
ActorKey = Annotated[str | None, Query(pattern=KEY, description="actor key: TUR, NATO, TURMIL")]
Dyad = Annotated[str | None, Query(max_length=130, description="two actor keys: TUR,AZE")]
Root = Annotated[str | None, Query(pattern=r"^\d{2}$", description="CAMEO root, 2 digits")]
Cameo = Annotated[str | None, Query(pattern=r"^\d{2,4}$", description="CAMEO code, 2-4 digits")]
Modality = Annotated[Literal["asserted", "negated", "hypothetical"] | None,
                     Query(description="asserted, negated or hypothetical")]
By = Annotated[Literal["day", "week", "month"], Query(description="period of the series")]
ClusterOrder = Annotated[Literal["date", "recent", "articles"],
                         Query(description="date (oldest first), recent or articles (most "
                               "reported first)")]
Text = Annotated[str | None, Query(max_length=200, description="text to look for")]
ClusterId = Annotated[str | None, Query(max_length=80, description="a cluster id")]


def dyad_pair(value: str | None) -> tuple[str, str] | None:
    """"TUR,AZE" → ("TUR", "AZE")."""
    if not value:
        return None
    parts = [p.strip() for p in value.split(",")]
    if len(parts) != 2 or not all(parts):
        raise UsageError(f"dyad must be two actor keys separated by a comma, e.g. TUR,AZE; "
                         f"got {value!r}")
    return parts[0], parts[1]


def event_filters(actor: ActorKey = None, dyad: Dyad = None, root: Root = None,
                  cameo: Cameo = None, start: From = None, end: To = None,
                  modality: Modality = None, cluster: ClusterId = None) -> dict[str, Any]:
    """The filters of `entente.analysis.events.list_events`."""
    return {"actor": actor, "dyad": dyad_pair(dyad), "root": root, "cameo": cameo,
            "start": start, "end": end, "modality": modality, "cluster": cluster}


def cluster_filters(actor: ActorKey = None, dyad: Dyad = None, root: Root = None,
                    start: From = None, end: To = None,
                    min_articles: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
                    order: ClusterOrder = "date") -> dict[str, Any]:
    """The filters of `entente.api.queries.list_clusters`."""
    return {"actor": actor, "dyad": dyad_pair(dyad), "root": root, "start": start, "end": end,
            "min_articles": min_articles, "order": order}


def dyad_options(start: From = None, end: To = None, by: By = "month", directed: bool = False,
                 modality: Literal["asserted", "negated", "hypothetical"] = "asserted",
                 top: Annotated[int, Query(ge=1, le=100)] = 10) -> dict[str, Any]:
    """The options of `entente.analysis.dyads.dyad`."""
    return {"start": start, "end": end, "by": by, "directed": directed, "modality": modality,
            "top": top}


def network_options(start: From = None, end: To = None,
                    level: Annotated[Literal["key", "code", "country"],
                                     Query(description="key, code or country")] = "key",
                    directed: bool = True,
                    modality: Literal["asserted", "negated", "hypothetical"] = "asserted",
                    min_events: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
                    ) -> dict[str, Any]:
    """The options of `entente.analysis.network.network`."""
    return {"start": start, "end": end, "level": level, "directed": directed,
            "modality": modality, "min_events": min_events}


def trend_options(end: Annotated[str | None, Query(
                      pattern=DATE, description="last day of the recent window, YYYY-MM-DD "
                      "(default: the latest event day in the store)")] = None,
                  window: Annotated[int, Query(ge=1, le=3660)] = 90,
                  baseline: Annotated[int, Query(ge=1, le=36600)] = 365,
                  by: Annotated[Literal["coop", "quad", "root", "base"],
                                Query(description="coop, quad, root or base")] = "coop",
                  directed: bool = False,
                  min_events: Annotated[int, Query(ge=1, le=1_000_000)] = 5) -> dict[str, Any]:
    """The options of `entente.analysis.trends.trends`."""
    return {"end": end, "window": window, "baseline": baseline, "by": by,
            "directed": directed, "min_events": min_events}


def is_test_mode(request: Request) -> bool:
    """`?test=1` turns chart animation off (browser tests wait for a signal, not a timer)."""
    return request.query_params.get("test") == "1"
