"""Which entry a name stands for, in its context, and why.

    "Ankara said"            capital, not after a locative preposition -> Turkey's government
    "a factory in Ankara"    after a locative preposition               -> the place Ankara (TUR)
    "Aliyev" (2010)          two Aliyevs; only Ilham in office          -> Ilham Aliyev
    "Jordan's King Abdullah" two King Abdullahs; country context        -> Abdullah II of Jordan
    "Congo"                  declared ambiguous in ambiguous.yaml       -> its `prefer` entry

`choose` returns the candidates left (one, when the choice is made) and the reason, which
`entente actor --explain` prints.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from entente.actors.model import Alias, Entry
from entente.actors.text import key
from entente.actors.timeline import active_terms

# When nothing else decides, the more specific kind of entry wins.
_TYPE_ORDER = ("country", "igo", "group", "actor", "media", "org", "place", "person")


class Choice:
    """The entries a name may stand for after context, the alias chosen, and why."""

    def __init__(self, entries: list[Entry], alias: Alias | None, reason: str) -> None:
        self.entries, self.alias, self.reason = entries, alias, reason

    @property
    def entry(self) -> Entry | None:
        return self.entries[0] if len(self.entries) == 1 else None


def choose(kb: Any, aliases: tuple[Alias, ...], text: str, *, day: date, locative: bool = False,
           country: str | None = None, person: str | None = None,
           context: dict[str, int] | None = None) -> Choice:
    """Pick among the entries `aliases` name; `country` is a country the context gives
    ("Jordan's King Abdullah"), `person` a person the article already named in full, `context`
    how often the article names each entry unambiguously (None: no article, a bare string)."""
    by_id = {a.key: a for a in aliases}
    entries = [kb.entries[i] for i in by_id]
    if person and person in by_id:
        return Choice([kb.entries[person]], by_id[person], "linked to the full name in the text")
    declared = kb.ambiguous.get(key(text))
    if context is not None and declared and declared.get("context") and not locative:
        chosen = _in_context(kb, declared, by_id, context)
        if chosen is not None:
            return chosen
    if len(entries) == 1:
        return Choice(entries, aliases[0], "the only entry with this name")
    places = [e for e in entries if e.type == "place"]
    if locative and places and (declared is None or declared.get("policy") == "locative"):
        return Choice(places[:1], by_id[places[0].id], "a place after a locative preposition")
    if declared and declared.get("prefer") in by_id:
        pid = declared["prefer"]
        return Choice([kb.entries[pid]], by_id[pid], "declared in ambiguous.yaml")
    persons = [e for e in entries if e.type == "person"]
    if persons and len(persons) == len(entries):
        return _choose_person(kb, persons, by_id, day, country)
    best = min(entries, key=lambda e: _TYPE_ORDER.index(e.type) if e.type in _TYPE_ORDER else 99)
    return Choice([best], by_id[best.id], f"a {best.type} rather than {len(entries) - 1} other(s)")


def _in_context(kb: Any, declared: dict[str, str], by_id: dict[str, Alias],
                context: dict[str, int]) -> Choice | None:
    """ambiguous.yaml's `context`: "Brussels" is the EU when the article names the EU more often
    than Belgium (`in_context`, `unless`); "the Commission" names the European Commission only
    where the EU is named (no `in_context`: nothing otherwise)."""
    hits = sum(context.get(i, 0) for i in declared["context"].split())
    against = sum(context.get(i, 0) for i in declared.get("unless", "").split())
    wanted = declared.get("in_context")
    if hits > against:
        if wanted in by_id:
            return Choice([kb.entries[wanted]], by_id[wanted], f"in the context of {wanted}")
        return None
    if wanted is None:
        return Choice([], None, f"needs the context of {declared['context']}")
    return None


def _choose_person(kb: Any, persons: list[Entry], by_id: dict[str, Alias], day: date,
                   country: str | None) -> Choice:
    if country:
        here = [p for p in persons if any(_of_country(kb, t.of) == country for t in p.terms)]
        if len(here) == 1:
            return Choice(here, by_id[here[0].id], f"the only one with an office of {country}")
        persons = here or persons
    active = [p for p in persons if active_terms(kb, p, day)]
    if len(active) == 1:
        return Choice(active, by_id[active[0].id], f"the only one in office on {day}")
    if not active:
        former = [(p, max(t.end for t in p.terms if t.end)) for p in persons
                  if any(t.end and t.end <= day for t in p.terms)]
        if former:
            latest = max(former, key=lambda pe: pe[1])
            if sum(1 for _, end in former if end == latest[1]) == 1:
                return Choice([latest[0]], by_id[latest[0].id],
                              f"no one in office on {day}; the most recent holder")
    left = active or persons
    return Choice(left, None, f"{len(left)} persons share this name on {day}")


def _of_country(kb: Any, of: str) -> str | None:
    entry = kb.get(of)
    return entry.country if entry is not None else None
