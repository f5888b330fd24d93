"""Actors: the knowledge base and the time-aware resolver.

PLACEHOLDER (to be replaced by the actors work): finds nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from entente.records import Actor, Mention

__all__ = ["KnowledgeBase", "Resolver"]


class KnowledgeBase:
    version = "placeholder"

    @classmethod
    def load(cls, extra_paths: tuple[str, ...] = ()) -> KnowledgeBase:
        return cls()


class Resolver:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def mentions(self, doc: Any, ref_date: date | None) -> list[Mention]:
        return []

    def actor_at(self, mention: Mention, on: date | None) -> Actor:
        return mention.actor
