"""The Parquet layout of contract records, defined once for every producer and reader.

One row per article; the columns are the `ArticleRecord` fields with their nesting kept (events,
quotes and actor mentions are lists of structs). The Arrow schema is derived from the record
types themselves, so a field added to `entente.records` appears here without a second edit.
Scale-out shards (`entente.scale`), `entente code --format parquet` and `entente export --format
parquet` all write this layout; `load_parquet` reads any of them back into the same records.
DuckDB can query the files directly, e.g.

    SELECT e.cameo, count(*) FROM (SELECT unnest(events) AS e FROM 'shards/*.parquet') GROUP BY 1

Partitioned exports add one hive partition column, `month` (YYYY-MM of `published`, or
"unknown"), which readers drop.
"""

from __future__ import annotations

import glob as globmod
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import IO, Any

import msgspec
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from entente.errors import StoreError
from entente.records import ArticleRecord

PARTITION = "month"
ROW_GROUP = 1000  # records per row group: ~a few MB with article text, small enough to stream


def _arrow(info: Any) -> pa.DataType:
    """The Arrow type of a msgspec type (the subset the records use)."""
    ti = msgspec.inspect
    if isinstance(info, ti.UnionType):
        kinds = [t for t in info.types if not isinstance(t, ti.NoneType)]
        if len(kinds) != 1:
            raise TypeError(f"no Arrow layout for union {info}")
        return _arrow(kinds[0])
    simple = {ti.StrType: pa.string(), ti.IntType: pa.int64(), ti.FloatType: pa.float64(),
              ti.BoolType: pa.bool_(), ti.LiteralType: pa.string()}
    for kind, arrow in simple.items():
        if isinstance(info, kind):
            return arrow
    if isinstance(info, ti.ListType):
        return pa.list_(_arrow(info.item_type))
    if isinstance(info, ti.TupleType):  # sentence spans: (start, end)
        return pa.list_(_arrow(info.item_types[0]), len(info.item_types))
    if isinstance(info, ti.StructType):
        return pa.struct([pa.field(f.name, _arrow(f.type)) for f in info.fields])
    raise TypeError(f"no Arrow layout for {info}")


@cache
def record_schema() -> pa.Schema:
    """The Arrow schema of one article row (cached)."""
    info = msgspec.inspect.type_info(ArticleRecord)
    return pa.schema([pa.field(f.name, _arrow(f.type)) for f in info.fields])  # type: ignore[attr-defined]


def partitioned_schema() -> pa.Schema:
    return record_schema().append(pa.field(PARTITION, pa.string()))


def month_of(record: ArticleRecord) -> str:
    p = record.published or ""
    return p[:7] if len(p) >= 7 and p[4] == "-" and p[:4].isdigit() else "unknown"


def to_table(records: Sequence[ArticleRecord], *, partition: bool = False) -> pa.Table:
    rows = [msgspec.to_builtins(r) for r in records]
    if partition:
        for row, r in zip(rows, records, strict=True):
            row[PARTITION] = month_of(r)
    return pa.Table.from_pylist(rows, schema=partitioned_schema() if partition
                                else record_schema())


def write_parquet(records: Iterable[ArticleRecord], path: str | Path, *,
                  row_group: int = ROW_GROUP) -> int:
    """Write records to one Parquet file; returns how many."""
    writer = ParquetRecordWriter(path, row_group=row_group)
    for r in records:
        writer.write(r)
    writer.close()
    return writer.count


def _files(path_or_glob: str | Path) -> list[str]:
    text = str(path_or_glob)
    if any(c in text for c in "*?["):
        files = sorted(globmod.glob(text, recursive=True))
    elif Path(text).is_dir():
        files = sorted(str(p) for p in Path(text).rglob("*.parquet"))
    elif Path(text).exists():
        files = [text]
    else:
        raise StoreError("no such file or folder", where=text)
    if not files:
        raise StoreError("no Parquet files found", where=text)
    return files


def load_parquet(path_or_glob: str | Path, *, batch: int = ROW_GROUP) -> Iterator[ArticleRecord]:
    """Records from a Parquet file, a folder of them (hive-partitioned or not; read recursively,
    in path order) or a glob."""
    for path in _files(path_or_glob):
        try:
            parquet = pq.ParquetFile(path)
            for chunk in parquet.iter_batches(batch_size=batch):
                for i, row in enumerate(chunk.to_pylist()):
                    row.pop(PARTITION, None)
                    yield _convert(row, f"{path}: row {i}")
        except (OSError, pa.ArrowException) as exc:
            raise StoreError(f"cannot read Parquet: {exc}", where=path) from None


def _convert(row: dict[str, Any], where: str) -> ArticleRecord:
    try:
        return msgspec.convert(row, ArticleRecord)
    except msgspec.ValidationError as exc:
        raise StoreError(f"not an entente record: {exc}", where=where) from None


class ParquetRecordWriter:
    """Streams records into one Parquet file, a row group at a time (what
    `entente code --format parquet` and the scale-out shards use)."""

    def __init__(self, path: str | Path | None = None, out: IO[bytes] | None = None, *,
                 row_group: int = ROW_GROUP):
        if path is None and out is None:
            raise StoreError("Parquet output needs a file (--out FILE)")
        self._sink: Any = str(path) if path is not None else out
        self._writer: pq.ParquetWriter | None = None
        self._buffer: list[ArticleRecord] = []
        self._row_group = row_group
        self.count = 0

    def write(self, record: ArticleRecord) -> None:
        self._buffer.append(record)
        self.count += 1
        if len(self._buffer) >= self._row_group:
            self._flush()

    def _flush(self) -> None:
        if self._writer is None:
            self._writer = pq.ParquetWriter(self._sink, record_schema())
        if self._buffer:
            self._writer.write_table(to_table(self._buffer))
            self._buffer = []

    def close(self) -> None:
        self._flush()  # an empty run still writes a valid file with the schema
        if self._writer is not None:
            self._writer.close()


def write_partitioned(batches: Iterable[Sequence[ArticleRecord]], folder: str | Path) -> int:
    """Write batches of records as a hive-partitioned dataset (`month=YYYY-MM/part-N.parquet`),
    replacing any partition it writes; returns how many records."""
    count = 0

    def tables() -> Iterator[pa.RecordBatch]:
        nonlocal count
        for chunk in batches:
            count += len(chunk)
            yield from to_table(chunk, partition=True).to_batches()

    part = ds.partitioning(pa.schema([pa.field(PARTITION, pa.string())]), flavor="hive")
    ds.write_dataset(tables(), str(folder), schema=partitioned_schema(), format="parquet",
                     partitioning=part, existing_data_behavior="delete_matching",
                     basename_template="part-{i}.parquet", use_threads=False)
    return count
