"""The store: idempotent loading, replacement of re-coded articles, seen hashes, errors."""

from __future__ import annotations

import msgspec
import pytest
from factories import (
    Sentence,
    event_spec,
    make_record,
    random_records,
    story_copies,
    table_dump,
)

from entente.errors import StoreError
from entente.store import open_store
from entente.store.schema import TABLES


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "s.duckdb") as s:
        yield s


def test_new_store_has_every_table_and_is_sound(store):
    assert set(store.counts()) == set(TABLES)
    assert store.check(deep=True) == []


def test_adding_the_same_records_twice_changes_nothing(store):
    records = random_records(40, seed=1) + story_copies()
    first = store.add(records)
    before = table_dump(store)
    again = store.add(records)
    assert (first.added, again.added, again.unchanged) == (50, 0, 50)
    assert table_dump(store) == before


def test_records_round_trip_exactly(store):
    records = random_records(30, seed=2) + story_copies()
    store.add(records)
    assert list(store.records()) == sorted(records, key=lambda r: r.article_id)
    assert store.record("outlet3-1021") == records[-7]
    assert store.record("nope") is None


def test_recoded_article_replaces_its_rows(store):
    old = make_record("a1", [Sentence("Greece hosted France.", [
        event_spec("GRC", "FRA", "043", "hosted")]), "Talks went on."])
    store.add([old])
    new = make_record("a1", [Sentence("Greece hosted France.", [
        event_spec("GRC", "FRA", "043", "hosted"), event_spec("FRA", "GRC", "042", "hosted")]),
        "Talks went on."])
    result = store.add([new])
    assert (result.added, result.replaced) == (0, 1)
    assert store.record("a1") == new
    assert store.counts()["events"] == 2
    assert store.check(deep=True) == []


def test_last_copy_of_an_article_in_a_batch_wins(store):
    a = make_record("x", ["One sentence here."], published="2021-01-01")
    b = msgspec.structs.replace(a, title="Changed title")
    store.add([a, b])
    assert store.record("x") == b and store.counts()["articles"] == 1


def test_seen_hashes_respects_the_entente_version(store):
    rec = make_record("h1", ["Some text."])
    store.add([rec, msgspec.structs.replace(make_record("h2", ["Other text."]),
                                            entente_version="0.0.9")])
    assert store.seen_hashes(["hash-h1", "hash-h2", "hash-zz"]) == {"hash-h1", "hash-h2"}
    assert store.seen_hashes(["hash-h1", "hash-h2"], version="0.1.0") == {"hash-h1"}
    assert store.seen_hashes([]) == set()


def test_duplicate_event_ids_are_refused_and_nothing_is_stored(store):
    a = make_record("d1", [Sentence("Iran warned Georgia.", [
        event_spec("IRN", "GEO", "138", "warned")])])
    store.add([a])
    before = table_dump(store)
    clash = msgspec.structs.replace(make_record("d2", [Sentence("Iran warned Georgia.", [
        event_spec("IRN", "GEO", "138", "warned")])]), events=a.events)
    with pytest.raises(StoreError, match="duplicate event_id: d1:0:0 in d1, d2"):
        store.add([clash])
    assert table_dump(store) == before


def test_delete_removes_an_article_and_its_clusters(store):
    copies = story_copies(3)
    store.add(copies)
    store.delete([copies[0].article_id])
    cluster = store.query("SELECT num_articles FROM clusters")
    assert cluster == [{"num_articles": 2}]
    assert store.check(deep=True) == []


def test_read_only_store_refuses_writes(tmp_path):
    path = tmp_path / "r.duckdb"
    open_store(path).close()
    with open_store(path, read_only=True) as ro:
        with pytest.raises(StoreError, match="read-only"):
            ro.add(story_copies(1))
        assert ro.counts()["articles"] == 0


def test_read_only_open_of_a_missing_file_says_so(tmp_path):
    with pytest.raises(StoreError, match="no store here"):
        open_store(tmp_path / "missing.duckdb", read_only=True)


def test_held_and_per_operation_modes_see_the_same_data(tmp_path):
    path = tmp_path / "m.duckdb"
    with open_store(path, hold=True) as held:
        held.add(story_copies(4))
        assert held.hold and held.counts()["articles"] == 4
    per_op = open_store(path)
    assert not per_op.hold and per_op.counts()["articles"] == 4


def test_memory_store_is_held(tmp_path):
    with open_store(":memory:") as mem:
        mem.add(story_copies(2))
        assert mem.hold and mem.counts()["clusters"] == 1
