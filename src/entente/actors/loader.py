"""Read the knowledge-base files (packaged and users') into `Parts`.

Packaged files live in `entente/actors/kb/`; their schemas are described in each file's header and
in kb/README.md. Users' files are recognised by their suffix and content: `.yaml`/`.yml` with an
`entries:` list (or a mapping of ISO3 codes, like countries.yaml), `.csv` office-holder or
gazetteer tables, and `.txt` PETRARCH actor or agent dictionaries.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import yaml

from entente.actors import offices, petrarch
from entente.actors.model import Entry, Period, Sector
from entente.actors.parts import Parts, PersonDraft
from entente.actors.text import parse_date, plural, slug
from entente.errors import KnowledgeBaseError

KB_DIR = Path(__file__).with_name("kb")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def package_files() -> list[Path]:
    """Every packaged data file, in a stable order (the version hash depends on it)."""
    return sorted(p for p in KB_DIR.rglob("*") if p.is_file() and p.suffix in {
        ".yaml", ".csv", ".txt"})


def read_package(parts: Parts) -> None:
    """Load the packaged knowledge base into `parts` (persons are built by the caller)."""
    manifest = _yaml(KB_DIR / "MANIFEST.yaml")
    parts.as_of = parse_date(manifest.get("as_of"))
    read_sectors(_yaml(KB_DIR / "sectors.yaml"), "sectors.yaml", parts)
    read_countries(_yaml(KB_DIR / "countries.yaml"), "countries.yaml", parts, user=False)
    read_gazetteer((KB_DIR / "gazetteer.csv").read_text("utf-8"), "gazetteer.csv", parts, False)
    capital_spellings(parts)
    read_entries(_yaml(KB_DIR / "organisations.yaml"), "organisations.yaml", parts, user=False)
    parts.ambiguous.update(_yaml(KB_DIR / "ambiguous.yaml").get("aliases") or {})
    names = (KB_DIR / "given_names.txt").read_text("utf-8").split()
    parts.given_names.update(n for n in names if not n.startswith("#"))
    for path in sorted((KB_DIR / "offices").glob("*.csv")):
        offices.read_offices(path.read_text("utf-8"), f"offices/{path.name}", parts)


def read_user_file(path: Path, parts: Parts) -> None:
    """Load one user file, choosing the reader by suffix and content."""
    origin = str(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeBaseError(f"cannot read: {exc}", where=origin) from None
    suffix = path.suffix.lower()
    if suffix in {".yaml", ".yml"}:
        data = _parse_yaml(text, origin) or {}
        if "entries" in data:
            read_entries(data, origin, parts, user=True)
        else:
            read_countries(data, origin, parts, user=True)
    elif suffix == ".csv":
        header = next((ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), "")
        if "office" in header.split(","):
            offices.read_offices(text, origin, parts, user=True)
        else:
            read_gazetteer(text, origin, parts, True)
    elif suffix == ".txt":
        petrarch.read_dictionary(text, origin, parts)
    else:
        raise KnowledgeBaseError("unknown knowledge-base file type", where=origin,
                                 hint="use .yaml, .csv or a PETRARCH .txt dictionary")


def read_sectors(data: dict[str, Any], origin: str, parts: Parts) -> None:
    """sectors.yaml: sector nouns, office titles, office roles and the word lists of the rules."""
    for role, spec in (data.get("sectors") or {}).items():
        parts.roles.add(role)
        for weak, field in ((False, "nouns"), (True, "weak")):
            for noun in map(str, spec.get(field) or []):
                parts.sectors.append(Sector(noun, role, weak, origin))
                if not noun.endswith("s"):
                    parts.sectors.append(Sector(plural(noun), role, weak, origin))
    parts.roles.update(data.get("other_roles") or [])
    parts.office_titles.update({k: tuple(v) for k, v in (data.get("offices") or {}).items()})
    parts.office_roles.update(data.get("office_roles") or {})
    parts.office_priority = tuple(data.get("office_priority") or ())
    for field, target in (("person_markers", parts.markers), ("backed", parts.backed),
                          ("pro", parts.pro), ("ethnic", parts.ethnic),
                          ("locative", parts.locative), ("affiliation", parts.affiliation),
                          ("place_verbs", parts.place_verbs), ("org_heads", parts.org_heads),
                          ("state_bodies", parts.state_bodies),
                          ("context_sectors", parts.context_sectors),
                          ("context_exclude", parts.context_exclude),
                          ("context_foreign", parts.context_foreign),
                          ("context_owner_verbs", parts.context_owner_verbs)):
        words = data.get(field) or []
        if any(not isinstance(w, str) for w in words):
            raise KnowledgeBaseError(f"{field}: every word must be a string (quote on/off/yes/no)",
                                     where=origin)
        target.update(words)


def read_countries(data: dict[str, Any], origin: str, parts: Parts, *, user: bool) -> None:
    """countries.yaml: one mapping per ISO3 code."""
    for iso, spec in data.items():
        where = f"{origin}:{iso}"
        if not isinstance(spec, dict) or "name" not in spec:
            raise KnowledgeBaseError("a country needs a mapping with a name", where=where)
        at = spec.get("at") or [None, None]
        cid = f"country:{iso}"
        parts.add_entry(Entry(id=cid, type="country", name=spec["name"], country=iso,
                              lat=at[0], lon=at[1], kind=spec.get("kind"), source=where,
                              nat=spec.get("sovereign"), user=user))
        for text in [spec["name"], *(spec.get("aka") or [])]:
            parts.add_alias(text, cid, user=user, source=where)
        for text in spec.get("adj") or []:
            parts.add_alias(text, cid, kind="adj", user=user, source=where)
        if spec.get("capital") and spec.get("kind") != "territory":
            parts.add_alias(spec["capital"], cid, kind="capital", role="GOV", user=user,
                            source=where)
        for text, role in (spec.get("seats") or {}).items():
            parts.add_alias(text, cid, kind="seat", role=role, user=user, source=where)


def read_gazetteer(text: str, origin: str, parts: Parts, user: bool) -> None:
    """gazetteer.csv: name,country,lat,lon,kind,aka."""
    lines = [(n, ln) for n, ln in enumerate(text.splitlines(), 1)
             if ln.strip() and not ln.startswith("#")]
    if not lines:
        return
    header = next(csv.reader([lines[0][1]]))
    for lineno, line in lines[1:]:
        row = dict(zip(header, next(csv.reader(io.StringIO(line))), strict=False))
        where = f"{origin}:{lineno}"
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except (KeyError, ValueError):
            raise KnowledgeBaseError("lat and lon must be numbers", where=where) from None
        pid = f"place:{slug(row['name'])}"
        parts.add_entry(Entry(id=pid, type="place", name=row["name"],
                              country=row.get("country") or None, lat=lat, lon=lon,
                              kind=row.get("kind") or "city", source=where, user=user))
        for alias in [row["name"], *filter(None, (row.get("aka") or "").split("|"))]:
            parts.add_alias(alias, pid, user=user, source=where)


def capital_spellings(parts: Parts) -> None:
    """A capital's other spellings in the gazetteer ("Kiev" for Kyiv) name its government too."""
    capitals = {(a.text, a.key): a for a in parts.aliases if a.kind == "capital"}
    for (text, cid), alias in list(capitals.items()):
        place = parts.entries.get(f"place:{slug(text)}")
        if place is None:
            continue
        for other in parts.aliases:
            if other.key == place.id and other.text != text:
                parts.add_alias(other.text, cid, kind="capital", role=alias.role,
                                source=alias.source)


