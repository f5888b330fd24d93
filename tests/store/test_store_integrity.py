"""Schema versions and migrations, the integrity check, and corrupt files."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from factories import flip_text_block, random_records, story_copies

from entente.errors import StoreError, StoreIntegrityError
from entente.records import (
    Actor,
    ActorMention,
    ArticleRecord,
    Attribution,
    Cited,
    Event,
    Evidence,
    Location,
    Plover,
    Quote,
    Speaker,
)
from entente.store import SCHEMA_VERSION, open_store

V0 = Path(__file__).with_name("v0_store.sql")


def _v0_store(path: Path) -> Path:
    con = duckdb.connect(str(path))
    con.execute(V0.read_text("utf-8"))
    con.close()
    return path


def _expected_old_1() -> ArticleRecord:
    tur = Actor(text="Turkey", name="Turkey", code="TUR", country="TUR", id="country:TUR")
    aze = Actor(text="Azerbaijan", name="Azerbaijan", code="AZE", country="AZE",
                id="country:AZE")
    return ArticleRecord(
        article_id="old-1", title="Turkey and Azerbaijan sign pact",
        url="https://one.example/pact", source="One Daily", published="2021-06-16",
        events=[Event(id="old-1:0:0", sentence=0, text="Turkey and Azerbaijan sign pact",
                      source=tur, target=aze, cameo="057", root="05", quad_class=1,
                      goldstein=8.0, plover=Plover(type="AGREE"), modality="asserted",
                      date="2021-06-15", date_from="text",
                      location=Location(name="Shusha", country="AZE", lat=39.76, lon=46.75),
                      attribution=None, confidence=0.9,
                      evidence=Evidence(trigger="sign", start=22, end=26, rule="sign_agreement"))],
        quotes=[Quote(id="old-1:q0", sentence=1, speaker=Speaker(text="an aide", role="aide"),
                      cites=[Cited(name="Presidential office", kind="organisation")], cue="said",
                      content="The leaders signed it in Shusha", direct=False, start=0, end=31)],
        actors=[ActorMention(text="Turkey", name="Turkey", code="TUR", country="TUR",
                             id="country:TUR", sentence=0, start=0, end=6),
                ActorMention(text="Azerbaijan", name="Azerbaijan", code="AZE", country="AZE",
                             id="country:AZE", sentence=0, start=11, end=21)],
        text="Turkey and Azerbaijan sign pact\n\nThe leaders signed it in Shusha, an aide said.",
        sentences=[(0, 31), (33, 79)], content_hash="h-old-1", entente_version="0.0.1",
        kb_version="kb0")


def test_v0_store_is_migrated_and_clustered(tmp_path):
    path = _v0_store(tmp_path / "v0.duckdb")
    with open_store(path) as store:
        versions = store.query("SELECT version FROM schema_version ORDER BY version")
        assert [v["version"] for v in versions] == list(range(1, SCHEMA_VERSION + 1))
        assert store.check(deep=True) == []
        assert store.record("old-1") == _expected_old_1()
        old2 = store.record("old-2")
        assert old2.events[0].attribution == Attribution(speaker="an aide", cites=["One Daily"])
        assert old2.removed_boilerplate == ["Subscribe now"] and old2.author == "A. Writer"
        [cluster] = store.query("SELECT * FROM clusters")
        assert (cluster["num_articles"], cluster["num_sources"]) == (2, 2)
        assert cluster["first_url"] == "https://one.example/pact"


def test_read_only_open_of_an_old_store_asks_for_write_access(tmp_path):
    path = _v0_store(tmp_path / "v0.duckdb")
    with pytest.raises(StoreError, match="schema version 0 and opened read-only"):
        open_store(path, read_only=True)


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.duckdb"
    open_store(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_version VALUES (99, 'later', 'from the future')")
    con.close()
    with pytest.raises(StoreError, match="newer than this entente supports"):
        open_store(path)


def _tamper(path: Path, *sql: str) -> None:
    con = duckdb.connect(str(path))
    for statement in sql:
        con.execute(statement)
    con.close()


@pytest.fixture
def filled(tmp_path) -> Path:
    path = tmp_path / "f.duckdb"
    with open_store(path) as store:
        store.add(story_copies(4) + random_records(20, seed=3))
    return path


def test_check_finds_orphans(filled):
    _tamper(filled, "DELETE FROM articles WHERE article_id = 'outlet1-1007'")
    problems = open_store(filled).check()
    assert any(p.startswith("events: rows whose article_id is not in articles: outlet1-1007")
               for p in problems)
    assert any(p.startswith("sentences: rows whose article_id") for p in problems)


def test_check_finds_duplicate_ids(filled):
    _tamper(filled, "INSERT INTO events SELECT * FROM events WHERE event_id = 'r0000003:0:0'")
    problems = open_store(filled).check()
    assert "events: duplicate event_id: r0000003:0:0" in problems
    assert any("n_events differs from the events rows for r0000003 (5 vs 6)" in p
               for p in problems)


def test_check_finds_wrong_cluster_counts(filled):
    _tamper(filled, "UPDATE clusters SET num_sources = num_sources + 1 "
                    "WHERE cluster_id = (SELECT min(cluster_id) FROM clusters)")
    problems = open_store(filled).check()
    assert len(problems) == 1 and problems[0].startswith("clusters: counts differ")


def test_check_finds_spans_outside_their_text(filled):
    _tamper(filled, "UPDATE events SET ev_end = 999 WHERE event_id = 'r0000001:2:0'")
    assert open_store(filled).check() == [
        "events: evidence offsets outside the sentence text: r0000001:2:0"]


def test_deep_check_finds_a_row_edited_behind_the_stores_back(filled):
    _tamper(filled, "UPDATE events SET goldstein = 9.9 WHERE event_id = 'r0000001:2:0'")
    assert open_store(filled).check() == []
    assert open_store(filled).check(deep=True) == [
        "articles: rows no longer rebuild the stored record: r0000001"]


def test_a_file_that_is_not_a_store_is_refused(tmp_path):
    path = tmp_path / "junk.duckdb"
    path.write_bytes(b"this is not a database " * 500)
    with pytest.raises(StoreIntegrityError, match="not a usable DuckDB store"):
        open_store(path)


def test_missing_tables_are_an_integrity_error(filled):
    _tamper(filled, "DROP TABLE quote_cites")
    with pytest.raises(StoreIntegrityError, match="tables missing: quote_cites"):
        open_store(filled, read_only=True)


def test_flipped_bytes_in_a_data_block_are_detected(filled):
    flip_text_block(filled)
    with pytest.raises(StoreIntegrityError, match="checksum"):
        open_store(filled, read_only=True).check(deep=True)


def test_v2_store_loses_its_indexes(tmp_path):
    """Version 2 kept six ART indexes that no query used and that made loading grow with the
    store; the step to 3 drops them and changes nothing else."""
    path = tmp_path / "v2.duckdb"
    with open_store(path) as store:
        store.add([_expected_old_1()])
        before = store.query("SELECT * FROM clusters")
    con = duckdb.connect(str(path))
    con.execute("DELETE FROM schema_version")
    con.execute("INSERT INTO schema_version VALUES (2, 'then', 'created')")
    con.execute("CREATE INDEX events_id ON events(event_id)")
    con.execute("CREATE INDEX clusters_id ON clusters(cluster_id)")
    con.close()
    with open_store(path) as store:
        assert store.query("SELECT index_name FROM duckdb_indexes()") == []
        assert [v["version"] for v in store.query(
            "SELECT version FROM schema_version ORDER BY version")] == [2, 3]
        assert store.query("SELECT * FROM clusters") == before
        assert store.record("old-1") == _expected_old_1()
