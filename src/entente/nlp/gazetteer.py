"""Names the entity rules look for, gathered from the actors knowledge base and nlp/data/.

A `Gazetteer` is a frozen list of `Name`s (phrase, label, knowledge-base id). The knowledge base
gives country names and their other names (GPE), capitals, cities, regions and contested areas
(GPE), seas and macro-regions (LOC), demonyms (NORP), organisations (ORG) and office holders
(PERSON); nlp/data/entities.yaml adds only generic English (continents, group words, titles). Nothing here repeats the knowledge base's lists: when the knowledge
base changes, the next `load()` sees it, with no retraining.

`kb_names()` reads the knowledge base's packaged data files (countries.yaml, gazetteer.csv,
organisations.yaml, offices/*.csv) directly, for names only; the actors stage owns their meaning.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import msgspec
import yaml

from entente.errors import ModelError

DATA_DIR = Path(__file__).resolve().parent / "data"
LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "DATE")


class Name(msgspec.Struct, frozen=True):
    text: str
    label: str
    kb_id: str = ""
    source: str = "kb"  # "kb" (the actors knowledge base) or "data" (nlp/data/entities.yaml)


class Gazetteer(msgspec.Struct, frozen=True):
    names: tuple[Name, ...] = ()
    loc_heads: frozenset[str] = frozenset()
    trailing_titles: frozenset[str] = frozenset()
    org_heads: frozenset[str] = frozenset()
    given_names: frozenset[str] = frozenset()
    person_titles: frozenset[str] = frozenset()
    not_entities: frozenset[str] = frozenset()

    def by_label(self, label: str) -> list[Name]:
        return [n for n in self.names if n.label == label]


def read_yaml(path: Path) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10x faster
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=loader)
    except (OSError, yaml.YAMLError) as exc:
        raise ModelError(f"cannot read entity rules: {exc}", where=str(path)) from exc


def data_names(data: Mapping[str, Any]) -> Iterator[Name]:
    for text in data.get("loc_names", ()):
        yield Name(str(text), "LOC", source="data")
    for text in data.get("norp", ()):
        yield Name(str(text), "NORP", source="data")


def load_gazetteer(data_dir: Path = DATA_DIR, *, use_kb: bool = True) -> Gazetteer:
    data = read_yaml(data_dir / "entities.yaml")
    names = list(data_names(data))
    if use_kb:
        names.extend(kb_names())
    names.extend(plain_variants(names))
    return Gazetteer(
        names=tuple(dedupe(names)),
        loc_heads=frozenset(data.get("loc_heads", ())),
        trailing_titles=frozenset(data.get("trailing_titles", ())),
        org_heads=frozenset(data.get("org_heads", ())),
        given_names=kb_given_names() if use_kb else frozenset(),
        person_titles=frozenset(data.get("person_titles", ())),
        not_entities=frozenset(data.get("not_entities", ())),
    )


def plain_letters(text: str) -> str:
    """The text without accents: "Erdoğan" → "Erdogan", "İlham" → "Ilham", "Orbán" → "Orban"."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def plain_variants(names: Iterable[Name]) -> Iterator[Name]:
    """News often drops accents: every accented name is also matched without them."""
    for n in names:
        plain = plain_letters(n.text)
        if plain != n.text:
            yield Name(plain, n.label, n.kb_id, n.source)


def dedupe(names: Iterable[Name]) -> Iterator[Name]:
    """First entry wins for one phrase: knowledge-base names come after the generic data, so a
    phrase in both keeps the data file's label (a region stays LOC)."""
    seen: set[str] = set()
    for n in names:
        if n.text and n.text not in seen:
            seen.add(n.text)
            yield n


# -- the knowledge base ---------------------------------------------------------------------------
# gazetteer.csv kinds: what a place of that kind is called in NER terms
PLACE_KINDS = {"capital": "GPE", "city": "GPE", "region": "GPE", "conflict": "GPE",
               "sea": "LOC", "macro": "LOC"}


@lru_cache(maxsize=1)
def kb_names() -> tuple[Name, ...]:
    """Names from the actors knowledge base's data files (empty when there are none yet)."""
    try:
        root = Path(str(resources.files("entente.actors") / "kb"))
    except ModuleNotFoundError:  # pragma: no cover - the actors stage is part of the package
        return ()
    names: list[Name] = []
    if (root / "countries.yaml").is_file():
        names.extend(country_names(read_yaml(root / "countries.yaml") or {}))
    if (root / "gazetteer.csv").is_file():
        names.extend(place_names(root / "gazetteer.csv"))
    if (root / "organisations.yaml").is_file():
        names.extend(organisation_names(read_yaml(root / "organisations.yaml") or {}))
    for path in sorted((root / "offices").glob("*.csv")):
        names.extend(person_names(path))
    return tuple(names)


@lru_cache(maxsize=1)
def kb_given_names() -> frozenset[str]:
    """The knowledge base's common given names (kb/given_names.txt), for unknown persons."""
    path = Path(str(resources.files("entente.actors") / "kb" / "given_names.txt"))
    if not path.is_file():
        return frozenset()
    words = path.read_text(encoding="utf-8").split("\n")
    return frozenset(w for line in words if not line.startswith("#") for w in line.split())


def country_names(entries: Mapping[str, Any]) -> Iterator[Name]:
    """GPE for names and other names; NORP for demonyms (kb_id: the ISO3 code)."""
    for code, entry in entries.items():
        if not isinstance(entry, Mapping):
            continue
        for text in [entry.get("name"), *entry.get("aka", ())]:
            if text:
                yield Name(strip_article(str(text)), "GPE", str(code))
        for text in entry.get("adj", ()):
            yield Name(str(text), "NORP", str(code))
        for text in entry.get("seats") or {}:  # "the Kremlin", "the Pentagon": institutions
            yield Name(strip_article(str(text)), "ORG", "")


def place_names(path: Path) -> Iterator[Name]:
    """Capitals, cities, regions and contested areas (GPE); seas and macro-regions (LOC)."""
    for row in csv_rows(path):
        label = PLACE_KINDS.get(row.get("kind", ""))
        if label is None:
            continue
        for text in [row.get("name", ""), *(row.get("aka") or "").split("|")]:
            if text.strip():
                yield Name(strip_article(text.strip()), label)


def organisation_names(data: Mapping[str, Any]) -> Iterator[Name]:
    for entry in data.get("entries", ()) or ():
        if not isinstance(entry, Mapping):
            continue
        for text in [entry.get("name"), *entry.get("aka", ())]:
            if text:
                yield Name(strip_article(str(text)), "ORG", str(entry.get("id", "")))


def person_names(path: Path) -> Iterator[Name]:
    """Office holders: full names, short names and other names listed for them (PERSON)."""
    for row in csv_rows(path):
        short = row.get("short") or ""
        for text in [row.get("name", ""), short, *(row.get("aka") or "").split("|")]:
            if text.strip() and text.strip() != "-":
                yield Name(text.strip(), "PERSON", row.get("id") or "")


def csv_rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if not line.startswith("#"))
        yield from csv.DictReader(lines)


def strip_article(text: str) -> str:
    """"the United Nations" is matched as "United Nations": NER spans leave the article out."""
    return text[4:] if text.startswith(("the ", "The ")) and len(text) > 4 else text
