"""Sharded runs on a Dask LocalCluster of two worker processes: the same events as a local run,
byte for byte after sorting, and a killed worker's shard redone without duplicates."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import scale_helpers as h

from entente.errors import UsageError
from entente.records import to_json
from entente.scale import ShardConfig, code_dataset, read_dataset, read_manifest

distributed = pytest.importorskip("distributed")

LIGHT = ShardConfig(engine=h.ENGINE)


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as c:
        yield c


def events(out) -> list[bytes]:
    return sorted(to_json(e) for r in read_dataset(str(out)) for e in r.events)


def test_dask_gives_the_events_of_a_local_run(client, light, feeds, expected, tmp_path):
    from test_scale_local import Recorder

    code_dataset(feeds, str(tmp_path / "local"), config=LIGHT, shard_bytes=500, engine=light)
    progress = Recorder()
    summary = code_dataset(feeds, str(tmp_path / "dask"), config=LIGHT, shard_bytes=500,
                           client=client, progress=progress)
    assert not summary.failed_shards and summary.shards > 2
    for kind in ("done", "update"):  # every shard reports its counts as it ends, then is done
        assert len({e[1] for e in progress.events if e[0] == kind}) == summary.shards
    assert events(tmp_path / "dask") == events(tmp_path / "local") != []
    assert [to_json(r) for r in read_dataset(str(tmp_path / "dask"))] == expected
    hosts = {json.loads((tmp_path / "dask" / f"part-{i:05d}.manifest.json").read_text())["pid"]
             for i in range(summary.shards)}
    assert os.getpid() not in hosts


def test_a_killed_dask_worker_is_replaced_and_its_shard_redone(client, light, feeds, tmp_path):
    from scale_helpers import reference

    victim = h.write_jsonl(tmp_path / "in" / "feed-9.jsonl",
                           [h.article(600), {**h.article(601), "text": "France signed. KILLME"}])
    inputs = [*feeds, str(victim)]
    out = tmp_path / "out"
    summary = code_dataset(inputs, str(out), config=ShardConfig(engine=h.ENGINE, row_group=1),
                           shard_bytes=500, client=client)
    assert (tmp_path / "in" / ".killed-a0601").exists()
    assert not summary.failed_shards and read_manifest(str(out)).complete
    got = [to_json(r) for r in read_dataset(str(out))]
    assert got == reference(light, inputs)
    ids = [json.loads(x)["article_id"] for x in got]
    assert len(ids) == len(set(ids)) and not [n for n in os.listdir(out) if n.endswith(".tmp")]


def test_dask_without_the_extra_is_a_usage_error(monkeypatch, feeds, tmp_path):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(UsageError, match=r"entente\[dask\]"):
        code_dataset(feeds, str(tmp_path / "out"), dask="local")


def test_entente_imports_without_dask():
    code = ("import sys; sys.modules['dask'] = None; sys.modules['distributed'] = None\n"
            "import entente, entente.scale, entente.cli.code, entente.scale.cluster\n"
            "from entente.scale import code_dataset\n"
            "print('ok')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


@pytest.mark.model
def test_dask_with_the_real_model_gives_the_events_of_one_process(client, repo_dir, tmp_path):
    samples = [str(repo_dir / "samples")]
    fast = ShardConfig(fast=True)
    code_dataset(samples, str(tmp_path / "local"), config=fast, shard_bytes=8000)
    summary = code_dataset(samples, str(tmp_path / "dask"), config=fast, shard_bytes=8000,
                           client=client)
    assert summary.shards > 2 and not summary.failed_shards and summary.counts.events > 0
    assert events(tmp_path / "dask") == events(tmp_path / "local")
    assert [to_json(r) for r in read_dataset(str(tmp_path / "dask"))] == \
        [to_json(r) for r in read_dataset(str(tmp_path / "local"))]
