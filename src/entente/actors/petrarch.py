"""Import PETRARCH/TABARI actor and agent dictionaries, so that users' dictionaries keep working.

Actors: `PHRASE [CODE]`, then `+SYNONYM` lines and indented `[CODE <yymmdd]`, `[CODE >yymmdd]`,
`[CODE yymmdd-yymmdd]` date restrictions (6- or 8-digit dates; YY 00-30 is 20YY, as in TABARI).
Agents: `PHRASE {PLURALS} [~AGT]` (or `[AGT~]`), and substitution sets `!NAME! = A, B, C`.
`#` starts a comment; `<!-- ... -->` is a comment, possibly over several lines.

Each actor becomes an entry `petrarch:<slug>` of type `actor` whose dated codes are resolved on
the event's date (first matching dated code, else the default code), exactly as PETRARCH does.
Phrases are matched without regard to case, since these dictionaries are written in capitals.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from entente.actors.model import DatedCode, Entry, Sector
from entente.actors.parts import Parts
from entente.actors.text import plural, slug
from entente.errors import KnowledgeBaseError

_BRACKET = re.compile(r"\[([^\]]*)\]")
_BRACES = re.compile(r"\{([^}]*)\}")
_SUBST = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
_DATED = re.compile(r"^([^\s<>]*?)\s*(?:([<>])\s*(\d{6,})|(\d{6,})\s*-\s*(\d{6,}))?$")


def read_dictionary(text: str, origin: str, parts: Parts) -> None:
    """Read one PETRARCH dictionary (actors or agents, told apart by `~` in the codes)."""
    lines = list(_clean_lines(text))
    if any("~" in "".join(_BRACKET.findall(line)) for _, line in lines):
        _read_agents(lines, origin, parts)
    else:
        _read_actors(lines, origin, parts)


def _clean_lines(text: str):
    """(line number, text) without comments, blank lines and `<!-- -->` blocks."""
    in_block = False
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if in_block:
            in_block = "-->" not in line
            continue
        if line.lstrip().startswith("<"):
            in_block = "<!--" in line and "-->" not in line
            continue
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            yield n, line


def phrase_text(phrase: str) -> str:
    """`NORTH_KOREA_` -> "north korea": the alias text of a dictionary phrase."""
    return " ".join(phrase.replace("_", " ").split()).lower()


def parse_code(raw: str, where: str) -> DatedCode | None:
    """`TURGOV >030314` -> DatedCode("TURGOV", start=2003-03-15); None for an empty code."""
    m = _DATED.match(raw.strip())
    if not m:
        raise KnowledgeBaseError(f"cannot read code [{raw}]", where=where)
    code, op, day, start, end = m.groups()
    if not code:
        return None  # a bare date window: PETRARCH ignores it too
    code = code.upper()  # "[pse]" is PSE; "+++", "---" and "ELR/GAL" are kept as written
    if op == "<":
        return DatedCode(code, None, _date(day, where) - timedelta(days=1))
    if op == ">":
        return DatedCode(code, _date(day, where) + timedelta(days=1), None)
    if start:
        return DatedCode(code, _date(start, where), _date(end, where))
    return DatedCode(code)


def _date(digits: str, where: str) -> date:
    try:
        if len(digits) <= 7:  # YYMMDD; longer strings are YYYYMMDD plus ignored junk
            yy = int(digits[:2])
            return date(2000 + yy if yy <= 30 else 1900 + yy, int(digits[2:4]), int(digits[4:6]))
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise KnowledgeBaseError(f"invalid date {digits}", where=where) from None


def _read_actors(lines: list[tuple[int, str]], origin: str, parts: Parts) -> None:
    current: dict | None = None
    for n, line in lines:
        where = f"{origin}:{n}"
        stripped = line.strip()
        codes = _codes(stripped, where, parts)
        if stripped.startswith("+") and current is not None:
            current["aliases"].append(phrase_text(_BRACKET.sub("", stripped[1:])))
            current["codes"].extend(codes)
        elif line[0].isspace() and current is not None:
            current["codes"].extend(codes)
        else:
            _flush_actor(current, parts)
            phrase = phrase_text(_BRACKET.sub("", stripped))
            current = {"phrase": phrase, "aliases": [phrase], "codes": codes, "where": where}
    _flush_actor(current, parts)


def _codes(line: str, where: str, parts: Parts) -> list[DatedCode]:
    """The codes on a line; an unreadable one is skipped and reported in `kb.warnings`."""
    out = []
    for raw in _BRACKET.findall(line):
        try:
            code = parse_code(raw, where)
        except KnowledgeBaseError as exc:
            parts.warnings.append(str(exc))
            continue
        if code is not None:
            out.append(code)
    return out


def _flush_actor(current: dict | None, parts: Parts) -> None:
    if not current or not current["phrase"]:
        return
    eid = f"petrarch:{slug(current['phrase'])}"
    old = parts.entries.get(eid)
    codes = (old.codes if old else ()) + tuple(current["codes"])
    parts.add_entry(Entry(id=eid, type="actor", name=current["phrase"].title(), codes=codes,
                          source=current["where"], user=True))
    for alias in current["aliases"]:
        parts.add_alias(alias, eid, cased=False, user=True, source=current["where"])


def _read_agents(lines: list[tuple[int, str]], origin: str, parts: Parts) -> None:
    subst: dict[str, list[str]] = {}
    for n, line in lines:
        where = f"{origin}:{n}"
        m = _SUBST.match(line.strip())
        if m:
            subst[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        codes = _BRACKET.findall(line)
        if not codes:
            continue
        role = codes[0].replace("~", "").strip()[:3]
        head = _BRACKET.sub("", line)
        plurals = _BRACES.findall(head)
        phrase = _BRACES.sub("", head).strip()
        forms = _expand(phrase, subst)
        if plurals and plurals[0].strip():
            forms += _expand(plurals[0], subst)
        elif not plurals:  # no braces: PETRARCH adds the regular plural itself
            forms += [plural(f) for f in forms]
        for form in forms:
            parts.sectors.append(Sector(phrase_text(form), role, False, where))


def _expand(phrase: str, subst: dict[str, list[str]]) -> list[str]:
    """`CONGRESS!PERSON!` -> CONGRESSMAN, CONGRESSMEN, ... (substitution sets are spliced in)."""
    for name, words in subst.items():
        if name in phrase:
            return [f for w in words for f in _expand(phrase.replace(name, w), subst)]
    return [phrase]
