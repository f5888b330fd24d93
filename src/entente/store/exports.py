"""Exports of a store, and the record writers behind `entente code --format gdelt|parquet`.

    export(store, "jsonl", out)      contract JSONL, one article per line, by article id
    export(store, "gdelt", out)      GDELT 2.0 Event table (TSV, one row per event cluster)
    export(store, "parquet", out)    the records' Parquet layout, partitioned by month
    record_writer(fmt, out, path)    an object with write(record) and close()
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from entente.errors import UsageError
from entente.records import ArticleRecord, to_json
from entente.store import gdelt
from entente.store.core import Store
from entente.store.parquet import ParquetRecordWriter, write_partitioned

FORMATS = ("jsonl", "gdelt", "parquet")
_BATCH = 1000


def export_jsonl(store: Store, out: IO[bytes]) -> int:
    count = 0
    for record in store.records():
        out.write(to_json(record) + b"\n")
        count += 1
    return count


def export_gdelt(store: Store, out: IO[str], *, header: bool = True) -> int:
    with store.snapshot() as con:
        return gdelt.write_tsv(con, out, header=header)


def _batches(store: Store) -> Iterator[list[ArticleRecord]]:
    batch: list[ArticleRecord] = []
    for record in store.records(batch=_BATCH):
        batch.append(record)
        if len(batch) >= _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def export_parquet(store: Store, folder: str | Path) -> int:
    """A hive-partitioned dataset, `folder/month=YYYY-MM/part-N.parquet` (month of publication;
    "unknown" when the article has no date); `entente load folder` reads it back."""
    return write_partitioned(_batches(store), folder)


def export(store: Store, fmt: str, path: str | Path | None = None, *,
           out: IO[bytes] | None = None, header: bool = True) -> int:
    """Write the store in `fmt` to `path` (or the binary stream `out`); returns rows written
    (articles for jsonl and parquet, clusters for gdelt)."""
    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    if fmt == "parquet":
        if path is None:
            raise UsageError("--format parquet needs --out FOLDER")
        return export_parquet(store, path)
    sink = open(path, "wb") if path is not None else out  # noqa: SIM115  (closed below)
    if sink is None:
        sink = sys.stdout.buffer
    try:
        if fmt == "jsonl":
            return export_jsonl(store, sink)
        text = io.TextIOWrapper(sink, encoding="utf-8", newline="\n", write_through=True)
        try:
            return export_gdelt(store, text, header=header)
        finally:
            text.detach()
    finally:
        if path is not None:
            sink.close()


class GdeltRecordWriter:
    """Clusters the records of one `entente code` run in a throw-away in-memory store and writes
    them as a GDELT table when closed (clusters need every report, so nothing is written
    before the end of the run)."""

    def __init__(self, out: IO[bytes] | None, path: str | None, *, header: bool = True):
        self._out, self._path, self._header = out, path, header
        self._store = Store(":memory:")
        self._pending: list[ArticleRecord] = []

    def write(self, record: ArticleRecord) -> None:
        self._pending.append(record)
        if len(self._pending) >= _BATCH:
            self._store.add(self._pending)
            self._pending = []

    def close(self) -> None:
        if self._pending:
            self._store.add(self._pending)
            self._pending = []
        export(self._store, "gdelt", self._path, out=self._out, header=self._header)
        self._store.close()


def record_writer(fmt: str, out: IO[bytes] | None, path: str | None) -> Any:
    """The writer `entente code --format gdelt|parquet` streams records into."""
    if fmt == "gdelt":
        return GdeltRecordWriter(out, path)
    if fmt == "parquet":
        if path is None:
            raise UsageError("--format parquet needs --out FILE")
        return ParquetRecordWriter(path)
    raise UsageError(f"no record writer for format {fmt!r} (jsonl is written by the job itself)")
