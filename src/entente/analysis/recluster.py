"""Keeping a store's clusters up to date, batch by batch, touching only what a batch can change.

The clusters of a block are defined by a sweep over its mentions in a fixed order
(`clusters.order_key`), each joining the best earlier leader or leading. Re-running the sweep over
a whole block for every batch would cost the block's whole history each time; instead, for each
block a batch touches (new mentions, and mentions of replaced or deleted articles):

1. Decisions before the first changed mention P in sweep order are kept: they only saw earlier
   mentions.
2. From P on, a mention is decided again only when it was added, or when its dates meet (within
   `WINDOW_DAYS`) a mention that was added, removed or decided differently: the leaders it could
   join are exactly those, so any other mention keeps its stored decision (a stored leader stays
   a leader). Negated and hypothetical links are re-attached by the same rule.
3. Only mentions and leaders in date *regions* around the changes are read from the store. If a
   mention decided again has dates reaching past its block's regions, the regions grow and that
   block is run again, so nothing outside them could have changed. A second round reads only
   the days its regions gained (what the first round read is kept), so growing a region costs
   the rows it adds, not the whole region again.
4. Every cluster that gained or lost a mention is summarised again from all its mentions.

The result is identical to clustering everything from scratch (a property test compares the two
after random batches, re-codings and deletions), so it stays independent of load order, and the
work per batch follows the days the batch touches, not the store's size.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pyarrow as pa

from entente.analysis.clusters import (
    CLUSTER_COLUMNS,
    LINK_COLUMNS,
    RADIUS_KM,
    WINDOW_DAYS,
    Cluster,
    Leaders,
    Mention,
    cluster_mentions,
    link_rows,
    order_key,
    summary_row,
)
from entente.store.keys import cluster_id

Block = tuple[str, str, str]

MENTION_SQL = """
    e.event_id, e.article_id, e.modality, e.pair_a, e.pair_b, e.root, e.base, e.cameo,
    e.goldstein, e.quad_class, e.src_key, e.tgt_key, coalesce(e.reciprocal, false),
    e.day_precision, e.day, e.day_end, e.loc_name, e.loc_country, e.loc_lat, e.loc_lon,
    coalesce(e.in_lead, false), a.published, a.published_day, a.url, a.source_key"""
_N = 25  # columns of a Mention
_RANK_SQL = "CASE e.day_precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 WHEN 'year' THEN 2 ELSE 3 END"

_BY_ARTICLE = f"""
    SELECT {MENTION_SQL}, l.cluster_id
    FROM events e JOIN articles a USING (article_id)
    LEFT JOIN event_clusters l ON l.event_id = e.event_id
    WHERE e.pair_a IS NOT NULL AND e.article_id IN (SELECT unnest(?::VARCHAR[]))"""

_BLOCK_ON = "x.pair_a = r.pair_a AND x.pair_b = r.pair_b AND x.root = r.root"
# a row of _regions is a date span of one block (lo/hi NULL: the block's undated mentions)
_IN_REGION = """(CASE WHEN r.lo IS NULL THEN x.day IS NULL
                      ELSE x.day <= r.hi AND x.day_end >= r.lo END)"""

# From P on (coarsely, by rank and start day; refined in Python), and every unasserted mention.
# The events are picked first, by id on their own columns, and only then read whole and joined to
# their articles (an equi-join then a filter: a SEMI JOIN with range conditions compares every
# pair, and carrying whole rows through the join costs four times as much).
_TAIL = f"""
    WITH picked AS (
        SELECT DISTINCT e.event_id FROM events e
        JOIN _regions r ON {_BLOCK_ON.replace("x.", "e.")}
        WHERE {_IN_REGION.replace("x.", "e.")}
            AND (e.modality <> 'asserted' OR {_RANK_SQL} > r.p_rank
                 OR ({_RANK_SQL} = r.p_rank AND (e.day >= r.p_start OR e.day IS NULL
                                                 OR r.p_start IS NULL))))
    SELECT {MENTION_SQL}, l.cluster_id
    FROM picked p JOIN events e ON e.event_id = p.event_id
    JOIN articles a ON a.article_id = e.article_id
    LEFT JOIN event_clusters l ON l.event_id = e.event_id"""

# A cluster row carries its leader's dates (`day`, `date_end`), so leaders are picked there.
_LEADERS = f"""
    WITH picked AS (
        SELECT DISTINCT c.leader_event_id FROM clusters c
        JOIN _regions r ON {_BLOCK_ON.replace("x.", "c.")}
        WHERE {_IN_REGION.replace("x.day_end", "c.date_end").replace("x.", "c.")})
    SELECT {MENTION_SQL}
    FROM picked p JOIN events e ON e.event_id = p.leader_event_id
    JOIN articles a ON a.article_id = e.article_id"""

_MEMBERS = f"""
    SELECT {MENTION_SQL}, l.cluster_id, l.counted, l.score
    FROM event_clusters l JOIN events e ON e.event_id = l.event_id
    JOIN articles a ON a.article_id = e.article_id
    WHERE l.cluster_id IN (SELECT cluster_id FROM _affected)
      AND l.event_id NOT IN (SELECT event_id FROM _redone)"""


def changed_mentions(con: Any, article_ids: Sequence[str]) -> list[tuple[Mention, str | None]]:
    """The clusterable mentions of some articles, with the cluster each is linked to now."""
    if not article_ids:
        return []
    rows = con.execute(_BY_ARTICLE, [list(article_ids)]).fetchall()
    return [(Mention._make(r[:_N]), r[_N]) for r in rows]


@dataclass
class _Link:
    mention: Mention
    cid: str
    counted: bool
    score: float


Span = tuple[date, date]
_MARGIN = 2  # extra days read around each change, in windows: fewer second rounds


@dataclass
class _Block:
    """What one block's re-run needs and produces."""

    start: tuple[Any, ...]  # P: the first changed asserted mention's order key
    removed: list[Mention] = field(default_factory=list)  # asserted mentions now gone
    spans: list[Span] = field(default_factory=list)  # the date regions to read (merged, sorted)
    undated: bool = False  # whether the block's undated mentions are to be read
    read: list[Span] = field(default_factory=list)  # the regions already read (within spans)
    read_undated: bool = False
    tail: list[tuple[Mention, str | None]] = field(default_factory=list)
    leaders: list[Mention] = field(default_factory=list)
    fetched: int = 0  # rows the last `_fetch` read for this block
    redone: dict[str, _Link | None] = field(default_factory=dict)
    before: dict[str, str | None] = field(default_factory=dict)

    def widen(self, mentions: Iterable[Mention], days: int) -> None:
        slack = timedelta(days=days)
        spans = list(self.spans)
        for m in mentions:
            if m.start is None or m.end is None:
                self.undated = True
            else:
                spans.append((m.start - slack, m.end + slack))
        self.spans = _merge(spans)

    def unread(self) -> list[tuple[date | None, date | None]]:
        """The regions (`spans`, and `(None, None)` for the undated) not read yet."""
        out: list[tuple[date | None, date | None]] = []
        day = timedelta(days=1)
        for lo, hi in self.spans:
            cur = lo
            for r_lo, r_hi in self.read:  # `read` is merged and sorted, and within `spans`
                if r_hi < cur or r_lo > hi:
                    continue
                if r_lo > cur:
                    out.append((cur, r_lo - day))
                cur = max(cur, r_hi + day)
            if cur <= hi:
                out.append((cur, hi))
        if self.undated and not self.read_undated:
            out.append((None, None))
        return out

    def covers(self, m: Mention, days: int) -> bool:
        if m.start is None or m.end is None:
            return self.undated
        lo, hi = m.start - timedelta(days=days), m.end + timedelta(days=days)
        i = bisect.bisect_right(self.spans, (lo, date.max)) - 1
        return i >= 0 and self.spans[i][0] <= lo and hi <= self.spans[i][1]


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1] + timedelta(days=1):
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


