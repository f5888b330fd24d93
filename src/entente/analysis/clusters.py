"""Cross-article event clusters: which mentions report the same real-world event.

Two mentions can be the same event when they share a *block* (the same unordered pair of actor
keys and the same CAMEO root) and are compatible with each other:

* direction: the same source → target, unless either is reciprocal (meet, sign, clash are coded
  once per pair, in either order);
* date: their date ranges overlap once widened by `WINDOW_DAYS`, at their own precision ("2021-06"
  is every day of June, so it meets "2021-06-15"); a year-only date meets only year-only dates, and
  an undated mention only undated ones;
* place: when both have a location, within `RADIUS_KM` when both have coordinates, and never in
  two different countries.

Within a block, clusters are grown by *leader clustering* in a fixed order: mentions sorted by
(date precision, finest first; start; end; located first; event id). Each mention joins the
best-scoring compatible leader (same 3-digit code scores higher, then same full code, then same
place; ties go to the older leader), or becomes a leader itself. Comparing with leaders only,
never with members, stops a month of daily clashes from chaining into one cluster. Because the
order depends on the set of mentions only, the clusters do too: the same mentions give the same
clusters whatever order the articles were loaded in. Clusters are named after their leader
(`keys.cluster_id`). `entente.analysis.recluster` keeps a store's clusters equal to this
definition while re-deciding only what a batch can change.

Only asserted mentions lead or count. Negated and hypothetical ones are linked to the best
compatible cluster with `counted = false` (kept and flagged, never counted), or to none.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, NamedTuple

from entente.store.keys import cluster_id

WINDOW_DAYS = 2  # two reports of one event rarely date it more than a day or two apart
RADIUS_KM = 100.0  # "near Shusha" and "in Shusha" geocode to points a few km apart, not 100
_RANK = {"day": 0, "month": 1, "year": 2}
_REACH = {"day": 0, "month": 31, "year": 366}  # how far before a leader's start it may reach


class Mention(NamedTuple):
    """One event mention as the clusterer sees it (a row of `recluster.MENTION_SQL`)."""

    event_id: str
    article_id: str
    modality: str
    pair_a: str
    pair_b: str
    root: str
    base: str
    cameo: str
    goldstein: float
    quad_class: int
    src_key: str | None
    tgt_key: str | None
    reciprocal: bool
    precision: str | None
    start: date | None
    end: date | None
    loc_name: str | None
    loc_country: str | None
    loc_lat: float | None
    loc_lon: float | None
    in_lead: bool
    published: str | None
    published_day: date | None
    url: str | None
    source_key: str


def _km(a: Mention, b: Mention) -> float:
    """Great-circle distance; both mentions have coordinates."""
    lat1, lon1, lat2, lon2 = (math.radians(v or 0.0) for v in
                              (a.loc_lat, a.loc_lon, b.loc_lat, b.loc_lon))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _dates_meet(a: Mention, b: Mention, window: int) -> bool:
    if a.precision is None or b.precision is None:
        return a.precision is None and b.precision is None
    if "year" in (a.precision, b.precision):
        return a.precision == b.precision and a.start == b.start
    slack = timedelta(days=window)
    return b.start <= a.end + slack and b.end >= a.start - slack  # type: ignore[operator]


def _places_meet(a: Mention, b: Mention, radius: float) -> bool:
    if a.loc_name is None or b.loc_name is None:
        return True
    if a.loc_country and b.loc_country and a.loc_country != b.loc_country:
        return False
    if None in (a.loc_lat, a.loc_lon, b.loc_lat, b.loc_lon):
        return True
    return _km(a, b) <= radius


def compatible(leader: Mention, m: Mention, *, window: int = WINDOW_DAYS,
               radius: float = RADIUS_KM) -> bool:
    """Whether mention `m` can report the same event as `leader` (same block assumed)."""
    same_way = (leader.src_key, leader.tgt_key) == (m.src_key, m.tgt_key)
    if not (same_way or leader.reciprocal or m.reciprocal):
        return False
    return _dates_meet(leader, m, window) and _places_meet(leader, m, radius)


def score(leader: Mention, m: Mention) -> float:
    """How well `m` matches its leader: same root is the floor, a shared 3-digit code scores
    higher, the same full code and the same place higher still."""
    same_place = (leader.loc_name or "").casefold() == (m.loc_name or "").casefold()
    return round(0.5 + 0.25 * (leader.base == m.base) + 0.15 * (leader.cameo == m.cameo)
                 + 0.1 * same_place, 4)


def order_key(m: Mention) -> tuple[Any, ...]:
    """Finest dates first, then earliest; among equals a located mention leads (a cluster led by
    an unlocated one would take in reports from anywhere)."""
    rank = _RANK.get(m.precision or "", 3)
    return (rank, m.start or date.max, m.end or date.max, m.loc_name is None, m.event_id)


@dataclass
class Cluster:
    leader: Mention
    key: tuple[Any, ...]  # the leader's order key: older leaders win ties
    members: list[tuple[Mention, float]] = field(default_factory=list)
    flagged: list[tuple[Mention, float]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return cluster_id(self.leader.event_id)


_AFTER_ALL = (9,)  # sorts after every order key (ranks are 0-3)


class Leaders:
    """A block's leaders, indexed by precision and start date so a mention is compared only with
    leaders whose dates can meet its own."""

    def __init__(self) -> None:
        self.by_rank: dict[str | None, list[tuple[date, tuple[Any, ...], Cluster]]] = {}
        self.all: list[Cluster] = []

    def add(self, m: Mention) -> Cluster:
        cluster = Cluster(leader=m, key=order_key(m))
        self.all.append(cluster)
        bisect.insort(self.by_rank.setdefault(m.precision, []),
                      (m.start or date.min, cluster.key, cluster))
        return cluster

    def candidates(self, m: Mention, window: int) -> Iterable[Cluster]:
        if m.precision is None or m.start is None or m.end is None:
            yield from (c for _, _, c in self.by_rank.get(None, []))
            return
        hi_day = m.end + timedelta(days=window)
        for precision, reach in _REACH.items():
            rows = self.by_rank.get(precision)
            if rows:
                lo = bisect.bisect_left(rows, (m.start - timedelta(days=reach + window),))
                hi = bisect.bisect_right(rows, (hi_day, _AFTER_ALL))
                yield from (c for _, _, c in rows[lo:hi])

    def best(self, m: Mention, window: int, radius: float) -> tuple[Cluster, float] | None:
        """The compatible leader `m` matches best (highest score, then oldest), or None."""
        found = [(-score(c.leader, m), c.key, c) for c in self.candidates(m, window)
                 if compatible(c.leader, m, window=window, radius=radius)]
        if not found:
            return None
        neg, _, cluster = min(found, key=lambda t: (t[0], t[1]))
        return cluster, -neg


def cluster_block(mentions: Sequence[Mention], *, window: int = WINDOW_DAYS,
                  radius: float = RADIUS_KM) -> list[Cluster]:
    """Cluster the mentions of one block (see the module docstring); order-independent."""
    leaders = Leaders()
    asserted = sorted((m for m in mentions if m.modality == "asserted"), key=order_key)
    for m in asserted:
        hit = leaders.best(m, window, radius)
        if hit is None:
            leaders.add(m).members.append((m, 1.0))
        else:
            hit[0].members.append((m, hit[1]))
    others = sorted((m for m in mentions if m.modality != "asserted"), key=order_key)
    for m in others:
        hit = leaders.best(m, window, radius)
        if hit is not None:
            hit[0].flagged.append((m, hit[1]))
    return leaders.all


def cluster_mentions(mentions: Iterable[Mention], **kw: Any) -> list[Cluster]:
    """Cluster mentions from any number of blocks; clusters come out in a stable order."""
    blocks: dict[tuple[str, str, str], list[Mention]] = {}
    for m in mentions:
        blocks.setdefault((m.pair_a, m.pair_b, m.root), []).append(m)
    out: list[Cluster] = []
    for key in sorted(blocks):
        out.extend(cluster_block(blocks[key], **kw))
    return out


# ---------------------------------------------------------------------------------------------
# cluster → rows
# ---------------------------------------------------------------------------------------------

def _modal(values: Iterable[Any]) -> Any:
    """The most frequent value, the first seen among equals (members are in a fixed order)."""
    counts = Counter(values)
    best = max(counts.values())
    return next(v for v in counts if counts[v] == best)


def _first_report(members: list[Mention]) -> Mention:
    return min(members, key=lambda m: (m.published_day or date.max, m.published or "",
                                       m.article_id, m.event_id))


def summary_row(c: Cluster) -> tuple[Any, ...]:
    """The `clusters` row of one cluster (column order of `CLUSTER_COLUMNS`)."""
    ms = [m for m, _ in c.members]
    lead = c.leader
    codes = sorted(Counter(m.cameo for m in ms).items(), key=lambda kv: (-kv[1], kv[0]))
    code = codes[0][0]
    rep = next(m for m in ms if m.cameo == code)
    placed = [m for m in ms if m.loc_name]
    place = None
    if placed:
        name = _modal(m.loc_name.casefold() for m in placed if m.loc_name)
        place = next(m for m in placed if (m.loc_name or "").casefold() == name)
    first = _first_report(ms)
    latest = max(ms, key=lambda m: (m.published_day or date.min, m.published or ""))
    return (
        c.id, lead.pair_a, lead.pair_b, lead.root, code, code[:3], rep.quad_class, rep.goldstein,
        lead.event_id, lead.src_key, lead.tgt_key, lead.reciprocal, lead.precision, lead.start,
        lead.end, lead.start, place.loc_name if place else None,
        place.loc_country if place else None, place.loc_lat if place else None,
        place.loc_lon if place else None, len(ms), len({m.article_id for m in ms}),
        len({m.source_key for m in ms}), first.event_id, first.article_id, first.url,
        first.published, latest.published, any(m.in_lead for m in ms),
    )


CLUSTER_COLUMNS = (
    "cluster_id", "pair_a", "pair_b", "root", "cameo", "base", "quad_class", "goldstein",
    "leader_event_id", "src_key", "tgt_key", "reciprocal", "date_precision", "date_start",
    "date_end", "day", "loc_name", "loc_country", "loc_lat", "loc_lon", "num_mentions",
    "num_articles", "num_sources", "first_event_id", "first_article_id", "first_url",
    "first_report", "latest_report", "in_lead",
)
LINK_COLUMNS = ("event_id", "cluster_id", "article_id", "counted", "score")


def link_rows(c: Cluster) -> list[tuple[Any, ...]]:
    cid = c.id
    return ([(m.event_id, cid, m.article_id, True, s) for m, s in c.members]
            + [(m.event_id, cid, m.article_id, False, s) for m, s in c.flagged])
