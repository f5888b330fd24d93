"""Persons within one article: finding the ones the knowledge base does not know, and linking
surnames and first mentions to the full person ("Erdoğan" after "Recep Tayyip Erdoğan", "Iddon"
after "analyst Paul Iddon"; also "Erdogan" in a headline before the full name appears).

Unknown persons come from the named-entity recogniser (PERSON) when the pipeline has one, and from
a list of given names and titles otherwise ("analyst Emily Hawthorne"). Pronouns are not resolved
here (entente.quotes.coref does that).
"""

from __future__ import annotations

from typing import Any

from entente.actors.pieces import Piece, covered
from entente.actors.text import key, slug

_TITLE_ROLES = {"GOV", "MIL", "EDU", "MED", "JUD", "LEG", "OPP", "REB", "BUS", "REL", "COP", "SPY"}


def add_unknown_persons(doc: Any, pieces: list[Piece], kb: Any) -> list[Piece]:
    """Pieces for persons (and NER organisations) the knowledge base does not know."""
    pieces = _release(doc, pieces, kb)
    taken = covered(pieces)
    found: list[Piece] = []
    for ent in getattr(doc, "ents", ()):
        if ent.label_ not in ("PERSON", "ORG"):
            continue
        free = [i for i in range(ent.start, ent.end) if i not in taken]
        if len(free) != ent.end - ent.start and not _trailing(free, ent.end):
            continue
        start = free[0] if free else ent.end
        if start < ent.end and _is_name(doc[start:ent.end]):
            kind = "person" if ent.label_ == "PERSON" else "org"
            piece = Piece(start, ent.end, kind, text=doc[start:ent.end].text)
            taken.update(range(start, ent.end))
            if kind == "person":
                _whole_name(doc, piece, taken)
            found.append(piece)
    found += _by_given_name_or_title(doc, pieces, taken, kb)
    return sorted(pieces + found, key=lambda p: p.start)


def _whole_name(doc: Any, p: Piece, taken: set[int]) -> None:
    """Widen an unknown person's span to the whole written name: hyphenated parts on either
    side ("Jean-" + "Pierre Mbala", "Kim Min" + "-ji") and capitalised words the recogniser
    left out at the end ("President Carlos" + "Mendes")."""
    taken.difference_update(range(p.start, p.end))
    while p.start >= 2 and doc[p.start - 1].text == "-" and p.start - 2 not in taken and \
            not doc[p.start - 2].whitespace_ and not doc[p.start - 1].whitespace_ and \
            doc[p.start - 2].is_title and not doc[p.start - 2].is_sent_start:
        p.start -= 2
    end = p.end
    while end < len(doc) and end not in taken and not doc[end].is_sent_start:
        tok = doc[end]
        if tok.text == "-" and end + 1 < len(doc) and not doc[end - 1].whitespace_ and \
                not tok.whitespace_ and doc[end + 1].is_alpha and end + 1 not in taken:
            end += 2
        elif _capitalised(tok) and end - p.start < 5 and tok.ent_type_ in ("", "PERSON"):
            end += 1
        else:
            break
    p.end = end
    p.text = doc[p.start:p.end].text
    taken.update(range(p.start, p.end))


def _release(doc: Any, pieces: list[Piece], kb: Any) -> list[Piece]:
    """Drop name pieces that are part of an unknown person's name: a surname of a known person
    in "Hunter Biden", a capital used as a given name in "Sofia Brandt" (NER says PERSON, or a
    given name stands next to it)."""
    people = [e for e in getattr(doc, "ents", ()) if e.label_ == "PERSON"]
    taken = covered(pieces)
    out = []
    # right to left, so that a released piece frees its token for the one before it ("Jalil
    # Abbas Jilani": "Abbas" goes first, then "Jalil" stands before a free capitalised word)
    for p in reversed(pieces):
        if p.kind == "name" and _one_word(doc, p) and _weak_name(p, kb):
            in_ner = any(e.start <= p.start and p.end <= e.end and len(e) > 1 for e in people)
            before = doc[p.start - 1] if p.start else None
            after = doc[p.end] if p.end < len(doc) else None
            given_before = (before is not None and before.i not in taken and before.is_title
                            and before.text in kb.given_names)
            given_here = (p.text in kb.given_names and after is not None
                          and after.i not in taken and _capitalised(after))
            surname_first = (all(a.kind == "short" for a in p.aliases) and after is not None
                             and after.i not in taken and _capitalised(after))
            if in_ner or given_before or given_here or surname_first or _hyphenated(doc, p):
                taken.difference_update(range(p.start, p.end))
                continue
        out.append(p)
    return out[::-1]


def _one_word(doc: Any, p: Piece) -> bool:
    """One token, or hyphen-joined tokens written as one word ("Jean-Pierre")."""
    return p.end - p.start == 1 or (p.end - p.start == 3 and doc[p.start + 1].text == "-" and
                                    not doc[p.start].whitespace_ and
                                    not doc[p.start + 1].whitespace_)


