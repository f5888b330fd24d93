"""Shards: the inputs of a run cut into contiguous, ordered pieces, and how a shard is read.

    plan_shards(["feeds/", "day1.jsonl", "s3://bucket/crawl.warc.gz"]) -> [Shard("part-00000"), ...]

A run's input order is the order `entente code` reads in: the inputs as given, folders depth first
in name order (hidden files skipped), JSONL line by line. Planning walks that order and cuts it
into shards of about `target_bytes` each: small files are grouped, and a big plain JSONL file is
cut at line boundaries into byte ranges (gzipped files and WARC cannot be cut: one piece each).
Shard `part-00000` holds the first stretch of the input order, `part-00001` the next, and so on,
so reading the shards in name order gives every article in input order.

Articles keep the ids and origins a single-process run gives them: a file in a folder is named by
its path relative to the folder, a JSONL record by its own id, and messages name `file:line` with
the line counted from the top of the whole file, whatever range it was read from.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import os
import re
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any, Literal

import msgspec

from entente.errors import UsageError
from entente.ingest.readers import Item, Run, kind_of, read_file, read_jsonl, read_path
from entente.records import Failure
from entente.scale.outdir import is_url, local_path

DEFAULT_SHARD_BYTES = 32 * 1024 * 1024  # ~8k news articles of JSONL: minutes of coding per shard
MIN_SHARD_BYTES = 64 * 1024  # ~15 articles: below this, starting a worker costs more than it saves
BLOCK = 1 << 20
TYPICAL_ARTICLE_BYTES = 4096  # for progress estimates where lines cannot be counted

PartKind = Literal["file", "range", "path"]


class Part(msgspec.Struct, frozen=True, kw_only=True):
    """One piece of input: a whole file, a byte range of a plain JSONL file, or (kind "path") a
    path the readers report on themselves (missing, unsupported, or a folder with nothing to read).

    `line` counts the lines of the file before `start`, so origins stay `file:line` of the whole
    file; `expected` is how many articles the piece should give (lines, or an estimate)."""

    kind: PartKind
    path: str
    id: str
    origin: str
    start: int | None = None
    end: int | None = None
    line: int = 0
    size: int = 0
    expected: int = 1


class Shard(msgspec.Struct, frozen=True, kw_only=True):
    """A contiguous stretch of the run's input order, coded as one unit by `code_shard`."""

    name: str
    parts: tuple[Part, ...]

    @property
    def size(self) -> int:
        return sum(p.size for p in self.parts)

    @property
    def expected(self) -> int:
        return sum(p.expected for p in self.parts)


def shard_name(index: int) -> str:
    return f"part-{index:05d}"


SHARD_NAME = re.compile(r"^part-\d{5,}$")


# -- planning -------------------------------------------------------------------------------------
def plan_shards(inputs: Sequence[str], *, target_bytes: int = DEFAULT_SHARD_BYTES,
                count_lines: bool = True) -> list[Shard]:
    """Cut `inputs` (files, folders, fsspec URLs) into ordered shards of about `target_bytes`."""
    if not inputs:
        raise UsageError("a sharded run needs input files or folders (not standard input)")
    target = max(1, target_bytes)
    shards: list[Shard] = []
    current: list[Part] = []
    size = 0
    for item in inputs:
        if item == "-":
            raise UsageError("a sharded run (--workers/--dask) cannot read standard input",
                             hint="give files or folders")
        for part in expand(item, target, count_lines=count_lines):
            if current and size + part.size > target:
                shards.append(Shard(name=shard_name(len(shards)), parts=tuple(current)))
                current, size = [], 0
            current.append(part)
            size += part.size
    if current:
        shards.append(Shard(name=shard_name(len(shards)), parts=tuple(current)))
    return shards


def target_for(inputs: Sequence[str], workers: int, *, most: int = DEFAULT_SHARD_BYTES) -> int:
    """A shard size that gives every worker several shards (so one slow shard does not leave the
    others idle at the end), within [MIN_SHARD_BYTES, most]."""
    total = sum(input_size(i) for i in inputs if i != "-")
    return int(min(most, max(MIN_SHARD_BYTES, math.ceil(total / max(1, workers * 4)))))


def input_size(path: str) -> int:
    return sum(size for _, _, size in walk(path)) if is_dir(path) else file_size(path)


