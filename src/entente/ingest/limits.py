"""Size limits that keep ingest's memory bounded whatever the input.

One article is at most `max_article_bytes` (a .txt/.html file, one JSONL record's text or html, one
WARC payload), decompressed. A JSONL line is read with a bounded `readline`, so a 100 MB line costs
at most `max_line_bytes` of memory before it is reported and skipped. A compressed stream stops when
it has produced `max_stream_bytes`, or when, past `ratio_check_after` bytes, it has produced more
than `max_gzip_ratio` times what it read (news JSONL and HTML compress 4-20 times; a gzip bomb of
zeros, a thousand times). An HTML page holds at most `max_html_tags` tags (opening and closing):
main-text extraction takes time quadratic in the number of elements (50,000 sibling paragraphs
take seconds, 300,000 take minutes), and news pages, ads and navigation included, hold a few
thousand.

The defaults suit news; `Limits.from_env()` lets a user raise them without code:
ENTENTE_MAX_ARTICLE_MB, ENTENTE_MAX_LINE_MB, ENTENTE_MAX_STREAM_GB, ENTENTE_MAX_GZIP_RATIO,
ENTENTE_MAX_HTML_TAGS.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import msgspec

from entente.errors import UsageError

MB = 1_000_000
GB = 1_000_000_000
# Ratio checks start only after this much output, so small, very repetitive files are not refused.
RATIO_CHECK_AFTER = 64 * MB
DEFAULT_GZIP_RATIO = 200.0

_ENV = {
    "ENTENTE_MAX_ARTICLE_MB": ("max_article_bytes", MB),
    "ENTENTE_MAX_LINE_MB": ("max_line_bytes", MB),
    "ENTENTE_MAX_STREAM_GB": ("max_stream_bytes", GB),
    "ENTENTE_MAX_GZIP_RATIO": ("max_gzip_ratio", 1),
    "ENTENTE_MAX_HTML_TAGS": ("max_html_tags", 1),
}


class Limits(msgspec.Struct, frozen=True, kw_only=True):
    """How much ingest reads before it reports an input as too big."""

    max_article_bytes: int = 10 * MB
    max_line_bytes: int = 32 * MB
    max_stream_bytes: int = 64 * GB
    max_gzip_ratio: float = DEFAULT_GZIP_RATIO
    ratio_check_after: int = RATIO_CHECK_AFTER
    max_html_tags: int = 100_000

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Limits:
        """The defaults, overridden by ENTENTE_MAX_* environment variables (in MB, GB or a ratio)."""
        env = os.environ if env is None else env
        values: dict[str, float] = {}
        for var, (field, unit) in _ENV.items():
            raw = env.get(var)
            if not raw:
                continue
            try:
                number = float(raw)
            except ValueError:
                raise UsageError(f"{var} must be a number, got {raw!r}") from None
            if number <= 0:
                raise UsageError(f"{var} must be positive, got {raw!r}")
            values[field] = number * unit if unit != 1 else number
        ratio = float(values.pop("max_gzip_ratio", DEFAULT_GZIP_RATIO))
        return cls(**{k: int(v) for k, v in values.items()}, max_gzip_ratio=ratio)


def describe_size(n: int) -> str:
    """A size for humans: "52.4 MB", "812 kB", "17 bytes"."""
    if n >= GB:
        return f"{n / GB:.1f} GB"
    if n >= MB:
        return f"{n / MB:.1f} MB"
    if n >= 1000:
        return f"{n / 1000:.0f} kB"
    return f"{n} bytes"
