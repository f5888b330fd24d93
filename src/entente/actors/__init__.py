"""Actors: the knowledge base and the time-aware resolver.

    from entente.actors import KnowledgeBase, Resolver, resolve
    kb = KnowledgeBase.load()                         # packaged data + users' files
    Resolver(kb).mentions(doc, date(2021, 8, 10))     # every actor mention in a spaCy Doc
    resolve("Erdogan", date(2010, 5, 1))              # Actor(code="TURGOV", ...) (prime minister)
    kb.place("Nagorno-Karabakh")                      # Place(lat=39.8, lon=46.75, country="AZE")

The knowledge base is data (kb/*.yaml, kb/*.csv; schemas in kb/README.md), linted by the tests.
Users add or override entries in their own files (`KnowledgeBase.load(extra_paths=...)` or the
ENTENTE_KB_PATH environment variable), including PETRARCH actor and agent dictionaries.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from entente.actors.kb import KnowledgeBase
from entente.actors.model import Place
from entente.actors.resolver import Resolver
from entente.records import Actor

__all__ = ["KnowledgeBase", "Place", "Resolver", "default_resolver", "explain", "resolve"]


@lru_cache(maxsize=1)
def default_resolver() -> Resolver:
    """A Resolver over the default knowledge base (cached per process)."""
    return Resolver(KnowledgeBase.load())


def resolve(text: str, on: date | None = None, *, resolver: Resolver | None = None) -> Actor | None:
    """The actor one string names on a date (None: the knowledge base's `as_of` date)."""
    return (resolver or default_resolver()).resolve(text, on)


def explain(text: str, on: date | None = None, *, resolver: Resolver | None = None) -> dict[str, Any]:
    """How `text` resolves: matched aliases, candidates with their source lines, the choice."""
    from entente.actors.report import explain as _explain

    return _explain(resolver or default_resolver(), text, on)
