"""How the relationship between two actors moves: `entente dyad TUR AZE`.

Counts asserted event mentions by period and QuadClass, with summed and mean Goldstein, how many
distinct real-world events (clusters) they report, the root codes involved and the best-reported
clusters. Pure: a store and parameters in, plain dicts out.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from entente.analysis import query as q
from entente.store.core import Store, fetch_dicts

# One scan of the dyad's events gives the series, the root codes, the totals (GROUPING SETS) and
# the clusters they belong to; the top clusters and their evidence are then looked up by id.
_COUNTS_SQL = """
    WITH m AS (
        SELECT {period} AS period, e.quad_class, e.root, e.goldstein, l.cluster_id
        FROM events e LEFT JOIN event_clusters l USING (event_id)
        WHERE {where})
    SELECT grouping(period, quad_class, root) AS level, period, quad_class, root,
           count(*) AS events, coalesce(sum(goldstein), 0) AS goldstein_sum,
           count(DISTINCT cluster_id) AS clusters,
           CASE WHEN grouping(period, quad_class, root) = 7
                THEN list(DISTINCT cluster_id) FILTER (WHERE cluster_id IS NOT NULL) END AS ids
    FROM m GROUP BY GROUPING SETS ((period, quad_class), (root), ())"""

_TOP_SQL = """
    SELECT c.cluster_id, c.cameo, c.root, c.quad_class, c.goldstein, c.day, c.src_key,
           c.tgt_key, c.reciprocal, c.loc_name, c.num_mentions, c.num_articles, c.num_sources,
           c.first_report, c.latest_report, c.first_url, c.leader_event_id
    FROM clusters c WHERE c.cluster_id IN (SELECT unnest(?::VARCHAR[]))
    ORDER BY c.num_articles DESC, c.num_mentions DESC, c.day, c.cluster_id LIMIT ?"""

_EVIDENCE_SQL = """
    SELECT event_id, article_id, sentence, text, trigger, ev_start, ev_end FROM events
    WHERE event_id IN (SELECT unnest(?::VARCHAR[]))"""

_SENTENCES_SQL = """
    SELECT article_id, idx, text FROM sentences WHERE article_id IN (SELECT unnest(?::VARCHAR[]))"""

# grouping() bit masks of the three grouping sets (1 = column rolled up)
_BY_PERIOD, _BY_ROOT, _ALL = 0b001, 0b110, 0b111


def _where(a: str, b: str, directed: bool, lo: date | None, hi: date | None,
           modality: str) -> tuple[str, list[Any]]:
    dyad_sql, dyad_params = q.dyad_condition(a, b, directed)
    span_sql, span_params = q.range_condition(lo, hi)
    return (f"e.modality = ? AND {dyad_sql} AND {span_sql}",
            [modality, *dyad_params, *span_params])


def _blank(period: str | None) -> dict[str, Any]:
    row: dict[str, Any] = {"period": period} if period is not None else {}
    row.update(events=0, q1=0, q2=0, q3=0, q4=0, clusters=0, goldstein_sum=0.0,
               goldstein_mean=None)
    return row


def _series(rows: list[dict[str, Any]], by: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    periods: dict[str, dict[str, Any]] = {}
    undated = _blank(None)
    for r in rows:
        slot = undated if r["period"] is None else periods.setdefault(r["period"],
                                                                        _blank(r["period"]))
        slot["events"] += r["events"]
        slot[f"q{r['quad_class']}"] += r["events"]
        slot["goldstein_sum"] += r["goldstein_sum"] or 0.0
        slot["clusters"] += r["clusters"]  # per quad class; a cluster has one root, one class
    if periods:
        keys = q.all_periods(min(periods), max(periods), by)
        series = [periods.get(k) or _blank(k) for k in keys]
    else:
        series = []
    for slot in [*series, undated]:
        _finish(slot)
    return series, undated


def _finish(slot: dict[str, Any]) -> None:
    slot["goldstein_sum"] = round(slot["goldstein_sum"], 4)
    slot["goldstein_mean"] = (round(slot["goldstein_sum"] / slot["events"], 4)
                              if slot["events"] else None)


def _totals(counts: list[dict[str, Any]]) -> dict[str, Any]:
    whole = next((r for r in counts if r["level"] == _ALL), None)
    totals = _blank(None)
    if whole is not None:
        totals.update(events=whole["events"], goldstein_sum=whole["goldstein_sum"],
                      clusters=whole["clusters"])
    for r in counts:
        if r["level"] == _BY_PERIOD:
            totals[f"q{r['quad_class']}"] += r["events"]
    _finish(totals)
    return totals


def _top(con: Any, ids: list[str] | None, top: int) -> list[dict[str, Any]]:
    """The best-reported clusters among `ids`, each with its leading report's evidence."""
    if not ids:
        return []
    rows = fetch_dicts(con, _TOP_SQL, [ids, top])
    evidence = {e["event_id"]: e for e in fetch_dicts(
        con, _EVIDENCE_SQL, [[r["leader_event_id"] for r in rows]])}
    missing = sorted({e["article_id"] for e in evidence.values() if e["text"] is None})
    if missing:  # the event's text is its sentence's: read those sentences only
        texts = {(s["article_id"], s["idx"]): s["text"]
                 for s in fetch_dicts(con, _SENTENCES_SQL, [missing])}
        for e in evidence.values():
            e["text"] = e["text"] or texts.get((e["article_id"], e["sentence"]))
    for r in rows:
        ev = evidence.get(r["leader_event_id"], {})
        r["day"] = r["day"].isoformat() if r["day"] else None
        r["evidence"] = {"event_id": r.pop("leader_event_id"), "text": ev.get("text"),
                         "trigger": ev.get("trigger"), "start": ev.get("ev_start"),
                         "end": ev.get("ev_end")}
    return rows


def dyad(store: Store, a: str, b: str, *, start: str | date | None = None,
         end: str | date | None = None, by: str = "month", directed: bool = False,
         modality: str = "asserted", top: int = 10) -> dict[str, Any]:
    """The dyad's time series and summary.

    Undirected (default) counts events either way between `a` and `b`; directed only `a` → `b`.
    Periods run continuously from the first to the last with events (quiet ones are zero); events
    with no date at all are counted in `undated`, so periods + undated = totals.
    """
    a, b = q.actor_key(a, "first actor"), q.actor_key(b, "second actor")
    lo, hi = q.date_span(start, end)
    expr = q.period(by)
    mod = q.modality(modality) or "asserted"
    top, _ = q.paging(top, 0)
    where, params = _where(a, b, directed, lo, hi, mod)
    with store.snapshot() as con:
        counts = fetch_dicts(con, _COUNTS_SQL.format(period=expr, where=where), params)
        ids = next((r["ids"] for r in counts if r["level"] == _ALL), None)
        clusters = _top(con, ids, top)
    series, undated = _series([r for r in counts if r["level"] == _BY_PERIOD], by)
    totals = _totals(counts)
    names = q.root_names()
    roots = [{"root": r["root"], "name": names.get(r["root"]), "events": r["events"],
              "goldstein_mean": round(r["goldstein_sum"] / r["events"], 4)}
             for r in sorted((r for r in counts if r["level"] == _BY_ROOT),
                             key=lambda r: (-r["events"], r["root"]))]
    return {
        "dyad": {"a": a, "b": b, "directed": directed}, "by": by, "modality": mod,
        "from": lo.isoformat() if lo else None, "to": hi.isoformat() if hi else None,
        "periods": series, "undated": undated, "totals": totals, "roots": roots,
        "top_clusters": clusters,
    }
