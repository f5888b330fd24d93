"""Incremental re-clustering equals clustering from scratch, whatever happens in between."""

from __future__ import annotations

import random
from datetime import date

import msgspec
from factories import random_records, renamed, story_copies, table_dump
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from entente.store import open_store

CLUSTER_TABLES = ("clusters", "event_clusters")


def _clusters(store) -> dict[str, list[tuple]]:
    return {t: rows for t, rows in table_dump(store).items() if t in CLUSTER_TABLES}


def _recoded(record, rng: random.Random):
    """The same article coded again, differently: one event moved by a few days or dropped."""
    events = list(record.events)
    if events and rng.random() < 0.5:
        events.pop(rng.randrange(len(events)))
    elif events:
        i = rng.randrange(len(events))
        ev = events[i]
        if ev.date and len(ev.date) == 10:
            moved = date.fromordinal(date.fromisoformat(ev.date).toordinal() + rng.randint(-4, 4))
            events[i] = msgspec.structs.replace(ev, date=moved.isoformat())
    return msgspec.structs.replace(record, events=events)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), chronological=st.booleans())
def test_incremental_clusters_equal_a_full_recompute(seed, chronological):
    rng = random.Random(seed)
    dense = random_records(70, seed=seed, days=40, countries=("TUR", "AZE", "ARM"))
    records = dense + renamed(story_copies(6), "s-")
    if chronological:
        records.sort(key=lambda r: r.published or "")
    else:
        rng.shuffle(records)
    with open_store(":memory:") as store:
        i = 0
        while i < len(records):
            n = rng.randint(1, 20)
            store.add(records[i:i + n])
            i += n
            if rng.random() < 0.4:  # re-code a few stored articles
                store.add([_recoded(r, rng) for r in rng.sample(records[:i], min(3, i))])
            if rng.random() < 0.2:
                store.delete([rng.choice(records[:i]).article_id])
        incremental = _clusters(store)
        assert store.check() == []
        store.recluster()
        assert _clusters(store) == incremental
