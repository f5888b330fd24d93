"""A whole sharded run: plan → code shards (local processes or Dask) → finish the dataset →
optionally load it into a store. What `entente code --workers N` and `--dask` call.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from entente.errors import UsageError
from entente.scale import dataset as ds
from entente.scale.job import now_iso
from entente.scale.manifest import Counts, ShardConfig
from entente.scale.outdir import OutDir
from entente.scale.shards import Shard, plan_shards, target_for


@dataclass
class RunSummary:
    """What a sharded run did (printed at the end, returned to callers)."""

    output: str
    shards: int = 0
    reused: int = 0
    counts: Counts = field(default_factory=Counts)
    cross_duplicates: int = 0
    failed_shards: dict[str, str] = field(default_factory=dict)
    failure_messages: list[str] = field(default_factory=list)
    store: str | None = None
    store_load: ds.StoreLoad | None = None
    seconds: float = 0.0

    @property
    def exit_status(self) -> int:
        """0 when every shard finished and something was coded (or all were duplicates)."""
        c = self.counts
        if self.failed_shards:
            return 1
        return 0 if c.coded or (c.duplicates and not c.failures) else 1

    def lines(self) -> list[str]:
        c = self.counts
        rate = c.read / self.seconds if self.seconds else 0.0
        out = [
            f"articles read: {c.read}  coded: {c.coded}  duplicates: "
            f"{c.duplicates + self.cross_duplicates} ({self.cross_duplicates} across shards: coded, "
            f"then left out)  "
            f"failures: {c.failures}",
            f"boilerplate paragraphs removed: {c.removed_boilerplate}",
            f"events: {c.events}  quotes: {c.quotes}  actor mentions: {c.actors}",
            f"shards: {self.shards} ({self.reused} already done, {len(self.failed_shards)} "
            f"failed)  time: {self.seconds:.1f} s  ({rate:.1f} articles/s)",
            f"output: {self.output}",
        ]
        out += [f"shard {n} failed: {m}" for n, m in self.failed_shards.items()]
        if self.store:
            s = self.store_load or ds.StoreLoad()
            out.append(f"store: {self.store} (added {s.added}, replaced {s.replaced}, unchanged "
                       f"{s.unchanged}, already stored {s.known})")
        return out


def code_dataset(inputs: Sequence[str], out_dir: str, *, config: ShardConfig | None = None,
                 workers: int = 1, dask: str | None = None, shard_bytes: int | None = None,
                 db: str | None = None, progress: Any = None, client: Any = None,
                 engine: Any = None) -> RunSummary:
    """Code `inputs` into a Parquet dataset at `out_dir` (see `entente.scale.dataset`).

    `workers` local processes, or Dask tasks when `dask` is a scheduler address or "local" (a
    LocalCluster of `workers` processes). Shards already done with the same input, settings and
    versions are reused. `db` also loads the result into that DuckDB store."""
    if workers < 1:
        raise UsageError(f"--workers must be at least 1, got {workers}")
    config = config or ShardConfig()
    t0 = time.perf_counter()
    target = shard_bytes or target_for(inputs, workers)
    shards = plan_shards(inputs, target_bytes=target)
    out = OutDir(out_dir)
    ds.start(out)
    removed = ds.remove_stale(out, [s.name for s in shards])
    if progress is not None:
        progress.begin(len(shards), sum(s.expected for s in shards))
    try:
        manifests, failed = _execute(shards, out_dir, config, workers, dask, progress, client,
                                     engine)
    finally:
        if progress is not None:
            progress.end()
    dataset = ds.finalize(out, [s.name for s in shards], manifests, failed, removed=removed,
                          finished=now_iso())
    summary = RunSummary(output=out.display(""), shards=len(shards),
                         reused=sum(m.reused for m in manifests.values()),
                         counts=dataset.counts, cross_duplicates=len(dataset.cross_duplicates),
                         failed_shards=failed)
    summary.failure_messages = [f"{f.origin}: {f.message}" for s in shards if s.name in manifests
                                for f in manifests[s.name].failures]
    if db:
        summary.store = db
        summary.store_load = ds.load_dataset(out_dir, db)
    summary.seconds = time.perf_counter() - t0
    return summary


def _execute(shards: list[Shard], out_dir: str, config: ShardConfig, workers: int,
             dask: str | None, progress: Any, client: Any, engine: Any) -> tuple[dict, dict]:
    if dask is not None or client is not None:
        from entente.scale.cluster import run_dask

        return run_dask(shards, out_dir, config, address=dask or "local", workers=workers,
                        progress=progress, client=client)
    from entente.scale.local import run_local

    return run_local(shards, out_dir, config, workers=workers, progress=progress, engine=engine)
