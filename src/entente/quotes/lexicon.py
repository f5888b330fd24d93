"""The attribution lexicon: reporting verbs, cues, roles, first names, pronouns, short references.

Everything the quote extractor and the coreference rules know about English words lives in the
data files of `entente/quotes/data/` (see the schema comment at the top of each file); this module
only reads and checks them. A broken file raises `KnowledgeBaseError` naming the file and line, so
a linguist can fix an entry without reading Python.
"""

from __future__ import annotations

import csv
import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

import msgspec
import yaml

from entente.errors import KnowledgeBaseError

DATA = Path(__file__).parent / "data"
FILES = ("cues.yaml", "roles.yaml", "pronouns.yaml", "nominals.yaml", "first_names.csv")

VERB_CLASSES = frozenset({"speech", "address", "belief"})
ACTOR_TYPES = frozenset({"country", "person", "igo", "group", "media", "org", "place", "sector"})
GENDERS = frozenset({"f", "m", "u"})


class VerbCue(msgspec.Struct, frozen=True, kw_only=True):
    lemma: str
    cls: str
    direct_only: bool = False
    inverts: bool = True


class Pronoun(msgspec.Struct, frozen=True, kw_only=True):
    person: int
    number: str
    gender: str
    case: str


class Reference(msgspec.Struct, frozen=True, kw_only=True):
    heads: frozenset[str]
    count: int
    types: frozenset[str]
    role: str | None = None


class Lexicon(msgspec.Struct, frozen=True, kw_only=True):
    verbs: dict[str, VerbCue]  # every form and the lemma -> its cue
    source_phrases: tuple[tuple[str, ...], ...]
    citing: frozenset[str]  # lemmas and their regular forms ("cite", "citing")
    relay: frozenset[str]  # lemmas and their regular forms
    publication_nouns: frozenset[str]
    publication_modifiers: frozenset[str]
    published_verbs: frozenset[str]
    venue_nouns: frozenset[str]
    affiliation_verbs: frozenset[str]
    roles: tuple[tuple[str, ...], ...]  # longest first
    role_set: dict[tuple[str, ...], str]  # words -> the role as written in the data file
    honorifics: dict[str, str]
    person_nouns: frozenset[str]
    org_nouns: frozenset[str]
    outlet_suffixes: tuple[tuple[str, ...], ...]
    name_particles: frozenset[str]
    first_names: dict[str, str]  # casefolded name -> f | m
    pronouns: dict[str, Pronoun]
    references: tuple[Reference, ...]
    version: str

    def candidate_words(self) -> frozenset[str]:
        """Every lower-case word that can open an attribution (all forms of the reporting verbs,
        the first word of each source phrase, the citing participles), for a fast path that
        parses only sentences that may hold a quote."""
        return frozenset({*self.verbs, *(p[0] for p in self.source_phrases), *self.citing})

    def verb(self, form: str, lemma: str) -> VerbCue | None:
        """The cue for a token given its lower-case form and lemma, or None."""
        return self.verbs.get(lemma) or self.verbs.get(form)


# -- YAML with line numbers and no silent duplicate keys ---------------------------------------


