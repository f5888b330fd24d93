"""`entente code` as a library function: read → dedup → code → write, with a summary.

The CLI parses options and calls `code_job`; the scale-out runners call the same pieces per shard.
Duplicates (same normalised content hash) are coded once: a second copy in the same run, or an
article the store already holds from this entente version, is reported and counted, not re-coded.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, BinaryIO, cast

from entente import __version__
from entente.errors import OutputError
from entente.records import Article, ArticleRecord, Failure, to_json

STORE_BATCH = 64


@dataclass
class Summary:
    """What a coding run did; printed for humans at the end and returned to callers."""

    read: int = 0
    coded: int = 0
    duplicates: int = 0
    failures: int = 0
    removed_boilerplate: int = 0
    events: int = 0
    quotes: int = 0
    actors: int = 0
    store: str | None = None
    output: str | None = None
    failure_messages: list[str] = field(default_factory=list)

    @property
    def exit_status(self) -> int:
        """0 when at least one article was coded (or all were known duplicates), 1 when none could be."""
        if self.coded or (self.duplicates and not self.failures):
            return 0
        return 1

    def lines(self) -> list[str]:
        out = [
            f"articles read: {self.read}  coded: {self.coded}  duplicates: {self.duplicates}  "
            f"failures: {self.failures}",
            f"boilerplate paragraphs removed: {self.removed_boilerplate}",
            f"events: {self.events}  quotes: {self.quotes}  actor mentions: {self.actors}",
        ]
        if self.output:
            out.append(f"output: {self.output}")
        if self.store:
            out.append(f"store: {self.store}")
        return out


def dedup(
    items: Iterable[Article | Failure],
    *,
    known: Callable[[list[str]], set[str]] | None = None,
    on_duplicate: Callable[[Article, str], None] | None = None,
    window: int = 256,
) -> Iterator[Article | Failure]:
    """Drop articles whose content hash was already seen in this run or is `known` (in the store).

    Articles are looked up against the store in windows, so that a big run asks the store once per
    window rather than once per article.
    """
    seen: dict[str, str] = {}
    buf: list[Article | Failure] = []

    def flush() -> Iterator[Article | Failure]:
        hashes = [a.content_hash for a in buf if isinstance(a, Article) and a.content_hash]
        stored = known(hashes) if (known and hashes) else set()
        for item in buf:
            if isinstance(item, Article) and item.content_hash:
                first = seen.get(item.content_hash)
                if first is not None or item.content_hash in stored:
                    if on_duplicate:
                        on_duplicate(item, first or "an article already in the store")
                    continue
                seen[item.content_hash] = item.id
            yield item
        buf.clear()

    for item in items:
        buf.append(item)
        if len(buf) >= window:
            yield from flush()
    yield from flush()


def code_job(
    inputs: Sequence[str],
    *,
    out: IO[bytes] | None = None,
    out_path: str | None = None,
    fmt: str = "jsonl",
    db: str | None = None,
    published: str | None = None,
    engine: Any = None,
    stdin: IO[bytes] | None = None,
    err: IO[str] | None = None,
    progress: Any = None,
    limits: Any = None,
) -> Summary:
    """Code `inputs` (paths, or `-`/nothing for standard input) and write records and the store."""
    from entente.ingest import read_inputs
    from entente.pipeline import Engine

    err = err or sys.stderr
    summary = Summary(store=str(Path(db).resolve()) if db else None, output=out_path)
    engine = engine or Engine()

    def note_duplicate(article: Article, first: str) -> None:
        summary.duplicates += 1
        print(printable(f"{article.origin or article.id}: duplicate of {first}; coded once"),
              file=err)

    store = None
    if db:
        from entente.store import open_store

        store = open_store(db)
    try:
        known = (lambda hs: store.seen_hashes(hs, version=__version__)) if store else None
        articles = read_inputs(list(inputs) or ["-"], stdin=cast("BinaryIO | None", stdin), published=published,
                               limits=limits)
        stream = dedup(_count_read(articles, summary), known=known, on_duplicate=note_duplicate)
        where = out_path or "<stdout>"
        with writing(where):
            writer = make_writer(fmt, out, out_path)
        pending: list[ArticleRecord] = []
        for item in engine.code_many(stream):
            if isinstance(item, Failure):
                summary.failures += 1
                msg = printable(f"{item.origin}: {item.message}")
                summary.failure_messages.append(msg)
                print(msg, file=err)
                continue
            _count_record(item, summary)
            with writing(where):
                writer.write(item)
            if store is not None:
                pending.append(item)
                if len(pending) >= STORE_BATCH:
                    store.add(pending)
                    pending = []
            if progress is not None:
                progress(summary)
        if store is not None and pending:
            store.add(pending)
        with writing(where):
            writer.close()
    finally:
        if store is not None:
            store.close()
    return summary


@contextmanager
def writing(where: str) -> Iterator[None]:
    """An OS error while writing records (disk full, file too large, no permission) becomes one
    `OutputError` naming the output; a closed pipe stays a BrokenPipeError (`| head` is fine)."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write records: {exc.strerror or exc}", where=where,
                          hint="free some space and run again; with --db, articles already "
                               "stored are not coded again") from None


def printable(text: str) -> str:
    """`text` on one line, control characters escaped ("\\n", "\\x1b"): file names, WARC URIs
    and library messages come from the input, and must neither break the one line a failure
    gets nor drive the user's terminal."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                   for c in text)


def _count_read(items: Iterable[Article | Failure], summary: Summary) -> Iterator[Article | Failure]:
    for item in items:
        summary.read += 1
        yield item


def _count_record(record: ArticleRecord, summary: Summary) -> None:
    summary.coded += 1
    summary.removed_boilerplate += len(record.removed_boilerplate)
    summary.events += len(record.events)
    summary.quotes += len(record.quotes)
    summary.actors += len(record.actors)


class _JsonlWriter:
    def __init__(self, out: IO[bytes] | None, path: str | None):
        self._own = out is None and path is not None
        self._out = open(path, "wb") if out is None and path is not None else out  # noqa: SIM115

    def write(self, record: ArticleRecord) -> None:
        if self._out is None:
            return
        self._out.write(to_json(record) + b"\n")
        self._out.flush()

    def close(self) -> None:
        if self._own and self._out is not None:
            self._out.close()


def make_writer(fmt: str, out: IO[bytes] | None, path: str | None) -> Any:
    """A writer for `--format`: jsonl streams record by record; gdelt and parquet come from the
    store's exporters."""
    if fmt == "jsonl":
        return _JsonlWriter(out, path)
    from entente.store import exports

    return exports.record_writer(fmt, out, path)
