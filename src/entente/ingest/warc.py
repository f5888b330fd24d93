"""WARC (and ARC) files: each HTML response becomes an article.

warcio reads records one at a time (gzip per record or not) and undoes the HTTP transfer and content
encodings; a payload is read at most up to the article size limit. Requests, metadata, non-HTML
payloads and non-2xx responses are skipped silently: they are not articles. A record whose headers
cannot be parsed stops the file with one failure naming the byte offset (nothing after it can be
trusted); the articles before it stand. A record whose Content-Length does not match its content
(warcio notices and resynchronises) is one failure, and reading goes on.
"""

from __future__ import annotations

import io
import logging
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr
from pathlib import Path
from typing import Any

import msgspec

from entente.errors import IngestError
from entente.ingest.decode import GZIP_MAGIC
from entente.ingest.limits import describe_size
from entente.ingest.readers import Item, Run, document_article
from entente.records import Failure

log = logging.getLogger("entente.ingest")
# After this many broken records in a row the file is garbage, not a WARC with a few bad lengths.
MAX_BAD_IN_A_ROW = 5


def read_warc(path: Path, name: str, run: Run) -> Iterator[Item]:
    """Articles from the HTML responses of one WARC file (`name` is how messages call it)."""
    problem = _not_warc(path)
    if problem:
        yield Failure(origin=name, message=problem, kind="ingest")
        return
    items = 0
    for item in _records(path, name, run):
        items += 1
        yield item
    if items == 0:
        yield Failure(origin=name, message="no HTML responses in this WARC file", kind="ingest")


def _records(path: Path, name: str, run: Run) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as f:
        it = ArchiveIterator(f)
        records = iter(it)
        bad_in_a_row = 0
        while True:
            offset = it.offset
            try:
                with _warcio_quiet():
                    record = next(records, None)
                    if record is None:
                        return
                    offset, errors = it.offset, it.err_count
                    page = warc_payload(record, name, offset, run)
                    it.read_to_end()
            except Exception as exc:  # warcio raises several kinds on broken input
                yield Failure(origin=f"{name}:byte {offset}", kind="ingest",
                              message=f"broken WARC record ({type(exc).__name__}: {exc}); "
                                      "the rest of the file is skipped")
                return
            bad_in_a_row = bad_in_a_row + 1 if it.err_count > errors else 0
            if bad_in_a_row:
                yield Failure(origin=f"{name}:byte {offset}", kind="ingest",
                              message="WARC record length does not match its content "
                                      "(wrong Content-Length?); record skipped"
                                      + ("; too many in a row, the rest of the file is skipped"
                                         if bad_in_a_row >= MAX_BAD_IN_A_ROW else ""))
                if bad_in_a_row >= MAX_BAD_IN_A_ROW:
                    return
                continue
            if page is not None:
                yield warc_article(page, run)


def _not_warc(path: Path) -> str | None:
    """Why `path` is not a WARC file (judged by its first record's first bytes), or None."""
    with open(path, "rb") as f:
        head = f.read(4096)
    if head.startswith(GZIP_MAGIC):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error as exc:
            return f"not a valid gzip file: {exc}"
    if not head.strip():
        return "empty file"
    if not head.lstrip().startswith(b"WARC/"):
        return "not a WARC file (it does not start with a WARC/1.x record header)"
    return None


@contextmanager
def _warcio_quiet() -> Iterator[None]:
    """warcio prints its warnings about bad record lengths to stderr; ingest reports them as
    failures instead, so capture them (and keep them in the debug log)."""
    buffer = io.StringIO()
    with redirect_stderr(buffer):
        yield
    if buffer.getvalue():
        log.debug("warcio: %s", buffer.getvalue().strip())


class Page(msgspec.Struct, frozen=True, kw_only=True):
    """The payload of one HTML response, or the failure to read it."""

    id: str
    origin: str
    uri: str | None
    content_type: str
    payload: bytes = b""
    failure: str | None = None


def warc_payload(record: Any, name: str, offset: int, run: Run) -> Page | None:
    """The payload of one record; None when the record is not an HTML page."""
    headers = record.rec_headers
    content_type, status = _payload_type(record)
    if "html" not in content_type.lower() or not status.startswith("2"):
        return None
    uri = headers.get_header("WARC-Target-URI")
    aid = uri or headers.get_header("WARC-Record-ID") or f"{name}:byte {offset}"
    page = Page(id=aid, origin=f"{name}:{aid}", uri=uri, content_type=content_type)
    limit = run.limits.max_article_bytes
    try:
        payload = record.content_stream().read(limit + 1)
    except Exception as exc:  # bad chunking or content encoding in one record
        return msgspec.structs.replace(page, failure=f"cannot decode the HTTP payload: {exc}")
    if len(payload) > limit:
        return msgspec.structs.replace(
            page, failure=f"page is over the {describe_size(limit)} limit for one article "
                          "(ENTENTE_MAX_ARTICLE_MB raises it)")
    return msgspec.structs.replace(page, payload=payload)


def warc_article(page: Page, run: Run) -> Item:
    """One page → Article or Failure."""
    if page.failure:
        return Failure(origin=page.origin, message=page.failure, kind="ingest")
    try:
        return document_article(page.payload, id=page.id, origin=page.origin, html=True, run=run,
                                declared=_charset(page.content_type), url=page.uri)
    except IngestError as exc:
        return Failure(origin=page.origin, message=exc.message, kind="ingest")


def _payload_type(record: Any) -> tuple[str, str]:
    """(content type, HTTP status) of a response or resource record; ("", "") for other records."""
    if record.rec_type == "response" and record.http_headers is not None:
        http = record.http_headers
        return http.get_header("Content-Type") or "", http.get_statuscode() or ""
    if record.rec_type == "resource":
        return record.rec_headers.get_header("Content-Type") or "", "200"
    return "", ""


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None
