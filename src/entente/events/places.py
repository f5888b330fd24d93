"""Where: the place an event happened, from the sentence, with coordinates from the gazetteer.

A location is a nominal attached to the trigger (or, for a noun event, to the verb that carries
it) by "in", "at", "near", "outside", "inside", "across" or "along": "clashed *in* Kabul",
"clashes *in the disputed Nagorno-Karabakh region*". An event inside a relative clause
introduced by "where" happened at the noun the clause modifies ("the region, *where* Turkish
support proved crucial"). Names are looked up in the knowledge base's gazetteer
(`kb.place(name)`), longest candidate first ("Gaza City" before "Gaza"); a country mention with
no gazetteer entry gives a location with the country code and no coordinates.
"""

from __future__ import annotations

from typing import Any

from entente.events import syntax as sx
from entente.events.arguments import ActorIndex
from entente.events.syntax import Token
from entente.records import Location

__all__ = ["locate"]

LOCATIVE = ("in", "at", "near", "outside", "inside", "across", "along", "on")


def locate(trigger: Token, index: ActorIndex, kb: Any) -> Location | None:
    """The location of the event triggered at `trigger`, or None."""
    for head in _candidates(trigger):
        loc = _place(head, index, kb)
        if loc is not None:
            return loc
    return None


def _candidates(trigger: Token) -> list[Token]:
    out: list[Token] = []
    carriers = [trigger]
    if sx.is_nominal(trigger) and trigger.head != trigger:
        carriers.append(trigger.head)
    # "killed fifteen worshippers *at a mosque in Kabul*": locatives inside the object phrase.
    carriers += [c for o in sx.objects(trigger) for c in sx.conjuncts(o)]
    carriers += sx.agent(trigger) + sx.kids(trigger, *sx.SUBJ)
    if sx.is_nominal(trigger):  # "talks with Japan's prime minister *in Tokyo*"
        carriers += sx.kids(trigger, "nmod")
    for c in carriers:
        for prep in LOCATIVE:
            out += [h for h in sx.prep_objects(c, prep) if h.i != trigger.i]
    antecedent = where_antecedent(trigger)
    if antecedent is not None:
        out.append(antecedent)
    return out


def where_antecedent(trigger: Token) -> Token | None:
    """For an event in a "where" clause ("the region, *where* Turkish support proved crucial"),
    the noun just before "where" (read from the words, which survive a misattached clause)."""
    for a in [trigger, *sx.ancestors(trigger, 5)]:
        where = [w for w in a.children if w.lower_ == "where" and w.i < trigger.i]
        if where:
            i = where[0].i - 1
            doc = trigger.doc
            while i >= 0 and doc[i].pos_ == "PUNCT":
                i -= 1
            return doc[i] if i >= 0 and sx.is_nominal(doc[i]) else None
        if sx.is_verbal(a) and a != trigger:
            break
    return None


def _names(head: Token) -> list[str]:
    """Candidate place names in a nominal, longest first: "Nagorno-Karabakh region",
    "Nagorno-Karabakh", then the head word itself."""
    doc = head.doc
    end = max([head.i, *(c.i for c in head.children if sx.dep(c) in ("flat", "compound")
                         and c.i > head.i)]) + 1
    caps = [t for t in doc[head.left_edge.i:end] if t.text[:1].isupper() and t.i <= end - 1]
    names = []
    if caps:
        names.append(doc[caps[0].i:end].text)
        names.append(doc[caps[0].i:caps[-1].i + 1].text)
    names.append(doc[head.i:end].text)
    out: list[str] = []
    for n in names:
        if n and n not in out:
            out.append(n)
    return out


def _place(head: Token, index: ActorIndex, kb: Any, depth: int = 2) -> Location | None:
    """The place a locative nominal names, looking one or two locatives deeper when the nominal
    itself is no place ("at a mosque *in Kabul*")."""
    loc = _named_place(head, index, kb)
    if loc is not None or depth <= 0:
        return loc
    for prep in LOCATIVE:
        for inner in sx.prep_objects(head, prep):
            loc = _place(inner, index, kb, depth - 1)
            if loc is not None:
                return loc
    return None


def _named_place(head: Token, index: ActorIndex, kb: Any) -> Location | None:
    lookup = getattr(kb, "place", None)
    if lookup is not None:
        for name in _names(head):
            place = lookup(name)
            if place is not None:
                return Location(name=place.name, country=place.country, lat=place.lat,
                                lon=place.lon)
    for m in index.at(head.i):
        if (m.type in ("country", "place") or m.kind == "place") and m.actor.country:
            name = m.actor.name or m.actor.text
            return Location(name=name, country=m.actor.country)
    return None
