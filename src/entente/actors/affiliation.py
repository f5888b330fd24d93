"""Who a person speaks for: "analyst Paul Iddon wrote for Forbes", "Emily Hawthorne, Stratfor's
senior analyst at RANE", "Forbes analyst Paul Iddon".

A person the knowledge base does not know takes the sector of the organisation (a Forbes writer is
MED, a Hamas spokesman is a Hamas actor); a known person only gets `Mention.affiliation` recorded,
since their office on the date decides their code.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from entente.records import Actor, Mention

_ORG_TYPES = ("media", "org", "igo", "group")
_STOP = {",", ";", ".", ")", "—", "–", ":", "?", "!"}
_APPOSITIVE_WINDOW = 14


def add_affiliations(kb: Any, doc: Any, mentions: list[Mention], day: date) -> list[Mention]:
    """The mentions, with persons' affiliations (and titles from appositives) filled in."""
    orgs = [m for m in mentions if m.type in _ORG_TYPES and m.key]
    sectors = [m for m in mentions if m.kind == "nominal"]
    by_end = {m.end: m for m in mentions if m.kind == "demonym"}
    out = []
    for m in mentions:
        if m.type != "person":
            out.append(m)
            continue
        m = _apposed_office(kb, doc, m, by_end)
        org = _right(kb, doc, m, orgs) or _appositive(doc, m, orgs) or _left(doc, m, orgs)
        title = m.title or _appositive_title(doc, m, sectors)
        out.append(_affiliated(kb, m, org, title, day))
    return _share_within_entity(out)


def _apposed_office(kb: Any, doc: Any, m: Mention, by_end: dict[int, Mention]) -> Mention:
    """"A Houthi spokesman, Mohammed Abdulsalam, said": a person the knowledge base does not
    know, set off by a comma right after a demonym phrase that names a post ("spokesman",
    "negotiator", "foreign minister"), is that post's holder: the phrase's actor."""
    if m.key is not None or m.kind != "name" or m.start < 2 or doc[m.start - 1].text != ",":
        return m
    post = by_end.get(m.start - 1)
    if post is None or not post.actor.code or not _names_a_post(kb, doc[post.end - 1]):
        return m
    a = post.actor
    actor = Actor(text=m.actor.text, name=m.actor.name, code=a.code, country=a.country, org=a.org,
                  role=a.role)
    return Mention(start=m.start, end=m.end, char_start=m.char_start, char_end=m.char_end,
                   actor=actor, key=None, entity=m.entity, kind=m.kind, type=m.type,
                   sector=post.sector, title=m.title or post.title, affiliation=post.key)


def _names_a_post(kb: Any, tok: Any) -> bool:
    """A singular noun of one person's post: an office title or a weak sector noun
    ("spokesman", "negotiator", "commander"), not a body ("army", "ministry")."""
    low = tok.lower_
    if low.endswith("s") or tok.tag_ in ("NNS", "NNPS"):
        return False
    sector = kb.sector(low)
    return low in kb.office_titles or any(low == t.split()[-1] for t in kb.office_titles) or (
        sector is not None and sector.weak and low not in _COLLECTIVE_WEAK)


_COLLECTIVE_WEAK = {"leadership", "delegation", "state", "forces", "force", "units", "unit",
                    "personnel", "ranks", "garrison", "group", "faction", "cell"}


def _share_within_entity(mentions: list[Mention]) -> list[Mention]:
    """An unknown person's sector and affiliation, learnt from one mention ("analyst Paul Iddon
    wrote for Forbes"), hold for the others ("Iddon said")."""
    best: dict[str, Mention] = {}
    for m in mentions:
        if m.type == "person" and m.key is None and m.entity and m.actor.role is not None:
            best.setdefault(m.entity, m)
    out = []
    for m in mentions:
        src = best.get(m.entity or "") if m.key is None else None
        if src is None or src is m:
            out.append(m)
            continue
        a = src.actor
        actor = Actor(text=m.actor.text, name=a.name, code=a.code, country=a.country, org=a.org,
                      role=a.role)
        out.append(Mention(start=m.start, end=m.end, char_start=m.char_start,
                           char_end=m.char_end, actor=actor, key=None, entity=m.entity,
                           kind=m.kind, type=m.type, sector=m.sector, title=m.title,
                           affiliation=src.affiliation))
    return out


def _right(kb: Any, doc: Any, m: Mention, orgs: list[Mention]) -> Mention | None:
    """"... wrote for Forbes": an affiliation word within three tokens, right before the org."""
    for j in range(m.end, min(m.end + 3, len(doc))):
        if doc[j].text in _STOP:
            return None
        if doc[j].lower_ in kb.affiliation:
            at = j + 2 if j + 1 < len(doc) and doc[j + 1].lower_ == "the" else j + 1
            return next((o for o in orgs if o.start == at), None)
    return None


def _appositive(doc: Any, m: Mention, orgs: list[Mention]) -> Mention | None:
    """"Emily Hawthorne, Stratfor's ... analyst at RANE": the first org in the appositive."""
    end = _appositive_end(doc, m)
    return next((o for o in orgs if m.end < o.start < end), None) if end else None


def _appositive_title(doc: Any, m: Mention, sectors: list[Mention]) -> str | None:
    end = _appositive_end(doc, m)
    found = next((s for s in sectors if m.end < s.start < end), None) if end else None
    return found.title if found else None


def _appositive_end(doc: Any, m: Mention) -> int | None:
    if m.end >= len(doc) or doc[m.end].text != ",":
        return None
    for j in range(m.end + 1, min(m.end + _APPOSITIVE_WINDOW, len(doc))):
        if doc[j].text in _STOP or doc[j].is_sent_start:
            return j
    return min(m.end + _APPOSITIVE_WINDOW, len(doc))


def _left(doc: Any, m: Mention, orgs: list[Mention]) -> Mention | None:
    """"Forbes analyst Paul Iddon", "Stratfor's analyst ...": an org right before the phrase."""
    for o in orgs:
        if m.start - 1 <= o.end <= m.start and \
                [t.text for t in doc[o.end:m.start]] in ([], ["'s"], ["’s"]):
            return o
    return None


def _affiliated(kb: Any, m: Mention, org: Mention | None, title: str | None,
                day: date) -> Mention:
    if org is None and title == m.title:
        return m
    actor = m.actor
    if m.key is None and org is not None:  # an unknown person takes the org's sector
        body = kb.actor(org.key, day, text=actor.text)
        if org.type in ("igo", "group"):
            actor = Actor(text=actor.text, name=actor.name, code=body.code, country=body.country,
                          org=body.org, role=body.role)
        else:
            actor = Actor(text=actor.text, name=actor.name, code=body.role, role=body.role)
    elif m.key is None and actor.role is None and title:
        sector = kb.sector(title.split()[-1])
        if sector is not None:
            actor = Actor(text=actor.text, name=actor.name, code=sector.role, role=sector.role)
    return Mention(start=m.start, end=m.end, char_start=m.char_start, char_end=m.char_end,
                   actor=actor, key=m.key, entity=m.entity, kind=m.kind, type=m.type,
                   sector=m.sector, title=title, affiliation=org.key if org else None)
