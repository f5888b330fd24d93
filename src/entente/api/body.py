"""Reading POST bodies within limits, and splitting them into one JSON object per record.

A body may be one JSON object, a JSON array of objects, or JSONL (one object per line). It is
read in chunks and refused with 413 as soon as it passes the byte limit (the Content-Length
header is checked first, so an honest client learns it without sending everything). Records are
handed on as JSON lines, so that ingest reads them exactly as it reads `entente code -`: a bad
record becomes one reported failure and the others go on.
"""

from __future__ import annotations

import msgspec
from fastapi import Request
from starlette.requests import ClientDisconnect

from entente.errors import ApiError

MEDIA_TYPES = ("application/json", "application/x-ndjson", "application/jsonl",
               "application/json-seq", "text/jsonl")


def check_media_type(request: Request) -> None:
    """Writes must say they are JSON: a cross-site HTML form cannot, so it cannot post here."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in MEDIA_TYPES:
        raise ApiError(f"send JSON or JSONL, not {kind or 'an untyped body'}", status=415,
                       hint="set Content-Type: application/json (or application/x-ndjson)")


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, at most `limit` bytes (413 beyond)."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            size = int(declared)
        except ValueError:
            raise ApiError("Content-Length is not a number", status=400) from None
        if size > limit:
            raise _too_big(limit)
    chunks, total = [], 0
    try:
        async for chunk in request.stream():
            total += len(chunk)
            if total > limit:
                raise _too_big(limit)
            chunks.append(chunk)
    except ClientDisconnect:  # the client went away mid-body: nobody to answer, nothing to log
        raise ApiError("the client closed the connection before sending the whole body",
                       status=400) from None
    return b"".join(chunks)


def _too_big(limit: int) -> ApiError:
    return ApiError(f"request body is larger than the limit of {limit:,} bytes", status=413,
                    hint="send fewer articles per request")


def split_records(body: bytes, max_records: int) -> list[bytes]:
    """One JSON text per record. 422 for a body that is no JSON at all, 413 past `max_records`."""
    text = repair_utf8(body.strip())
    if not text:
        raise ApiError("empty body: send a JSON object, a JSON array of objects, or JSONL",
                       status=422)
    if text[:1] == b"[":
        lines = _array_items(text)
    elif text[:1] == b"{":
        try:
            msgspec.json.decode(text)
            lines = [text]
        except msgspec.DecodeError:  # more than one object: JSONL
            lines = [line.strip() for line in text.splitlines() if line.strip()]
        except RecursionError:
            raise ApiError("body is not valid JSON: nested too deeply", status=422) from None
    else:
        raise ApiError("body is not JSON: send a JSON object, a JSON array of objects, or JSONL",
                       status=422)
    lines = [one_line(line) for line in lines]
    if len(lines) > max_records:
        raise ApiError(f"{len(lines):,} records in one request; the limit is {max_records:,}",
                       status=413, hint="split the batch into several requests")
    return lines


def repair_utf8(text: bytes) -> bytes:
    """Valid UTF-8: bytes that are not are read by ingest's policy (a BOM, then Windows-1252
    for stray bytes), as `entente code -` reads them, so one bad byte never drops a record."""
    try:
        text.decode("utf-8")
    except UnicodeDecodeError:
        from entente.ingest.decode import decode

        return decode(text)[0].encode("utf-8")
    return text


def one_line(text: bytes) -> bytes:
    """A JSON text on one line: a raw newline can only be whitespace between tokens (inside a
    JSON string it must be escaped), so it can become a space."""
    return text.replace(b"\r", b" ").replace(b"\n", b" ")


def _array_items(text: bytes) -> list[bytes]:
    try:
        items = msgspec.json.decode(text, type=list[msgspec.Raw])
    except msgspec.DecodeError as exc:
        raise ApiError(f"body is not a valid JSON array: {exc}", status=422) from None
    except RecursionError:
        raise ApiError("body is not a valid JSON array: nested too deeply", status=422) from None
    return [bytes(item).strip() for item in items]