_NO_ASSERTED_CHANGE = (9,)


def _plan(changed: Iterable[tuple[Mention, str | None]], window: int) -> dict[Block, _Block]:
    # Regions start at each change's own dates (a day-dated change reads days around it, not its
    # calendar month): when a month-dated mention there is decided again, its block's regions
    # grow to its month in a second round, which reads only the days added.
    plans: dict[Block, _Block] = {}
    for m, old in changed:
        plan = plans.setdefault((m.pair_a, m.pair_b, m.root), _Block(_NO_ASSERTED_CHANGE))
        plan.widen([m], window * (1 + _MARGIN))
        if m.modality != "asserted":
            continue
        plan.start = min(plan.start, order_key(m))
        if old is not None:  # a removed mention (added ones have no cluster yet)
            plan.removed.append(m)
    return plans


_CHUNK = 4096  # rows converted to Python at a time


def _fetch(con: Any, plans: dict[Block, _Block]) -> None:
    """Read the tails and leaders of the regions each block has not read yet, adding them to
    what earlier rounds read (a row met again, through a region it straddles, is kept once)."""
    rows: list[tuple[Any, ...]] = []
    in_tail: dict[Block, set[str]] = {}
    in_leaders: dict[Block, set[str]] = {}
    for key in sorted(plans):
        plan = plans[key]
        p_start = plan.start[1] if len(plan.start) > 1 and plan.start[1] != date.max else None
        rows.extend((*key, lo, hi, plan.start[0], p_start) for lo, hi in plan.unread())
        in_tail[key] = {m.event_id for m, _ in plan.tail}
        in_leaders[key] = {m.event_id for m in plan.leaders}
        plan.read, plan.read_undated, plan.fetched = list(plan.spans), plan.undated, 0
    if not rows:
        return
    names = ("pair_a", "pair_b", "root", "lo", "hi", "p_rank", "p_start")
    types = (pa.string(), pa.string(), pa.string(), pa.date32(), pa.date32(), pa.int32(),
             pa.date32())
    columns = list(zip(*rows, strict=True))
    con.register("_regions", pa.table({n: pa.array(c, type=t)
                                       for n, c, t in zip(names, columns, types, strict=True)}))
    try:
        for row in _stream(con, _TAIL):
            m = Mention._make(row[:_N])
            key = (m.pair_a, m.pair_b, m.root)
            plans[key].fetched += 1
            if m.event_id not in in_tail[key]:
                plans[key].tail.append((m, row[_N]))
        for row in _stream(con, _LEADERS):
            m = Mention._make(row)
            key = (m.pair_a, m.pair_b, m.root)
            plans[key].fetched += 1
            if m.event_id not in in_leaders[key]:
                plans[key].leaders.append(m)
    finally:
        con.unregister("_regions")


