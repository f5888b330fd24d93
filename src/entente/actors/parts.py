"""The pieces a knowledge base is assembled from, collected file by file before indexing.

Loaders (`loader`, `offices`, `petrarch`) add to one `Parts`; `KnowledgeBase` then indexes it.
Persons are collected row by row (one person may hold several offices, in several files) and built
into entries at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from entente.actors.model import Alias, Entry, Sector, Term
from entente.actors.text import fold, strip_article

_ROMAN = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XIV", "XVI"}
_SUFFIXES = {"Jr.", "Jr", "Sr.", "Sr"}


@dataclass
class PersonDraft:
    """A person as the office rows describe them, before the entry is frozen."""

    id: str
    name: str
    source: str
    aka: list[str] = field(default_factory=list)
    shorts: list[str] | None = None  # None: derive from the name
    terms: list[Term] = field(default_factory=list)
    nat: str | None = None
    note: str = ""
    user: bool = False
    country: str | None = None
    role: str | None = None


@dataclass
class Parts:
    """Everything read so far. `user` marks what came from a user's file (it wins conflicts)."""

    entries: dict[str, Entry] = field(default_factory=dict)
    aliases: list[Alias] = field(default_factory=list)
    sectors: list[Sector] = field(default_factory=list)
    persons: dict[str, PersonDraft] = field(default_factory=dict)
    ambiguous: dict[str, dict] = field(default_factory=dict)
    office_titles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    office_roles: dict[str, str] = field(default_factory=dict)
    office_priority: tuple[str, ...] = ()
    roles: set[str] = field(default_factory=set)
    markers: set[str] = field(default_factory=set)
    backed: set[str] = field(default_factory=set)
    pro: set[str] = field(default_factory=set)
    ethnic: set[str] = field(default_factory=set)
    locative: set[str] = field(default_factory=set)
    affiliation: set[str] = field(default_factory=set)
    place_verbs: set[str] = field(default_factory=set)
    org_heads: set[str] = field(default_factory=set)
    state_bodies: set[str] = field(default_factory=set)
    context_sectors: set[str] = field(default_factory=set)
    context_exclude: set[str] = field(default_factory=set)
    context_foreign: set[str] = field(default_factory=set)
    context_owner_verbs: set[str] = field(default_factory=set)
    given_names: set[str] = field(default_factory=set)
    as_of: date | None = None
    files: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add_entry(self, entry: Entry) -> None:
        """Add or replace an entry (a user's entry with a packaged id replaces it, aliases too)."""
        if entry.user and entry.id in self.entries and not self.entries[entry.id].user:
            self.aliases = [a for a in self.aliases if a.key != entry.id]
        self.entries[entry.id] = entry

    def add_alias(self, text: str, key: str, *, kind: str = "name", role: str | None = None,
                  cased: bool = True, user: bool = False, source: str = "") -> None:
        """Add an alias and its diacritic-free spelling."""
        text = text.strip()
        if not text:
            return
        variants = [text, fold(text)]
        if cased and text.startswith("the "):  # "The Commission" opening a sentence
            variants += ["T" + v[1:] for v in variants]
        for variant in dict.fromkeys(variants):
            self.aliases.append(Alias(variant, key, kind, role, cased, user, source))

    def build_persons(self) -> None:
        """Freeze the collected persons into entries and aliases."""
        for draft in self.persons.values():
            terms = tuple(sorted(draft.terms, key=lambda t: (t.start or date.min, t.office)))
            nat = draft.nat or next((t.of for t in reversed(terms) if len(t.of) == 3), None)
            self.add_entry(Entry(id=draft.id, type="person", name=draft.name, terms=terms, nat=nat,
                                 country=draft.country, role=draft.role, note=draft.note,
                                 source=draft.source, user=draft.user))
            for text in [draft.name, *draft.aka]:
                self.add_alias(text, draft.id, user=draft.user, source=draft.source)
            for short in person_shorts(draft.name, draft.shorts):
                self.add_alias(short, draft.id, kind="short", user=draft.user, source=draft.source)
        self.persons.clear()


def person_shorts(name: str, shorts: list[str] | None) -> list[str]:
    """The names a person goes by alone: the given shorts, or the last word of the name (skipping
    "Jr." and regnal numbers), plus "Sisi" for "el-Sisi"."""
    if shorts is None:
        words = [w for w in name.split() if w not in _SUFFIXES and w not in _ROMAN]
        shorts = [words[-1]] if len(words) > 1 else []
    out: list[str] = []
    for short in shorts:
        out.append(short)
        bare = strip_article(short)
        if bare:
            out.append(bare)
    return out
