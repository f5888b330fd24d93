"""Look-ups the API and the pages need beyond `entente.analysis`: the overview's series and top
dyads, cluster, actor and article lists, an article's cluster links, and search.

Same rules as the analyses: SQL is built from constant fragments chosen from whitelists; every
value a user typed travels as a query parameter. Pages are stable: every ORDER BY ends in a
unique key. (The cluster, actor and article lists are general enough to move to
`entente.analysis` when its owner wants them there.)
"""

from __future__ import annotations

from datetime import date
from typing import Any

from entente.analysis import query as q
from entente.analysis.events import list_quotes
from entente.errors import UsageError
from entente.store.core import Store, fetch_dicts

SNIPPET = 90  # characters shown either side of a search match

CLUSTER_ORDERS = {
    "date": "c.day NULLS LAST, c.cluster_id",
    "recent": "c.day DESC NULLS LAST, c.cluster_id",
    "articles": "c.num_articles DESC, c.num_mentions DESC, c.day NULLS LAST, c.cluster_id",
}

_CLUSTERS_SQL = """
    SELECT c.cluster_id, c.cameo, c.root, c.quad_class, c.goldstein, c.day, c.date_precision,
           c.pair_a, c.pair_b, c.src_key, c.tgt_key, c.reciprocal, c.loc_name, c.loc_country,
           c.num_mentions, c.num_articles, c.num_sources, c.first_report, c.latest_report,
           c.first_url, c.first_article_id, c.leader_event_id, ev.article_id AS leader_article_id,
           coalesce(ev.text, s.text) AS text, ev.trigger, ev.ev_start, ev.ev_end,
           count(*) OVER () AS total
    FROM clusters c
    JOIN events ev ON ev.event_id = c.leader_event_id
    LEFT JOIN sentences s ON s.article_id = ev.article_id AND s.idx = ev.sentence
    WHERE {where}
    ORDER BY {order} LIMIT ? OFFSET ?"""

_KEY_SQL = ("upper(trim(coalesce(nullif(trim(country), ''), nullif(trim(org), ''), "
            "nullif(trim(code), ''), nullif(trim(name), ''))))")

_ACTORS_SQL = f"""
    WITH m AS (SELECT {_KEY_SQL} AS key, name, text, article_id FROM actors),
    mk AS (SELECT key, count(*) AS mentions, count(DISTINCT article_id) AS articles,
                  list(DISTINCT name ORDER BY name) FILTER (WHERE name IS NOT NULL) AS names
           FROM m WHERE key IS NOT NULL AND {{where}} GROUP BY key),
    ek AS (SELECT key, count(*) AS events
           FROM (SELECT src_key AS key FROM events UNION ALL SELECT tgt_key FROM events)
           WHERE key IS NOT NULL GROUP BY key)
    SELECT mk.key, mk.mentions, mk.articles, coalesce(mk.names, [])[1:5] AS names,
           coalesce(ek.events, 0) AS events, count(*) OVER () AS total
    FROM mk LEFT JOIN ek USING (key)
    ORDER BY events DESC, mentions DESC, key LIMIT ? OFFSET ?"""

_ARTICLES_SQL = """
    SELECT article_id, title, url, source, published, n_events, n_quotes, n_actors, text,
           count(*) OVER () AS total
    FROM articles a WHERE {where}
    ORDER BY a.published_day DESC NULLS LAST, a.article_id LIMIT ? OFFSET ?"""

_TOP_DYADS_SQL = """
    SELECT e.pair_a AS a, e.pair_b AS b, count(*) AS events,
           count(DISTINCT l.cluster_id) AS clusters,
           count(*) FILTER (WHERE e.quad_class IN (1, 2)) AS cooperation,
           count(*) FILTER (WHERE e.quad_class IN (3, 4)) AS conflict,
           round(avg(e.goldstein), 2) AS goldstein_mean
    FROM events e LEFT JOIN event_clusters l USING (event_id)
    WHERE e.modality = 'asserted' AND e.pair_a <> '' AND e.pair_b <> ''
      AND e.pair_a <> e.pair_b AND {span}
    GROUP BY ALL ORDER BY events DESC, a, b LIMIT ?"""

_LINKS_SQL = """
    SELECT e.event_id, l.cluster_id, l.counted, c.num_articles, c.num_sources, c.num_mentions
    FROM events e LEFT JOIN event_clusters l USING (event_id)
    LEFT JOIN clusters c USING (cluster_id)
    WHERE e.article_id = ? ORDER BY e.seq"""


