"""Coding posted articles with the same Engine as `entente code`, and telling coded records
from articles still to be coded.

The Engine is built on first use (the model loads once per process) and shared: a lock lets one
batch at a time through it, since a spaCy pipeline is not meant to be driven from two threads.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterable, Iterator
from typing import Any

import msgspec

from entente.errors import ApiError
from entente.records import Article, ArticleRecord, Failure

CODE_BATCH = 64  # articles coded per turn of the engine lock
_MAX_SHOWN = 10  # invalid records named in one 422 message


class _Kind(msgspec.Struct):
    """Just enough of a record to tell an output record (article_id) from an input one (id)."""

    article_id: Any = None


_probe = msgspec.json.Decoder(_Kind)
_record = msgspec.json.Decoder(ArticleRecord)


def is_coded(line: bytes) -> bool:
    try:
        return _probe.decode(line).article_id is not None
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
        return False  # not an object at all: ingest reports it as a bad input record


def kind_of(lines: list[bytes]) -> str:
    """"coded" when every record is an entente output record, "articles" when none is; 422 for
    a mixture (which would be ambiguous to report on)."""
    coded = sum(is_coded(line) for line in lines)
    if coded == len(lines):
        return "coded"
    if coded == 0:
        return "articles"
    raise ApiError(f"{coded} of {len(lines)} records are coded entente records and the others "
                   "are articles to code; send one kind per request", status=422)


def decode_coded(lines: list[bytes]) -> list[ArticleRecord]:
    """Coded records, all valid, or a 422 naming the first invalid ones by position."""
    out, bad = [], []
    for n, line in enumerate(lines, start=1):
        try:
            record = _record.decode(line)
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            bad.append(f"record {n}: not an entente record: {exc}")
            continue
        except RecursionError:
            bad.append(f"record {n}: not an entente record: nested too deeply")
            continue
        if record.schema != "entente/1":
            bad.append(f"record {n}: schema {record.schema!r} is not entente/1")
        elif not record.article_id.strip():
            bad.append(f"record {n}: empty article_id")
        else:
            out.append(record)
    if bad:
        more = f" (and {len(bad) - _MAX_SHOWN} more)" if len(bad) > _MAX_SHOWN else ""
        raise ApiError("; ".join(bad[:_MAX_SHOWN]) + more, status=422,
                       hint="nothing was stored; fix these records and send the batch again")
    return out


def read_articles(lines: list[bytes], *, published: str | None = None,
                  name: str = "request") -> Iterator[Article | Failure]:
    """Input records → Articles, as `entente code -` reads them; origins are "request:N"."""
    from entente.ingest import Boilerplate, Limits
    from entente.ingest.readers import Run, read_jsonl

    run = Run(limits=Limits.from_env(), boilerplate=Boilerplate.load(), published=published)
    yield from read_jsonl(io.BytesIO(b"\n".join(lines) + b"\n"), name, run)


class Coder:
    """The process's Engine behind a lock, built on first use (or injected by tests)."""

    def __init__(self, engine: Any = None) -> None:
        self._engine = engine
        self._lock = threading.Lock()

    def _get(self) -> Any:
        if self._engine is None:
            from entente.pipeline import Engine

            self._engine = Engine()
        return self._engine

    def code(self, items: Iterable[Article | Failure]) -> Iterator[ArticleRecord | Failure]:
        """Records and failures in input order; the engine is held one batch at a time."""
        batch: list[Article | Failure] = []
        for item in items:
            batch.append(item)
            if len(batch) >= CODE_BATCH:
                yield from self._code_batch(batch)
                batch = []
        if batch:
            yield from self._code_batch(batch)

    def _code_batch(self, batch: list[Article | Failure]) -> list[ArticleRecord | Failure]:
        with self._lock:
            return list(self._get().code_many(batch))


def failure_dict(failure: Failure) -> dict[str, str]:
    return {"origin": failure.origin, "message": failure.message, "kind": failure.kind}
