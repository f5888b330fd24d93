"""Readers: paths, folders, files, JSONL streams and standard input → `Article | Failure`.

Every reader streams: documents are read up to a size limit, JSONL line by line with a bounded
`readline`, WARC record by record, so memory stays bounded whatever the input (see `limits`). A
problem with one input becomes one `Failure` naming the file (and line or record) and the batch
goes on; only a broken configuration raises.
"""

from __future__ import annotations

import codecs
import gzip
import io
import logging
import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

import msgspec

from entente.errors import IngestError
from entente.ingest.article import InputRecord, article_from_record, make_article
from entente.ingest.boilerplate import Boilerplate
from entente.ingest.decode import (
    GZIP_MAGIC,
    SNIFF_BYTES,
    declared_charset,
    decode,
    sniff_binary,
)
from entente.ingest.limits import Limits, describe_size
from entente.records import Article, Failure

log = logging.getLogger("entente.ingest")

SUPPORTED = ".txt, .html, .htm, .jsonl, .ndjson, .warc, or any of them gzipped (.gz)"
_KINDS = {".txt": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
          ".jsonl": "jsonl", ".ndjson": "jsonl", ".warc": "warc"}
_GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)
STDIN = "<stdin>"

Item = Article | Failure


class LineStream(Protocol):
    def readline(self, size: int | None = -1, /) -> bytes: ...


class Run(msgspec.Struct, frozen=True, kw_only=True):
    """What every reader of one `read_inputs` call shares."""

    limits: Limits
    boilerplate: Boilerplate
    published: str | None = None


def kind_of(name: str) -> tuple[str, bool] | None:
    """(reader kind, gzipped) for a file name, or None when entente does not read it."""
    lower = name.lower()
    gz = lower.endswith(".gz")
    kind = _KINDS.get(os.path.splitext(lower[:-3] if gz else lower)[1])
    return (kind, gz) if kind else None


def read_path(path_str: str, run: Run) -> Iterator[Item]:
    """One command-line input: a file or a folder (recursive, sorted, hidden files skipped)."""
    path = Path(path_str)
    try:
        is_dir = path.is_dir()
        exists = is_dir or path.exists()
    except OSError as exc:
        yield Failure(origin=path_str, message=f"cannot read: {exc.strerror or exc}", kind="ingest")
        return
    if not exists:
        yield Failure(origin=path_str, message="no such file or folder", kind="ingest")
    elif is_dir:
        yield from read_folder(path, path_str, run)
    else:
        kind = kind_of(path.name)
        if kind is None:
            yield Failure(origin=path_str, kind="ingest",
                          message=f"unsupported file type (entente reads {SUPPORTED})")
        else:
            yield from read_file(path, path.name, path_str, kind, run)


def read_folder(folder: Path, shown: str, run: Run) -> Iterator[Item]:
    """Every readable file under `folder`, in sorted path order; ids are paths relative to it."""
    found = False
    for rel, error in _walk(folder, Path()):
        origin = os.path.join(shown, rel)
        if error is not None:
            yield Failure(origin=origin, message=f"cannot read folder: {error}", kind="ingest")
            continue
        kind = kind_of(rel.name)
        if kind is None:
            log.debug("%s: skipped (not a file type entente reads)", origin)
            continue
        found = True
        yield from read_file(folder / rel, rel.as_posix(), origin, kind, run)
    if not found:
        yield Failure(origin=shown, kind="ingest",
                      message=f"folder holds no files entente reads ({SUPPORTED})")


def _walk(root: Path, rel: Path) -> Iterator[tuple[Path, str | None]]:
    """(relative path, None) for each non-hidden file, or (folder, error) for an unreadable one.
    Depth first in name order, so the order is that of sorted paths; folder links are not
    followed (no loops)."""
    try:
        with os.scandir(root / rel) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield rel, exc.strerror or str(exc)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(root, rel / entry.name)
            elif entry.is_file():
                yield rel / entry.name, None
        except OSError as exc:
            yield rel / entry.name, exc.strerror or str(exc)


def read_file(path: Path, id: str, origin: str, kind: tuple[str, bool], run: Run) -> Iterator[Item]:
    """One file of a known kind; OS errors become a Failure naming it."""
    reader, gz = kind
    try:
        if reader == "jsonl":
            yield from read_jsonl_file(path, origin, gz, run)
        elif reader == "warc":
            from entente.ingest.warc import read_warc

            yield from read_warc(path, origin, run)
        else:
            yield read_document(path, id, origin, reader, run)
    except OSError as exc:
        yield Failure(origin=origin, message=f"cannot read: {exc.strerror or exc}", kind="ingest")


def read_document(path: Path, id: str, origin: str, kind: str, run: Run) -> Item:
    """A .txt or .html file (maybe gzipped): one article or one failure."""
    try:
        data = read_limited(path, run.limits)
        return document_article(data, id=id, origin=origin, html=kind == "html", run=run)
    except IngestError as exc:
        return Failure(origin=origin, message=exc.message + (f" ({exc.hint})" if exc.hint else ""),
                       kind="ingest")


