"""Names the entity rules look for, gathered from the actors knowledge base and nlp/data/.

A `Gazetteer` is a frozen list of `Name`s (phrase, label, knowledge-base id). The actors knowledge
base (`entente.actors.KnowledgeBase.load()`: the packaged files plus a user's own, ENTENTE_KB_PATH)
gives country names and their other names (GPE, kb_id = ISO3), capitals, cities, regions and
contested areas (GPE), seas and macro-regions (LOC), demonyms (NORP, kb_id = ISO3), seats of
government (ORG), organisations (ORG, kb_id = entry id), office holders (PERSON, kb_id = entry id)
and common given names; nlp/data/entities.yaml adds only generic English (continents, group words,
titles). Nothing here repeats the knowledge base's lists: when the knowledge
base changes, the next `load()` sees it, with no retraining.

Only names and labels are taken; the actors stage owns what they mean.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Mapping
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
    kb = load_kb() if use_kb else None
    if kb is not None:
        names.extend(kb_names(kb))
    names.extend(plain_variants(names))
    return Gazetteer(
        names=tuple(dedupe(names)),
        loc_heads=frozenset(data.get("loc_heads", ())),
        trailing_titles=frozenset(data.get("trailing_titles", ())),
        org_heads=frozenset(data.get("org_heads", ())),
        given_names=frozenset(kb.given_names) if kb is not None else frozenset(),
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
# gazetteer kinds of place entries: what a place of that kind is called in NER terms
PLACE_KINDS = {"capital": "GPE", "city": "GPE", "region": "GPE", "conflict": "GPE",
               "sea": "LOC", "macro": "LOC"}
ORG_TYPES = {"igo", "group", "media", "org"}


def kb_names(kb: Any = None) -> tuple[Name, ...]:
    """Every name the actors knowledge base knows, as NER labels (see the module docstring).

    A person's bare surname ("short" alias) is left out: "May", "Rice" or "Young" alone are
    too often words; the document-consistency rule links a surname to a full name in the same
    article instead.
    """
    kb = kb if kb is not None else load_kb()
    names: list[Name] = []
    for group in kb.aliases.values():
        for alias in group:
            entry = kb.entries.get(alias.key)
            name = alias_name(alias, entry) if entry is not None else None
            if name is not None:
                names.append(name)
                if not alias.cased and alias.text.isupper():  # PETRARCH phrases: "UNITED NATIONS"
                    names.append(Name(alias.text.title(), name.label, name.kb_id))
    return tuple(names)


def alias_name(alias: Any, entry: Any) -> Name | None:
    text = strip_article(alias.text.strip())
    if entry.type == "country":
        code = entry.id.split(":", 1)[-1]
        label = {"name": "GPE", "adj": "NORP", "capital": "GPE", "seat": "ORG"}.get(alias.kind)
        return Name(text, label, code if alias.kind in {"name", "adj"} else "") if label else None
    if entry.type == "place":
        label = PLACE_KINDS.get(entry.kind or "")
        return Name(text, label) if label else None
    if entry.type in ORG_TYPES:
        return Name(text, "ORG", entry.id)
    if entry.type == "person" and alias.kind == "name":
        return Name(text, "PERSON", entry.id)
    return None


def load_kb() -> Any:
    """The actors knowledge base (packaged files plus users' files, cached by the actors stage)."""
    from entente.actors import KnowledgeBase
    from entente.errors import KnowledgeBaseError

    try:
        return KnowledgeBase.load()
    except KnowledgeBaseError as exc:
        raise ModelError(f"the entity rules need the knowledge base: {exc}",
                         hint="fix the knowledge-base file named above") from exc


def strip_article(text: str) -> str:
    """"the United Nations" is matched as "United Nations": NER spans leave the article out."""
    return text[4:] if text.startswith(("the ", "The ")) and len(text) > 4 else text