def read_entries(data: dict[str, Any], origin: str, parts: Parts, *, user: bool) -> None:
    """organisations.yaml (and users' YAML): a list of entries under `entries`."""
    for n, spec in enumerate(data.get("entries") or [], 1):
        where = f"{origin}:entry {n} ({spec.get('id', '?') if isinstance(spec, dict) else '?'})"
        if not isinstance(spec, dict) or not spec.get("id") or not spec.get("name"):
            raise KnowledgeBaseError("an entry needs an id and a name", where=where)
        etype = spec.get("type") or str(spec["id"]).split(":", 1)[0]
        if etype == "person":
            _add_person_entry(spec, where, parts, user)
            continue
        _add_entry(spec, etype, where, parts, user)


def _add_entry(spec: dict[str, Any], etype: str, where: str, parts: Parts, user: bool) -> None:
    periods = tuple(Period(p["role"], parse_date(p.get("from")), parse_date(p.get("to")))
                    for p in spec.get("periods") or [])
    role = spec.get("role") or ("IGO" if etype == "igo" else None)
    at = spec.get("at") or [None, None]
    parts.add_entry(Entry(id=spec["id"], type=etype, name=spec["name"], country=spec.get("country"),
                          org=spec.get("org"), role=role, code=spec.get("code"), periods=periods,
                          parent=spec.get("parent"), note=spec.get("note") or "", lat=at[0],
                          lon=at[1], source=where, user=user))
    for text in [spec["name"], *(spec.get("aka") or [])]:
        parts.add_alias(str(text), spec["id"], user=user, source=where)


def _add_person_entry(spec: dict[str, Any], where: str, parts: Parts, user: bool) -> None:
    """A person written as a YAML entry (with optional `terms`, like rows of an office CSV)."""
    draft = PersonDraft(id=spec["id"], name=spec["name"], source=where, user=user,
                        aka=list(spec.get("aka") or []), nat=spec.get("nat"),
                        country=spec.get("country"), role=spec.get("role"),
                        note=spec.get("note") or "")
    if "short" in spec:
        draft.shorts = list(spec["short"] or [])
    parts.persons.pop(spec["id"], None)
    for term in spec.get("terms") or []:
        row = {k: str(v) if v is not None else "" for k, v in term.items()}
        row.update(name=spec["name"], id=spec["id"])
        offices.add_row(row, where, parts, user)
    if spec["id"] in parts.persons:
        draft.terms = parts.persons.pop(spec["id"]).terms
    parts.persons[spec["id"]] = draft


def _yaml(path: Path) -> dict[str, Any]:
    return _parse_yaml(path.read_text("utf-8"), path.name) or {}


def _parse_yaml(text: str, origin: str) -> Any:
    try:
        return yaml.load(text, Loader=_LOADER)  # CSafeLoader/SafeLoader: no object construction
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{origin}:{mark.line + 1}" if mark else origin
        raise KnowledgeBaseError(f"invalid YAML: {getattr(exc, 'problem', exc)}",
                                 where=where) from None