def expand(item: str, target: int, *, count_lines: bool = True) -> Iterator[Part]:
    """The parts of one command-line input, in reading order."""
    if not exists(item):
        yield Part(kind="path", path=item, id=os.path.basename(item), origin=item)
        return
    if is_dir(item):
        found = False
        for rel, full, size in walk(item):
            found = True
            origin = os.path.join(item, rel) if not is_url(item) else f"{item.rstrip('/')}/{rel}"
            yield from file_parts(full, rel, origin, size, target, count_lines)
        if not found:  # the readers report the empty folder
            yield Part(kind="path", path=item, id=os.path.basename(item), origin=item)
        return
    kind = kind_of(os.path.basename(item.rstrip("/")))
    name = os.path.basename(item.rstrip("/"))
    if kind is None:
        yield Part(kind="path", path=item, id=name, origin=item)
        return
    yield from file_parts(item, name, item, file_size(item), target, count_lines)


def file_parts(path: str, id: str, origin: str, size: int, target: int,
               count_lines: bool) -> Iterator[Part]:
    kind = kind_of(os.path.basename(path))
    splittable = kind == ("jsonl", False) and not _gzip_magic(path)
    if not splittable:
        expected = 1 if kind and kind[0] in ("text", "html") else _estimate(size)
        yield Part(kind="file", path=path, id=id, origin=origin, size=size, expected=expected)
        return
    if size <= target and not count_lines:
        yield Part(kind="file", path=path, id=id, origin=origin, size=size,
                   expected=_estimate(size))
        return
    for start, end, line, lines in jsonl_ranges(path, target):
        if start == 0 and end == size:
            yield Part(kind="file", path=path, id=id, origin=origin, size=size, expected=lines)
        else:
            yield Part(kind="range", path=path, id=id, origin=origin, start=start, end=end,
                       line=line, size=end - start, expected=lines)


