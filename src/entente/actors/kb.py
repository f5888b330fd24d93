"""The knowledge base: entries and their aliases, sector nouns, the gazetteer, loaded once.

    kb = KnowledgeBase.load()                       # packaged data (+ ENTENTE_KB_PATH)
    kb = KnowledgeBase.load(extra_paths=["mine.yaml", "Phoenix.Countries.actors.txt"])
    kb.version                                      # short hash of every data file used
    kb.lookup("Erdogan")                            # the aliases spelt so
    kb.place("Nagorno-Karabakh")                    # Place(..., lat=39.8, lon=46.75)

`load` is cached per process and per set of files, so every worker loads the data once.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path

from entente.actors import loader
from entente.actors.model import Alias, Entry, Place, Sector
from entente.actors.parts import Parts
from entente.actors.text import key
from entente.actors.timeline import actor_for
from entente.errors import KnowledgeBaseError
from entente.records import Actor

ENV_VAR = "ENTENTE_KB_PATH"


class KnowledgeBase:
    """Indexed, read-only knowledge base. Build with `KnowledgeBase.load()`."""

    def __init__(self, parts: Parts, *, version: str) -> None:
        self.version = version
        self.as_of: date = parts.as_of or date(2025, 10, 31)
        self.entries: dict[str, Entry] = dict(parts.entries)
        self.office_titles = dict(parts.office_titles)
        self.office_roles = dict(parts.office_roles)
        self.office_priority = parts.office_priority
        self.roles = frozenset(parts.roles)
        self.markers = frozenset(parts.markers)
        self.backed = frozenset(parts.backed)
        self.pro = frozenset(parts.pro)
        self.ethnic = frozenset(parts.ethnic)
        self.locative = frozenset(parts.locative)
        self.affiliation = frozenset(parts.affiliation)
        self.given_names = frozenset(parts.given_names)
        self.ambiguous = {key(k): v for k, v in parts.ambiguous.items()}
        self.files = tuple(parts.files)
        self.warnings = tuple(parts.warnings)  # skipped lines of users' dictionaries
        self.aliases = _index_aliases(parts.aliases, self.entries)
        self.sectors = _index_sectors(parts.sectors)
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
        a leading "the" is optional)."""
        for k in dict.fromkeys((key(text), text.strip().lower(), text.strip().upper())):
            found = self.aliases.get(key(k)) or self.aliases.get(k)
            if found:
                return found
        low = text.strip()
        if low.lower().startswith("the "):
            return self.lookup(low[4:])
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
    parts = Parts()
    files = loader.package_files()
    loader.read_package(parts)
    for path in paths:
        if not Path(path).is_file():
            raise KnowledgeBaseError("no such knowledge-base file", where=path,
                                     hint=f"check extra_paths or {ENV_VAR}")
        loader.read_user_file(Path(path), parts)
        files.append(Path(path))
    parts.build_persons()
    parts.files = [str(f) for f in files]
    return KnowledgeBase(parts, version=_version(files))


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
