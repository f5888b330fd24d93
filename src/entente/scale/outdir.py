"""Where shard outputs go: a local folder or an fsspec URL, written atomically.

Every file is first written under a temporary name in the same folder (`.NAME.TOKEN.tmp`, which
no reader's `*.parquet` or `*.json` glob matches), then renamed into place. On a local disk the
data is flushed to disk before the rename, so a crash leaves either the old file, the new file, or
a temporary one that the next attempt removes; never half a file under the real name. On object
stores (s3://, gs://, ...) a `put` of a complete object is what makes it visible, and `mv` moves it.
"""

from __future__ import annotations

import glob
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

TMP_SUFFIX = ".tmp"


def is_url(path: str) -> bool:
    """True for an fsspec URL ("s3://bucket/x", "memory://x"); plain paths and file:// are local."""
    return "://" in path and not path.startswith("file://")


def local_path(path: str) -> str:
    return path[len("file://"):] if path.startswith("file://") else path


class OutDir:
    """A folder for shard outputs, local or remote."""

    def __init__(self, url: str):
        self.url = url
        if is_url(url):
            from fsspec.core import url_to_fs

            self._remote: Any
            self._remote, self.root = url_to_fs(url)
            self.root = self.root.rstrip("/")
        else:
            self._remote = None
            self.root = os.path.abspath(local_path(url))

    @property
    def local(self) -> bool:
        return self._remote is None

    def path(self, name: str) -> str:
        return os.path.join(self.root, name) if self.local else f"{self.root}/{name}"

    def display(self, name: str) -> str:
        """How messages name a file of this folder."""
        return self.path(name) if self.local else f"{self.url.rstrip('/')}/{name}"

    def ensure(self) -> None:
        if self.local:
            os.makedirs(self.root, exist_ok=True)
        else:
            self._remote.makedirs(self.root, exist_ok=True)

    def names(self, pattern: str | None = None) -> list[str]:
        """The names of the files directly in the folder, all or those matching a glob `pattern`
        (empty when the folder does not exist)."""
        if pattern is not None:
            if self.local:
                return sorted(os.path.basename(p) for p in glob.glob(
                    os.path.join(glob.escape(self.root), pattern)))
            return sorted(p.rsplit("/", 1)[-1] for p in self._remote.glob(self.path(pattern)))
        if self.local:
            try:
                return sorted(e.name for e in os.scandir(self.root) if e.is_file())
            except FileNotFoundError:
                return []
        if not self._remote.exists(self.root):
            return []
        return sorted(p.rsplit("/", 1)[-1] for p in self._remote.ls(self.root, detail=False))

    def size(self, name: str) -> int | None:
        """The file's size in bytes, None when it does not exist."""
        try:
            if self.local:
                return os.stat(self.path(name)).st_size
            return int(self._remote.info(self.path(name))["size"])
        except (FileNotFoundError, OSError):
            return None

    def read_bytes(self, name: str) -> bytes | None:
        try:
            if self.local:
                return Path(self.path(name)).read_bytes()
            return bytes(self._remote.cat_file(self.path(name)))
        except (FileNotFoundError, OSError):
            return None

    def remove(self, name: str) -> None:
        try:
            if self.local:
                os.remove(self.path(name))
            else:
                self._remote.rm_file(self.path(name))
        except FileNotFoundError:
            pass

    def temp_name(self, name: str) -> str:
        return f".{name}.{uuid.uuid4().hex[:12]}{TMP_SUFFIX}"

    @contextmanager
    def writing(self, name: str) -> Iterator[str]:
        """A local file path to write `name` to; on success it is moved into place atomically,
        on failure removed."""
        if self.local:
            tmp = self.path(self.temp_name(name))
            try:
                yield tmp
                _fsync(tmp)
                os.replace(tmp, self.path(name))
            finally:
                if os.path.exists(tmp):
                    os.remove(tmp)
            return
        folder = tempfile.mkdtemp(prefix="entente-out-")
        try:
            tmp = os.path.join(folder, name)
            yield tmp
            remote_tmp = self.path(self.temp_name(name))
            self._remote.put_file(tmp, remote_tmp)
            self._remote.mv(remote_tmp, self.path(name))
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def write_bytes(self, name: str, data: bytes) -> None:
        with self.writing(name) as tmp, open(tmp, "wb") as fh:
            fh.write(data)


def _fsync(path: str) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())
