"""The shard job: one shard of input → one Parquet file of records + its manifest. Pure and
idempotent: the same shard, settings and versions give the same records, and a shard whose
manifest matches is not coded again.

    manifest = code_shard(shard_or_path, "out/", ShardConfig(fast=True))

Steps: stage the input (remote files are copied to a local temporary folder) and fingerprint its
bytes; if `out/NAME.manifest.json` matches and the outputs are intact, return it (`reused=True`).
Otherwise remove what an earlier attempt left (the stale manifest first, then outputs and
temporary files), then read → drop duplicates within the shard → code → write the Parquet file
under a temporary name → rename it into place → write the manifest the same way, last.

Within a shard, articles are coded in input order and an article whose content hash was already
seen in the shard is a counted, listed duplicate (as in a single-process run). Duplicates across
shards are settled when the run is finished (see `entente.scale.dataset`).
"""

from __future__ import annotations

import hashlib
import os
import socket
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import msgspec

from entente.ingest.boilerplate import Boilerplate
from entente.ingest.readers import Run
from entente.jobs import dedup
from entente.records import Article, ArticleRecord, Failure
from entente.scale import manifest as mf
from entente.scale.engines import engine_for, versions
from entente.scale.manifest import Counts, Manifest, ShardConfig
from entente.scale.outdir import TMP_SUFFIX, OutDir
from entente.scale.shards import Part, Shard, read_parts, stage
from entente.store.parquet import ParquetRecordWriter

OnProgress = Callable[[str, Counts], None]
PROGRESS_EVERY_S = 0.5


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def as_shard(item: Shard | str) -> Shard:
    """A shard from a single input path or URL (file or folder), named after it."""
    if isinstance(item, Shard):
        return item
    from entente.scale.shards import expand

    stem = os.path.basename(item.rstrip("/")) or "input"
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in stem)[:40]
    tag = hashlib.sha256(item.encode()).hexdigest()[:8]
    parts = tuple(expand(item, 1 << 62, count_lines=False))
    return Shard(name=f"{safe}-{tag}", parts=parts)


def code_shard(shard: Shard | str, output_dir: str, config: ShardConfig | None = None, *,
               engine: Any = None, on_progress: OnProgress | None = None,
               clock: Callable[[], str] = now_iso) -> Manifest:
    """Code one shard into `output_dir` (local folder or fsspec URL); see the module docstring."""
    shard = as_shard(shard)
    config = config or ShardConfig()
    out = OutDir(output_dir)
    out.ensure()
    engine = engine if engine is not None else engine_for(config)
    made_by = versions(engine)
    with tempfile.TemporaryDirectory(prefix="entente-shard-") as tmp:
        parts, fingerprint = stage(shard, Path(tmp))
        found = mf.decode(out.read_bytes(mf.manifest_name(shard.name)))
        if found is not None and mf.matches(found, shard=shard.name, fingerprint=fingerprint,
                                            config=config, versions=made_by) \
                and _outputs_intact(out, found):
            remove_leftovers(out, shard.name)
            return msgspec.structs.replace(found, reused=True)
        _clear(out, shard.name)
        started, t0 = clock(), time.perf_counter()
        counts, failures, duplicates, output = _code(parts, out, shard.name, config, engine,
                                                     on_progress)
    manifest = Manifest(
        shard=shard.name, inputs=[_describe(p) for p in shard.parts],
        input_fingerprint=fingerprint, input_bytes=shard.size, config=config,
        config_fingerprint=config.fingerprint(), versions=made_by, counts=counts,
        failures=failures, duplicates=duplicates, outputs=[output], started=started,
        finished=clock(), seconds=round(time.perf_counter() - t0, 3),
        host=socket.gethostname(), pid=os.getpid())
    out.write_bytes(mf.manifest_name(shard.name), mf.encode(manifest))
    return manifest


