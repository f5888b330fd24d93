"""Organisations the knowledge base does not know, named with words it does know.

    Warsaw Institute for Eastern Studies     not Warsaw (POLGOV) + "Institute"
    Norwegian Refugee Council                not "Norwegian Refugee" (NOR refugees)
    Centre for Black Sea Security            not "Centre" + the Black Sea
    Russian Security Council                 a state body: left to the demonym rules (RUS)

A candidate name is a named-entity ORG span, or a run of capitalised words holding a word of
`org_heads` (sectors.yaml), widened over "of"/"for"/"and" + capitalised words. It wins over the
pieces inside it (a capital, a sea, a demonym, a sector noun) when it holds a capitalised word
that none of them covers; a knowledge-base name that covers the span, a piece that crosses its
edge, a person's name or a state's own body (a demonym or country followed only by words of
`state_bodies` and state sector nouns) keep the pieces as they are.
"""

from __future__ import annotations

from typing import Any

from entente.actors.pieces import Piece

_JOINERS = {"of", "for", "and", "&"}
_STATE_ROLES = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG"}


def org_names(doc: Any, pieces: list[Piece], kb: Any) -> list[Piece]:
    """The pieces, with unknown organisations' names replacing the pieces inside them."""
    spans = _candidates(doc, kb)
    if not spans:
        return pieces
    out = list(pieces)
    for start, end in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        inside = [p for p in out if p.start < end and start < p.end]
        if not inside or not _wins(doc, kb, start, end, inside):
            continue
        out = [p for p in out if p not in inside]
        out.append(Piece(start, end, "org", text=doc[start:end].text))
    return sorted(out, key=lambda p: p.start)


def _candidates(doc: Any, kb: Any) -> set[tuple[int, int]]:
    spans = set()
    persons = {i for e in getattr(doc, "ents", ()) if e.label_ == "PERSON"
               for i in range(e.start, e.end)}
    for ent in getattr(doc, "ents", ()):
        if ent.label_ == "ORG" and any(_capitalised(t) for t in ent):
            spans.add((ent.start, _widen(doc, kb, ent.end, persons)))
    for i in _head_indices(doc, kb.org_heads):
        tok = doc[i]
        if tok.is_title:
            start = tok.i
            while start > 0 and not doc[start].is_sent_start and _capitalised(doc[start - 1]) \
                    and start - 1 not in persons:
                start -= 1
            end = _widen(doc, kb, tok.i + 1, persons)
            if sum(_capitalised(t) for t in doc[start:end]) >= 2:
                spans.add((start, end))
    return spans


def _head_indices(doc: Any, heads: frozenset[str]) -> list[int]:
    """Where the words of `heads` stand (read from the token array: no Token objects)."""
    from spacy.attrs import ORTH

    strings = doc.vocab.strings
    wanted = {strings[h] for h in heads if h in strings}
    return [i for i, orth in enumerate(doc.to_array(ORTH).tolist()) if orth in wanted]


def _widen(doc: Any, kb: Any, end: int, persons: set[int]) -> int:
    """Over capitalised words and "of/for/and" + a capitalised word ("Centre" + "for Black Sea
    Security"), up to a person's name ("University of Texas Arlington | Amneh Jafari")."""
    while end < len(doc) and not doc[end].is_sent_start:
        if end in persons or doc[end].text in kb.given_names:
            break
        if _capitalised(doc[end]):
            end += 1
        elif doc[end].lower_ in _JOINERS and end + 1 < len(doc) and _capitalised(doc[end + 1]) \
                and not doc[end + 1].is_sent_start:
            end += 2
        else:
            break
    return end


def _wins(doc: Any, kb: Any, start: int, end: int, inside: list[Piece]) -> bool:
    if any(p.start < start or p.end > end for p in inside):
        return False  # a piece crosses the edge: the span is not one name
    if any(p.kind == "name" and (p.start, p.end) == (start, end) for p in inside):
        return False  # the knowledge base knows the whole name
    if any(p.kind == "person" or (p.kind == "name" and p.is_person(kb) and p.start == start)
           for p in inside):
        return False  # "Kofi Annan": a person, whatever NER says
    if doc[start].text in kb.given_names:
        return False
    covered = {i for p in inside for i in range(p.start, p.end)}
    free = [t for t in doc[start:end] if t.i not in covered and _capitalised(t)]
    if not free:
        return False
    return not _state_body(kb, inside, free)


def _state_body(kb: Any, inside: list[Piece], free: list[Any]) -> bool:
    """"Russian Security Council", "Turkish Armed Forces", "(South Korea's) Joint Chiefs of
    Staff": a state's demonym or name and state sector nouns, then only state-body words."""
    if not all(t.text in kb.state_bodies for t in free):
        return False
    return all((p.kind == "sector" and p.sector is not None and p.sector.role in _STATE_ROLES)
               or (p.kind == "name" and any(a.kind == "adj" or kb.entries[a.key].type == "country"
                                            for a in p.aliases)) for p in inside)


def _capitalised(tok: Any) -> bool:
    return (tok.is_alpha and tok.text[:1].isupper() and not tok.is_stop) or tok.text in (
        "US", "UN", "EU")
