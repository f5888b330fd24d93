"""Events: the CAMEO/PLOVER coder.

PLACEHOLDER (to be replaced by the events work): codes nothing.
"""

from __future__ import annotations

from typing import Any

from entente.records import Article, Event, Mention, QuoteSpan

__all__ = ["Coder"]


class Coder:
    def __init__(self, kb: Any, lexicon: Any = None) -> None:
        self.kb = kb

    def code(self, doc: Any, mentions: list[Mention], quotes: list[QuoteSpan],
             article: Article) -> list[Event]:
        return []
