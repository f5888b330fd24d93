"""The shard job: records as a single process codes them, a manifest that proves it, skipping
what is done, and redoing what is half done."""

from __future__ import annotations

import json
import os
from pathlib import Path

import fsspec
import msgspec
import pytest
import scale_helpers as h

from entente.records import to_json
from entente.scale import ShardConfig, code_shard, plan_shards
from entente.scale import engines as engines_mod
from entente.scale.manifest import manifest_name, output_name
from entente.store.parquet import load_parquet


def _shard(path, target=1 << 30):
    (shard,) = plan_shards([str(path)], target_bytes=target)
    return shard


def _lines(out, shard="part-00000") -> list[bytes]:
    return [to_json(r) for r in load_parquet(out / output_name(shard))]


@pytest.fixture
def feed(tmp_path):
    return h.corpus(tmp_path / "in", files=3)[1]  # duplicates within the file


def test_shard_gives_the_single_process_records_and_a_manifest(light, feed, tmp_path):
    from scale_helpers import reference

    out = tmp_path / "out"
    m = code_shard(_shard(feed), str(out), ShardConfig(), engine=light)
    assert _lines(out) == reference(light, [feed])
    stored = json.loads((out / manifest_name("part-00000")).read_text())
    assert stored["counts"] == msgspec.to_builtins(m.counts)
    assert (m.counts.read, m.counts.coded, m.counts.duplicates) == (8, 7, 1)
    assert m.duplicates[0].article_id == "copy-in-file-1"
    assert m.duplicates[0].origin == f"{feed}:8" and m.duplicates[0].duplicate_of == "a0006"
    assert m.outputs[0].rows == 7 and m.outputs[0].bytes == (out / "part-00000.parquet").stat().st_size
    assert m.input_fingerprint.startswith("sha256:") and m.versions.entente
    assert m.versions.model and m.config_fingerprint == ShardConfig().fingerprint()
    assert not m.reused and not [n for n in os.listdir(out) if n.endswith(".tmp")]


def test_failures_are_listed_with_their_origin(light, tmp_path):
    feed = h.corpus(tmp_path / "in", files=3)[2]
    m = code_shard(_shard(feed), str(tmp_path / "out"), engine=light)
    assert m.counts.failures == 2
    origins = {f.origin: f for f in m.failures}
    assert origins[f"{feed}:3"].kind == "ingest"
    assert "simulated coder bug" in next(f.message for f in m.failures if f.kind == "coding")


def test_a_done_shard_is_skipped(light, feed, tmp_path):
    out = tmp_path / "out"
    first = code_shard(_shard(feed), str(out), engine=light)
    stamp = (out / "part-00000.parquet").stat().st_mtime_ns
    again = code_shard(_shard(feed), str(out), engine=light)
    assert again.reused and msgspec.structs.replace(again, reused=False) == first
    assert (out / "part-00000.parquet").stat().st_mtime_ns == stamp


@pytest.mark.parametrize("change", ["input", "config", "versions"])
def test_a_change_in_what_went_in_recodes_the_shard(light, feed, tmp_path, monkeypatch, change):
    out = tmp_path / "out"
    code_shard(_shard(feed), str(out), engine=light)
    config = ShardConfig()
    if change == "input":
        with open(feed, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(h.article(77)) + "\n")
    elif change == "config":
        config = ShardConfig(published="2020-01-01")
    else:
        new = msgspec.structs.replace(engines_mod.versions(light), kb="kb-2")
        monkeypatch.setattr("entente.scale.job.versions", lambda engine: new)
    m = code_shard(_shard(feed), str(out), config, engine=light)
    assert not m.reused
    assert m.counts.read == (9 if change == "input" else 8)


def test_speed_settings_do_not_recode(light, feed, tmp_path):
    out = str(tmp_path / "out")
    code_shard(_shard(feed), out, ShardConfig(batch_size=64, row_group=1000), engine=light)
    assert code_shard(_shard(feed), out, ShardConfig(batch_size=3, row_group=2),
                      engine=light).reused


@pytest.mark.parametrize("damage", ["no manifest", "bad manifest", "other manifest",
                                    "truncated output", "missing output"])
def test_a_half_written_shard_is_redone(light, feed, tmp_path, damage):
    from scale_helpers import reference

    out = tmp_path / "out"
    shard = _shard(feed)
    code_shard(shard, str(out), engine=light)
    manifest, output = out / manifest_name(shard.name), out / output_name(shard.name)
    leftover = out / f".{output_name(shard.name)}.0123456789ab.tmp"
    leftover.write_bytes(b"PAR1 half a file")
    if damage == "no manifest":
        manifest.unlink()
    elif damage == "bad manifest":
        manifest.write_text("{not json")
    elif damage == "other manifest":
        manifest.write_text(manifest.read_text().replace("sha256:", "sha256:0", 1))
    elif damage == "truncated output":
        output.write_bytes(output.read_bytes()[:100])
    else:
        output.unlink()
    m = code_shard(shard, str(out), engine=light)
    assert not m.reused and not leftover.exists()
    assert _lines(out) == reference(light, [feed])
    assert code_shard(shard, str(out), engine=light).reused


def test_leftovers_are_removed_when_the_shard_is_done(light, feed, tmp_path):
    out = tmp_path / "out"
    code_shard(_shard(feed), str(out), engine=light)
    leftover = out / ".part-00000.manifest.json.aaaaaaaaaaaa.tmp"
    leftover.write_text("{")
    assert code_shard(_shard(feed), str(out), engine=light).reused and not leftover.exists()


def test_a_path_is_a_shard_of_its_own(light, feed, tmp_path):
    m = code_shard(feed, str(tmp_path / "out"), engine=light)
    assert m.shard.startswith("feed-1_jsonl-") and m.counts.coded == 7
    assert (tmp_path / "out" / f"{m.shard}.parquet").exists()


def test_remote_input_and_output(light, feed, tmp_path):
    from scale_helpers import reference

    fs = fsspec.filesystem("memory")
    fs.pipe("/scale-job/in/feed.jsonl", Path(feed).read_bytes())
    try:
        shards = plan_shards(["memory://scale-job/in/feed.jsonl"], target_bytes=600)
        assert len(shards) > 1
        for shard in shards:
            code_shard(shard, "memory://scale-job/out", engine=light)
        names = fs.ls("/scale-job/out", detail=False)
        assert not [n for n in names if n.endswith(".tmp")]
        got = []
        for shard in shards:
            local = tmp_path / f"{shard.name}.parquet"
            local.write_bytes(fs.cat_file(f"/scale-job/out/{shard.name}.parquet"))
            got += [json.loads(to_json(r))["article_id"] for r in load_parquet(local)]
        want = [json.loads(x)["article_id"] for x in reference(light, [feed])]
        assert [g for g in got if g != "copy-in-file-1"] == want  # that copy is in another shard
    finally:
        fs.rm("/scale-job", recursive=True)