def _stream(con: Any, sql: str) -> Iterator[tuple[Any, ...]]:
    """The rows of `sql`, converted to Python a chunk at a time (not all at once)."""
    cur = con.execute(sql)
    while chunk := cur.fetchmany(_CHUNK):
        yield from chunk


class _Dirt:
    """Date ranges around mentions that were added, removed or decided differently: a mention
    whose dates meet one of them (widened by the window) may decide differently too; any other
    keeps its stored decision, because none of the leaders it could join has changed."""

    def __init__(self, window: int):
        self.slack = timedelta(days=window)
        self.spans: list[tuple[date, date]] = []
        self.undated = False

    def mark(self, m: Mention) -> None:
        if m.start is None or m.end is None:
            self.undated = True
        else:
            self.spans.append((m.start - self.slack, m.end + self.slack))

    def touches(self, m: Mention) -> bool:
        if m.start is None or m.end is None:
            return self.undated
        return any(lo <= m.end and m.start <= hi for lo, hi in self.spans)


def _rerun(plan: _Block, changed: set[str], window: int, radius: float) -> list[Mention]:
    """Re-run one block's sweep from P (see the module docstring), filling `plan.redone`;
    returns the mentions decided again whose reach runs past the regions read (empty when the
    run is complete)."""
    plan.redone, plan.before = {}, {}
    index = Leaders()
    for lead in sorted(plan.leaders, key=order_key):
        if order_key(lead) < plan.start:
            index.add(lead)
    dirt = _Dirt(window)
    for m in plan.removed:
        dirt.mark(m)
    asserted = sorted((t for t in plan.tail if t[0].modality == "asserted"
                       and order_key(t[0]) >= plan.start), key=lambda t: order_key(t[0]))
    for m, old in asserted:
        if m.event_id not in changed and not dirt.touches(m):
            if old == cluster_id(m.event_id):
                index.add(m)  # a stored leader stays a leader
            continue
        link = _decide(index, m, window, radius)
        plan.redone[m.event_id], plan.before[m.event_id] = link, old
        if link.cid != old:
            dirt.mark(m)
    for m, old in plan.tail:
        if m.modality == "asserted" or (m.event_id not in changed and not dirt.touches(m)):
            continue
        hit = index.best(m, window, radius)
        plan.redone[m.event_id] = _Link(m, hit[0].id, False, hit[1]) if hit else None
        plan.before[m.event_id] = old
    return [m for m in (t[0] for t in plan.tail) if m.event_id in plan.redone
            and not plan.covers(m, window)]


def _decide(index: Leaders, m: Mention, window: int, radius: float) -> _Link:
    hit = index.best(m, window, radius)
    if hit is None:
        cluster = index.add(m)
        return _Link(m, cluster.id, True, 1.0)
    return _Link(m, hit[0].id, True, hit[1])


