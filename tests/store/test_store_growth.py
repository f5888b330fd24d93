"""Loading into a bigger store does not do more work per batch (counted, not timed).

A batch whose dates meet no stored mention must read the same rows whether the store holds two
batches or twenty: the re-clustering reads only the date regions a batch touches, and the store
keeps no index whose upkeep follows the whole table. These count rows read; timings are in
bench/store_bench.py (`--growth`).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from factories import random_records, renamed

import entente.analysis.recluster as recluster
from entente.store import open_store

BATCH = 40


def _batch(k: int):
    """Batch `k`: articles on ten days of their own, 90 days after the previous batch's (more
    than a month plus the margins, so no two batches' date regions meet)."""
    start = date(2020, 1, 1) + timedelta(days=90 * k)
    return renamed(random_records(BATCH, seed=k, start=start, days=10), f"b{k}-")


@pytest.fixture
def rows_read(monkeypatch):
    """Rows the re-clustering reads from the store in each `Store.add` (mentions of the batch's
    articles, the tails and leaders of its regions, the members of its clusters)."""
    counts: list[int] = []

    def counted(fn, size):
        def wrapper(*args, **kw):
            out = fn(*args, **kw)
            counts[-1] += size(args, out)
            return out
        return wrapper

    monkeypatch.setattr(recluster, "changed_mentions", counted(
        recluster.changed_mentions, lambda a, out: len(out)))
    monkeypatch.setattr(recluster, "_fetch", counted(
        recluster._fetch, lambda a, out: sum(p.fetched for p in a[1].values())))
    monkeypatch.setattr(recluster, "_assemble", counted(
        recluster._assemble, lambda a, out: sum(len(c.members) + len(c.flagged) for c in out)))
    return counts


def test_rows_read_per_batch_do_not_grow_with_the_store(tmp_path, rows_read):
    import entente.store.core  # noqa: F401  (Store._add imports recluster's names at call time)

    with open_store(tmp_path / "s.duckdb", hold=True) as store:
        for k in range(12):
            rows_read.append(0)
            store.add(_batch(k))
        assert store.check() == []
    small, big = rows_read[1], rows_read[11]
    assert small > 0
    # the same kind of batch reads about as much from a store six times the size (the counts,
    # deterministic, differ only by each batch's own random mentions: within 2%); reading
    # regions 200 windows wide already fails this (+30%)
    assert big < 1.2 * small, rows_read


def test_the_store_keeps_no_index(tmp_path):
    with open_store(tmp_path / "s.duckdb") as store:
        store.add(_batch(0))
        assert store.query("SELECT index_name FROM duckdb_indexes()") == []


def test_a_later_round_reads_only_the_days_its_regions_gained():
    d = date(2020, 1, 1)
    plan = recluster._Block((9,), spans=[(d, d + timedelta(days=9)),
                                         (d + timedelta(days=19), d + timedelta(days=29))],
                            read=[(d + timedelta(days=2), d + timedelta(days=4))], undated=True)
    assert plan.unread() == [(d, d + timedelta(days=1)),
                             (d + timedelta(days=5), d + timedelta(days=9)),
                             (d + timedelta(days=19), d + timedelta(days=29)), (None, None)]
    plan.read, plan.read_undated = list(plan.spans), True
    assert plan.unread() == []
