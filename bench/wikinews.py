"""The Wikinews 2019-2020 articles of `SHARED/datasets/wikinews_2019_2020`, read in place.

One reader for every benchmark, so they all time the same texts: rows in file order, the body's
paragraphs joined with "\\n\\n" as in entente's article text. Nothing is copied into the repository.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

FOLDER = Path("datasets") / "wikinews_2019_2020"
_BREAK = re.compile(r"[ \t\u00a0]*\n\s*\n\s*")


class Row(NamedTuple):
    id: str  # file stem and row number: "wikinews_2019:12"
    title: str
    body: str  # paragraphs joined with "\n\n"
    published: str | None  # the row's date, first ten characters
    url: str

    @property
    def text(self) -> str:
        """entente's article text: the headline paragraph, then the body."""
        return f"{self.title}\n\n{self.body}"


def available(shared: Path) -> bool:
    return (shared / FOLDER).is_dir()


def rows(shared: Path, limit: int = 0) -> list[Row]:
    """The articles in file order (`limit` 0: all of them)."""
    out = list(_read(shared))
    return out[:limit] if limit else out


def _read(shared: Path) -> Iterator[Row]:
    csv.field_size_limit(1 << 27)
    for path in sorted((shared / FOLDER).glob("wikinews_*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for n, row in enumerate(csv.DictReader(fh)):
                published = (row.get("date") or row.get("published") or "").strip()[:10] or None
                yield Row(f"{path.stem}:{n}", row["title"].strip(),
                          _BREAK.sub("\n\n", row["text"].strip()), published, row.get("url") or "")
