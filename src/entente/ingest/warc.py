"""WARC (and ARC) files: each HTML response becomes an article.

warcio reads records one at a time (gzip per record or not) and undoes the HTTP transfer and content
encodings; a payload is read at most up to the article size limit. Requests, metadata, non-HTML
payloads and non-2xx responses are skipped silently: they are not articles. A record whose headers
or lengths are broken stops the file with one failure naming the byte offset (nothing after it can
be trusted); the articles before it stand.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from entente.errors import IngestError
from entente.ingest.limits import describe_size
from entente.ingest.readers import Item, Run, document_article
from entente.records import Failure

log = logging.getLogger("entente.ingest")


def read_warc(path: Path, name: str, run: Run) -> Iterator[Item]:
    """Articles from the HTML responses of one WARC file (`name` is how messages call it)."""
    from warcio.archiveiterator import ArchiveIterator

    articles = 0
    with open(path, "rb") as f:
        it = ArchiveIterator(f, arc2warc=True)
        offset = 0
        try:
            for record in it:
                offset = it.offset
                item = warc_item(record, name, offset, run)
                if item is not None:
                    articles += 1
                    yield item
        except Exception as exc:  # warcio raises several kinds on broken input
            at = it.offset if isinstance(getattr(it, "offset", None), int) else offset
            yield Failure(origin=f"{name}:byte {at}", kind="ingest",
                          message=f"broken WARC record ({type(exc).__name__}: {exc}); "
                                  "the rest of the file is skipped")
            return
    if articles == 0:
        yield Failure(origin=name, message="no HTML responses in this WARC file", kind="ingest")


def warc_item(record: Any, name: str, offset: int, run: Run) -> Item | None:
    """One record → Article or Failure; None when the record is not an HTML page."""
    headers = record.rec_headers
    content_type, status = _payload_type(record)
    if "html" not in content_type.lower() or not status.startswith("2"):
        return None
    uri = headers.get_header("WARC-Target-URI")
    rid = headers.get_header("WARC-Record-ID")
    aid = uri or rid or f"{name}:byte {offset}"
    origin = f"{name}:{aid}"
    limit = run.limits.max_article_bytes
    try:
        payload = record.content_stream().read(limit + 1)
    except Exception as exc:  # bad chunking or content encoding in one record
        return Failure(origin=origin, message=f"cannot decode the HTTP payload: {exc}", kind="ingest")
    if len(payload) > limit:
        return Failure(origin=origin, kind="ingest",
                       message=f"page is over the {describe_size(limit)} limit for one article "
                               "(ENTENTE_MAX_ARTICLE_MB raises it)")
    try:
        return document_article(payload, id=aid, origin=origin, html=True, run=run,
                                declared=_charset(content_type), url=uri)
    except IngestError as exc:
        return Failure(origin=origin, message=exc.message, kind="ingest")


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
