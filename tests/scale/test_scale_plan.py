"""Planning shards: input order, folders, JSONL cut at line boundaries with whole-file origins."""

from __future__ import annotations

import itertools
from pathlib import Path

import fsspec
import pytest
import scale_helpers as h

from entente.errors import UsageError
from entente.ingest import read_inputs
from entente.ingest.boilerplate import Boilerplate
from entente.ingest.limits import Limits
from entente.ingest.readers import Run
from entente.scale import plan_shards
from entente.scale.shards import jsonl_ranges, read_parts, stage, target_for


def _run() -> Run:
    return Run(limits=Limits(), boilerplate=Boilerplate.load())


def _items(shards) -> list[tuple[str, str]]:
    """(kind, id or message, origin) of everything the shards read, in shard order."""
    out = []
    for shard in shards:
        for item in read_parts(shard.parts, _run()):
            out.append((type(item).__name__, getattr(item, "id", None), item.origin))
    return out


def _whole(inputs) -> list[tuple[str, str]]:
    return [(type(i).__name__, getattr(i, "id", None), i.origin) for i in read_inputs(inputs)]


def test_shards_read_exactly_what_one_process_reads(feeds):
    shards = plan_shards(feeds, target_bytes=500)
    assert len(shards) > len(feeds)  # files were cut
    assert [s.name for s in shards] == [f"part-{i:05d}" for i in range(len(shards))]
    assert any(p.kind == "range" for s in shards for p in s.parts)
    assert _items(shards) == _whole(feeds)


def test_bad_line_in_a_later_range_keeps_its_line_number_in_the_file(feeds):
    bad = [o for k, _, o in _items(plan_shards([feeds[2]], target_bytes=300)) if k == "Failure"]
    assert f"{feeds[2]}:3" in bad  # the "{not json" line is line 3 of the whole file


def test_folder_order_hidden_files_and_nesting(tmp_path):
    root = tmp_path / "news"
    h.write_jsonl(root / "b" / "z.jsonl", [h.article(1)])
    h.write_jsonl(root / "a-c.jsonl", [h.article(2)])
    h.write_jsonl(root / "a" / "x.jsonl", [h.article(3)])
    (root / "a" / "note.txt").write_text("Headline\n\nGreece signed a pact.", encoding="utf-8")
    (root / ".hidden").mkdir()
    h.write_jsonl(root / ".hidden" / "skip.jsonl", [h.article(4)])
    (root / "image.png").write_bytes(b"\x89PNG")
    shards = plan_shards([str(root)], target_bytes=1)
    assert _items(shards) == _whole([str(root)])
    assert [p.id for s in shards for p in s.parts] == ["a/note.txt", "a/x.jsonl", "a-c.jsonl",
                                                       "b/z.jsonl"]


def test_missing_and_empty_inputs_are_reported_by_the_readers(tmp_path):
    (tmp_path / "empty").mkdir()
    inputs = [str(tmp_path / "nope.jsonl"), str(tmp_path / "empty")]
    shards = plan_shards(inputs)
    assert _items(shards) == _whole(inputs)
    assert all(kind == "Failure" for kind, _, _ in _items(shards))


def test_ranges_cover_the_file_at_line_starts(tmp_path):
    path = h.write_jsonl(tmp_path / "f.jsonl", [h.article(i) for i in range(30)])
    data = path.read_bytes()
    for target in (1, 100, 777, len(data), 10 * len(data)):
        ranges = jsonl_ranges(str(path), target)
        assert ranges[0][0] == 0 and ranges[-1][1] == len(data)
        for (_, e1, l1, n1), (s2, _, l2, _) in itertools.pairwise(ranges):
            assert e1 == s2 and data[s2 - 1:s2] == b"\n" and l2 == l1 + n1
        assert sum(n for *_, n in ranges) == 30


def test_last_line_without_newline_is_counted(tmp_path):
    path = tmp_path / "f.jsonl"
    path.write_bytes(b'{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}')
    assert jsonl_ranges(str(path), 10) == [(0, 25, 0, 1), (25, 49, 1, 1)]


def test_gzipped_jsonl_is_never_cut(tmp_path):
    import gzip

    path = tmp_path / "f.jsonl.gz"
    path.write_bytes(gzip.compress(h.write_jsonl(tmp_path / "x.jsonl",
                                                 [h.article(i) for i in range(50)]).read_bytes()))
    shards = plan_shards([str(path)], target_bytes=10)
    assert len(shards) == 1 and shards[0].parts[0].kind == "file"


def test_stdin_cannot_be_sharded():
    with pytest.raises(UsageError, match="standard input"):
        plan_shards(["-"])


def test_target_gives_each_worker_several_shards(feeds):
    assert target_for(feeds, 2) == 64 * 1024  # tiny inputs: the floor
    assert target_for(feeds * 5000, 2) < 32 * 1024 * 1024


def test_fingerprint_follows_content_not_names(tmp_path):
    path = h.write_jsonl(tmp_path / "f.jsonl", [h.article(i) for i in range(5)])
    (shard,) = plan_shards([str(path)])
    first = stage(shard, tmp_path)[1]
    assert stage(shard, tmp_path)[1] == first
    path.write_text(path.read_text().replace("Athens", "Paris"))
    assert stage(shard, tmp_path)[1] != first


def test_fsspec_urls_plan_and_read_like_local_files(tmp_path):
    fs = fsspec.filesystem("memory")
    local = h.corpus(tmp_path / "in", files=2)
    for p in local:
        fs.pipe(f"/scale-plan/in/{p.rsplit('/', 1)[1]}", Path(p).read_bytes())
    shards = plan_shards(["memory://scale-plan/in"], target_bytes=400)
    try:
        ids = []
        for n, shard in enumerate(shards):  # each shard staged into a folder of its own
            (tmp_path / str(n)).mkdir()
            parts, _ = stage(shard, tmp_path / str(n))
            ids += [getattr(i, "id", None) for i in read_parts(parts, _run())]
        assert ids == [getattr(i, "id", None) for i in read_inputs(local)]
    finally:
        fs.rm("/scale-plan", recursive=True)