def _describe(part: Part) -> str:
    if part.kind == "range":
        return f"{part.origin} bytes {part.start}-{part.end} (lines {part.line + 1}-" \
               f"{part.line + part.expected})"
    return part.origin


def _outputs_intact(out: OutDir, manifest: Manifest) -> bool:
    return bool(manifest.outputs) and all(out.size(f.name) == f.bytes for f in manifest.outputs)


def remove_leftovers(out: OutDir, shard: str) -> list[str]:
    """Delete temporary files an interrupted attempt at `shard` left behind; their names."""
    gone = out.names(f".{shard}.*{TMP_SUFFIX}")
    for name in gone:
        out.remove(name)
    return gone


def _clear(out: OutDir, shard: str) -> None:
    """Forget an earlier attempt: manifest first (so a crash from here on never pairs an old
    manifest with new outputs), then its outputs and temporary files."""
    out.remove(mf.manifest_name(shard))
    out.remove(mf.output_name(shard))
    remove_leftovers(out, shard)


class _Tally:
    """Counts, failures and duplicates of one shard as it is coded."""

    def __init__(self) -> None:
        self.c: dict[str, int] = dict.fromkeys(Counts.__struct_fields__, 0)
        self.failures: list[mf.FailureNote] = []
        self.duplicates: list[mf.DuplicateNote] = []

    def record(self, r: ArticleRecord) -> None:
        c = self.c
        c["coded"] += 1
        c["removed_boilerplate"] += len(r.removed_boilerplate)
        c["events"] += len(r.events)
        c["quotes"] += len(r.quotes)
        c["actors"] += len(r.actors)

    def failure(self, f: Failure) -> None:
        self.c["failures"] += 1
        self.failures.append(mf.FailureNote(origin=f.origin, message=f.message, kind=f.kind))

    def duplicate(self, article: Article, first: str) -> None:
        self.c["duplicates"] += 1
        self.duplicates.append(mf.DuplicateNote(article_id=article.id,
                                                origin=article.origin or article.id,
                                                duplicate_of=first))

    def counts(self) -> Counts:
        return Counts(**self.c)


def _code(parts: list[Part], out: OutDir, shard: str, config: ShardConfig, engine: Any,
          on_progress: OnProgress | None) -> tuple[Counts, list[mf.FailureNote],
                                                   list[mf.DuplicateNote], mf.OutputFile]:
    tally = _Tally()
    run = Run(limits=config.limits, boilerplate=_boilerplate(), published=config.published)

    def counted(items: Iterator[Article | Failure]) -> Iterator[Article | Failure]:
        for item in items:
            tally.c["read"] += 1
            yield item

    name = mf.output_name(shard)
    last = time.monotonic()
    with out.writing(name) as tmp:
        writer = ParquetRecordWriter(tmp, row_group=config.row_group)
        stream = dedup(counted(read_parts(parts, run)), on_duplicate=tally.duplicate)
        for item in engine.code_many(stream, batch_size=config.batch_size):
            if isinstance(item, Failure):
                tally.failure(item)
            else:
                tally.record(item)
                writer.write(item)
            if on_progress is not None and time.monotonic() - last >= PROGRESS_EVERY_S:
                on_progress(shard, tally.counts())
                last = time.monotonic()
        writer.close()
        size, digest = _file_digest(tmp)
    if on_progress is not None:
        on_progress(shard, tally.counts())
    output = mf.OutputFile(name=name, rows=writer.count, bytes=size, sha256=digest)
    return tally.counts(), tally.failures, tally.duplicates, output


def _file_digest(path: str) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
            size += len(block)
    return size, "sha256:" + digest.hexdigest()


_boilerplate_cache: list[Boilerplate] = []


def _boilerplate() -> Boilerplate:
    """The packaged boilerplate patterns, loaded once per process."""
    if not _boilerplate_cache:
        _boilerplate_cache.append(Boilerplate.load())
    return _boilerplate_cache[0]
