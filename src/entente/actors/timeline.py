"""Time-aware resolution: an entry on a date -> the contract's `Actor`.

A person is coded by the office they hold on the date (the head of state of Turkey is TURGOV; an
IGO official is IGO + the organisation's acronym; a group leader takes the group's code). Before
their first term and after their last they are an elite of their own country (CAMEO ELI), never
GOV. Groups change sector over time (`periods`), and PETRARCH entries carry dated codes.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from entente.actors.model import Entry, Term
from entente.records import Actor

if TYPE_CHECKING:  # pragma: no cover
    from entente.actors.kb import KnowledgeBase

FORMER = "ELI"


def active_terms(kb: KnowledgeBase, entry: Entry, day: date) -> list[Term]:
    """The terms that cover `day`, the most senior office first."""
    rank = {office: i for i, office in enumerate(kb.office_priority)}
    terms = [t for t in entry.terms if t.covers(day)]
    return sorted(terms, key=lambda t: (rank.get(t.office, len(rank)), t.of))


def role_on(entry: Entry, day: date) -> str | None:
    """The sector of a non-person entry on `day` (its periods, else its own role)."""
    for period in entry.periods:
        if period.covers(day):
            return period.role
    return entry.role


def actor_for(kb: KnowledgeBase, entry: Entry, day: date, *, text: str,
              role: str | None = None) -> Actor:
    """The actor `entry` stands for on `day`; `role` is a sector the text adds ("Turkish
    *military*" gives MIL to Turkey)."""
    if entry.type == "person":
        return _person(kb, entry, day, text, role)
    if entry.type == "actor":
        return _dated_code(kb, entry, day, text, role)
    own = role_on(entry, day)
    role = role or own
    return Actor(text=text, name=entry.name, code=_code(entry, role, own), country=entry.country,
                 org=entry.org, role=role, id=entry.id)


def _code(entry: Entry, role: str | None, own: str | None) -> str | None:
    if entry.type == "igo":
        base = entry.code or f"IGO{entry.org or ''}"
        return base if role in (None, own, "IGO") else base + role
    if entry.code and role == own:
        return entry.code
    code = (entry.country or "") + (role or "")
    return code or None


def _person(kb: KnowledgeBase, entry: Entry, day: date, text: str, role: str | None) -> Actor:
    terms = active_terms(kb, entry, day)
    if terms:
        term = terms[0]
        holder = kb.get(term.of)
        if holder is not None and holder.type != "country":
            body = actor_for(kb, holder, day, text=text)
            return Actor(text=text, name=entry.name, code=body.code, country=body.country,
                         org=body.org, role=body.role, id=entry.id)
        own = kb.office_roles.get(term.office, "GOV")
        return Actor(text=text, name=entry.name, code=term.of + own, country=term.of, role=own,
                     id=entry.id)
    if entry.terms:  # before or after every term: an elite of their own country
        country = entry.nat
        return Actor(text=text, name=entry.name, code=(country or "") + FORMER, country=country,
                     role=FORMER, id=entry.id)
    role = entry.role or role
    code = (entry.country or "") + (role or "")
    return Actor(text=text, name=entry.name, code=code or None, country=entry.country, role=role,
                 id=entry.id)


def _dated_code(kb: KnowledgeBase, entry: Entry, day: date, text: str,
                agent: str | None = None) -> Actor:
    """A PETRARCH entry: the first dated code covering the day, else the first default code;
    an agent the text adds ("Turkish *military*") is appended, as PETRARCH does."""
    chosen = next((c for c in entry.codes if not c.default and c.covers(day)), None)
    chosen = chosen or next((c for c in entry.codes if c.default), None)
    code = chosen.code if chosen else None
    if agent and code and agent not in code[3:]:
        code += agent
    country, org, role = split_code(kb, code)
    return Actor(text=text, name=entry.name, code=code, country=country, org=org, role=role,
                 id=entry.id)


def split_code(kb: KnowledgeBase, code: str | None) -> tuple[str | None, str | None, str | None]:
    """A CAMEO code as (country, org, role): "TURGOV" -> (TUR, None, GOV); "IGOUNO" -> (None,
    UNO, IGO); "---GOV" -> (None, None, GOV); unknown three-letter blocks are kept out."""
    if not code:
        return None, None, None
    head, rest = code[:3], code[3:]
    blocks = [rest[i:i + 3] for i in range(0, len(rest), 3)]
    if head == "IGO":
        return None, (blocks[0] if blocks else None), "IGO"
    country = head if kb.get(f"country:{head}") is not None else None
    role = next((b for b in blocks if b in kb.roles), None)
    if role is None and head in kb.roles and country is None:
        role = head
    return country, None, role
