"""Who: the actor mentions that fill an event's source and target slots.

`ActorIndex` maps tokens to the resolver's `Mention`s. A slot ("subj", "obj", "with", "between",
"poss", "into_deep", ...) names where to look from a trigger; each slot gives a list of *groups*,
one group per coordinated conjunct ("Erdoğan and Aliyev" → two groups), each group holding the
mentions of that conjunct (usually one; "the two countries" holds two, from coreference).

A nominal's actor is the mention covering its head word, else the mentions in its modifiers
("*Turkish* troops", "the government *of Sudan*", "*Russia's* decision", "officials *from*
Armenia"). A place mention stands for its country when it fills a slot ("shelled areas of
Kharkiv" → Ukraine), with a lower confidence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import msgspec

from entente.events import syntax as sx
from entente.events.syntax import Token
from entente.records import Actor, Mention

__all__ = ["ActorIndex", "Filler"]

MODIFIER_DEPS = ("amod", "compound", "nmod:poss", "flat", "nmod", "appos", "nmod:desc")
# "officials *of* X", "*X's* envoy", and "several governments, *including Chile*": the members
# named for an unnamed group stand for it
MODIFIER_CASES = (None, "of", "from", "'s", "’s", "including")
NOUN_SOURCE_SLOTS = ("poss", "agent", "amod", "compound")
PLACE_TYPES = frozenset({"place", "city", "region", "location"})
TEMPORAL = frozenset({"after", "before", "following", "during", "amid", "since", "until", "ahead"})


class Filler(msgspec.Struct, frozen=True):
    """One actor filling a slot: the mention, the token it was found at and how."""

    mention: Mention
    token: int
    how: str  # direct | modifier | deep | place | coref

    @property
    def key(self) -> str:
        m = self.mention
        return m.entity or m.key or f"{m.start}:{m.end}:{m.actor.text}"


class ActorIndex:
    """Mentions by token, and the slot lookups the coder needs."""

    def __init__(self, mentions: Sequence[Mention], places: Any = None,
                 owned: frozenset[str] = frozenset(), staff: frozenset[str] = frozenset()):
        self._owned = owned  # nouns whose owner is their of-phrase or possessive (a "bid")
        # nouns for people who work for the institution their "at" phrase names ("officials *at
        # the Russian foreign ministry*"); others stand at a place ("protesters at the embassy")
        self._staff = staff
        self.by_token: dict[int, list[Mention]] = defaultdict(list)
        self.by_end: dict[int, list[Mention]] = defaultdict(list)
        for m in mentions:
            for i in range(m.start, m.end):
                self.by_token[i].append(m)
            self.by_end[m.end].append(m)
        self._places = places  # kb.place, for names the resolver left alone ("Kharkiv")
        self._place_cache: dict[int, Mention | None] = {}

    def at(self, i: int) -> list[Mention]:
        """The widest mentions covering token `i` (several when they share one span)."""
        found = self.by_token.get(i)
        if not found:
            return []
        widest = max(m.end - m.start for m in found)
        return [m for m in found if m.end - m.start == widest]

    def of(self, t: Token, depth: int = 2) -> list[Filler]:
        """The actors of the nominal headed by `t`: its own mention, else its modifiers'."""
        own = self.at(t.i)
        if own:
            how = "coref" if own[0].kind == "pronoun" or len(own) > 1 else _how(own[0])
            mine = [Filler(m, m.start, "modifier") for m in self.coordinated_left(own[0], t.doc)]
            mine += [Filler(m, t.i, how) for m in own]
            if any(_political(m) for m in own) or depth <= 0:
                return mine
            # "a journalist *from the United States*", "seven *UN* officials": a sector noun
            # whose modifier names the country says who it is.
            better = [f for f in self._modifiers(t, depth) if _political(f.mention)]
            return better or mine
        place = self.place(t)
        if place is not None:
            return [Filler(place, t.i, "place")]
        if depth <= 0:
            return []
        return self._modifiers(t, depth)

    def coordinated_left(self, m: Mention, doc: Any) -> list[Mention]:
        """Nationality adjectives coordinated before a mention that holds the noun ("*Pakistani*
        and Afghan border forces", "*US* and British warplanes", "*Indian*, Chinese troops"):
        each is an actor of its own on the same noun. Read from the words, not the parse."""
        out: list[Mention] = []
        i = m.start
        while i >= 2 and doc[i - 1].lower_ in ("and", ",", "&"):
            left = [x for x in self.by_end.get(i - 1, ()) if x.kind == "demonym" and _political(x)
                    and x.end - x.start <= 2]
            if not left or any(x.actor.country == m.actor.country for x in left):
                break
            out = left[:1] + out
            i = left[0].start
        return out

    def _modifiers(self, t: Token, depth: int) -> list[Filler]:
        # A modifier that names the head's nationality ("*Azerbaijani* counterpart") says more
        # than a possessor ("*his* counterpart"): take the best kind of modifier present.
        ranked: dict[int, list[Filler]] = {}
        owned = bool(self._owned and set(sx.words(t)) & self._owned)
        staff = t.lower_ in self._staff
        for c in t.children:
            rank = _modifier_rank(c)
            if rank is None and staff and sx.dep(c) == "nmod" and sx.case_word(c) == "at":
                rank = 1
            if owned and rank is not None:
                rank = {0: 2, 1: 1, 2: 0}[rank]  # "the NATO membership bids *of Finland*"
            if rank is None:
                continue
            for cc in sx.conjuncts(c):
                ranked.setdefault(rank, []).extend(
                    Filler(f.mention, f.token, "modifier" if f.how == "direct" else f.how)
                    for f in self.of(cc, depth - 1))
        for rank in sorted(ranked):
            if ranked[rank]:
                return ranked[rank]
        return []

    def place(self, t: Token) -> Mention | None:
        """A gazetteer place named by the proper noun `t` ("Stepanakert", "the Gaza Strip"), as a
        mention of its country; None when the gazetteer does not know it or gives no country."""
        if self._places is None or t.pos_ != "PROPN":
            return None
        if t.i in self._place_cache:
            return self._place_cache[t.i]
        doc = t.doc
        left = min([t.i, *(c.i for c in t.children if sx.dep(c) in ("compound", "flat", "amod")
                          and c.pos_ == "PROPN")])
        right = max([t.i, *(c.i for c in t.children if sx.dep(c) in ("flat",))])
        found = None
        for a, b in ((left, right + 1), (t.i, right + 1), (t.i, t.i + 1)):
            hit = self._places(doc[a:b].text)
            if hit is not None and getattr(hit, "country", None):
                span = doc[a:b]
                actor = Actor(text=span.text, name=hit.name, code=hit.country, country=hit.country)
                found = Mention(start=a, end=b, char_start=span.start_char, char_end=span.end_char,
                                actor=actor, kind="name", type="place")
                break
        self._place_cache[t.i] = found
        return found

    def deep(self, t: Token) -> list[Filler]:
        """The actors anywhere in the subtree of `t`, left to right, states and organisations
        first ("an inquiry into the killing of civilians by *Myanmar's army*")."""
        found: list[Filler] = []
        for tok in t.subtree:
            mentions = self.at(tok.i)
            if mentions:
                found += [Filler(m, tok.i, "deep") for m in mentions]
                continue
            place = self.place(tok)
            if place is not None:
                found.append(Filler(place, tok.i, "place"))
        return sorted(found, key=lambda f: not _political(f.mention))

    def groups(self, heads: Sequence[Token], deep: bool = False) -> list[list[Filler]]:
        """One group of fillers per coordinated conjunct of each head."""
        out = []
        for h in heads:
            for c in sx.conjuncts(h):
                found = self.deep(c) if deep else self.of(c)
                if found:
                    out.append(found)
        return out


