"""Ingest: files, folders, JSONL, WARC and standard input → clean `Article`s.

    read_inputs(["news/", "feed.jsonl.gz", "crawl.warc.gz", "-"]) ──► Article | Failure, in order

Readers (`readers`, `warc`) stream their input within size limits (`limits`), decode bytes by a
fixed policy (`decode`), extract the main text and metadata of HTML pages with trafilatura (`html`),
drop boilerplate paragraphs listed in a data file (`boilerplate`, `data/boilerplate.yaml`) and build
the article with its headline first and its content hash (`article`, `text`). A bad input is one
`Failure` naming the file and line or record; nothing is raised for expected problems.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import BinaryIO

from entente.ingest.article import InputRecord, make_article
from entente.ingest.boilerplate import Boilerplate
from entente.ingest.limits import Limits
from entente.ingest.readers import SUPPORTED, Run, read_path, read_stdin
from entente.ingest.text import content_hash
from entente.records import Article, Failure

__all__ = [
    "SUPPORTED",
    "Boilerplate",
    "InputRecord",
    "Limits",
    "content_hash",
    "make_article",
    "read_inputs",
]


def read_inputs(
    paths: Sequence[str],
    *,
    stdin: BinaryIO | None = None,
    published: str | None = None,
    limits: Limits | None = None,
    boilerplate: Boilerplate | None = None,
) -> Iterator[Article | Failure]:
    """Read every input in order: files, folders (recursive, sorted), and `-` for JSONL on `stdin`.

    `published` (YYYY-MM-DD) is used only for articles that give no date of their own. `limits`
    defaults to `Limits.from_env()`, `boilerplate` to the packaged patterns.
    """
    run = Run(limits=limits or Limits.from_env(),
              boilerplate=boilerplate or Boilerplate.load(), published=published)
    for path in paths:
        if path == "-":
            yield from read_stdin(stdin, run)
        else:
            yield from read_path(path, run)
