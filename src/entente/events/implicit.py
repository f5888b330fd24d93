"""Implicit arguments: a side of an event that is another event of the article.

"Yoon condemned *the launch*", "Guterres welcomed *the agreement*", "Moscow rejected *the
allegations*", "talks brokered by Saudi Arabia": the object names an event told before, not an
actor, and the target is a side of that event: the launcher, the parties to the deal, the
accuser. `Memory` keeps the events coded so far in the article (in text order, the current
sentence included); `implicit_targets` looks the object noun up in the referent classes of the
lexicon (`ref_conflict`, `ref_deal`, `ref_aid`, `ref_accusation`, `ref_measure`, then `ref_act`
for any act, in classes.yaml) and takes the side of the latest remembered event of a fitting
kind. Only a definite noun ("the launch", "this deal") refers back; the coder lowers the
confidence of such a side.
"""

from __future__ import annotations

from collections import Counter
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
    "ref_aid": Referent("agent", frozenset({"06", "07"})),
    "ref_accusation": Referent("agent", frozenset({"11"}), accused=True),
    # any act, when no class above fits ("welcomed the decision" to free prisoners)
    "ref_act": Referent("agent", frozenset(f"{n:02d}" for n in range(2, 21))),
}


ANY_ACT = REFERENTS["ref_act"]


def _country(a: Actor | None) -> str | None:
    return None if a is None else (a.country or a.org)


def _told_with(ev: Event) -> set[str]:
    """The word an event was told with, and its base forms ("launched" → launch)."""
    last = ev.evidence.trigger.lower().split(" ")[-1]
    return {last, *sx.base_forms(last)}


def _excluded(a: Actor | None, exclude: set[str], strict: bool) -> bool:
    """Is `a` one of the current event's own sources: the same entity, or (strict) the same
    country or organisation."""
    if a is None:
        return False
    return bool(_keys(a) & exclude) or (strict and _country(a) in exclude)


def _domestic(ev: Event) -> bool:
    return bool(ev.source and ev.target and _country(ev.source) == _country(ev.target))


def _keys(a: Actor | None) -> set[str]:
    """What identifies an actor for exclusion: its id (an entity), else its country."""
    if a is None:
        return set()
    return {a.id} if a.id else ({c} if (c := _country(a)) else set())


