"""Ingest: files, folders, JSONL, WARC and standard input → clean `Article`s.

PLACEHOLDER (to be replaced by the ingest work): plain-text and JSONL only, no extraction.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

import msgspec

from entente.records import Article, Failure

__all__ = ["content_hash", "make_article", "read_inputs"]


def content_hash(text: str) -> str:
    norm = re.sub(r"\W+", " ", text.casefold()).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def make_article(*, id: str, text: str, **meta: str | None) -> Article:
    return Article(id=id, text=text, content_hash=content_hash(text), **meta)  # type: ignore[arg-type]


def read_inputs(
    paths: Sequence[str], *, stdin: BinaryIO | None = None, published: str | None = None
) -> Iterator[Article | Failure]:
    for p in paths:
        path = Path(p)
        if path.suffix in (".jsonl", ".ndjson"):
            for n, line in enumerate(path.read_bytes().splitlines(), 1):
                rec = msgspec.json.decode(line)
                yield make_article(id=str(rec["id"]), text=rec["text"],
                                   published=rec.get("published") or published)
        else:
            yield make_article(id=path.name, text=path.read_text(), published=published)