def _political(m: Mention) -> bool:
    return bool(m.actor.country or m.actor.org)


def _modifier_rank(c: Token) -> int | None:
    d = sx.dep(c)
    if d in ("amod", "compound", "flat", "appos", "nmod:desc"):
        return 0
    if d == "nmod" and sx.case_word(c) in MODIFIER_CASES:
        return 1
    if d == "nmod:poss":
        return 2
    return None


def _how(m: Mention) -> str:
    if m.kind == "pronoun":
        return "coref"
    if (m.type or "") in PLACE_TYPES or m.kind == "place":
        return "place"
    return "direct"


def slot_heads(trigger: Token, slot: str, passive: bool) -> list[Token]:
    """The head tokens a slot points at from a trigger (before actor lookup)."""
    name = slot.removesuffix("_deep")
    if name == "subj":
        return sx.agent(trigger) if passive else sx.subject(trigger)
    if name == "obj":
        return sx.objects(trigger)
    if name == "iobj":
        return sx.kids(trigger, "iobj")
    if name == "pass_subj":
        return sx.kids(trigger, *sx.PASS_SUBJ)
    if name == "agent":
        return sx.agent(trigger)
    if name == "poss":
        own = sx.kids(trigger, "nmod:poss")
        if own:
            return own
        return [p for o in sx.objects(trigger) for p in sx.kids(o, "nmod:poss")]
    if name in ("amod", "compound"):
        return [c for c in sx.kids(trigger, name) if c.i < trigger.i]
    heads = sx.prep_objects(trigger, name)
    # "sent tanks and artillery *to Ukraine*", "pledged $5m in aid *to Ukraine*", "returned the
    # remains of soldiers *to Azerbaijan*": the preposition may hang inside the object phrase.
    if not heads:
        for o in _object_phrase(trigger):
            heads += sx.prep_objects(o, name)
    return heads


def _object_phrase(trigger: Token) -> list[Token]:
    """Nominals of the object phrase: objects, their conjuncts, nested of/in-modifiers, and the
    trigger's non-temporal obliques (two levels)."""
    out: list[Token] = []
    layer = [c for o in sx.objects(trigger) for c in sx.conjuncts(o)]
    layer += [c for c in sx.kids(trigger, "obl") if sx.case_word(c) not in TEMPORAL]
    for _ in range(2):
        out += layer
        layer = [n for x in layer for n in sx.kids(x, "nmod") if sx.case_word(n) in ("of", "in")]
    return out
