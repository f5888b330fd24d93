"""Run shards on this machine: `workers` processes, one Engine each, loaded once.

Worker processes are started with "spawn" (the same on Linux, macOS and Windows, and safe with the
progress bar's thread), load the Engine in their initializer, then take shards one at a time from
a shared queue. Each reports its shard's counts every half second through a multiprocessing queue,
which feeds the progress bar. A worker that dies (killed, out of memory) breaks the pool: the
pool is started again and the shards not yet done are submitted again; `code_shard` redoes
their half-written output from scratch (no manifest, no skip), so nothing is doubled.
With `workers=1` (or a single shard) the shards run in this process, one after the other.
"""

from __future__ import annotations

import multiprocessing
import queue
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from entente.scale.engines import engine_for, single_threaded_blas, single_threaded_children
from entente.scale.job import code_shard
from entente.scale.manifest import Counts, Manifest, ShardConfig
from entente.scale.shards import Shard

POLL_S = 0.2
MAX_RESTARTS = 3  # pool restarts after a worker died, before the remaining shards count as failed

_progress_queue: Any = None


def _init_worker(config: ShardConfig, progress: Any) -> None:
    global _progress_queue
    single_threaded_blas()
    _progress_queue = progress
    engine_for(config)


def _report(shard: str, counts: Counts) -> None:
    if _progress_queue is not None:
        _progress_queue.put((shard, counts))


def _task(shard: Shard, out_dir: str, config: ShardConfig) -> Manifest:
    return code_shard(shard, out_dir, config, on_progress=_report)


def run_local(shards: Sequence[Shard], out_dir: str, config: ShardConfig, *, workers: int = 1,
              progress: Any = None, engine: Any = None) -> tuple[dict[str, Manifest],
                                                                 dict[str, str]]:
    """Code every shard; returns (manifests by shard, failure message by shard)."""
    if min(workers, len(shards)) <= 1:
        return _run_here(shards, out_dir, config, progress, engine)
    manifests: dict[str, Manifest] = {}
    failed: dict[str, str] = {}
    todo = list(shards)
    for attempt in range(MAX_RESTARTS + 1):
        broken = _run_pool(todo, out_dir, config, workers, progress, manifests, failed)
        todo = [s for s in todo if s.name not in manifests and s.name not in failed]
        if not broken or not todo:
            break
        if attempt == MAX_RESTARTS:
            for s in todo:
                failed[s.name] = "a worker process died on every attempt at this shard"
                if progress is not None:
                    progress.shard_failed(s.name, failed[s.name])
    return manifests, failed


def _run_here(shards: Sequence[Shard], out_dir: str, config: ShardConfig, progress: Any,
              engine: Any) -> tuple[dict[str, Manifest], dict[str, str]]:
    manifests: dict[str, Manifest] = {}
    failed: dict[str, str] = {}
    report = progress.update if progress is not None else None
    for shard in shards:
        try:
            manifests[shard.name] = m = code_shard(shard, out_dir, config, engine=engine,
                                                   on_progress=report)
        except Exception as exc:  # an unexpected error in one shard: reported, others go on
            failed[shard.name] = f"{type(exc).__name__}: {exc}"
            if progress is not None:
                progress.shard_failed(shard.name, failed[shard.name])
            continue
        if progress is not None:
            progress.shard_done(m)
    return manifests, failed


def _run_pool(shards: Sequence[Shard], out_dir: str, config: ShardConfig, workers: int,
              progress: Any, manifests: dict[str, Manifest], failed: dict[str, str]) -> bool:
    """One pool over `shards`; True when a worker died (the pool broke) before all were done."""
    ctx = multiprocessing.get_context("spawn")
    updates = ctx.Queue()
    broken = False
    with single_threaded_children(), ProcessPoolExecutor(max_workers=min(workers, len(shards)) or 1, mp_context=ctx,
                             initializer=_init_worker, initargs=(config, updates)) as pool:
        pending: dict[Future[Manifest], Shard] = {
            pool.submit(_task, s, out_dir, config): s for s in shards}
        while pending:
            finished, _ = wait(pending, timeout=POLL_S, return_when=FIRST_COMPLETED)
            _drain(updates, progress)
            for future in finished:
                shard = pending.pop(future)
                try:
                    manifests[shard.name] = m = future.result()
                except BrokenProcessPool:
                    broken = True
                    continue
                except Exception as exc:
                    failed[shard.name] = f"{type(exc).__name__}: {exc}"
                    if progress is not None:
                        progress.shard_failed(shard.name, failed[shard.name])
                    continue
                if progress is not None:
                    progress.shard_done(m)
    _drain(updates, progress)
    updates.close()
    updates.join_thread()
    return broken


def _drain(updates: Any, progress: Any) -> None:
    while True:
        try:
            shard, counts = updates.get_nowait()
        except queue.Empty:
            return
        if progress is not None:
            progress.update(shard, counts)
