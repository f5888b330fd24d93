"""Scale-out: code many articles in shards, on local processes or a Dask cluster.

    from entente.scale import code_dataset, code_shard, read_dataset, ShardConfig

    summary = code_dataset(["feeds/"], "out/", workers=2)             # local processes
    summary = code_dataset(["s3://news/2024-06-01/"], "s3://runs/x/", dask="tcp://sched:8786")
    for record in read_dataset("out/"): ...                           # input order, each once
    manifest = code_shard("feeds/day1.jsonl", "out/", ShardConfig(fast=True))   # one shard

Semantics (the same whatever runs the shards, and the same as `entente code` in one process):

* **Shards** are contiguous stretches of the input order (`shards.plan_shards`): `part-00000`
  first. Files keep the ids and origins of a single-process run.
* **Order**: the output files in name order, rows in file order, are the articles in input order.
* **Duplicates** (same normalised content hash): within a shard, later copies are not coded and
  are listed in the shard's manifest; across shards, the first copy in input order wins and the
  later ones are listed in `_dataset.json`; `read_dataset` and `--db` leave them out.
* **Idempotence**: `code_shard` skips a shard whose manifest matches its input bytes, settings and
  versions; everything is written under temporary names and renamed, the manifest last, so an
  interrupted shard (killed worker, crash) has no manifest and is coded again from scratch.

Dask is optional (`pip install 'entente[dask]'`): this package imports it only in `cluster`.
"""

from __future__ import annotations

from entente.scale.dataset import DatasetManifest, load_dataset, read_dataset, read_manifest
from entente.scale.job import code_shard
from entente.scale.manifest import Counts, Manifest, ShardConfig, Versions
from entente.scale.runner import RunSummary, code_dataset
from entente.scale.shards import Part, Shard, plan_shards

__all__ = [
    "Counts",
    "DatasetManifest",
    "Manifest",
    "Part",
    "RunSummary",
    "Shard",
    "ShardConfig",
    "Versions",
    "code_dataset",
    "code_shard",
    "load_dataset",
    "plan_shards",
    "read_dataset",
    "read_manifest",
]