def _estimate(size: int) -> int:
    return max(1, size // TYPICAL_ARTICLE_BYTES)


def jsonl_ranges(path: str, target: int) -> list[tuple[int, int, int, int]]:
    """(start, end, lines before start, lines in range) of line-aligned ranges of ~`target`
    bytes covering the file (one streaming pass; counting lines costs a read, not a parse)."""
    cuts: list[tuple[int, int]] = [(0, 0)]  # (offset, lines before it)
    pos = lines = 0
    next_cut = target
    with open_input(path) as fh:
        while block := fh.read(BLOCK):
            while next_cut < pos + len(block):
                i = block.find(b"\n", max(0, next_cut - pos - 1))
                if i < 0:
                    break
                cut = pos + i + 1
                cuts.append((cut, lines + block.count(b"\n", 0, i + 1)))
                next_cut = cut + target
            lines += block.count(b"\n")
            pos += len(block)
    if pos and not _ends_with_newline(path, pos):
        lines += 1  # a last line without its newline is still a record
    out = []
    bounds = [c for c in cuts if c[0] < pos] + [(pos, lines)]
    for (start, before), (end, upto) in itertools.pairwise(bounds):
        out.append((start, end, before, upto - before))
    return out or [(0, 0, 0, 0)]


def _ends_with_newline(path: str, size: int) -> bool:
    with open_input(path) as fh:
        fh.seek(size - 1)
        return fh.read(1) == b"\n"


def _gzip_magic(path: str) -> bool:
    with open_input(path) as fh:
        return fh.read(2) == b"\x1f\x8b"


# -- file systems ---------------------------------------------------------------------------------
def _fs(path: str) -> tuple[Any, str]:
    from fsspec.core import url_to_fs

    fs, root = url_to_fs(path)
    return fs, root


def open_input(path: str) -> IO[bytes]:
    """A binary file object for a local path or an fsspec URL (seekable)."""
    if is_url(path):
        fs, p = _fs(path)
        return fs.open(p, "rb")
    return open(local_path(path), "rb")


def exists(path: str) -> bool:
    if is_url(path):
        fs, p = _fs(path)
        return bool(fs.exists(p))
    return os.path.exists(local_path(path))


def is_dir(path: str) -> bool:
    if is_url(path):
        fs, p = _fs(path)
        return bool(fs.isdir(p))
    return os.path.isdir(local_path(path))


def file_size(path: str) -> int:
    try:
        if is_url(path):
            fs, p = _fs(path)
            return int(fs.size(p))
        return os.path.getsize(local_path(path))
    except (OSError, FileNotFoundError):
        return 0


def walk(folder: str) -> Iterator[tuple[str, str, int]]:
    """(path relative to `folder`, full path, size) of every readable non-hidden file, depth first
    in name order (the order of `entente.ingest.read_folder`); folder links are not followed."""
    if is_url(folder):
        fs, root = _fs(folder)
        root = root.rstrip("/")
        found = [(p[len(root):].lstrip("/"), fs.unstrip_protocol(p), int(info.get("size") or 0))
                 for p, info in fs.find(root, detail=True).items() if info.get("type") == "file"]
    else:
        root = local_path(folder)
        found = []
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for f in filenames:
                full = os.path.join(dirpath, f)
                if not f.startswith(".") and os.path.isfile(full):
                    found.append((os.path.relpath(full, root), full, os.path.getsize(full)))
    for rel, full, size in sorted(found, key=lambda x: Path(x[0]).parts):
        if not any(c.startswith(".") for c in Path(rel).parts) and kind_of(rel) is not None:
            yield Path(rel).as_posix(), full, size


# -- staging and reading --------------------------------------------------------------------------
def stage(shard: Shard, folder: Path) -> tuple[list[Part], str]:
    """Make every part of `shard` readable from the local disk (remote files and ranges are copied
    into `folder`) and fingerprint the shard's content: (local parts, "sha256:...")."""
    digest = hashlib.sha256()
    local: list[Part] = []
    for n, part in enumerate(shard.parts):
        digest.update(msgspec.json.encode([part.kind, part.id, part.origin, part.start,
                                           part.end, part.line]))
        if part.kind == "path":
            local.append(part)
            continue
        if is_url(part.path):
            target = folder / f"{n}-{os.path.basename(part.path)}"
            _copy(part, digest, target)
            start, end = (0, target.stat().st_size) if part.kind == "range" else (None, None)
            local.append(msgspec.structs.replace(part, path=str(target), start=start, end=end))
        else:
            _copy(part, digest, None)
            local.append(part)
    return local, f"sha256:{digest.hexdigest()}"


def _copy(part: Part, digest: Any, target: Path | None) -> None:
    """Hash the part's bytes, copying them to `target` on the way when given."""
    out = open(target, "wb") if target is not None else None  # noqa: SIM115  (closed below)
    try:
        with open_input(part.path) as fh:
            remaining = None
            if part.start is not None:
                fh.seek(part.start)
                remaining = (part.end or 0) - part.start
            while remaining is None or remaining > 0:
                block = fh.read(BLOCK if remaining is None else min(BLOCK, remaining))
                if not block:
                    break
                digest.update(block)
                if out is not None:
                    out.write(block)
                if remaining is not None:
                    remaining -= len(block)
    except FileNotFoundError:
        digest.update(b"<missing>")
    finally:
        if out is not None:
            out.close()


def read_parts(parts: Sequence[Part], run: Run) -> Iterator[Item]:
    """Articles and failures of staged parts, in order, with the origins of a whole-file read."""
    for part in parts:
        if part.kind == "path":
            yield from read_path(part.path, run)
        elif part.kind == "range":
            yield from _read_range(part, run)
        else:
            kind = kind_of(os.path.basename(part.origin)) or kind_of(part.path)
            if kind is None:  # pragma: no cover  (planning only makes file parts of known kinds)
                yield Failure(origin=part.origin, message="unsupported file type", kind="ingest")
                continue
            yield from read_file(Path(part.path), part.id, part.origin, kind, run)


def _read_range(part: Part, run: Run) -> Iterator[Item]:
    with open(part.path, "rb") as fh:
        fh.seek(part.start or 0)
        stream = _Bounded(fh, (part.end or 0) - (part.start or 0))
        for item in read_jsonl(stream, part.origin, run):
            yield _shift(item, part.origin, part.line)


def _shift(item: Item, name: str, lines: int) -> Item:
    """Origins `name:N` of a range read → `name:N+lines` (the line in the whole file)."""
    prefix = name + ":"
    tail = item.origin[len(prefix):] if item.origin.startswith(prefix) else ""
    if not lines or not tail.isdigit():
        return item
    return msgspec.structs.replace(item, origin=f"{prefix}{int(tail) + lines}")


class _Bounded:
    """`readline` over at most `limit` bytes of a file (a JSONL range)."""

    def __init__(self, inner: IO[bytes], limit: int):
        self.inner = inner
        self.left = limit

    def readline(self, size: int | None = -1, /) -> bytes:
        if self.left <= 0:
            return b""
        n = self.left if size is None or size < 0 else min(size, self.left)
        line = self.inner.readline(n)
        self.left -= len(line)
        return line


def remove_tree(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
