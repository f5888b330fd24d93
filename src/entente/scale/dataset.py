"""The output of a sharded run: a folder of Parquet files in the store's layout, and its manifest.

    out/part-00000.parquet             records of shard 0 (entente.store.parquet layout)
    out/part-00000.manifest.json       what shard 0 read, with which versions, what it wrote
    ...
    out/_dataset.json                  written last: the run is complete

Order: `part-N` files hold consecutive stretches of the input order, so the files in name order,
rows in file order, are the articles in input order (DuckDB: `read_parquet('out/*.parquet')`;
`entente load out/`). Duplicates: within a shard, an article whose content hash was already seen
is not coded (listed in that shard's manifest). Across shards, the first occurrence in input order
wins: `finalize` lists the later copies in `_dataset.json` (`cross_duplicates`), `read_dataset`
and `load_dataset` leave them out, and a plain `entente load` of the folder would store them as
separate articles (ids differ) unless the store drops them by content hash.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import msgspec

from entente import __version__
from entente.errors import StoreError
from entente.records import ArticleRecord
from entente.scale.manifest import Counts, Manifest
from entente.scale.outdir import TMP_SUFFIX, OutDir
from entente.scale.shards import SHARD_NAME

DATASET_FILE = "_dataset.json"
DATASET_SCHEMA = "entente-dataset/1"


class CrossDuplicate(msgspec.Struct, frozen=True, kw_only=True):
    """A coded article whose content an earlier shard already holds (left out when read)."""

    article_id: str
    shard: str
    duplicate_of: str
    first_shard: str
    content_hash: str


class ShardProblem(msgspec.Struct, frozen=True, kw_only=True):
    shard: str
    message: str


class DatasetManifest(msgspec.Struct, frozen=True, kw_only=True):
    schema: str = DATASET_SCHEMA
    entente_version: str = __version__
    shards: list[str]
    files: list[str]
    complete: bool
    counts: Counts
    cross_duplicates: list[CrossDuplicate] = msgspec.field(default_factory=list)
    failed_shards: list[ShardProblem] = msgspec.field(default_factory=list)
    removed_stale: list[str] = msgspec.field(default_factory=list)
    finished: str = ""


def total(counts: Iterable[Counts]) -> Counts:
    sums = dict.fromkeys(Counts.__struct_fields__, 0)
    for c in counts:
        for k in sums:
            sums[k] += getattr(c, k)
    return Counts(**sums)


def start(out: OutDir) -> None:
    """A run begins: the folder is no longer a complete dataset until `finalize`."""
    out.ensure()
    out.remove(DATASET_FILE)


def remove_stale(out: OutDir, keep: Iterable[str]) -> list[str]:
    """Delete `part-N` outputs, manifests and temporary files of shards not in this run's plan (a
    previous run over other inputs); returns the names removed."""
    keep = set(keep)
    gone = []
    for name in out.names():
        base = name.lstrip(".").split(".", 1)[0]
        if SHARD_NAME.match(base) and base not in keep and (
                name.endswith((".parquet", ".manifest.json", TMP_SUFFIX))):
            out.remove(name)
            gone.append(name)
    return gone


def cross_duplicates(out: OutDir, manifests: Sequence[Manifest]) -> list[CrossDuplicate]:
    """Later copies (by content hash) of articles an earlier shard holds, in input order."""
    import pyarrow.parquet as pq

    first: dict[str, tuple[str, str]] = {}
    found = []
    for m in manifests:
        for f in m.outputs:
            with _local_copy(out, f.name) as path:
                cols = pq.read_table(path, columns=["article_id", "content_hash"]).to_pydict()
            for aid, h in zip(cols["article_id"], cols["content_hash"], strict=True):
                if not h:
                    continue
                if h in first and first[h][1] != m.shard:
                    found.append(CrossDuplicate(article_id=aid, shard=m.shard, content_hash=h,
                                                duplicate_of=first[h][0], first_shard=first[h][1]))
                else:
                    first.setdefault(h, (aid, m.shard))
    return found


def finalize(out: OutDir, order: Sequence[str], manifests: dict[str, Manifest],
             failed: dict[str, str], *, removed: Sequence[str] = (),
             finished: str = "") -> DatasetManifest:
    """Write `_dataset.json` for a finished run (also when some shards failed: `complete` then
    says False and `failed_shards` says which and why)."""
    done = [manifests[n] for n in order if n in manifests]
    dataset = DatasetManifest(
        shards=list(order), files=[f.name for m in done for f in m.outputs],
        complete=not failed and len(done) == len(order), counts=total(m.counts for m in done),
        cross_duplicates=cross_duplicates(out, done),
        failed_shards=[ShardProblem(shard=n, message=failed[n]) for n in order if n in failed],
        removed_stale=list(removed), finished=finished)
    out.write_bytes(DATASET_FILE, msgspec.json.encode(dataset) + b"\n")
    return dataset


def read_manifest(out_dir: str) -> DatasetManifest:
    out = OutDir(out_dir)
    data = out.read_bytes(DATASET_FILE)
    if data is None:
        raise StoreError("not a finished entente dataset (no _dataset.json)",
                         where=out.display(DATASET_FILE),
                         hint="run `entente code --workers N --out DIR` to completion")
    try:
        return msgspec.json.decode(data, type=DatasetManifest)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise StoreError(f"unreadable dataset manifest: {exc}",
                         where=out.display(DATASET_FILE)) from None


def read_dataset(out_dir: str) -> Iterator[ArticleRecord]:
    """Every record of a finished run in input order, each article once (cross-shard duplicates
    left out)."""
    from entente.store.parquet import load_parquet

    out = OutDir(out_dir)
    dataset = read_manifest(out_dir)
    skip = {(d.shard, d.article_id) for d in dataset.cross_duplicates}
    for name in dataset.files:
        shard = name.split(".", 1)[0]
        with _local_copy(out, name) as path:
            for record in load_parquet(path):
                if (shard, record.article_id) not in skip:
                    yield record


@contextmanager
def _local_copy(out: OutDir, name: str) -> Iterator[str]:
    """A local path for a file of `out` (the file itself when local, a temporary copy if not)."""
    if out.local:
        yield out.path(name)
        return
    data = out.read_bytes(name)
    if data is None:
        raise StoreError("missing output file", where=out.display(name))
    fd, tmp = tempfile.mkstemp(suffix=".parquet")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        yield tmp
    finally:
        os.remove(tmp)


@dataclass
class StoreLoad:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    known: int = 0


def load_dataset(out_dir: str, db: str, *, batch: int = 1000, hold: bool = False) -> StoreLoad:
    """Add a finished run's records to the DuckDB store at `db`, in input order, each article once.
    A record whose content the store already holds under another article id is left out (a
    duplicate, counted as `known`); the same article coded again replaces its old rows.

    Each batch is one transaction. By default the file is opened per batch, so other processes
    (a dashboard) can read between batches; `hold=True` keeps it open for the whole load, which
    spares a checkpoint per batch (DuckDB then checkpoints every `checkpoint_threshold` of WAL
    and at the end) but locks every other process out until the load ends."""
    from entente.store import open_store
    from entente.store.loader import batched

    result = StoreLoad()
    with open_store(db, hold=hold) as store:
        for chunk in batched(read_dataset(out_dir), batch):
            owners = _owners(store, [r.content_hash for r in chunk if r.content_hash])
            fresh = [r for r in chunk if not (r.content_hash in owners
                                              and r.article_id not in owners[r.content_hash])]
            result.known += len(chunk) - len(fresh)
            if fresh:
                added = store.add(fresh)
                result.added += added.added
                result.replaced += added.replaced
                result.unchanged += added.unchanged
    return result


def _owners(store: object, hashes: list[str]) -> dict[str, set[str]]:
    """Article ids the store holds for each of `hashes`."""
    if not hashes:
        return {}
    rows = store.query(  # type: ignore[attr-defined]
        "SELECT content_hash, article_id FROM articles WHERE content_hash IN "
        "(SELECT unnest(?::VARCHAR[]))", [sorted(set(hashes))])
    owners: dict[str, set[str]] = {}
    for row in rows:
        owners.setdefault(row["content_hash"], set()).add(row["article_id"])
    return owners
