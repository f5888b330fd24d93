"""Office-holder files (offices/*.csv, and users' CSVs in the same format) -> persons.

Columns: of, office, name, start, end, short, aka, nat, note, id (see kb/offices/README.md).
A person is identified by `id` when given, else by the slug of `name`; rows of one person merge.
"""

from __future__ import annotations

import csv
import io

from entente.actors.model import Term
from entente.actors.parts import Parts, PersonDraft
from entente.actors.text import parse_date, slug, split_list
from entente.errors import KnowledgeBaseError

COLUMNS = ("of", "office", "name", "start", "end", "short", "aka", "nat", "note", "id")


def read_offices(text: str, origin: str, parts: Parts, *, user: bool = False) -> None:
    """Add the persons and terms of one office CSV to `parts`."""
    lines = text.splitlines()
    body = [(n, line) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]
    if not body:
        return
    header = next(csv.reader([body[0][1]]))
    missing = [c for c in ("of", "office", "name", "start") if c not in header]
    if missing:
        raise KnowledgeBaseError(f"missing columns {missing}", where=f"{origin}:{body[0][0]}",
                                 hint=f"expected header {','.join(COLUMNS)}")
    for lineno, line in body[1:]:
        row = dict(zip(header, next(csv.reader(io.StringIO(line))), strict=False))
        add_row(row, f"{origin}:{lineno}", parts, user)


def add_row(row: dict[str, str], where: str, parts: Parts, user: bool) -> None:
    name = (row.get("name") or "").strip()
    of, office = (row.get("of") or "").strip(), (row.get("office") or "").strip()
    if not name or not of or not office:
        raise KnowledgeBaseError("a row needs of, office and name", where=where)
    try:
        start, end = parse_date(row.get("start")), parse_date(row.get("end"))
    except ValueError as exc:
        raise KnowledgeBaseError(f"bad date: {exc}", where=where) from None
    pid = (row.get("id") or "").strip() or f"person:{slug(name)}"
    draft = parts.persons.get(pid)
    if draft is None:
        draft = parts.persons[pid] = PersonDraft(id=pid, name=name, source=where, user=user)
    elif name != draft.name and name not in draft.aka:
        draft.aka.append(name)
    draft.aka.extend(a for a in split_list(row.get("aka")) if a not in draft.aka)
    short = (row.get("short") or "").strip()
    if short:
        draft.shorts = [] if short == "-" else split_list(short)
    if (row.get("nat") or "").strip():
        draft.nat = row["nat"].strip()
    note = (row.get("note") or "").strip()
    draft.terms.append(Term(of=of, office=office, start=start, end=end, source=where, note=note))
