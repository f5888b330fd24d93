"""The knowledge base: entries and their aliases, sector nouns, the gazetteer, loaded once.

    kb = KnowledgeBase.load()                       # packaged data (+ ENTENTE_KB_PATH)
    kb = KnowledgeBase.load(extra_paths=["mine.yaml", "Phoenix.Countries.actors.txt"])
    kb.version                                      # short hash of every data file used
    kb.lookup("Erdogan")                            # the aliases spelt so
    kb.place("Nagorno-Karabakh")                    # Place(..., lat=39.8, lon=46.75)

`load` is cached per process and per set of files, so every worker loads the data once; the
compiled knowledge base is also kept on disk (entente.actors.cache), keyed by the hash of its
files, so a new process reads one msgpack file instead of parsing YAML and CSV.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path

import msgspec

from entente.actors import cache, loader
from entente.actors.model import Alias, Entry, Place, Sector
from entente.actors.parts import Parts
from entente.actors.text import key
from entente.actors.timeline import actor_for
from entente.errors import KnowledgeBaseError
from entente.records import Actor

ENV_VAR = "ENTENTE_KB_PATH"
SNAPSHOT_SCHEMA = 1
_WORD_LISTS = ("roles", "markers", "backed", "pro", "ethnic", "locative", "affiliation",
               "given_names", "place_verbs", "org_heads", "state_bodies",
               "context_sectors", "context_exclude", "context_foreign", "context_owner_verbs")


class Snapshot(msgspec.Struct, frozen=True):
    """A compiled knowledge base, as cached on disk."""

    version: str
    as_of: date
    entries: dict[str, Entry]
    aliases: dict[str, tuple[Alias, ...]]
    sectors: dict[str, Sector]
    office_titles: dict[str, tuple[str, ...]]
    office_roles: dict[str, str]
    office_priority: tuple[str, ...]
    words: dict[str, tuple[str, ...]]
    ambiguous: dict[str, dict[str, str]]
    files: tuple[str, ...]
    warnings: tuple[str, ...]


def compile_parts(parts: Parts, version: str) -> Snapshot:
    """Index what the loaders read."""
    return Snapshot(
        version=version, as_of=parts.as_of or date(2025, 10, 31), entries=dict(parts.entries),
        aliases=_index_aliases(parts.aliases, parts.entries),
        sectors=_index_sectors(parts.sectors), office_titles=dict(parts.office_titles),
        office_roles=dict(parts.office_roles), office_priority=tuple(parts.office_priority),
        words={w: tuple(sorted(getattr(parts, w))) for w in _WORD_LISTS},
        ambiguous={key(k): {f: " ".join(map(str, v)) if isinstance(v, list) else str(v)
                            for f, v in spec.items()}
                   for k, spec in parts.ambiguous.items()},
        files=tuple(parts.files), warnings=tuple(parts.warnings))


class KnowledgeBase:
    """Indexed, read-only knowledge base. Build with `KnowledgeBase.load()`."""

    def __init__(self, snap: Snapshot) -> None:
        self.version = snap.version
        self.as_of: date = snap.as_of
        self.entries: dict[str, Entry] = snap.entries
        self.aliases: dict[str, tuple[Alias, ...]] = snap.aliases
        self.sectors: dict[str, Sector] = snap.sectors
        self.office_titles = snap.office_titles
        self.office_roles = snap.office_roles
        self.office_priority = snap.office_priority
        words = {w: frozenset(snap.words.get(w, ())) for w in _WORD_LISTS}
        self.roles, self.markers, self.backed = words["roles"], words["markers"], words["backed"]
        self.pro, self.ethnic, self.locative = words["pro"], words["ethnic"], words["locative"]
        self.affiliation, self.given_names = words["affiliation"], words["given_names"]
        self.place_verbs = words["place_verbs"]
        self.org_heads, self.state_bodies = words["org_heads"], words["state_bodies"]
        self.context_sectors = words["context_sectors"]
        self.context_exclude = words["context_exclude"]
        self.context_foreign = words["context_foreign"]
        self.context_owner_verbs = words["context_owner_verbs"]
        self.ambiguous = snap.ambiguous
        self.files = snap.files
        self.warnings = snap.warnings  # skipped lines of users' dictionaries
        self.person_shorts: dict[str, set[str]] = defaultdict(set)
        for k, group in self.aliases.items():
            for alias in group:
                if alias.kind == "short":
                    self.person_shorts[alias.key].add(k)

    # -- loading ------------------------------------------------------------------------------
    @classmethod
    def load(cls, extra_paths: Iterable[str | os.PathLike[str]] = ()) -> KnowledgeBase:
        """The packaged knowledge base plus users' files (`extra_paths`, then the files named in
        the ENTENTE_KB_PATH environment variable, os.pathsep-separated). Later files win."""
        paths = [Path(p) for p in extra_paths]
        env = os.environ.get(ENV_VAR, "")
        paths += [Path(p) for p in env.split(os.pathsep) if p.strip()]
        return _load_cached(tuple(str(p.resolve()) for p in paths))

    # -- queries ------------------------------------------------------------------------------
    def get(self, entry_id: str) -> Entry | None:
        """An entry by id; a bare ISO3 code finds the country."""
        entry = self.entries.get(entry_id)
        if entry is None and len(entry_id) == 3 and entry_id.isupper():
            entry = self.entries.get(f"country:{entry_id}")
        return entry

    def lookup(self, text: str) -> tuple[Alias, ...]:
        """The aliases written `text` (diacritics ignored; case ignored except for acronyms;
        a leading "the" is optional, once: "the the Turkey" is no name)."""
        texts = [text]
        if text.strip().lower().startswith("the "):
            texts.append(text.strip()[4:])
        for t in texts:
            for k in dict.fromkeys((key(t), t.strip().lower(), t.strip().upper())):
                found = self.aliases.get(key(k)) or self.aliases.get(k)
                if found:
                    return found
        return ()

    def sector(self, text: str) -> Sector | None:
        """The sector a noun or phrase names ("troops" -> MIL), or None."""
        return self.sectors.get(key(text))

    def place(self, name: str) -> Place | None:
        """Where a country, capital, city, region or conflict area is."""
        aliases = sorted(self.lookup(name), key=lambda a: a.kind in ("capital", "seat"))
        for alias in aliases:
            entry = self.entries[alias.key]
            if entry.type in ("place", "country") and entry.lat is not None:
                kind = "country" if entry.type == "country" else (entry.kind or "city")
                return Place(entry.name, entry.country, entry.lat, entry.lon or 0.0, kind)
        return None

    def actor(self, entry_id: str, on: date | None = None, *, text: str | None = None,
              role: str | None = None) -> Actor:
        """The actor an entry stands for on a date (None: the knowledge base's `as_of` date)."""
        entry = self.get(entry_id)
        if entry is None:
            raise KnowledgeBaseError(f"no entry {entry_id!r}")
        return actor_for(self, entry, on or self.as_of, text=text or entry.name, role=role)


@lru_cache(maxsize=8)
def _load_cached(paths: tuple[str, ...]) -> KnowledgeBase:
    for path in paths:
        if not Path(path).is_file():
            raise KnowledgeBaseError("no such knowledge-base file", where=path,
                                     hint=f"check extra_paths or {ENV_VAR}")
    files = loader.package_files() + [Path(p) for p in paths]
    version = _version(files)
    name = f"kb-{SNAPSHOT_SCHEMA}-{version}-{_code_version()}.msgpack"
    snap = cache.read(name, Snapshot)
    if snap is None:
        snap = compile_parts(_read(paths, files), version)
        cache.write(name, snap)
        cache.prune("kb-")
    return KnowledgeBase(snap)


def _code_version() -> str:
    """The hash of the code that compiles a knowledge base (a change invalidates the cache),
    taken when this module is imported, so that it describes the code this process runs."""
    return _CODE_VERSION


def _read(paths: tuple[str, ...], files: list[Path]) -> Parts:
    parts = Parts()
    loader.read_package(parts)
    for path in paths:
        loader.read_user_file(Path(path), parts)
    parts.build_persons()
    parts.files = [str(f) for f in files]
    return parts


def _version(files: Sequence[Path]) -> str:
    """A short hash of the data files' names and contents (stamped into every record)."""
    digest = hashlib.sha256()
    for path in files:
        name = path.relative_to(loader.KB_DIR) if path.is_relative_to(loader.KB_DIR) else path.name
        digest.update(str(name).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def _index_aliases(aliases: list[Alias], entries: dict[str, Entry]) -> dict[str, tuple[Alias, ...]]:
    """key -> aliases; where a user's file names a key, the packaged aliases of it give way."""
    grouped: dict[str, list[Alias]] = defaultdict(list)
    for alias in aliases:
        if alias.key in entries:
            grouped[key(alias.text)].append(alias)
    out = {}
    for k, group in grouped.items():
        if any(a.user for a in group):
            group = [a for a in group if a.user]
        out[k] = tuple(dict.fromkeys(group))
    return out


def _index_sectors(sectors: list[Sector]) -> dict[str, Sector]:
    """key -> sector; later definitions (users' agent files) replace earlier ones."""
    return {key(s.text): s for s in sectors}


_CODE_VERSION = _version([Path(__file__).with_name(f"{m}.py") for m in (
    "kb", "loader", "parts", "offices", "petrarch", "model", "text")])
