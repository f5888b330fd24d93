"""Phrases -> Mentions: choose the entry, resolve it on the date, and say what kind of mention it is.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from entente.actors.choose import Choice, choose
from entente.actors.compose import Phrase
from entente.actors.model import Entry
from entente.actors.pieces import Piece
from entente.actors.timeline import role_on
from entente.records import Actor, Mention

_COMBATANT = {"REB", "MIL", "UAF", "PRM"}


def build_mention(kb: Any, doc: Any, phrase: Phrase, day: date,
                  context: dict[str, int] | None = None) -> Mention | None:
    """The mention a phrase makes, or None when it names nothing codable. `context` counts the
    entries the article names unambiguously (see `choose`)."""
    text = doc[phrase.start:phrase.end].text
    head = phrase.head
    if head is not None and head.is_person(kb) and (head.kind == "person" or head.person or
                                                    phrase.kind == "title" or _only_persons(kb, head)):
        return _person(kb, doc, phrase, head, text, day, context)
    if phrase.kind == "nominal":
        if _modifies_a_noun(doc, phrase.end - 1):
            return None  # "military ties": the sector word qualifies another noun
        role = phrase.role()
        return _make(doc, phrase, Actor(text=text, code=role, role=role), None, "nominal",
                     "sector", phrase.role())
    target = phrase.mod or head
    if target is None:
        return None
    if target.kind == "org":
        return _make(doc, phrase, Actor(text=text, name=target.text), None, "name", "org", None,
                     entity=f"~org:{target.text.lower()}")
    return _named(kb, doc, phrase, target, text, day, context)


def _modifies_a_noun(doc: Any, i: int) -> bool:
    """With a tagger and parser, a sector word used as a modifier (amod/compound of a noun to its
    right) is not an actor; without them, keep it."""
    tok = doc[i]
    return tok.dep_ in ("amod", "compound", "nmod") and tok.head.i > i and tok.head.pos_ in (
        "NOUN", "PROPN")


def _only_persons(kb: Any, piece: Piece) -> bool:
    return all(kb.entries[a.key].type == "person" for a in piece.aliases)


def _named(kb: Any, doc: Any, phrase: Phrase, target: Piece, text: str, day: date,
           context: dict[str, int] | None = None) -> Mention | None:
    locative = not phrase.sectors and is_locative(kb, doc, phrase.start)
    choice = choose(kb, target.aliases, target.text, day=day, locative=locative, context=context)
    entry, alias = choice.entry, choice.alias
    if entry is None or alias is None:
        return None
    role = None if phrase.backer else phrase.role()
    if entry.type == "group" and (role in _COMBATANT or (role == "GOV" and _only_weak(phrase))):
        # "Hamas fighters", "a Houthi spokesman", "the ELN's chief negotiator": the group's own
        # sector (its spokesman speaks for the group, not for a government)
        role = None
    kind = "demonym" if phrase.sectors or alias.kind == "adj" or phrase.backer else "name"
    if entry.type == "place" and locative:
        kind = "place"
    elif alias.kind in ("capital", "seat"):
        role, kind = role or alias.role, "metonymy"
    elif locative and entry.type == "country":
        kind = "place"
    if entry.type == "place" and entry.country is None:
        return None  # seas and supranational regions name no actor
    actor = kb.actor(entry.id, day, text=text, role=role)
    return _make(doc, phrase, actor, entry, kind, entry.type, phrase.role(), day=day)


def _only_weak(phrase: Phrase) -> bool:
    return all(s.sector is not None and s.sector.weak for s in phrase.sectors)


def _person(kb: Any, doc: Any, phrase: Phrase, head: Piece, text: str, day: date,
            context: dict[str, int] | None = None) -> Mention:
    country = _context_country(kb, phrase.mod)
    title_role = phrase.role()
    if head.kind == "person":  # not in the knowledge base
        role = title_role
        code = (country or "") + (role or "") or None
        actor = Actor(text=text, name=head.name or head.text, code=code, country=country,
                      role=role)
        return _make(doc, phrase, actor, None, _kind(phrase), "person", title_role,
                     entity=head.entity)
    choice = choose(kb, head.aliases, head.text, day=day, country=country, person=head.person,
                    context=context)
    entry = choice.entry
    if entry is None:
        return _consensus(kb, doc, phrase, head, choice, text, day)
    if entry.type != "person":  # a name that is also a surname, used as the country here
        return _named(kb, doc, phrase, head, text, day, context) or _make(
            doc, phrase, Actor(text=text), None, "name", None, None)
    actor = kb.actor(entry.id, day, text=text)
    return _make(doc, phrase, actor, entry, _kind(phrase), "person", title_role,
                 entity=head.entity or entry.id)


def _consensus(kb: Any, doc: Any, phrase: Phrase, head: Piece, choice: Choice, text: str,
               day: date) -> Mention:
    """Several persons share the name: keep the code when they all agree on it."""
    actors = [kb.actor(e.id, day, text=text) for e in choice.entries]
    codes = {(a.code, a.country, a.role) for a in actors}
    code, country, role = codes.pop() if len(codes) == 1 else (None, None, None)
    actor = Actor(text=text, name=head.text, code=code, country=country, role=role)
    return _make(doc, phrase, actor, None, _kind(phrase), "person", phrase.role(),
                 entity=head.entity)


def _context_country(kb: Any, mod: Piece | None) -> str | None:
    if mod is None:
        return None
    countries = {kb.entries[a.key].country for a in mod.aliases}
    return countries.pop() if len(countries) == 1 else None


def _kind(phrase: Phrase) -> str:
    return "title" if phrase.sectors or phrase.mod is not None else "name"


def is_locative(kb: Any, doc: Any, start: int) -> bool:
    """Is the span at `start` governed by a locative preposition ("in the disputed X region")?"""
    j = start - 1
    for _ in range(4):
        if j < 0:
            return False
        tok = doc[j]
        if tok.lower_ in kb.locative or tok.lower_ in kb.place_verbs:
            return True
        of_phrase = tok.lower_ == "of" or (j + 1 < len(doc) and doc[j + 1].lower_ == "of")
        if not (tok.is_alpha and tok.is_lower) or not (of_phrase or _modifier_word(tok)):
            return False
        j -= 1
    return False


def _modifier_word(tok: Any) -> bool:
    """A word that may stand between a preposition and its noun ("in *the disputed* X")."""
    if not tok.pos_:  # no tagger: any lower-case word
        return True
    return tok.pos_ in ("DET", "ADJ", "NUM", "PRON") or tok.dep_ in ("amod", "det", "nummod",
                                                                       "compound", "poss")


def _make(doc: Any, phrase: Phrase, actor: Actor, entry: Entry | None, kind: str,
          etype: str | None, sector: str | None, *, entity: str | None = None,
          day: date | None = None) -> Mention:
    last = doc[phrase.end - 1]
    if entity is None and entry is not None:
        own = actor.role if entry.type == "person" else role_on(entry, day or date.min)
        entity = entry.id if actor.role in (None, own) else f"{entry.id}#{actor.role}"
    return Mention(start=phrase.start, end=phrase.end, char_start=doc[phrase.start].idx,
                   char_end=last.idx + len(last.text), actor=actor,
                   key=entry.id if entry is not None else None, entity=entity, kind=kind,
                   type=etype, sector=sector, title=phrase.title)
