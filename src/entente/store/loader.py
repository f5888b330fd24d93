"""Reading records produced elsewhere and loading them into a store, in batches.

`load_jsonl` and `load_parquet` read; `load_into` adds what they read in short transactions
(one per batch, so other processes get the file in between); `BackgroundLoader` loads from a
thread of the process that also serves queries (the dashboard's way to load while answering).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from entente.errors import StoreError
from entente.records import ArticleRecord
from entente.store.core import Store
from entente.store.parquet import load_parquet

LOAD_BATCH = 500
OnError = Callable[[str, str], None]


def load_jsonl(path: str | Path, *, on_error: OnError | None = None) -> Iterator[ArticleRecord]:
    """Contract records from a JSONL file (one `entente code` output line each). A bad line is
    passed to `on_error(origin, message)` and skipped; without `on_error` it raises `StoreError`
    naming the file and line."""
    decoder = msgspec.json.Decoder(ArticleRecord)
    try:
        fh = open(path, "rb")  # noqa: SIM115  (closed below; the generator may stop early)
    except OSError as exc:
        raise StoreError(f"cannot read: {exc.strerror}", where=str(path)) from None
    with fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                yield decoder.decode(line)
            except (msgspec.DecodeError, msgspec.ValidationError) as exc:
                if on_error is None:
                    raise StoreError(f"not an entente record: {exc}", where=f"{path}:{n}") from None
                on_error(f"{path}:{n}", f"not an entente record: {exc}")


def read_records(path: str | Path, *, on_error: OnError | None = None) -> Iterator[ArticleRecord]:
    """Records from a JSONL file, or a Parquet file, folder or glob."""
    text = str(path)
    if text.endswith((".jsonl", ".ndjson", ".json")):
        return load_jsonl(path, on_error=on_error)
    return load_parquet(path)


@dataclass
class LoadSummary:
    read: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failures: int = 0
    failure_messages: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [f"records read: {self.read}  added: {self.added}  replaced: {self.replaced}  "
                f"unchanged: {self.unchanged}  failures: {self.failures}"]


def batched(items: Iterable[ArticleRecord], size: int) -> Iterator[list[ArticleRecord]]:
    batch: list[ArticleRecord] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def load_into(store: Store, paths: Sequence[str | Path], *, batch: int = LOAD_BATCH,
              progress: Callable[[LoadSummary], None] | None = None) -> LoadSummary:
    """Load every record of `paths` into `store`, one transaction per batch; bad JSONL lines are
    counted and reported in the summary, never fatal."""
    summary = LoadSummary()

    def failed(origin: str, message: str) -> None:
        summary.failures += 1
        summary.failure_messages.append(f"{origin}: {message}")

    for path in paths:
        for chunk in batched(read_records(path, on_error=failed), batch):
            result = store.add(chunk)
            summary.read += len(chunk)
            summary.added += result.added
            summary.replaced += result.replaced
            summary.unchanged += result.unchanged
            if progress is not None:
                progress(summary)
    return summary


class BackgroundLoader:
    """Adds batches to a held store from one background thread, so the same process keeps
    answering queries (each on its own cursor) while it loads. Errors are kept, not lost: `join`
    re-raises the first one."""

    def __init__(self, store: Store):
        if not store.hold:
            raise StoreError("a background loader needs a held store (open_store(..., hold=True))",
                             where=store.path)
        self.store = store
        self.loaded = 0
        self._queue: queue.Queue[list[ArticleRecord] | None] = queue.Queue()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="entente-loader", daemon=True)
        self._thread.start()

    def submit(self, records: Sequence[ArticleRecord]) -> None:
        self._queue.put(list(records))

    def _run(self) -> None:
        while (batch := self._queue.get()) is not None:
            try:
                if self._error is None:
                    self.store.add(batch)
                    self.loaded += len(batch)
            except BaseException as exc:  # kept for join()
                self._error = exc
            finally:
                self._queue.task_done()
        self._queue.task_done()

    def join(self) -> None:
        """Wait until every submitted batch is stored; re-raise a loading error."""
        self._queue.join()
        if self._error is not None:
            raise self._error

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join()
        if self._error is not None:
            raise self._error
