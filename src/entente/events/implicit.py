"""Implicit arguments: a side of an event that is another event of the article.

"Yoon condemned *the launch*", "Guterres welcomed *the agreement*", "Moscow rejected *the
allegations*", "talks brokered by Saudi Arabia": the object names an event told before, not an
actor, and the target is a side of that event: the launcher, the parties to the deal, the
accuser. `Memory` keeps the events coded so far in the article (in text order, the current
sentence included); `implicit_targets` looks the object noun up in the referent classes of the
lexicon (`ref_conflict`, `ref_deal`, `ref_accusation`, `ref_measure` in classes.yaml) and takes
the side of the latest remembered event of a fitting kind. Only a definite noun ("the launch",
"this deal") refers back; the coder lowers the confidence of such a side.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from entente.events import syntax as sx
from entente.events.arguments import Filler
from entente.events.syntax import Token
from entente.records import Actor, Event, Mention

__all__ = ["REFERENTS", "Memory", "implicit_targets"]

DEFINITE = frozenset({"the", "this", "that", "these", "those"})


class Referent(NamedTuple):
    side: str             # "agent": the source of the remembered event; "parties": both sides
    roots: frozenset[str]
    accused: bool = False  # prefer a remembered event aimed at the current source


# Word class (classes.yaml) → which side of which kind of remembered event the noun stands for.
REFERENTS: dict[str, Referent] = {
    "ref_conflict": Referent("agent", frozenset({"13", "14", "15", "17", "18", "19", "20"})),
    "ref_measure": Referent("agent", frozenset({"16", "17", "13"})),
    "ref_deal": Referent("parties", frozenset({"03", "04", "05", "06", "08"})),
    "ref_accusation": Referent("agent", frozenset({"11", "10", "13", "12"}), accused=True),
}


def _country(a: Actor | None) -> str | None:
    return None if a is None else (a.country or a.org)


class Memory:
    """The events coded so far in one article, in text order."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def add(self, events: Sequence[Event]) -> None:
        self.events.extend(events)

    def sides(self, ref: Referent, exclude: set[str]) -> list[Actor]:
        """The side(s) of the latest remembered event that fits `ref`, none of them in
        `exclude` (the current event's own sources)."""
        ranked = list(reversed(self.events))
        if ref.accused and exclude:
            ranked = sorted(ranked, key=lambda e: _country(e.target) not in exclude)
        for ev in ranked:
            if ev.root not in ref.roots or ev.modality != "asserted":
                continue
            found = [ev.source] if ref.side == "agent" else [ev.source, ev.target]
            out = [a for a in found if a is not None and _country(a) and _country(a) not in exclude]
            if ref.side == "agent" and ev.source is not None and _country(ev.source) in exclude:
                continue
            if out:
                return _unique(out)
        return []


def _unique(actors: list[Actor]) -> list[Actor]:
    seen: dict[str | None, Actor] = {}
    for a in actors:
        seen.setdefault(_country(a), a)
    return list(seen.values())


def object_nouns(t: Token) -> list[Token]:
    """The nouns an event verb is done to: its objects, the noun a participle modifies ("talks
    *brokered* by X"), and what it is done over ("protested *over* the seizure")."""
    heads = [c for o in sx.objects(t) for c in sx.conjuncts(o)]
    if sx.dep(t) == "acl" and t.head is not t and sx.is_nominal(t.head):
        heads.append(t.head)
    heads += sx.prep_objects(t, "over")
    return [h for h in heads if sx.is_nominal(h)]


def _definite(h: Token) -> bool:
    return any(sx.dep(c) == "det" and c.lower_ in DEFINITE for c in h.children)


def implicit_targets(t: Token, classes: dict[str, frozenset[str]], memory: Memory,
                     sources: Sequence[Filler]) -> list[Filler]:
    """Targets for the verb `t` whose object is a definite noun referring to an earlier event."""
    exclude = {c for s in sources if (c := _country(s.mention.actor))}
    for h in object_nouns(t):
        if not _definite(h):
            continue
        words = set(sx.words(h))
        for name, ref in REFERENTS.items():
            if words & classes.get(name, frozenset()):
                found = memory.sides(ref, exclude)
                if found:
                    return [_filler(a, h.i) for a in found]
    return []


def _filler(actor: Actor, token: int) -> Filler:
    mention = Mention(start=token, end=token, char_start=0, char_end=0, actor=actor,
                      key=None, entity=f"implicit:{actor.id or actor.code or actor.country}",
                      kind="implicit")
    return Filler(mention, token, "implicit")