class Memory:
    """The events coded so far in one article, in text order, and the countries its actor
    mentions name (the article's focus)."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.countries: Counter[str] = Counter()
        self.last_seen: dict[str, int] = {}
        self._clock = 0

    def add(self, events: Sequence[Event]) -> None:
        self.events.extend(events)

    def note(self, mentions: Sequence[Mention], weight: int = 1) -> None:
        """Count the countries named by the mentions of a sentence (not pronouns); the headline
        and the lead count more (`weight`)."""
        for m in mentions:
            c = m.actor.country
            if c and m.kind in ("name", "title", "metonymy", "demonym", "place"):
                self._clock += 1
                self.countries[c] += weight
                self.last_seen[c] = self._clock

    def focus(self) -> str | None:
        """The country the article is about so far: named at least twice and more often than
        any other (None when no country stands out)."""
        top = self.countries.most_common(2)
        if not top or top[0][1] < 2 or (len(top) > 1 and top[1][1] == top[0][1]):
            return None
        return top[0][0]

    def sides(self, ref: Referent, exclude: set[str],
              words: frozenset[str] | set[str] = frozenset(), only_told: bool = False
              ) -> list[Actor]:
        """The side(s) of the latest remembered event that fits `ref`, none of them in
        `exclude` (the current event's own sources). An event told with the same word as the
        referring noun ("launched" for "the launch") comes first (`only_told`: only such)."""
        ranked = sorted(reversed(self.events), key=lambda e: not words & _told_with(e))
        if only_told:
            ranked = [e for e in ranked if words & _told_with(e)]
        if ref.accused and exclude:
            ranked.sort(key=lambda e: not (_keys(e.target) & exclude))
        for ev in ranked:
            if ev.root not in ref.roots or ev.modality != "asserted":
                continue
            if ref.side == "parties" and not ev.reciprocal and ev.cameo[:2] == "04":
                continue  # a mediator or a host is no party to the talks
            found = [ev.source] if ref.side == "agent" else [ev.source, ev.target]
            if ref.side == "agent" and _excluded(ev.source, exclude, strict=True):
                continue
            out = [a for a in found if a is not None and _country(a)
                   and not _excluded(a, exclude, strict=True)]
            if not out and _domestic(ev):  # "his forces would abide by the truce": the other side
                out = [a for a in found if a is not None and not _excluded(a, exclude, strict=False)]
            if out:
                return _unique(out)
        return []

    def counterpart(self, countries: set[str], keys: set[str]) -> list[Actor]:
        """The other side of the latest conflictual event (roots 10-20) that involved one of
        `countries`: whom an actor with no named target faces. Another country first; else,
        in a domestic conflict, another actor of the same country (not one of `keys`); else the
        other country of the latest event of any kind."""
        for foreign, conflict in ((True, True), (False, True), (True, False)):
            for ev in reversed(self.events):
                if conflict and ev.root < "10":
                    continue
                for mine, other in ((ev.source, ev.target), (ev.target, ev.source)):
                    if mine is None or other is None or _country(mine) not in countries:
                        continue
                    if not _country(other):
                        continue
                    if foreign and _country(other) not in countries:
                        return [other]
                    if not foreign and not _keys(other) & keys and _keys(mine) & keys:
                        return [other]
        return []

    def latest_pair(self, exclude: frozenset[str] | set[str] = frozenset()) -> list[Actor]:
        """The two sides of the latest event with two political sides, reciprocal ones first
        ("the two leaders", "both sides" with no antecedent the resolver found); none of them
        in `exclude` (countries or organisations), and not one country twice."""
        for reciprocal in (True, False):
            for ev in reversed(self.events):
                if reciprocal and not ev.reciprocal:
                    continue
                a, b = _country(ev.source), _country(ev.target)
                if a and b and a != b and not {a, b} & exclude:
                    return [ev.source, ev.target]  # type: ignore[list-item]
        return []


def _unique(actors: list[Actor]) -> list[Actor]:
    """One actor per entity (the two sides of a domestic conflict stay two)."""
    seen: dict[str | None, Actor] = {}
    for a in actors:
        seen.setdefault(a.id or f"{_country(a)}:{a.role}", a)
    return list(seen.values())


def object_nouns(t: Token) -> list[tuple[Token, bool]]:
    """The nouns an event verb is done to, each with whether it may refer back: its objects
    (when definite: "the launch"), the noun a participle or a relative clause modifies ("talks
    *brokered* by X", "a charge the government *denies*"), and what it is done over ("protested
    *over* the seizure")."""
    heads = [(c, _definite(c)) for o in sx.objects(t) for c in sx.conjuncts(o)]
    d = sx.dep(t)
    if d.startswith("acl") and t.head != t and sx.is_nominal(t.head) and not heads:
        heads.append((t.head, True))
    heads += [(h, _definite(h)) for h in sx.prep_objects(t, "over")]
    # "provided support *for the operation*": help given for an act helps its agent
    heads += [(h, _definite(h)) for h in sx.prep_objects(t, "for")]
    return [(h, ok) for h, ok in heads if sx.is_nominal(h)]


def _definite(h: Token) -> bool:
    return any(sx.dep(c) == "det" and c.lower_ in DEFINITE for c in h.children)


def source_keys(sources: Sequence[Filler]) -> set[str]:
    """The entities and the countries of the sources (see `_excluded`)."""
    out: set[str] = set()
    for s in sources:
        out |= _keys(s.mention.actor)
        if s.mention.entity:
            out.add(s.mention.entity)
        if c := _country(s.mention.actor):
            out.add(c)
    return out


def implicit_targets(t: Token, classes: dict[str, frozenset[str]], memory: Memory,
                     sources: Sequence[Filler]) -> list[Filler]:
    """Targets for the verb `t` whose object is a noun referring to an earlier event."""
    exclude = source_keys(sources)
    for h, ok in object_nouns(t):
        if not ok:
            continue
        found = referent_sides(h, classes, memory, exclude)
        if found:
            return found
    return []


def referent_sides(h: Token, classes: dict[str, frozenset[str]], memory: Memory,
                   exclude: set[str]) -> list[Filler]:
    """The remembered side(s) a referring noun stands for ("the launch" → the launcher)."""
    words = set(sx.words(h))
    for name, ref in REFERENTS.items():
        if words & classes.get(name, frozenset()):
            found = memory.sides(ref, exclude, words)
            if found:
                return [_filler(a, h.i) for a in found]
    if h.lower_.endswith("ing"):
        # "condemned *the stripping* of citizenship": a gerund names the act told with its verb
        verb = set(sx.base_forms(h.lower_))
        found = memory.sides(ANY_ACT, exclude, verb, only_told=True)
        return [_filler(a, h.i) for a in found]
    return []


def counterpart_targets(sources: Sequence[Filler], memory: Memory, token: int) -> list[Filler]:
    """Whom the sources face in the article so far (see `Memory.counterpart`)."""
    mine = {c for s in sources if (c := _country(s.mention.actor))}
    keys = {k for s in sources for k in _keys(s.mention.actor)}
    return [_filler(a, token) for a in memory.counterpart(mine, keys)] if mine else []


def pair_fillers(memory: Memory, token: int,
                 exclude: frozenset[str] | set[str] = frozenset()) -> list[Filler]:
    """The sides of the latest two-sided event, as fillers (see `Memory.latest_pair`)."""
    return [_filler(a, token) for a in memory.latest_pair(exclude)]


def _filler(actor: Actor, token: int) -> Filler:
    mention = Mention(start=token, end=token, char_start=0, char_end=0, actor=actor,
                      key=None, entity=f"implicit:{actor.id or actor.code or actor.country}",
                      kind="implicit")
    return Filler(mention, token, "implicit")
