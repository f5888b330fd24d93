"""What a shard job was asked to do and what it did: `ShardConfig` and the shard `Manifest`.

A manifest (`part-00003.manifest.json`, written last, atomically) is the proof that a shard is
done. It records what went in (the shard's parts and a sha256 fingerprint of their bytes), with
which settings (`config`, fingerprinted without the settings that cannot change a record), by
which code and data (entente, knowledge base, model and lexicon versions), and what came out
(counts, every failure and duplicate, and each output file with its rows, size and sha256).

A shard is skipped only when its manifest matches on every one of these and its output files are
all there with the recorded sizes; anything else (no manifest, another input or version, a
missing or truncated output) means the shard is coded again.
"""

from __future__ import annotations

import hashlib

import msgspec

from entente.ingest.limits import Limits

MANIFEST_SCHEMA = "entente-shard/1"


class ShardConfig(msgspec.Struct, frozen=True, kw_only=True):
    """Settings of a sharded run, the same for every shard.

    `engine` names a factory ("package.module:function", called with the config) that builds the
    coding Engine in each worker process; None means `entente.pipeline.Engine(fast=fast)`.
    `batch_size` and `row_group` change speed and file layout, not records, so they are left out
    of the fingerprint."""

    fast: bool = False
    published: str | None = None
    limits: Limits = msgspec.field(default_factory=Limits)
    engine: str | None = None
    batch_size: int = 64
    # Records a worker holds before writing them out: 256 articles (a few MB of text and
    # annotations, tens of MB as Python objects) keeps a worker's memory small and flat.
    row_group: int = 256

    def fingerprint(self) -> str:
        semantic = msgspec.structs.replace(self, batch_size=0, row_group=0)
        return "sha256:" + hashlib.sha256(msgspec.json.encode(semantic)).hexdigest()


class Versions(msgspec.Struct, frozen=True, kw_only=True):
    """What produced the records: a change to any of these re-codes a shard."""

    entente: str
    kb: str | None = None
    model: str | None = None
    lexicon: str | None = None
    spacy: str | None = None


class Counts(msgspec.Struct, frozen=True, kw_only=True):
    read: int = 0
    coded: int = 0
    duplicates: int = 0
    failures: int = 0
    removed_boilerplate: int = 0
    events: int = 0
    quotes: int = 0
    actors: int = 0


class FailureNote(msgspec.Struct, frozen=True, kw_only=True):
    origin: str
    message: str
    kind: str


class DuplicateNote(msgspec.Struct, frozen=True, kw_only=True):
    """An article not coded because an earlier one in the same shard had the same content."""

    article_id: str
    origin: str
    duplicate_of: str


class OutputFile(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    rows: int
    bytes: int
    sha256: str


class Manifest(msgspec.Struct, frozen=True, kw_only=True):
    """The record of one finished shard (`reused` is True when this call found it already done;
    it is always False in the file)."""

    schema: str = MANIFEST_SCHEMA
    shard: str
    inputs: list[str]
    input_fingerprint: str
    input_bytes: int
    config: ShardConfig
    config_fingerprint: str
    versions: Versions
    counts: Counts
    failures: list[FailureNote] = msgspec.field(default_factory=list)
    duplicates: list[DuplicateNote] = msgspec.field(default_factory=list)
    outputs: list[OutputFile] = msgspec.field(default_factory=list)
    started: str = ""
    finished: str = ""
    seconds: float = 0.0
    host: str = ""
    pid: int = 0
    reused: bool = False


def manifest_name(shard: str) -> str:
    return f"{shard}.manifest.json"


def output_name(shard: str) -> str:
    return f"{shard}.parquet"


_decoder = msgspec.json.Decoder(Manifest)
_encoder = msgspec.json.Encoder(order="deterministic")


def encode(manifest: Manifest) -> bytes:
    return _encoder.encode(msgspec.structs.replace(manifest, reused=False)) + b"\n"


def decode(data: bytes | None) -> Manifest | None:
    """A manifest from a file's bytes; None when absent, unreadable or of another schema (all of
    which mean: code the shard again)."""
    if not data:
        return None
    try:
        manifest = _decoder.decode(data)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None
    return manifest if manifest.schema == MANIFEST_SCHEMA else None


def matches(manifest: Manifest, *, shard: str, fingerprint: str, config: ShardConfig,
            versions: Versions) -> bool:
    """True when `manifest` records this very job: same shard, input bytes, settings and code."""
    return (manifest.shard == shard and manifest.input_fingerprint == fingerprint
            and manifest.config_fingerprint == config.fingerprint()
            and manifest.versions == versions)
