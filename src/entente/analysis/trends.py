"""Which dyads are heating up or cooling down: `entente trends`.

For every pair of actors, the recent window (default the last 90 days up to `end`) is compared
with the pair's own baseline (default the 365 days before it). Counts are of distinct real-world
events (clusters; a mention outside any cluster counts alone), so fifty copies of one wire story
are one event, not a trend. The change is the ratio of smoothed counts,

    ratio = (recent + 1) / (baseline × window / baseline_days + 1)

(+1 keeps a pair that goes from 0 to 2 from looking infinite), and only pairs with at least
`min_events` events in the recent window or expected from the baseline are reported. Results are
ordered by the size of the change (|log ratio|), then pair and measure, and paged.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

from entente.analysis import query as q
from entente.errors import UsageError
from entente.store.core import Store

# measure name → (SQL expression over alias `e`, label kind)
MEASURES = {
    "coop": "CASE WHEN e.quad_class IN (1, 2) THEN 'cooperation' ELSE 'conflict' END",
    "quad": "CAST(e.quad_class AS VARCHAR)",
    "root": "e.root",
    "base": "e.base",
}
SIDES = {False: ("e.pair_a", "e.pair_b"), True: ("e.src_key", "e.tgt_key")}

_SQL = """
    SELECT {a} AS a, {b} AS b, {measure} AS measure,
           count(DISTINCT coalesce(l.cluster_id, e.event_id)) FILTER (WHERE e.day > ?) AS recent,
           count(DISTINCT coalesce(l.cluster_id, e.event_id)) FILTER (WHERE e.day <= ?) AS base
    FROM events e LEFT JOIN event_clusters l USING (event_id)
    WHERE e.modality = 'asserted' AND e.src_key IS NOT NULL AND e.tgt_key IS NOT NULL
      AND e.src_key <> e.tgt_key AND e.day > ? AND e.day <= ?
    GROUP BY ALL"""


def _label(by: str, value: str, names: dict[str, str]) -> str:
    if by == "quad":
        return q.QUAD_NAMES.get(int(value), value)
    if by in ("root", "base"):
        name = names.get(value)
        return f"{name.lower()} (CAMEO {value})" if name else f"CAMEO {value}"
    return value


def _item(row: dict[str, Any], window: int, baseline: int, by: str,
          names: dict[str, str]) -> dict[str, Any]:
    expected = row["base"] * window / baseline
    ratio = (row["recent"] + 1) / (expected + 1)
    up = ratio >= 1
    label = _label(by, row["measure"], names)
    return {
        "a": row["a"], "b": row["b"], "measure": row["measure"], "label": label,
        "recent": row["recent"], "baseline": row["base"], "expected": round(expected, 2),
        "ratio": round(ratio, 3), "direction": "up" if up else "down",
        "headline": (f"{label} between {row['a']} and {row['b']} {'up' if up else 'down'} "
                     f"{ratio if up else 1 / ratio:.1f}x: {row['recent']} events in the last "
                     f"{window} days vs {expected:.1f} expected from the {baseline} before"),
    }


def latest_day(store: Store) -> date | None:
    rows = store.query("SELECT max(day) AS d FROM events WHERE modality = 'asserted'")
    return rows[0]["d"] if rows else None


def trends(store: Store, *, end: str | date | None = None, window: int = 90,
           baseline: int = 365, by: str = "coop", directed: bool = False,
           min_events: int = 5, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Pairs whose cooperation or conflict changed most against their own baseline.

    `end` defaults to the latest event day in the store (the data's "now", so a result does not
    drift with the clock); `by` is coop (cooperation vs conflict), quad, root or base (3-digit).
    """
    q.choice(by, MEASURES, "--by")
    if window < 1 or baseline < 1:
        raise UsageError("--window and --baseline must be at least 1 day")
    limit, offset = q.paging(limit, offset)
    hi = q.as_date(end, "--end") or latest_day(store)
    result: dict[str, Any] = {"end": hi.isoformat() if hi else None, "window": window,
                              "baseline": baseline, "by": by, "directed": directed,
                              "min_events": min_events, "total": 0, "items": []}
    if hi is None:
        return result
    try:
        cut, lo = hi - timedelta(days=window), hi - timedelta(days=window + baseline)
    except OverflowError:
        raise UsageError(f"the window and baseline before {hi.isoformat()} start before year 1: "
                         "give a later --end or a shorter --window/--baseline") from None
    a, b = SIDES[directed]
    sql = _SQL.format(a=a, b=b, measure=MEASURES[by])
    rows = store.query(sql, [cut, cut, lo, hi])
    names = q.root_names()
    items = [_item(r, window, baseline, by, names) for r in rows
             if max(r["recent"], r["base"] * window / baseline) >= min_events]
    items.sort(key=lambda it: (-abs(math.log(it["ratio"])), it["a"], it["b"], it["measure"]))
    result["total"] = len(items)
    result["items"] = items[offset:offset + limit]
    return result
