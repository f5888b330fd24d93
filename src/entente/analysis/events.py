"""Event, cluster and quote look-ups with their evidence: `entente events`, and what the API's
detail pages show. Results are paged (`limit`/`offset`) in a stable order."""

from __future__ import annotations

from datetime import date
from typing import Any

from entente.analysis import query as q
from entente.errors import UsageError
from entente.store.core import Store

_EVENT_COLS = """
    e.event_id, e.article_id, e.day, e.date, e.date_precision, e.cameo, e.root, e.quad_class,
    e.goldstein, e.modality, e.src_key, e.src_code, e.src_name, e.src_country, e.tgt_key,
    e.tgt_code, e.tgt_name, e.tgt_country, e.loc_name, e.loc_country, e.loc_lat, e.loc_lon,
    e.attr_speaker, coalesce(e.text, s.text) AS text, e.trigger, e.ev_start, e.ev_end, e.rule,
    e.confidence, e.reciprocal, l.cluster_id, l.counted, a.title, a.url, a.source, a.published"""

_EVENTS_SQL = f"""
    SELECT {_EVENT_COLS}, count(*) OVER () AS total
    FROM events e
    JOIN articles a USING (article_id)
    LEFT JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence
    LEFT JOIN event_clusters l ON l.event_id = e.event_id
    WHERE {{where}}
    ORDER BY e.day NULLS LAST, e.event_id
    LIMIT ? OFFSET ?"""


def _event(row: dict[str, Any]) -> dict[str, Any]:
    row["day"] = row["day"].isoformat() if row["day"] else None
    row["evidence"] = {"trigger": row.pop("trigger"), "start": row.pop("ev_start"),
                       "end": row.pop("ev_end"), "rule": row.pop("rule")}
    return row


def _filters(actor: str | None, dyad: tuple[str, str] | None, root: str | None,
             cameo: str | None, start: str | date | None, end: str | date | None,
             modality: str | None, cluster: str | None) -> tuple[str, list[Any]]:
    parts, params = [], []

    def add(sql: str, values: list[Any]) -> None:
        parts.append(sql)
        params.extend(values)

    if actor:
        add(*q.actor_condition(q.actor_key(actor)))
    if dyad:
        add(*q.dyad_condition(q.actor_key(dyad[0]), q.actor_key(dyad[1]), False))
    if root:
        if not (root.isdigit() and len(root) == 2):
            raise UsageError(f"--root must be a 2-digit CAMEO root such as 05, got {root!r}")
        add("e.root = ?", [root])
    if cameo:
        if not (cameo.isdigit() and 2 <= len(cameo) <= 4):
            raise UsageError(f"--cameo must be a CAMEO code of 2-4 digits, got {cameo!r}")
        add("e.cameo = ?", [cameo])
    lo, hi = q.date_span(start, end)
    add(*q.range_condition(lo, hi))
    if modality:
        add("e.modality = ?", [q.modality(modality)])
    if cluster:
        add("l.cluster_id = ?", [cluster])
    return " AND ".join(parts), params


def list_events(store: Store, *, actor: str | None = None, dyad: tuple[str, str] | None = None,
                root: str | None = None, cameo: str | None = None,
                start: str | date | None = None, end: str | date | None = None,
                modality: str | None = None, cluster: str | None = None, limit: int = 50,
                offset: int = 0) -> dict[str, Any]:
    """Event mentions matching every filter given, oldest first (undated last), with their
    evidence, article and cluster."""
    limit, offset = q.paging(limit, offset)
    where, params = _filters(actor, dyad, root, cameo, start, end, modality, cluster)
    rows = store.query(_EVENTS_SQL.format(where=where), [*params, limit, offset])
    count_sql = (f"SELECT count(*) AS n FROM events e LEFT JOIN event_clusters l "
                 f"ON l.event_id = e.event_id WHERE {where}")
    page = _page(store, rows, count_sql, params, limit, offset)
    page["items"] = [_event(r) for r in page["items"]]
    return page


def get_cluster(store: Store, cluster_id: str) -> dict[str, Any] | None:
    """One cluster with every mention linked to it (counted ones first), or None."""
    found = store.query("SELECT * FROM clusters WHERE cluster_id = ?", [cluster_id])
    if not found:
        return None
    cluster = found[0]
    for k in ("date_start", "date_end", "day"):
        cluster[k] = cluster[k].isoformat() if cluster[k] else None
    mentions = list_events(store, cluster=cluster_id, limit=q.MAX_LIMIT)["items"]
    mentions.sort(key=lambda m: (not m["counted"], m["published"] or "", m["event_id"]))
    cluster["mentions"] = mentions
    return cluster


_QUOTES_SQL = """
    SELECT qt.quote_id, qt.article_id, qt.sentence, qt.speaker_text, qt.speaker_name,
           qt.speaker_role, qt.speaker_org, qt.cue, qt.content, qt.direct, a.title, a.url,
           a.source, a.published,
           coalesce((SELECT list(struct_pack(name := c.name, role := c.role, org := c.org,
                                             kind := c.kind) ORDER BY c.idx)
                     FROM quote_cites c WHERE c.quote_id = qt.quote_id), []) AS cites,
           count(*) OVER () AS total
    FROM quotes qt JOIN articles a USING (article_id)
    WHERE {where}
    ORDER BY a.published NULLS LAST, qt.quote_id LIMIT ? OFFSET ?"""


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def list_quotes(store: Store, *, speaker: str | None = None, org: str | None = None,
                cited: str | None = None, text: str | None = None, limit: int = 50,
                offset: int = 0) -> dict[str, Any]:
    """Quotes whose speaker, speaker's organisation, cited sources or content contain the given
    text (case-insensitive), with their citation chains."""
    limit, offset = q.paging(limit, offset)
    parts, params = ["true"], []
    for value, sql in ((speaker, "(qt.speaker_name ILIKE ? ESCAPE '\\' OR "
                                 "qt.speaker_text ILIKE ? ESCAPE '\\')"),
                       (org, "qt.speaker_org ILIKE ? ESCAPE '\\'"),
                       (text, "qt.content ILIKE ? ESCAPE '\\'")):
        if value:
            parts.append(sql)
            params.extend([_like(value)] * sql.count("?"))
    if cited:
        parts.append("qt.quote_id IN (SELECT quote_id FROM quote_cites WHERE name ILIKE ? "
                     "ESCAPE '\\' OR org ILIKE ? ESCAPE '\\')")
        params.extend([_like(cited)] * 2)
    where = " AND ".join(parts)
    rows = store.query(_QUOTES_SQL.format(where=where), [*params, limit, offset])
    count_sql = f"SELECT count(*) AS n FROM quotes qt WHERE {where}"
    return _page(store, rows, count_sql, params, limit, offset)


def _page(store: Store, rows: list[dict[str, Any]], count_sql: str, params: list[Any],
          limit: int, offset: int) -> dict[str, Any]:
    """A page of results; the total comes with the rows (a window count) or, past the last
    page, from `count_sql`."""
    if rows:
        total = int(rows[0]["total"])
    else:
        total = int(store.query(count_sql, params)[0]["n"]) if offset else 0
    for r in rows:
        r.pop("total", None)
    nxt = offset + len(rows) if offset + len(rows) < total else None
    return {"total": total, "limit": limit, "offset": offset, "next_offset": nxt, "items": rows}