def like(value: str) -> str:
    """An ILIKE pattern (with ESCAPE '\\') matching `value` anywhere, wildcards taken literally."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def page(rows: list[dict[str, Any]], limit: int, offset: int,
         total: int | None = None) -> dict[str, Any]:
    """A page in the analyses' shape: total, limit, offset, next_offset (None on the last)."""
    if total is None:
        total = int(rows[0]["total"]) if rows else 0
    for row in rows:
        row.pop("total", None)
    nxt = offset + len(rows) if rows and offset + len(rows) < total else None
    return {"total": total, "limit": limit, "offset": offset, "next_offset": nxt, "items": rows}


def _count_past_end(store: Store, sql: str, params: list[Any], offset: int) -> int:
    """A page past the last row carries no window count: ask for the first row's instead."""
    if not offset:
        return 0
    first = store.query(sql, [*params, 1, 0])
    return int(first[0]["total"]) if first else 0


def _iso(row: dict[str, Any], *keys: str) -> None:
    for key in keys:
        value = row.get(key)
        row[key] = value.isoformat() if isinstance(value, date) else value


class _Where:
    """AND-ed SQL conditions with their parameters, in order."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.params: list[Any] = []

    def add(self, sql: str, *params: Any) -> None:
        self.parts.append(sql)
        self.params.extend(params)

    @property
    def sql(self) -> str:
        return " AND ".join(self.parts) or "true"


def _root(value: str | None) -> str | None:
    if value is not None and not (value.isdigit() and len(value) == 2):
        raise UsageError(f"root must be a 2-digit CAMEO root such as 05, got {value!r}")
    return value


def list_clusters(store: Store, *, actor: str | None = None,
                  dyad: tuple[str, str] | None = None, root: str | None = None,
                  start: str | date | None = None, end: str | date | None = None,
                  min_articles: int = 1, order: str = "date", limit: int = 50,
                  offset: int = 0) -> dict[str, Any]:
    """Event clusters (distinct real-world events) with the evidence of the mention each grew
    from."""
    q.choice(order, CLUSTER_ORDERS, "order")
    limit, offset = q.paging(limit, offset)
    where = _Where()
    if actor:
        key = q.actor_key(actor)
        where.add("(c.pair_a = ? OR c.pair_b = ?)", key, key)
    if dyad:
        a, b = sorted((q.actor_key(dyad[0], "first actor"), q.actor_key(dyad[1], "second actor")))
        where.add("c.pair_a = ? AND c.pair_b = ?", a, b)
    if _root(root):
        where.add("c.root = ?", root)
    lo, hi = q.date_span(start, end)
    if lo:
        where.add("c.day >= ?", lo)
    if hi:
        where.add("c.day <= ?", hi)
    if min_articles > 1:
        where.add("c.num_articles >= ?", min_articles)
    sql = _CLUSTERS_SQL.format(where=where.sql, order=CLUSTER_ORDERS[order])
    rows = store.query(sql, [*where.params, limit, offset])
    total = None if rows else _count_past_end(store, sql, where.params, offset)
    for row in rows:
        _iso(row, "day")
        row["evidence"] = {"event_id": row.pop("leader_event_id"),
                           "article_id": row.pop("leader_article_id"), "text": row.pop("text"),
                           "trigger": row.pop("trigger"), "start": row.pop("ev_start"),
                           "end": row.pop("ev_end")}
    return page(rows, limit, offset, total)


def list_actors(store: Store, *, text: str | None = None, limit: int = 50,
                offset: int = 0) -> dict[str, Any]:
    """Actors by key (state, organisation or code, as dyads count them) with their mentions,
    articles, names and events; `text` matches the key, a name or the mention text."""
    limit, offset = q.paging(limit, offset)
    where = _Where()
    if text:
        where.add("key IN (SELECT key FROM m WHERE key ILIKE ? ESCAPE '\\' OR "
                  "name ILIKE ? ESCAPE '\\' OR text ILIKE ? ESCAPE '\\')", *[like(text)] * 3)
    sql = _ACTORS_SQL.format(where=where.sql)
    rows = store.query(sql, [*where.params, limit, offset])
    total = None if rows else _count_past_end(store, sql, where.params, offset)
    return page(rows, limit, offset, total)


def snippet(text: str, needle: str | None, width: int = SNIPPET) -> str:
    """Up to `width` characters either side of the first match of `needle` (else the start)."""
    at = text.lower().find(needle.lower()) if needle else -1
    if at < 0:
        cut = text[:2 * width]
        return cut + ("…" if len(text) > len(cut) else "")
    lo, hi = max(0, at - width), min(len(text), at + len(needle or "") + width)
    return ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")


def list_articles(store: Store, *, text: str | None = None, source: str | None = None,
                  start: str | date | None = None, end: str | date | None = None,
                  limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Stored articles, newest first, with a snippet around the match of `text`."""
    limit, offset = q.paging(limit, offset)
    where = _Where()
    if text:
        where.add("(a.title ILIKE ? ESCAPE '\\' OR a.text ILIKE ? ESCAPE '\\' OR "
                  "a.article_id ILIKE ? ESCAPE '\\')", *[like(text)] * 3)
    if source:
        where.add("a.source ILIKE ? ESCAPE '\\'", like(source))
    lo, hi = q.date_span(start, end)
    if lo:
        where.add("a.published_day >= ?", lo)
    if hi:
        where.add("a.published_day <= ?", hi)
    sql = _ARTICLES_SQL.format(where=where.sql)
    rows = store.query(sql, [*where.params, limit, offset])
    total = None if rows else _count_past_end(store, sql, where.params, offset)
    for row in rows:
        row["snippet"] = snippet(row.pop("text") or "", text)
    return page(rows, limit, offset, total)


