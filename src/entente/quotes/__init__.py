"""Quotes, attribution chains and coreference.

PLACEHOLDER (to be replaced by the quotes work): finds nothing.
"""

from __future__ import annotations

from typing import Any

from entente.records import Mention, QuoteSpan

__all__ = ["extract"]


def extract(doc: Any, mentions: list[Mention], article_id: str) -> list[QuoteSpan]:
    return []
