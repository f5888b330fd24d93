"""Sharded runs on local processes: the same records as one process, in input order, each article
once; reruns reuse finished shards; a killed worker's shard is redone without duplicates."""

from __future__ import annotations

import json
import os

import pytest
import scale_helpers as h

from entente.records import to_json
from entente.scale import ShardConfig, code_dataset, read_dataset, read_manifest
from entente.store import open_store

LIGHT = ShardConfig(engine=h.ENGINE)


class Recorder:
    """A progress sink that remembers what the runner told it."""

    def __init__(self):
        self.events: list[tuple] = []

    def begin(self, shards, expected):
        self.events.append(("begin", shards, expected))

    def update(self, shard, counts):
        self.events.append(("update", shard, counts.read))

    def shard_done(self, manifest):
        self.events.append(("done", manifest.shard, manifest.counts.read))

    def shard_failed(self, shard, message):
        self.events.append(("failed", shard, message))

    def end(self):
        self.events.append(("end",))


def lines(out) -> list[bytes]:
    return [to_json(r) for r in read_dataset(str(out))]


def test_one_process_run_equals_code_job(light, feeds, expected, tmp_path):
    progress = Recorder()
    summary = code_dataset(feeds, str(tmp_path / "out"), config=LIGHT, workers=1,
                           shard_bytes=500, engine=light, progress=progress)
    assert lines(tmp_path / "out") == expected
    assert summary.shards > len(feeds) and summary.cross_duplicates == 2
    assert (summary.counts.read, summary.counts.failures) == (28, 2)
    assert summary.counts.coded - summary.cross_duplicates == len(expected)
    kinds = [e[0] for e in progress.events]
    assert kinds[0] == "begin" and kinds[-1] == "end" and kinds.count("done") == summary.shards
    assert progress.events[0][2] == 28  # lines of the inputs, the estimate of articles
    dataset = read_manifest(str(tmp_path / "out"))
    assert dataset.complete and {d.article_id for d in dataset.cross_duplicates} == {
        "copy-of-a0000", "copy-in-file-1"}


def test_rerun_reuses_shards_and_drops_stale_ones(light, feeds, tmp_path):
    out = str(tmp_path / "out")
    first = code_dataset(feeds, out, config=LIGHT, shard_bytes=500, engine=light)
    again = code_dataset(feeds, out, config=LIGHT, shard_bytes=500, engine=light)
    assert again.reused == again.shards == first.shards
    fewer = code_dataset(feeds[:1], out, config=LIGHT, shard_bytes=500, engine=light)
    names = sorted(n for n in os.listdir(out) if n.endswith(".parquet"))
    assert len(names) == fewer.shards < first.shards
    assert read_manifest(out).removed_stale and fewer.reused == fewer.shards


def test_load_into_a_store_each_article_once(light, feeds, expected, tmp_path):
    db = str(tmp_path / "e.duckdb")
    out = str(tmp_path / "out")
    summary = code_dataset(feeds, out, config=LIGHT, shard_bytes=500, engine=light, db=db)
    assert summary.store_load.added == len(expected)
    with open_store(db) as store:
        ids = {r["article_id"] for r in store.query("SELECT article_id FROM articles")}
    assert ids == {json.loads(x)["article_id"] for x in expected}
    again = code_dataset(feeds, out, config=LIGHT, shard_bytes=500, engine=light, db=db)
    assert again.store_load.unchanged == len(expected) and again.store_load.added == 0
    copy = h.write_jsonl(tmp_path / "more" / "copy.jsonl", [{**h.article(1), "id": "again-1"}])
    more = code_dataset([str(copy)], str(tmp_path / "out2"), config=LIGHT, engine=light, db=db)
    assert more.store_load.known == 1 and more.store_load.added == 0


def test_two_processes_give_the_same_records(feeds, expected, tmp_path):
    progress = Recorder()
    summary = code_dataset(feeds, str(tmp_path / "out"), config=LIGHT, workers=2,
                           shard_bytes=500, progress=progress)
    assert lines(tmp_path / "out") == expected and not summary.failed_shards
    done = {e[1] for e in progress.events if e[0] == "done"}
    assert len(done) == summary.shards
    assert {e[1] for e in progress.events if e[0] == "update"} <= done


def test_a_killed_worker_is_replaced_and_its_shard_redone(light, feeds, tmp_path):
    from scale_helpers import reference

    victim = h.write_jsonl(tmp_path / "in" / "feed-9.jsonl",
                           [h.article(500), {**h.article(501), "text": "Greece signed. KILLME"},
                            h.article(502)])
    inputs = [*feeds, str(victim)]
    out = tmp_path / "out"
    summary = code_dataset(inputs, str(out), config=ShardConfig(engine=h.ENGINE, row_group=1),
                           workers=2, shard_bytes=500)
    assert (tmp_path / "in" / ".killed-a0501").exists()  # it did die once
    assert not summary.failed_shards and read_manifest(str(out)).complete
    assert lines(out) == reference(light, inputs)  # the marker now spares this process
    assert not [n for n in os.listdir(out) if n.endswith(".tmp")]


def test_workers_must_be_positive(feeds, tmp_path):
    from entente.errors import UsageError

    with pytest.raises(UsageError):
        code_dataset(feeds, str(tmp_path / "out"), workers=0)