class _StrictLoader(yaml.SafeLoader):
    """A safe loader that refuses duplicate mapping keys (PyYAML keeps the last one silently)."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise KnowledgeBaseError(
                f"duplicate key {key!r}", where=f"{Path(loader.name).name}:{key_node.start_mark.line + 1}"
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path) -> Any:
    """Parse one YAML data file strictly; errors name the file and line."""
    try:
        with path.open(encoding="utf-8") as fh:
            loader = _StrictLoader(fh)
            loader.name = str(path)
            try:
                return loader.get_single_data()
            finally:
                loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path.name}:{mark.line + 1}" if mark else path.name
        raise KnowledgeBaseError(f"not valid YAML: {exc}", where=where) from None


def _fail(file: str, message: str, key: str | None = None) -> KnowledgeBaseError:
    return KnowledgeBaseError(message, where=f"{file} ({key})" if key else file,
                              hint="see the schema comment at the top of the file")


def _words(values: Any, file: str, key: str) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        raise _fail(file, "expected a list of non-empty strings", key)
    dupes = sorted({v for v in values if values.count(v) > 1})
    if dupes:
        raise _fail(file, f"duplicate entries {dupes}", key)
    return [v.lower() for v in values]


# -- verbs -------------------------------------------------------------------------------------


def regular_forms(lemma: str) -> set[str]:
    """-s, -ed and -ing forms by the regular spelling rules ("deny" -> denies, denied, denying)."""
    vowels = "aeiou"
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2:-1] not in vowels:
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    if lemma.endswith("e"):
        past, ing = lemma + "d", (lemma if lemma.endswith("ee") else lemma[:-1]) + "ing"
    elif lemma.endswith("y") and lemma[-2:-1] not in vowels:
        past, ing = lemma[:-1] + "ied", lemma + "ing"
    else:
        past, ing = lemma + "ed", lemma + "ing"
    return {lemma, third, past, ing}


def _verbs(data: Any, file: str) -> dict[str, VerbCue]:
    if not isinstance(data, dict) or not data:
        raise _fail(file, "expected a mapping lemma -> {class, forms?, direct_only?}", "verbs")
    out: dict[str, VerbCue] = {}
    for lemma, spec in data.items():
        if not isinstance(spec, dict) or spec.get("class") not in VERB_CLASSES:
            raise _fail(file, f"class must be one of {sorted(VERB_CLASSES)}", f"verbs.{lemma}")
        unknown = set(spec) - {"class", "forms", "direct_only", "inverts"}
        if unknown:
            raise _fail(file, f"unknown fields {sorted(unknown)}", f"verbs.{lemma}")
        cue = VerbCue(lemma=lemma, cls=spec["class"], direct_only=bool(spec.get("direct_only")),
                      inverts=bool(spec.get("inverts", spec["class"] == "speech")))
        for form in regular_forms(lemma) | set(_words(spec.get("forms", []), file, f"verbs.{lemma}")):
            out.setdefault(form, cue)
        out[lemma] = cue
    return out


# -- loading -----------------------------------------------------------------------------------


def _first_names(path: Path) -> dict[str, str]:
    names: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        rows = [line for line in fh if not line.startswith("#")]
    reader = csv.DictReader(rows)
    if reader.fieldnames != ["name", "gender"]:
        raise _fail(path.name, "header must be: name,gender")
    for n, row in enumerate(reader, 2):
        name, gender = (row["name"] or "").strip(), (row["gender"] or "").strip()
        where = f"{path.name}:{n + 2}"  # two comment lines above the header
        if not name or gender not in GENDERS:
            raise KnowledgeBaseError(f"bad row {row!r}: gender must be f, m or u", where=where)
        if name.casefold() in names:
            raise KnowledgeBaseError(f"duplicate name {name!r}", where=where)
        if gender != "u":
            names[name.casefold()] = gender
    return names


def _pronouns(data: Any, file: str) -> dict[str, Pronoun]:
    if not isinstance(data, dict):
        raise _fail(file, "expected a mapping form -> features")
    try:
        out = {str(k).lower(): msgspec.convert(v, Pronoun) for k, v in data.items()}
    except msgspec.ValidationError as exc:
        raise _fail(file, str(exc)) from None
    for form, p in out.items():
        if p.person not in (1, 3) or p.number not in ("sg", "pl", "any") or \
                p.gender not in ("f", "m", "n", "any") or p.case not in ("subj", "obj", "poss", "refl"):
            raise _fail(file, f"bad features {p}", form)
    return out


def _references(data: Any, file: str) -> tuple[Reference, ...]:
    items = (data or {}).get("references") if isinstance(data, dict) else None
    if not isinstance(items, list) or not items:
        raise _fail(file, "expected a non-empty list under 'references'")
    out = []
    for n, item in enumerate(items):
        key = f"references[{n}]"
        if not isinstance(item, dict) or set(item) - {"heads", "count", "types", "role"}:
            raise _fail(file, "fields are heads, count, types, role", key)
        types = set(_words(item.get("types"), file, key))
        if not types <= ACTOR_TYPES or item.get("count") not in (1, 2):
            raise _fail(file, f"count must be 1 or 2 and types within {sorted(ACTOR_TYPES)}", key)
        role = item.get("role")
        if role is not None and (not isinstance(role, str) or not role):
            raise _fail(file, "role must be a non-empty string", key)
        out.append(Reference(heads=frozenset(_words(item.get("heads"), file, key)),
                             count=item["count"], types=frozenset(types), role=role))
    return tuple(out)


def _phrases(values: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted((tuple(v.split()) for v in values), key=len, reverse=True))


def _version(base: Path) -> str:
    digest = hashlib.sha256()
    for name in FILES:
        digest.update((base / name).read_bytes())
    return digest.hexdigest()[:12]


def _honorifics(data: Any, file: str) -> dict[str, str]:
    if not isinstance(data, dict) or not all(v in GENDERS for v in data.values()):
        raise _fail(file, "expected a mapping form -> f | m | u", "honorifics")
    return {str(k): str(v) for k, v in data.items()}


def load(base: Path = DATA) -> Lexicon:
    """Read and check every data file under `base` (the packaged data by default)."""
    cues, roles = read_yaml(base / "cues.yaml"), read_yaml(base / "roles.yaml")
    if not isinstance(cues, dict) or not isinstance(roles, dict):
        raise _fail("cues.yaml / roles.yaml", "expected a mapping at the top level")

    def words(key: str) -> frozenset[str]:
        return frozenset(_words(cues.get(key), "cues.yaml", key))

    def role_words(key: str) -> list[str]:
        return _words(roles.get(key), "roles.yaml", key)

    return Lexicon(
        verbs=_verbs(cues.get("verbs"), "cues.yaml"),
        source_phrases=_phrases(_words(cues.get("source_phrases"), "cues.yaml", "source_phrases")),
        citing=frozenset(f for w in words("citing") for f in regular_forms(w)),
        relay=frozenset(f for w in words("relay") for f in regular_forms(w)),
        publication_nouns=words("publication_nouns"),
        publication_modifiers=words("publication_modifiers"),
        published_verbs=words("published_verbs"), venue_nouns=words("venue_nouns"),
        affiliation_verbs=words("affiliation_verbs"),
        roles=_phrases(role_words("roles")),
        role_set={tuple(r.split()): r for r in role_words("roles")},
        honorifics=_honorifics(roles.get("honorifics"), "roles.yaml"),
        person_nouns=frozenset(role_words("person_nouns")),
        org_nouns=frozenset(role_words("org_nouns")),
        outlet_suffixes=_phrases(role_words("outlet_suffixes")),
        name_particles=frozenset(role_words("name_particles")),
        first_names=_first_names(base / "first_names.csv"),
        pronouns=_pronouns(read_yaml(base / "pronouns.yaml"), "pronouns.yaml"),
        references=_references(read_yaml(base / "nominals.yaml"), "nominals.yaml"),
        version=_version(base),
    )


@lru_cache(maxsize=1)
def default() -> Lexicon:
    """The packaged lexicon, read once per process."""
    return load()
