"""Phrases: pieces combined the way news writes actors.

    Turkish military            demonym + sector          -> TUR, MIL
    Russia's foreign ministry   name + 's + sector        -> RUS, GOV
    Turkish President R. T. E.  demonym + title + person  -> the person (TURGOV on the date)
    analyst Paul Iddon          title + person            -> the person, sector from the title
    the president of Turkey     sector + of + name        -> TUR, GOV
    ethnic Armenian groups      ethnic + demonym + sector -> ARM, a non-state sector (REB)
    Armenian-backed forces      demonym-backed + sector   -> ARM, REB (a proxy)
    Turkish and Azerbaijani troops                         -> TUR MIL and AZE MIL
    protesters                  sector alone              -> CVL, no country

Which entry a name stands for (the country or its capital as a place, a person on a date) is
decided later, by the resolver; phrases only say what goes with what.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from entente.actors.pieces import Piece

_POSSESSIVE = {"'s", "’s", "'", "’"}
_COORD = {"and", "or", ","}
_STATE_ROLES = {None, "GOV", "MIL"}


@dataclass
class Phrase:
    """Pieces that name one actor: `head` is what the phrase is about (a name), `mod` the
    country or organisation that qualifies sector nouns, `sectors` the nouns."""

    start: int
    end: int
    kind: str
    head: Piece | None = None
    mod: Piece | None = None
    sectors: list[Piece] = field(default_factory=list)
    proxy: bool = False
    ethnic: bool = False
    backer: bool = False  # "Iran-backed" before a name: the backer, as a plain modifier

    @property
    def title(self) -> str | None:
        return " ".join(p.text for p in self.sectors) or None

    def role(self) -> str | None:
        """The sector the words give: the first strong noun, else the head noun; proxies and
        ethnic groups are not state forces."""
        strong = [s.sector.role for s in self.sectors if s.sector and not s.sector.weak]
        last = self.sectors[-1].sector if self.sectors else None
        role = strong[0] if strong else (last.role if last else None)
        if (self.proxy or self.ethnic) and role in _STATE_ROLES:
            return "REB" if (self.sectors or self.proxy) else "CVL"
        return role


def compose(doc: Any, pieces: list[Piece], kb: Any) -> list[Phrase]:
    """The phrases of a Doc, left to right; every name piece ends up in exactly one phrase."""
    sent = _sentence_ids(doc)
    out: list[Phrase] = []
    i = 0
    while i < len(pieces):
        phrase, i = _phrase_at(doc, pieces, i, kb, sent)
        if phrase is not None:
            out.append(phrase)
            if phrase.kind == "demonym" and phrase.mod is not None and phrase.sectors and \
                    phrase.sectors[0].start < phrase.mod.start and phrase.end == phrase.mod.end:
                i = _of_coordination(doc, pieces, i, kb, sent, phrase, out)
    return out


def _of_coordination(doc: Any, pieces: list[Piece], k: int, kb: Any, sent: list[int],
                     phrase: Phrase, out: list[Phrase]) -> int:
    """"the foreign ministers of Armenia *and Azerbaijan*": each country after "of" and a
    coordination gets the sector nouns too."""
    while k < len(pieces):
        nxt = pieces[k]
        gap = [t.lower_ for t in doc[phrase.end:nxt.start]]
        if gap not in (["and"], [",", "and"], [","]) or sent[nxt.start] != sent[phrase.end - 1] \
                or not nxt.can_modify(kb) or nxt.is_person(kb) or nxt.person:
            return k
        if nxt.end < len(doc) and doc[nxt.end].text in _POSSESSIVE:
            return k  # "the ministers of Armenia and Azerbaijan's ..." is another phrase
        phrase = Phrase(nxt.start, nxt.end, "demonym", mod=nxt, sectors=phrase.sectors)
        out.append(phrase)
        k += 1
    return k


def _sentence_ids(doc: Any) -> list[int]:
    if not doc.has_annotation("SENT_START"):
        return [0] * len(doc)
    ids = []
    for n, sent in enumerate(doc.sents):
        ids += [n] * len(sent)
    return ids


def _phrase_at(doc: Any, pieces: list[Piece], i: int, kb: Any,
               sent: list[int]) -> tuple[Phrase | None, int]:
    p = pieces[i]
    if p.kind == "sector":
        return _from_sectors(doc, pieces, i, kb, sent)
    if p.can_modify(kb) and not p.person:
        return _from_modifier(doc, pieces, i, kb, sent)
    return Phrase(p.start, p.end, "name", head=p), i + 1


def _run_of_sectors(pieces: list[Piece], k: int, sent: list[int]) -> list[Piece]:
    """Adjacent sector nouns from pieces[k] on ("military spokesman")."""
    run = [pieces[k]]
    while (k + len(run) < len(pieces) and pieces[k + len(run)].kind == "sector"
           and pieces[k + len(run)].start == run[-1].end
           and sent[pieces[k + len(run)].start] == sent[run[0].start]):
        run.append(pieces[k + len(run)])
    return run


def _from_sectors(doc: Any, pieces: list[Piece], i: int, kb: Any,
                  sent: list[int]) -> tuple[Phrase | None, int]:
    secs = _run_of_sectors(pieces, i, sent)
    k, end = i + len(secs), secs[-1].end
    nxt = pieces[k] if k < len(pieces) else None
    if nxt is not None and sent[nxt.start] == sent[end - 1]:
        if nxt.is_person(kb) and nxt.start == end:
            return Phrase(secs[0].start, nxt.end, "title", head=nxt, sectors=secs), k + 1
        gap = [t.lower_ for t in doc[end:nxt.start]]
        if gap in (["of"], ["of", "the"]) and nxt.can_modify(kb) and not nxt.is_person(kb):
            inner = _possessed_sectors(doc, pieces, k + 1, nxt, sent)
            if inner:  # "Representatives of Sudan's army": Sudan's army is the actor
                return (Phrase(secs[0].start, inner[-1].end, "demonym", mod=nxt,
                               sectors=secs + inner), k + 1 + len(inner))
            return Phrase(secs[0].start, nxt.end, "demonym", mod=nxt, sectors=secs), k + 1
    if all(s.sector is None or s.sector.weak for s in secs):
        return None, k
    return Phrase(secs[0].start, end, "nominal", sectors=secs), k


def _possessed_sectors(doc: Any, pieces: list[Piece], k: int, owner: Piece,
                       sent: list[int]) -> list[Piece]:
    """The sector nouns right after "<owner>'s" ("Sudan's *army*"), or []."""
    if owner.end + 1 >= len(doc) or doc[owner.end].text not in _POSSESSIVE or k >= len(pieces):
        return []
    nxt = pieces[k]
    if nxt.kind != "sector" or nxt.start != owner.end + 1:
        return []
    return _run_of_sectors(pieces, k, sent)


def _from_modifier(doc: Any, pieces: list[Piece], i: int, kb: Any,
                   sent: list[int]) -> tuple[Phrase, int]:
    mod = pieces[i]
    phrase = Phrase(mod.start, mod.end, "name", head=mod, mod=mod)
    _left_context(doc, phrase, kb)
    pos = _right_context(doc, phrase, kb)
    k = i + 1
    nxt = pieces[k] if k < len(pieces) else None
    if nxt is None or sent[nxt.start] != sent[mod.start]:
        return phrase, k
    if phrase.proxy and nxt.kind in ("name", "org", "person") and nxt.start == pos:
        # "Iran-backed Houthi rebels": the group is the actor, the backer only modifies it
        phrase.proxy, phrase.backer = False, True
        return phrase, k
    if nxt.kind == "sector" and _fillers_ok(doc, pos, nxt.start):
        run = _run_of_sectors(pieces, k, sent)
        if _names_a_body(doc, kb, run[-1].end):
            return phrase, k + len(run)  # "the United Nations refugee agency": not refugees
        phrase.sectors = run
        k += len(phrase.sectors)
        phrase.end, phrase.kind, phrase.head = phrase.sectors[-1].end, "demonym", None
        nxt = pieces[k] if k < len(pieces) else None
        if nxt is not None and nxt.is_person(kb) and nxt.start == phrase.end:
            phrase.end, phrase.kind, phrase.head = nxt.end, "title", nxt
            k += 1
    elif nxt.is_person(kb) and nxt.start == pos:
        phrase.end, phrase.kind, phrase.head = nxt.end, "title", nxt
        k += 1
    elif doc[mod.end].lower_ in _COORD and nxt.start == mod.end + 1 and nxt.can_modify(kb) \
            and _attributive(kb, mod, comma=doc[mod.end].text == ","):
        shared, _ = _from_modifier(doc, pieces, k, kb, sent)
        phrase.sectors = list(shared.sectors) if shared.kind == "demonym" else []
    return phrase, k


def _names_a_body(doc: Any, kb: Any, end: int) -> bool:
    """A lower-case organisation noun right after the sector noun ("refugee *agency*", "army
    *council*"): the sector noun only describes that body."""
    return end < len(doc) and doc[end].is_lower and doc[end].text.title() in kb.org_heads


def _attributive(kb: Any, piece: Piece, *, comma: bool) -> bool:
    """Can the piece share the noun of the next conjunct? A demonym can ("*Indian* and Chinese
    commanders", "*Saudi*, Iranian ministers"), and so can a short acronym before "and" ("*US*
    and British warplanes"); a country's name cannot ("Colombia and ELN rebels", "Japan, South
    Korea's Joint Chiefs")."""
    if any(a.kind == "adj" for a in piece.aliases):
        return True
    return not comma and piece.text.isupper() and len(piece.text.replace(".", "")) <= 3


def _left_context(doc: Any, phrase: Phrase, kb: Any) -> None:
    """"pro-Russian", "ethnic Armenian": extend the phrase to the left and mark it."""
    s = phrase.start
    if s >= 2 and doc[s - 1].text == "-" and doc[s - 2].lower_ in kb.pro:
        phrase.proxy, s = True, s - 2
    if s >= 1 and doc[s - 1].lower_ in kb.ethnic:
        phrase.ethnic, s = True, s - 1
    phrase.start = s


def _right_context(doc: Any, phrase: Phrase, kb: Any) -> int:
    """Skip a possessive or "-backed" after the modifier; return where the next word starts."""
    j = phrase.end
    if j < len(doc) and doc[j].text in _POSSESSIVE:
        return j + 1
    if j + 1 < len(doc) and doc[j].text == "-" and doc[j + 1].lower_ in kb.backed:
        phrase.proxy = True
        phrase.end = j + 2
        return j + 2
    return j


def _fillers_ok(doc: Any, start: int, end: int) -> bool:
    """Up to two lower-case content words between a modifier and its noun ("Turkish *new*
    forces"), never a verb, a function word or punctuation."""
    gap = doc[start:end]
    return len(gap) <= 2 and all(
        t.is_alpha and t.is_lower and not t.is_stop and t.pos_ not in ("VERB", "AUX", "ADP")
        for t in gap)
