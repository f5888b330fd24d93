"""Round trips: JSONL → store → JSONL, records → Parquet → records, and a guard that the store
knows every field of the contract records."""

from __future__ import annotations

import io

import msgspec
from factories import random_records, story_copies
from hypothesis import HealthCheck, given, settings
from strategies import record_batches

from entente import records as rec
from entente.records import ArticleRecord, to_json
from entente.store import load_jsonl, load_parquet, open_store, write_parquet
from entente.store.exports import export, export_jsonl

FAST = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _jsonl(records: list[ArticleRecord]) -> bytes:
    return b"".join(to_json(r) + b"\n" for r in records)


@FAST
@given(record_batches())
def test_jsonl_store_jsonl_round_trips(tmp_path_factory, batch):
    path = tmp_path_factory.mktemp("rt") / "in.jsonl"
    path.write_bytes(_jsonl(batch))
    with open_store(":memory:") as store:
        store.add(list(load_jsonl(path)))
        out = io.BytesIO()
        export_jsonl(store, out)
        # arbitrary offsets may lie outside their text (reported, not a round-trip problem)
        assert [p for p in store.check(deep=True) if "outside" not in p] == []
    assert out.getvalue() == _jsonl(sorted(batch, key=lambda r: r.article_id))


@FAST
@given(record_batches())
def test_parquet_round_trips(tmp_path_factory, batch):
    path = tmp_path_factory.mktemp("pq") / "shard.parquet"
    assert write_parquet(batch, path) == len(batch)
    assert list(load_parquet(path)) == batch


def test_partitioned_parquet_export_loads_back(tmp_path):
    records = random_records(60, seed=5) + story_copies(3)
    with open_store(":memory:") as store:
        store.add(records)
        assert export(store, "parquet", tmp_path / "ds") == 63
    months = sorted(p.name for p in (tmp_path / "ds").iterdir())
    assert months[0].startswith("month=20") and len(months) > 5
    with open_store(":memory:") as again:
        again.add(list(load_parquet(tmp_path / "ds")))
        assert list(again.records()) == sorted(records, key=lambda r: r.article_id)


def test_bad_jsonl_lines_name_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(to_json(story_copies(1)[0]) + b"\n{not json\n")
    seen = []
    records = list(load_jsonl(path, on_error=lambda where, msg: seen.append(where)))
    assert len(records) == 1 and seen == [f"{path}:2"]


def _fields(struct: type) -> set[str]:
    return {f.name for f in msgspec.structs.fields(struct)}


# The fields the store's tables hold. A field added to a contract record must be stored too:
# add a column in entente/store/schema.py and rows.py (with a migration), then list it here.
STORED = {
    rec.ArticleRecord: {"schema", "article_id", "title", "url", "source", "published",
                        "language", "removed_boilerplate", "events", "quotes", "actors", "text",
                        "sentences", "author", "content_hash", "entente_version", "kb_version",
                        "lexicon_version", "model_version"},
    rec.Event: {"id", "sentence", "text", "source", "target", "cameo", "root", "quad_class",
                "goldstein", "plover", "modality", "date", "date_from", "location",
                "attribution", "evidence", "confidence", "reciprocal"},
    rec.Actor: {"text", "name", "code", "country", "org", "role", "id"},
    rec.ActorMention: {"text", "name", "code", "country", "org", "role", "id", "sentence",
                       "start", "end"},
    rec.Quote: {"id", "sentence", "speaker", "cites", "cue", "content", "direct", "start", "end"},
    rec.Speaker: {"text", "name", "role", "org"},
    rec.Cited: {"name", "role", "org", "kind", "date"},
    rec.Location: {"name", "country", "lat", "lon"},
    rec.Attribution: {"speaker", "cites", "quote"},
    rec.Evidence: {"trigger", "start", "end", "rule"},
    rec.Plover: {"type", "mode"},
}


def test_the_store_holds_every_contract_field():
    for struct, stored in STORED.items():
        assert _fields(struct) == stored, f"{struct.__name__}: store it, then update STORED"