def _hyphenated(doc: Any, p: Piece) -> bool:
    """Half of a hyphenated name ("*Jean*-Pierre Mbala", "Kim Min-*ji*", "Ould-*Abdallah*"): the
    hyphen touches both words."""
    before = p.start >= 2 and doc[p.start - 1].text == "-" and not doc[p.start - 2].whitespace_ \
        and not doc[p.start - 1].whitespace_ and doc[p.start - 2].is_alpha
    after = p.end + 1 < len(doc) and doc[p.end].text == "-" and not doc[p.end - 1].whitespace_ \
        and not doc[p.end].whitespace_ and doc[p.end + 1].is_alpha
    return before or after


def _weak_name(p: Piece, kb: Any) -> bool:
    """Only a surname of known persons, or only a city or capital (never a country's name)."""
    if all(a.kind == "short" for a in p.aliases):
        return True
    return all(a.kind == "capital" or kb.entries[a.key].type == "place" for a in p.aliases)


def _trailing(free: list[int], end: int) -> bool:
    """NER spans like "President Erdogan" whose head is free after a matched title."""
    return bool(free) and free[-1] == end - 1 and free == list(range(free[0], end))


def _is_name(span: Any) -> bool:
    return all(t.is_title or t.is_upper or not t.is_alpha for t in span) and any(
        t.is_alpha for t in span)


def _by_given_name_or_title(doc: Any, pieces: list[Piece], taken: set[int], kb: Any) -> list[Piece]:
    """"Emily Hawthorne" (a given name then capitalised words), "analyst Paul Iddon", "Mr Smith"."""
    from spacy.attrs import IS_ALPHA, IS_TITLE, ORTH

    after_title = {p.end for p in pieces if p.sector is not None and p.sector.role in _TITLE_ROLES}
    # the token array, not Token objects: this loop visits every token of the article
    strings = doc.vocab.strings
    markers = {strings[w] for w in kb.markers if w in strings}
    given = {strings[w] for w in kb.given_names if w in strings}
    rows = doc.to_array([ORTH, IS_TITLE, IS_ALPHA]).tolist()
    after_title |= {i + 1 for i, row in enumerate(rows) if row[0] in markers}
    out: list[Piece] = []
    i = 0
    while i < len(doc):
        orth, title, alpha = rows[i]
        starts = orth in given or i in after_title
        if i in taken or not starts or not (title and alpha):
            i += 1
            continue
        end = i + 1
        while end < len(doc) and end - i < 4 and end not in taken and _capitalised(doc[end]):
            end += 1
        if end - i >= 2 or (i in after_title and not doc[i].is_sent_start):
            piece = Piece(i, end, "person", text=doc[i:end].text)
            taken.update(range(i, end))
            _whole_name(doc, piece, taken)
            out.append(piece)
            end = piece.end
        i = end
    return out


def _capitalised(tok: Any) -> bool:
    return tok.is_title and tok.is_alpha and not tok.is_stop and not tok.is_sent_start


def link(doc: Any, pieces: list[Piece], kb: Any, day: Any) -> list[Piece]:
    """Give every person piece an entity id, linking surnames to full names in the article, and
    add pieces for surnames of unknown persons ("Iddon said")."""
    full_kb: dict[str, str] = {}  # short key -> person id, from full names in the article
    full_unknown: dict[str, tuple[str, str]] = {}  # surname key -> (entity, full name)
    for p in pieces:
        if p.kind == "person" and p.end - p.start >= 2:
            full_unknown.setdefault(key(doc[p.end - 1].text), (f"~person:{slug(p.text)}", p.text))
        elif p.kind == "name":
            for a in p.aliases:
                if a.kind == "name" and kb.entries[a.key].type == "person":
                    for short in _shorts_of(kb, a.key):
                        full_kb.setdefault(short, a.key)
    pieces = pieces + _surname_pieces(doc, pieces, full_unknown)
    for p in pieces:
        _link_one(p, kb, full_kb, full_unknown)
    return sorted(pieces, key=lambda p: p.start)


def _shorts_of(kb: Any, person_id: str) -> set[str]:
    return kb.person_shorts.get(person_id, set())


def _surname_pieces(doc: Any, pieces: list[Piece], full_unknown: dict) -> list[Piece]:
    taken = covered(pieces)
    out = []
    for tok in doc:
        if tok.i in taken or not (tok.is_title and tok.is_alpha):
            continue
        hit = full_unknown.get(key(tok.text))
        if hit:
            out.append(Piece(tok.i, tok.i + 1, "person", text=tok.text, entity=hit[0],
                             name=hit[1]))
    return out


def _link_one(p: Piece, kb: Any, full_kb: dict, full_unknown: dict) -> None:
    if p.kind == "person":
        linked = full_unknown.get(key(p.text.split()[-1]))
        if p.entity is None and linked and (len(p.text.split()) == 1 or linked[1] == p.text):
            p.entity, p.name = linked
        p.entity = p.entity or f"~person:{slug(p.text)}"
        p.name = p.name or p.text
        return
    if p.kind != "name":
        return
    persons = [a for a in p.aliases if kb.entries[a.key].type == "person"]
    if not persons:
        return
    k = key(p.text)
    if any(a.kind == "name" for a in persons):
        p.person = next(a.key for a in persons if a.kind == "name")
    elif k in full_kb:
        p.person = full_kb[k]
    elif k in full_unknown and len(p.aliases) == len(persons):
        p.kind, p.aliases, (p.entity, p.name) = "person", (), full_unknown[k]
        return
    if p.person:
        p.entity = p.person