def search(store: Store, text: str, *, limit: int = 20) -> dict[str, Any]:
    """Articles, actors, quotes containing `text` and quotes by speakers whose name contains it
    (each a first page)."""
    text = text.strip()
    if not text:
        raise UsageError("q must not be empty")
    if len(text) > 200:
        raise UsageError("q must be at most 200 characters")
    return {"q": text,
            "articles": list_articles(store, text=text, limit=limit),
            "actors": list_actors(store, text=text, limit=limit),
            "quotes": list_quotes(store, text=text, limit=limit),
            "quotes_by_speaker": list_quotes(store, speaker=text, limit=limit)}


def article_links(store: Store, article_id: str) -> dict[str, dict[str, Any]]:
    """event id → its cluster (id, whether it counts, how many articles and sources report it)."""
    return {r.pop("event_id"): r for r in store.query(_LINKS_SQL, [article_id])}


def timeline(store: Store, by: str = "month") -> list[dict[str, Any]]:
    """Articles (by publication day) and event mentions (by event day) per period, with every
    period between the first and the last (quiet ones are zero)."""
    expr = q.period(by)
    with store.snapshot() as con:
        arts = fetch_dicts(con, f"SELECT {expr} AS p, count(*) AS n FROM (SELECT published_day "
                                "AS day FROM articles) e WHERE e.day IS NOT NULL GROUP BY 1")
        evs = fetch_dicts(con, f"SELECT {expr} AS p, count(*) AS n, count(*) FILTER (WHERE "
                               "e.modality = 'asserted') AS asserted FROM events e "
                               "WHERE e.day IS NOT NULL GROUP BY 1")
    a = {r["p"]: r["n"] for r in arts}
    e = {r["p"]: (r["n"], r["asserted"]) for r in evs}
    if not a and not e:
        return []
    periods = q.all_periods(min([*a, *e]), max([*a, *e]), by)
    return [{"period": p, "articles": a.get(p, 0), "events": e.get(p, (0, 0))[0],
             "asserted": e.get(p, (0, 0))[1]} for p in periods]


def top_dyads(store: Store, *, start: str | date | None = None,
              end: str | date | None = None, limit: int = 10) -> list[dict[str, Any]]:
    """The pairs of actors with the most asserted event mentions."""
    limit, _ = q.paging(limit, 0)
    span, params = q.range_condition(*q.date_span(start, end))
    return store.query(_TOP_DYADS_SQL.format(span=span), [*params, limit])


def trim_network(data: dict[str, Any], max_edges: int) -> dict[str, Any]:
    """Keep the `max_edges` heaviest edges (the analysis orders them by events) and the nodes
    they join; `truncated` and `total_edges` say what was left out."""
    edges = data["edges"]
    data["total_edges"] = len(edges)
    data["truncated"] = len(edges) > max_edges
    if data["truncated"]:
        kept = edges[:max_edges]
        ends = {e["source"] for e in kept} | {e["target"] for e in kept}
        data["edges"] = kept
        data["nodes"] = [n for n in data["nodes"] if n["id"] in ends]
    return data


def overview(store: Store, *, by: str = "month", top: int = 10,
             min_events: int = 3) -> dict[str, Any]:
    """What the front page shows: totals, the series, top dyads and the biggest trend changes."""
    from entente.analysis.trends import trends

    counts = store.counts()
    return {
        "totals": {k: counts[k] for k in ("articles", "events", "quotes", "actors", "clusters")},
        "by": by,
        "timeline": timeline(store, by),
        "top_dyads": top_dyads(store, limit=top),
        "trends": trends(store, min_events=min_events, limit=top),
    }
