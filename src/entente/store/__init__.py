"""The event store: coded articles in one DuckDB file, with cross-article event clusters.

    open_store(path, *, read_only=False, hold=None) -> Store
    Store.add(records)              one transaction per batch; idempotent; re-coded articles replace
    Store.seen_hashes(hashes, version=None)   content hashes already stored (by that version)
    Store.records() / record(id)    stored articles rebuilt as contract records
    Store.check(deep=False)         integrity problems, [] when sound
    load_jsonl(path) / load_parquet(path_or_glob) / write_parquet(records, path)
    load_into(store, paths)         `entente load`
    exports.record_writer(fmt, out, path), exports.export(store, fmt, out)

Tables (see `schema`): articles, sentences, actors, events, quotes, quote_cites, clusters,
event_clusters, schema_version. Event ids are the contract's ("article:sentence:n"); cluster ids
derive from the event a cluster grew from (`keys.cluster_id`).

Concurrency
-----------
DuckDB lets one process write a database file, and while a process has it open read-write no
other process may open it at all. entente is built around that in two ways:

1. **Across processes, nobody holds the file.** By default a `Store` opens the file for one unit
   of work (one `add` batch, one query or analysis) and closes it straight after. A writer
   (`entente code --db`, `entente load`) therefore holds it for one short transaction per batch;
   readers (CLI analyses, a dashboard in another process) open it read-only for each request. An
   open that finds the file locked is retried with exponential backoff (5 ms doubling to 0.5 s)
   for up to `timeout` seconds (30 by default) before `StoreError("busy ...")`. Every batch is a
   single transaction, including re-clustering, so a reader sees a batch entirely or not at all.
2. **Within one process, one database, a cursor per thread.** `open_store(path, hold=True)` keeps
   the database open; each unit of work takes its own cursor (DuckDB connections are not
   thread-safe, cursors of one database are, and each sees a consistent snapshot through MVCC).
   A server that must load and serve at once holds the store and loads through
   `BackgroundLoader`, which runs `add` on a thread while request threads read; writes are
   serialised by a lock inside the `Store`.

Read-only stores never create, migrate or write. Corrupt files (not DuckDB, failed checksums,
missing tables) raise `StoreIntegrityError` and are never used silently.
"""

from __future__ import annotations

from entente.store.core import AddResult, Store, open_store
from entente.store.loader import (
    BackgroundLoader,
    LoadSummary,
    load_into,
    load_jsonl,
    read_records,
)
from entente.store.parquet import load_parquet, write_parquet
from entente.store.schema import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "AddResult",
    "BackgroundLoader",
    "LoadSummary",
    "Store",
    "load_into",
    "load_jsonl",
    "load_parquet",
    "open_store",
    "read_records",
    "write_parquet",
]
