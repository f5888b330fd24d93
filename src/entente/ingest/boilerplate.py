"""The paragraph-level boilerplate filter, driven by `data/boilerplate.yaml`.

Main-text extraction drops navigation, sidebars and footers, but CMS leftovers inside the article
body survive it ("This block is broken or missing...", "Share on Facebook", "Read more: ...").
Each pattern in the data file describes a whole boilerplate paragraph; a paragraph goes when the
patterns cover most of its letters and digits (see the file's header for the exact rule), so a
news sentence that merely contains "read more" or "all rights reserved" stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import msgspec
import yaml

from entente.errors import KnowledgeBaseError

DATA_FILE = Path(__file__).parent / "data" / "boilerplate.yaml"
SCHEMA_FILE = Path(__file__).parent / "data" / "boilerplate.schema.json"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class PatternSpec(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One boilerplate pattern as written in the data file."""

    id: str
    description: str
    regex: str
    examples: list[str]
    keep: list[str] = msgspec.field(default_factory=list)
    unless: str | None = None
    max_words: int | None = None


class PatternFile(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A boilerplate data file."""

    schema: int
    patterns: list[PatternSpec]
    min_coverage: float = 0.8
    max_words: int = 80


class Pattern(msgspec.Struct, frozen=True, kw_only=True):
    """A compiled pattern."""

    id: str
    regex: re.Pattern[str]
    unless: re.Pattern[str] | None
    max_words: int


class Boilerplate:
    """Decides which paragraphs are boilerplate. Build with `Boilerplate.load()`."""

    def __init__(self, patterns: Sequence[Pattern], *, min_coverage: float = 0.8) -> None:
        self.patterns = tuple(patterns)
        self.min_coverage = min_coverage

    @classmethod
    def load(cls, extra_paths: Iterable[str | Path] = ()) -> Boilerplate:
        """The packaged patterns plus a user's extra pattern files (same schema)."""
        return _load(tuple(str(p) for p in extra_paths))

    def match(self, paragraph: str) -> str | None:
        """The id of the pattern that makes `paragraph` boilerplate, or None when it is text."""
        words = len(paragraph.split())
        covered = bytearray(len(paragraph))
        first: str | None = None
        for pattern in self.patterns:
            if words > pattern.max_words:
                continue
            if pattern.unless is not None and pattern.unless.search(paragraph):
                continue
            for m in pattern.regex.finditer(paragraph):
                if m.end() > m.start():
                    covered[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
                    first = first or pattern.id
        if first is None:
            return None if any(c.isalnum() for c in paragraph) else "no_words"
        total = sum(1 for c in paragraph if c.isalnum())
        if total == 0:
            return "no_words"
        hit = sum(1 for c, on in zip(paragraph, covered, strict=True) if on and c.isalnum())
        return first if hit >= self.min_coverage * total else None

    def split(self, paragraphs: Iterable[str]) -> tuple[list[str], list[str]]:
        """(kept, removed) paragraphs, each list in the original order."""
        kept: list[str] = []
        removed: list[str] = []
        for p in paragraphs:
            (removed if self.match(p) else kept).append(p)
        return kept, removed


@lru_cache(maxsize=8)
def _load(extra_paths: tuple[str, ...]) -> Boilerplate:
    patterns: list[Pattern] = []
    coverage = None
    for path in (str(DATA_FILE), *extra_paths):
        spec = read_pattern_file(path)
        coverage = coverage if coverage is not None else spec.min_coverage
        patterns.extend(compile_patterns(spec, path))
    seen: set[str] = set()
    for p in patterns:
        if p.id in seen:
            raise KnowledgeBaseError(f"pattern id {p.id!r} is defined twice", where=path_of(p.id))
        seen.add(p.id)
    return Boilerplate(patterns, min_coverage=coverage or 0.8)


_origins: dict[str, str] = {}


def path_of(pattern_id: str) -> str:
    """'file:line' where a pattern id is defined (for error messages)."""
    return _origins.get(pattern_id, pattern_id)


def read_pattern_file(path: str | Path) -> PatternFile:
    """Read and validate one pattern file (raises KnowledgeBaseError naming the file and entry)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(f"cannot read boilerplate patterns: {exc}", where=str(path)) from None
    try:
        spec = msgspec.convert(data, PatternFile)
    except msgspec.ValidationError as exc:
        raise KnowledgeBaseError(f"breaks the boilerplate schema: {exc}", where=str(path),
                                 hint=f"see {SCHEMA_FILE.name}") from None
    for n, line in enumerate(text.splitlines(), 1):
        m = re.match(r"\s*-\s*id:\s*['\"]?([\w-]+)", line)
        if m:
            _origins[m.group(1)] = f"{path}:{n}"
    return spec


def compile_patterns(spec: PatternFile, path: str | Path) -> list[Pattern]:
    """Compile a file's patterns, checking ids and regular expressions."""
    out = []
    for p in spec.patterns:
        where = _origins.get(p.id, f"{path}: pattern {p.id!r}")
        if not _ID.match(p.id):
            raise KnowledgeBaseError(f"pattern id {p.id!r} must be snake_case", where=where)
        try:
            regex = re.compile(p.regex, re.IGNORECASE)
            unless = re.compile(p.unless, re.IGNORECASE) if p.unless else None
        except re.error as exc:
            raise KnowledgeBaseError(f"pattern {p.id!r} has a bad regex: {exc}", where=where) from None
        max_words = min(p.max_words or spec.max_words, spec.max_words)
        out.append(Pattern(id=p.id, regex=regex, unless=unless, max_words=max_words))
    return out
