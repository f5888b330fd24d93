"""entente's on-disk cache of things it can rebuild: the compiled knowledge base and the
matcher's token lists. $ENTENTE_CACHE_DIR, else $XDG_CACHE_HOME/entente, else ~/.cache/entente.
A missing, stale or unwritable cache only costs time; entries are keyed by content hashes."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import msgspec


def cache_dir() -> Path:
    env = os.environ.get("ENTENTE_CACHE_DIR")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "entente"


def read(name: str, type_: Any) -> Any | None:
    """The cached object `name`, decoded as `type_`, or None."""
    try:
        return msgspec.msgpack.decode((cache_dir() / name).read_bytes(), type=type_)
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        return None


def write(name: str, obj: Any) -> None:
    """Store `obj` atomically (a crash never leaves half a file); errors are ignored."""
    path = cache_dir() / name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(msgspec.msgpack.encode(obj))
        tmp.replace(path)
    except OSError:
        pass


def prune(prefix: str, keep: int = 8) -> None:
    """Keep only the `keep` newest cached files whose name starts with `prefix`."""
    try:
        files = sorted(cache_dir().glob(f"{prefix}*.msgpack"), key=lambda p: p.stat().st_mtime)
        for old in files[:-keep]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
