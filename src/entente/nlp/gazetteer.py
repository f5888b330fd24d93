"""Names the entity rules look for, gathered from the actors knowledge base and nlp/data/.

A `Gazetteer` is a frozen list of `Name`s (phrase, label, knowledge-base id). The knowledge base
gives country names and their other names (GPE), capitals and cities (GPE), demonyms (NORP),
international organisations (ORG) and people (PERSON); nlp/data/entities.yaml adds only generic
English (regions, group words). Nothing here repeats the knowledge base's lists: when the knowledge
base changes, the next `load()` sees it, with no retraining.

`kb_names()` reads the knowledge base through its loader when that exposes entries, and otherwise
through its packaged data files, so that the nlp stage works while the actors stage is still young.
"""

from __future__ import annotations

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


class Gazetteer(msgspec.Struct, frozen=True):
    names: tuple[Name, ...] = ()
    loc_heads: frozenset[str] = frozenset()
    person_titles: frozenset[str] = frozenset()
    not_entities: frozenset[str] = frozenset()

    def by_label(self, label: str) -> list[Name]:
        return [n for n in self.names if n.label == label]


def read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except (OSError, yaml.YAMLError) as exc:
        raise ModelError(f"cannot read entity rules: {exc}", where=str(path)) from exc


def data_names(data: Mapping[str, Any]) -> Iterator[Name]:
    for text in data.get("loc_names", ()):
        yield Name(str(text), "LOC")
    for text in data.get("norp", ()):
        yield Name(str(text), "NORP")


def load_gazetteer(data_dir: Path = DATA_DIR, *, use_kb: bool = True) -> Gazetteer:
    data = read_yaml(data_dir / "entities.yaml")
    names = list(data_names(data))
    if use_kb:
        names.extend(kb_names())
    return Gazetteer(
        names=tuple(dedupe(names)),
        loc_heads=frozenset(data.get("loc_heads", ())),
        person_titles=frozenset(data.get("person_titles", ())),
        not_entities=frozenset(data.get("not_entities", ())),
    )


def dedupe(names: Iterable[Name]) -> Iterator[Name]:
    """First entry wins for one phrase: knowledge-base names come after the generic data, so a
    phrase in both keeps the data file's label (a region stays LOC)."""
    seen: set[str] = set()
    for n in names:
        if n.text and n.text not in seen:
            seen.add(n.text)
            yield n


# -- the knowledge base ---------------------------------------------------------------------------
@lru_cache(maxsize=1)
def kb_names() -> tuple[Name, ...]:
    """Names from the actors knowledge base (empty when it has none yet)."""
    try:
        root = resources.files("entente.actors") / "kb"
    except ModuleNotFoundError:  # pragma: no cover - the actors stage is part of the package
        return ()
    path = Path(str(root))
    countries = path / "countries.yaml"
    if not countries.is_file():
        return ()
    return tuple(country_names(read_yaml(countries) or {}))


def country_names(entries: Mapping[str, Any]) -> Iterator[Name]:
    """GPE for names, other names and capitals; NORP for demonyms (kb_id: the ISO3 code)."""
    for code, entry in entries.items():
        if not isinstance(entry, Mapping):
            continue
        for text in [entry.get("name"), *entry.get("aka", ())]:
            if text:
                yield Name(str(text), "GPE", str(code))
        if entry.get("capital"):
            yield Name(str(entry["capital"]), "GPE", "")
        for text in entry.get("adj", ()):
            yield Name(str(text), "NORP", str(code))
