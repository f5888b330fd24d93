"""Lint the knowledge base: what a political scientist editing the data files must keep true.

`lint(kb)` returns a list of problems, each naming the file and line (or entry) at fault:

* ids are unique, and a person holding offices in two states is probably two homonyms (give an id);
* every country code is a known ISO3 code, every sector code a known role;
* every term has start <= end, and no office of one state or organisation has two holders at once;
* every alias names one entry, or is declared in ambiguous.yaml, or falls under a general rule
  (persons sharing a name are told apart by date; names of one country agree on the code).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

from entente.actors.kb import KnowledgeBase
from entente.actors.model import Entry, Term


def lint(kb: KnowledgeBase) -> list[str]:
    """Every problem found, as "where: what" strings (empty when the data is clean)."""
    problems: list[str] = []
    for entry in kb.entries.values():
        problems += _entry_problems(kb, entry)
    problems += _overlaps(kb)
    problems += _alias_problems(kb)
    problems += _sector_problems(kb)
    return problems


def _entry_problems(kb: KnowledgeBase, entry: Entry) -> list[str]:
    out = []
    where = entry.source or entry.id
    for field in ("country", "nat"):
        code = getattr(entry, field)
        if code and kb.get(f"country:{code}") is None:
            out.append(f"{where}: {entry.id} has unknown {field} {code!r}")
    roles = [entry.role, *(p.role for p in entry.periods)]
    out += [f"{where}: {entry.id} has unknown role {r!r}" for r in roles if r and r not in kb.roles]
    if entry.parent and entry.parent not in kb.entries:
        out.append(f"{where}: {entry.id} has unknown parent {entry.parent!r}")
    if entry.lat is not None and not (-90 <= entry.lat <= 90 and -180 <= (entry.lon or 0) <= 180):
        out.append(f"{where}: {entry.id} has coordinates out of range")
    for term in entry.terms:
        out += _term_problems(kb, entry, term)
    states = {t.of for t in entry.terms if (h := kb.get(t.of)) is not None and h.type == "country"}
    if len(states) > 1 and not entry.user:
        out.append(f"{where}: {entry.id} holds offices in {sorted(states)}: two homonyms? "
                   "give each an `id`")
    return out


def _term_problems(kb: KnowledgeBase, entry: Entry, term: Term) -> list[str]:
    out = []
    holder = kb.get(term.of)
    if holder is None or holder.type not in ("country", "igo", "group"):
        out.append(f"{term.source}: {entry.id} holds an office of unknown {term.of!r}")
    if term.start and term.end and term.start > term.end:
        out.append(f"{term.source}: {entry.id} ends ({term.end}) before it starts ({term.start})")
    if term.office not in kb.office_priority:
        out.append(f"{term.source}: unknown office {term.office!r} (see sectors.yaml)")
    return out


def _overlaps(kb: KnowledgeBase) -> list[str]:
    """No two holders of one office (one state or organisation) at the same time."""
    by_office: dict[tuple[str, str], list[tuple[Term, str]]] = defaultdict(list)
    for entry in kb.entries.values():
        for term in entry.terms:
            by_office[(term.of, term.office)].append((term, entry.id))
    out = []
    for (of, office), terms in by_office.items():
        terms.sort(key=lambda te: (te[0].start or te[0].end, te[0].end is None))
        for (a, aid), (b, bid) in pairwise(terms):
            if a.end is None or (b.start is not None and b.start < a.end):
                out.append(f"{b.source}: {office} of {of}: {bid} starts {b.start} while {aid} "
                           f"holds it ({a.start} to {a.end or 'present'})")
    return out


def _alias_problems(kb: KnowledgeBase) -> list[str]:
    out = []
    for k, aliases in kb.aliases.items():
        ids = sorted({a.key for a in aliases})
        if len(ids) < 2:
            continue
        declared = kb.ambiguous.get(k)
        if declared:
            if declared.get("prefer") not in ids:
                out.append(f"ambiguous.yaml: {k!r} prefers {declared.get('prefer')!r}, "
                           f"which it does not name (it names {ids})")
            continue
        entries = [kb.entries[i] for i in ids]
        if all(e.type == "person" for e in entries):
            continue  # told apart by date and by the article (see ambiguous.yaml)
        if len({e.country for e in entries}) == 1 and all(e.type in ("country", "place")
                                                          for e in entries):
            continue  # a country, its capital, its regions: one code
        sources = sorted({a.source for a in aliases})
        out.append(f"{sources[0]}: alias {aliases[0].text!r} names {ids} "
                   f"(also {sources[1:]}); declare it in ambiguous.yaml or remove one")
    return out


def _sector_problems(kb: KnowledgeBase) -> list[str]:
    out = [f"{s.source}: sector noun {s.text!r} has unknown role {s.role!r}"
           for s in kb.sectors.values() if s.role not in kb.roles]
    for k, aliases in kb.aliases.items():
        seat_roles = {a.role for a in aliases if a.role}
        out += [f"{aliases[0].source}: seat {k!r} has unknown role {r!r}"
                for r in seat_roles if r not in kb.roles]
    for office, role in kb.office_roles.items():
        if role not in kb.roles:
            out.append(f"sectors.yaml: office {office!r} has unknown role {role!r}")
    return out