def read_limited(path: Path, limits: Limits) -> bytes:
    """A file's bytes, gunzipped when they are gzip data, refused above the article size limit."""
    limit = limits.max_article_bytes
    with open(path, "rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        size = path.stat().st_size if path.is_file() else len(data)
        raise IngestError(f"file is {describe_size(size)}, over the {describe_size(limit)} limit "
                          "for one article", hint="set ENTENTE_MAX_ARTICLE_MB to raise it")
    if data.startswith(GZIP_MAGIC):
        return gunzip_limited(data, limit)
    return data


def gunzip_limited(data: bytes, limit: int) -> bytes:
    """Decompress one gzipped article, at most `limit` bytes of it (a gzip bomb stops there)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            out = f.read(limit + 1)
    except _GZIP_ERRORS as exc:
        raise IngestError(f"not a valid gzip file: {exc}") from None
    if len(out) > limit:
        raise IngestError(f"decompresses to more than {describe_size(limit)}, the limit for one "
                          "article", hint="set ENTENTE_MAX_ARTICLE_MB to raise it")
    return out


def document_article(data: bytes, *, id: str, origin: str, html: bool, run: Run,
                     declared: str | None = None, url: str | None = None) -> Article:
    """Bytes of one text or HTML document → Article (raises IngestError)."""
    if not data.strip():
        raise IngestError("empty file")
    what = sniff_binary(data[:SNIFF_BYTES])
    if what:
        raise IngestError(f"binary file ({what}), not text: entente reads news as text, HTML, "
                          "JSONL or WARC")
    if html:
        check_tags(data.count(b"<"), run.limits)
    text, repaired = decode(data, declared=declared or (declared_charset(data) if html else None))
    if repaired:
        log.warning("%s: not valid UTF-8; invalid bytes were read as Windows-1252", origin)
    if not text.strip():
        raise IngestError("empty file")
    try:
        return make_article(id=id, text=None if html else text, html=text if html else None,
                            url=url, default_published=run.published, origin=origin,
                            boilerplate=run.boilerplate)
    except IngestError:
        raise
    except Exception as exc:  # a page that breaks the extractor is one failure
        log.debug("%s: extraction failed", origin, exc_info=True)
        raise IngestError(f"could not extract the article: {type(exc).__name__}: {exc}") from None


def check_tags(tags: int, limits: Limits) -> None:
    """Refuse a page with more tags than extraction can go through in bounded time (see
    `limits`); `tags` counts "<", a cheap upper bound."""
    if tags > limits.max_html_tags:
        raise IngestError(f"page has {tags:,} HTML tags, over the limit of "
                          f"{limits.max_html_tags:,} for one page",
                          hint="set ENTENTE_MAX_HTML_TAGS to raise it")


# -- JSONL --------------------------------------------------------------------------------------
def read_jsonl_file(path: Path, origin: str, gz: bool, run: Run) -> Iterator[Item]:
    """A .jsonl/.ndjson file, gzipped or not (gzip is recognised by its bytes too)."""
    with open(path, "rb") as raw:
        head = raw.read(2)
        raw.seek(0)
        if gz or head == GZIP_MAGIC:
            counter = CountingReader(raw)
            with gzip.GzipFile(fileobj=counter) as stream:
                yield from read_jsonl(stream, origin, run, counter=counter)
        else:
            yield from read_jsonl(raw, origin, run)


def read_stdin(stdin: BinaryIO | None, run: Run) -> Iterator[Item]:
    """JSONL on standard input (gzipped or not)."""
    if stdin is None:
        yield Failure(origin=STDIN, message="no standard input to read", kind="ingest")
        return
    if getattr(stdin, "isatty", lambda: False)():
        yield Failure(origin=STDIN, kind="ingest",
                      message="standard input is a terminal: give files or folders, or pipe JSONL")
        return
    head = stdin.read(2)
    stream = io.BufferedReader(Prefixed(head, stdin))
    if head == GZIP_MAGIC:
        counter = CountingReader(stream)
        with gzip.GzipFile(fileobj=counter) as gz_stream:
            yield from read_jsonl(gz_stream, STDIN, run, counter=counter)
    else:
        yield from read_jsonl(stream, STDIN, run)


def read_jsonl(stream: LineStream, name: str, run: Run, *,
               counter: CountingReader | None = None) -> Iterator[Item]:
    """Contract input records, one per line; blank lines are skipped."""
    guard = StreamGuard(run.limits, counter)
    max_line = run.limits.max_line_bytes
    lineno = records = 0
    try:
        while True:
            line = stream.readline(max_line + 1)
            if not line:
                break
            lineno += 1
            stop = guard.add(len(line))
            if lineno == 1 and line.startswith(codecs.BOM_UTF8):  # files saved by Windows tools
                line = line[len(codecs.BOM_UTF8):]
            if len(line) > max_line and not line.endswith(b"\n"):
                records += 1
                yield Failure(origin=f"{name}:{lineno}", kind="ingest",
                              message=f"line is longer than {describe_size(max_line)}, the limit "
                                      "for one JSONL line (ENTENTE_MAX_LINE_MB raises it); skipped")
                stop = stop or skip_line(stream, guard)
            elif line.strip():
                records += 1
                yield jsonl_item(line, f"{name}:{lineno}", run)
            if stop:
                yield Failure(origin=f"{name}:{lineno}", message=stop, kind="ingest")
                return
    except (*_GZIP_ERRORS, OSError) as exc:
        yield Failure(origin=f"{name}:{lineno + 1}", kind="ingest",
                      message=f"cannot read further ({exc}); the rest of the input is skipped")
        return
    if records == 0:
        yield Failure(origin=name, message="empty input: no JSON records", kind="ingest")


def skip_line(stream: LineStream, guard: StreamGuard) -> str | None:
    """Read past the rest of an over-long line in bounded chunks; a reason to stop, or None."""
    while True:
        chunk = stream.readline(1 << 20)
        stop = guard.add(len(chunk))
        if stop or not chunk or chunk.endswith(b"\n"):
            return stop


def jsonl_item(line: bytes, origin: str, run: Run) -> Item:
    """One JSONL line → Article, or a Failure naming the line and the record id."""
    try:
        record = decode_record(line, origin)
    except msgspec.ValidationError as exc:
        return Failure(origin=origin, message=f"not a valid input record: {exc}", kind="ingest")
    except msgspec.DecodeError as exc:
        return Failure(origin=origin, message=f"invalid JSON: {exc}", kind="ingest")
    except RecursionError:
        return Failure(origin=origin, message="invalid JSON: nested too deeply", kind="ingest")
    rid = str(record.id).strip()
    if not rid:
        return Failure(origin=origin, message='record has an empty "id"', kind="ingest")
    body = record.text if record.text and record.text.strip() else record.html or ""
    limit = run.limits.max_article_bytes
    if len(body) > limit // 4 and len(body.encode("utf-8", "replace")) > limit:
        return Failure(origin=origin, kind="ingest",
                       message=f"record {rid!r}: text is over the {describe_size(limit)} limit "
                               "for one article (ENTENTE_MAX_ARTICLE_MB raises it)")
    try:
        if body is record.html:
            check_tags(body.count("<"), run.limits)
        return article_from_record(record, origin=origin, default_published=run.published,
                                   boilerplate=run.boilerplate)
    except IngestError as exc:
        hint = f" ({exc.hint})" if exc.hint else ""
        return Failure(origin=origin, message=f"record {rid!r}: {exc.message}{hint}",
                       kind="ingest")
    except Exception as exc:  # a page that breaks the extractor is one failure
        log.debug("%s: extraction failed", origin, exc_info=True)
        return Failure(origin=origin, kind="ingest",
                       message=f"record {rid!r}: could not extract the article: "
                               f"{type(exc).__name__}: {exc}")


def decode_record(line: bytes, origin: str) -> InputRecord:
    try:
        return msgspec.json.decode(line, type=InputRecord)
    except UnicodeDecodeError:
        text, _ = decode(line)
        log.warning("%s: not valid UTF-8; invalid bytes were read as Windows-1252", origin)
        return msgspec.json.decode(text.encode("utf-8"), type=InputRecord)


# -- stream plumbing ----------------------------------------------------------------------------
class CountingReader(io.RawIOBase):
    """A read-only stream that counts the bytes read through it (the compressed side of gzip)."""

    def __init__(self, inner: BinaryIO) -> None:
        self.inner = inner
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self.inner.read(len(buffer))
        buffer[: len(data)] = data
        self.count += len(data)
        return len(data)


class Prefixed(io.RawIOBase):
    """`head` followed by the rest of `inner`: lets a sniffed stream be read from its start."""

    def __init__(self, head: bytes, inner: BinaryIO) -> None:
        self.head = head
        self.inner = inner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n], self.head = self.head[:n], self.head[n:]
            return n
        data = self.inner.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class StreamGuard:
    """Stops a decompressing stream that grows too big or too fast (a gzip bomb)."""

    def __init__(self, limits: Limits, counter: CountingReader | None) -> None:
        self.limits = limits
        self.counter = counter
        self.produced = 0

    def add(self, n: int) -> str | None:
        self.produced += n
        if self.counter is None:
            return None
        if self.produced > self.limits.max_stream_bytes:
            return (f"stopped: decompressed input passed {describe_size(self.limits.max_stream_bytes)}"
                    " (ENTENTE_MAX_STREAM_GB raises the limit)")
        if (self.produced > self.limits.ratio_check_after
                and self.produced > self.limits.max_gzip_ratio * max(1, self.counter.count)):
            return (f"stopped: gzip data expands more than {self.limits.max_gzip_ratio:g} times "
                    "(a gzip bomb?); ENTENTE_MAX_GZIP_RATIO raises the limit")
        return None
