"""The knowledge base's own records: entries, office terms, dated codes, places and aliases.

All are frozen msgspec Structs, built once when the knowledge base loads. Every record keeps
`source` ("countries.yaml:12", "offices/europe.csv:431") so that `--explain` and lint messages can
say where a fact came from.
"""

from __future__ import annotations

from datetime import date

import msgspec

# Entry types. The first part of an entry id names its type ("country:TUR", "person:...").
TYPES = ("country", "place", "person", "igo", "group", "media", "org", "actor")


class Term(msgspec.Struct, frozen=True):
    """One term in one office: `of` is an ISO3 code or an entry id (igo:NATO, group:hamas).

    The term covers `start <= day < end`; `end` None means still in office.
    """

    of: str
    office: str
    start: date | None
    end: date | None
    source: str = ""
    note: str = ""

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


class Period(msgspec.Struct, frozen=True):
    """A sector an entry carries for a while (the Taliban are REB until 2021-08-15, then GOV)."""

    role: str
    start: date | None = None
    end: date | None = None

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


class DatedCode(msgspec.Struct, frozen=True):
    """A CAMEO code valid in a date window (PETRARCH `[TURGOV >030314]`); both ends inclusive, as
    PETRARCH reads them; a code with neither end is the default."""

    code: str
    start: date | None = None
    end: date | None = None

    @property
    def default(self) -> bool:
        return self.start is None and self.end is None

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class Entry(msgspec.Struct, frozen=True, kw_only=True):
    """One actor or place the knowledge base knows."""

    id: str
    type: str
    name: str
    country: str | None = None
    org: str | None = None
    role: str | None = None
    code: str | None = None
    nat: str | None = None
    parent: str | None = None
    terms: tuple[Term, ...] = ()
    periods: tuple[Period, ...] = ()
    codes: tuple[DatedCode, ...] = ()
    lat: float | None = None
    lon: float | None = None
    kind: str | None = None
    note: str = ""
    source: str = ""
    user: bool = False


class Place(msgspec.Struct, frozen=True):
    """A gazetteer answer: `kind` is country, capital, city, region, conflict, sea or macro."""

    name: str
    country: str | None
    lat: float
    lon: float
    kind: str


class Alias(msgspec.Struct, frozen=True):
    """A string that names an entry. `kind`: name | short (a surname used alone) | adj (demonym) |
    seat (metonymy for a sector of the country: "the Kremlin" -> GOV) | capital.

    `role` is the sector a seat stands for; `cased` says whether matching respects case (proper
    names do; user PETRARCH phrases, written in capitals, do not).
    """

    text: str
    key: str
    kind: str = "name"
    role: str | None = None
    cased: bool = True
    user: bool = False
    source: str = ""


class Sector(msgspec.Struct, frozen=True):
    """A noun or phrase that names an actor of a sector ("troops" -> MIL); weak ones give way to a
    stronger neighbour ("rebel officials" -> REB)."""

    text: str
    role: str
    weak: bool = False
    source: str = ""
