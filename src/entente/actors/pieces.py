"""Pieces: the spans the matcher and the named-entity recogniser find, before phrases are built.

A piece is a knowledge-base name (with its candidate aliases), a sector noun, a person the
knowledge base does not know (from NER or from a given name), or an unknown organisation (NER).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from entente.actors.matcher import SECTOR, Hit
from entente.actors.model import Alias, Sector
from entente.actors.text import key

ORG_TYPES = ("igo", "group", "media", "org", "actor")
MOD_TYPES = ("country", "igo", "group", "actor", "place")


@dataclass
class Piece:
    """A span of tokens [start, end) and what it may mean."""

    start: int
    end: int
    kind: str  # name | sector | person (unknown person) | org (unknown organisation)
    aliases: tuple[Alias, ...] = ()
    sector: Sector | None = None
    text: str = ""
    entity: str | None = None  # set by person linking
    person: str | None = None  # the knowledge-base person chosen by linking, if any
    name: str | None = None  # an unknown person's full name (for a surname piece)

    def types(self, kb: Any) -> set[str]:
        return {kb.entries[a.key].type for a in self.aliases}

    def can_modify(self, kb: Any) -> bool:
        """Can it stand before a sector noun ("Turkish troops", "NATO forces", "Hamas fighters")?"""
        return self.kind == "name" and any(
            a.kind in ("adj", "capital", "seat") or (
                kb.entries[a.key].type in MOD_TYPES and kb.entries[a.key].country is not None)
            or kb.entries[a.key].type in ("igo", "actor") for a in self.aliases)

    def is_person(self, kb: Any) -> bool:
        return self.kind == "person" or (self.kind == "name" and "person" in self.types(kb))


def from_hits(doc: Any, hits: list[Hit], kb: Any) -> list[Piece]:
    """Pieces for the matcher's hits (names looked up by their text, sector nouns by theirs)."""
    pieces = []
    for hit in hits:
        text = doc[hit.start:hit.end].text
        if hit.label == SECTOR:
            sector = kb.sector(text)
            if sector is not None:
                pieces.append(Piece(hit.start, hit.end, "sector", sector=sector, text=text))
            continue
        aliases = kb.lookup(text)
        if hit.label != "ENTENTE_NAME":
            aliases = tuple(a for a in aliases if not a.cased) or aliases
        else:
            aliases = tuple(a for a in aliases if a.cased) or aliases
        if aliases:
            pieces.append(Piece(hit.start, hit.end, "name", aliases=aliases, text=text))
    return pieces


def covered(pieces: list[Piece]) -> set[int]:
    """The token indices any piece covers."""
    return {i for p in pieces for i in range(p.start, p.end)}


def named_entries(kb: Any, pieces: list[Piece]) -> dict[str, int]:
    """How often the article names each entry unambiguously (a name with one candidate entry),
    counting an organ for its parent too ("the European Parliament" names the EU)."""
    counts: dict[str, int] = {}
    for p in pieces:
        keys = {a.key for a in p.aliases} if p.kind == "name" else set()
        if len(keys) != 1 or "context" in kb.ambiguous.get(key(p.text), ()):
            continue  # a name read in context does not make its own context
        k = keys.pop()
        counts[k] = counts.get(k, 0) + 1
        parent = kb.entries[k].parent
        if parent:
            counts[parent] = counts.get(parent, 0) + 1
    return counts
