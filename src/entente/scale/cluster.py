"""Run shards on a Dask cluster (`dask[distributed]`, an optional extra: `pip install
'entente[dask]'`).

    run_dask(shards, "s3://bucket/out", config, address="tcp://scheduler:8786")
    run_dask(shards, "out/", config, address="local", workers=2)   # a LocalCluster here

Each shard is one task running `code_shard`; a worker process builds its Engine on its first
shard and keeps it (`engine_for`), and all workers are warmed up together before the first task.
Workers must be able to read the inputs and write `out_dir` (a shared folder or an object store
URL). Run workers with one thread each (`dask worker --nthreads 1`): coding is CPU-bound Python.

When a worker dies, the scheduler gives its task to another worker (up to
`distributed.scheduler.allowed-failures` times); the new attempt finds no manifest, removes what
the dead one left, and codes the shard from scratch, so no record is written twice. A task that
fails with an exception is retried `RETRIES` times, then the shard is reported as failed.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Sequence
from typing import Any

import msgspec

from entente.errors import EntenteError, UsageError
from entente.scale.engines import engine_for, single_threaded_blas
from entente.scale.job import code_shard
from entente.scale.manifest import Counts, Manifest, ShardConfig
from entente.scale.outdir import is_url
from entente.scale.shards import Shard

RETRIES = 2
POLL_S = 0.2


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise UsageError("--dask needs Dask, an optional extra that is not installed",
                         hint="pip install 'entente[dask]'") from None
    return distributed


def _warm(config: ShardConfig) -> int:
    single_threaded_blas()
    engine_for(config)
    return os.getpid()


def _task(shard: Shard, out_dir: str, config: ShardConfig, updates: str | None) -> Manifest:
    single_threaded_blas()
    report = None
    if updates is not None:  # progress within the shard, through the scheduler (small lists)
        from distributed import Queue

        queue = Queue(updates)

        def report(name: str, counts: Counts) -> None:
            queue.put([name, *msgspec.structs.astuple(counts)])

    return code_shard(shard, out_dir, config, on_progress=report)


def open_client(address: str, *, workers: int | None = None) -> tuple[Any, Any]:
    """(client, cluster) for a scheduler address, or for "local": a LocalCluster of `workers`
    single-threaded processes on this machine (cluster is None for a remote scheduler)."""
    distributed = _import_distributed()
    if address == "local":
        cluster = distributed.LocalCluster(
            n_workers=workers or max(1, (os.cpu_count() or 1)), threads_per_worker=1,
            processes=True, dashboard_address=None)
        return distributed.Client(cluster), cluster
    try:
        return distributed.Client(address, timeout="20s"), None
    except (OSError, TimeoutError) as exc:
        raise EntenteError(f"cannot reach the Dask scheduler: {exc}", where=address,
                           hint="check the address (tcp://host:8786) and that it is running") \
            from None


def run_dask(shards: Sequence[Shard], out_dir: str, config: ShardConfig, *,
             address: str = "local", workers: int | None = None, progress: Any = None,
             client: Any = None) -> tuple[dict[str, Manifest], dict[str, str]]:
    """Code every shard as a Dask task; returns (manifests by shard, failure message by shard)."""
    distributed = _import_distributed()
    if not is_url(out_dir):
        out_dir = os.path.abspath(out_dir)
    own = client is None
    cluster = None
    if own:
        client, cluster = open_client(address, workers=workers)
    try:
        client.run(_warm, config)
        run = uuid.uuid4().hex[:8]
        updates = distributed.Queue(f"entente-progress-{run}", client=client) \
            if progress is not None else None
        futures = {client.submit(_task, s, out_dir, config, updates and updates.name,
                                 key=f"entente-{s.name}-{run}", pure=False,
                                 retries=RETRIES): s for s in shards}
        return _collect(distributed, futures, progress, updates)
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()


def _collect(distributed: Any, futures: dict[Any, Shard], progress: Any,
             updates: Any) -> tuple[dict[str, Manifest], dict[str, str]]:
    manifests: dict[str, Manifest] = {}
    failed: dict[str, str] = {}
    pending = distributed.as_completed(list(futures))
    while not pending.is_empty():
        for future in pending.next_batch(block=False) if pending.has_ready() else []:
            _settle(futures[future], future, manifests, failed, progress)
        _drain(updates, progress)
        if not pending.has_ready():
            time.sleep(POLL_S)
    _drain(updates, progress)
    return manifests, failed


def _settle(shard: Shard, future: Any, manifests: dict[str, Manifest], failed: dict[str, str],
            progress: Any) -> None:
    try:
        manifests[shard.name] = m = future.result()
    except Exception as exc:  # KilledWorker, or the task's own error after its retries
        failed[shard.name] = f"{type(exc).__name__}: {exc}"
        if progress is not None:
            progress.shard_failed(shard.name, failed[shard.name])
        return
    if progress is not None:
        progress.shard_done(m)


def _drain(updates: Any, progress: Any) -> None:
    if updates is None or progress is None or not updates.qsize():
        return
    for name, *counts in updates.get(batch=True):
        progress.update(name, Counts(**dict(zip(Counts.__struct_fields__, counts, strict=True))))