def apply_changes(con: Any, changed: Sequence[tuple[Mention, str | None]], *,
                  window: int = WINDOW_DAYS, radius: float = RADIUS_KM) -> int:
    """Bring the clusters up to date after `changed` mentions were added (with no cluster yet) or
    removed (with the cluster they were in); runs inside the caller's transaction and returns
    how many clusters were rewritten."""
    if not changed:
        return 0
    plans = _plan(changed, window)
    added = {m.event_id for m, cid in changed if cid is None}
    pending = dict(plans)
    while pending:  # grow a block's regions until its re-run stays inside them
        _fetch(con, pending)
        again = {}
        for key, plan in pending.items():
            beyond = _rerun(plan, added, window, radius)
            if beyond:
                plan.widen(beyond, window * (1 + _MARGIN))
                again[key] = plan
        pending = again
    redone: dict[str, _Link | None] = {}
    affected = {cid for _, cid in changed if cid is not None}
    leaders: dict[str, Mention] = {}
    for plan in plans.values():
        redone.update(plan.redone)
        affected.update(c for c in plan.before.values() if c is not None)
        affected.update(link.cid for link in plan.redone.values() if link is not None)
        leaders.update((cluster_id(m.event_id), m) for m in plan.leaders)
    leaders.update((link.cid, link.mention) for link in redone.values()
                   if link is not None and link.cid == cluster_id(link.mention.event_id))
    clusters = _assemble(con, affected, redone, leaders)
    _write(con, affected, redone, clusters)
    return len(clusters)


def _assemble(con: Any, affected: set[str], redone: dict[str, _Link | None],
              leaders: dict[str, Mention]) -> list[Cluster]:
    """Every affected cluster that still has a leader, with all its mentions."""
    con.register("_affected", pa.table({"cluster_id": pa.array(sorted(affected), pa.string())}))
    con.register("_redone", pa.table({"event_id": pa.array(sorted(redone), pa.string())}))
    try:
        kept = con.execute(_MEMBERS).fetchall()
    finally:
        con.unregister("_affected")
        con.unregister("_redone")
    links = [_Link(Mention._make(r[:_N]), r[_N], r[_N + 1], r[_N + 2]) for r in kept]
    links += [link for link in redone.values() if link is not None]
    out: dict[str, Cluster] = {}
    for link in sorted(links, key=lambda lk: order_key(lk.mention)):
        lead = leaders.get(link.cid)
        if lead is None:  # cannot happen: a cluster's mentions are re-run with its leader
            raise RuntimeError(f"cluster {link.cid} of {link.mention.event_id} has no leader")
        cluster = out.setdefault(link.cid, Cluster(leader=lead, key=order_key(lead)))
        (cluster.members if link.counted else cluster.flagged).append((link.mention, link.score))
    return [out[c] for c in sorted(out) if out[c].members]


def _write(con: Any, affected: set[str], redone: dict[str, _Link | None],
           clusters: list[Cluster]) -> None:
    con.register("_gone", pa.table({"event_id": pa.array(sorted(redone), pa.string())}))
    con.register("_dead", pa.table({"cluster_id": pa.array(sorted(affected), pa.string())}))
    try:
        con.execute("DELETE FROM event_clusters WHERE event_id IN (SELECT event_id FROM _gone)")
        con.execute("DELETE FROM clusters WHERE cluster_id IN (SELECT cluster_id FROM _dead)")
    finally:
        con.unregister("_gone")
        con.unregister("_dead")
    insert(con, "clusters", CLUSTER_COLUMNS, [summary_row(c) for c in clusters])
    insert(con, "event_clusters", LINK_COLUMNS,
           [(lk.mention.event_id, lk.cid, lk.mention.article_id, lk.counted, lk.score)
            for lk in redone.values() if lk is not None])


def recluster_all(con: Any, *, window: int = WINDOW_DAYS, radius: float = RADIUS_KM) -> int:
    """Drop and recompute every cluster (after a migration or a change of the rules)."""
    con.execute("DELETE FROM event_clusters")
    con.execute("DELETE FROM clusters")
    rows = con.execute(f"SELECT {MENTION_SQL} FROM events e JOIN articles a USING (article_id) "
                       "WHERE e.pair_a IS NOT NULL").fetchall()
    clusters = cluster_mentions((Mention._make(r) for r in rows), window=window, radius=radius)
    insert(con, "clusters", CLUSTER_COLUMNS, [summary_row(c) for c in clusters])
    insert(con, "event_clusters", LINK_COLUMNS, [r for c in clusters for r in link_rows(c)])
    return len(clusters)


def insert(con: Any, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    cols = list(zip(*rows, strict=True))
    arrow = pa.table({name: pa.array(col) for name, col in zip(columns, cols, strict=True)})
    con.register("_new_rows", arrow)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _new_rows")
    finally:
        con.unregister("_new_rows")
