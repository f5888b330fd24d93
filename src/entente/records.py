"""The records that cross stage boundaries, and the contract's JSON.

The contract (`entente/1`, see docs/CONTRACT.md) names the output fields; the structs below keep
their names, their order and their nullability. Fields may be added, never renamed or removed.

Two kinds of records live here:

* contract records, written to users: `ArticleRecord` with its `Event`, `Quote` and `ActorMention`
  (each embedding `Actor`, `Plover`, `Location`, `Attribution`, `Evidence`, `Speaker`, `Cited`);
* internal records handed from one stage to the next: `Article` (ingest → nlp), `Mention`
  (actors → events/quotes) and `QuoteSpan` (quotes → events). They are never serialised for users.

All are frozen msgspec Structs: cheap to build, hashable, and impossible to mutate by accident
half-way through a batch. Offsets are always into the text the record came from: an event's
`evidence.start/end` index into its sentence `text`, a mention's `start/end` into its sentence.
"""

from __future__ import annotations

from typing import Literal

import msgspec

SCHEMA = "entente/1"

Modality = Literal["asserted", "negated", "hypothetical"]
DateFrom = Literal["text", "published"]


class Actor(msgspec.Struct, frozen=True, kw_only=True):
    """A resolved actor, as the contract's `Actor`."""

    text: str
    name: str | None = None
    code: str | None = None
    country: str | None = None
    org: str | None = None
    role: str | None = None
    id: str | None = None


class ActorMention(msgspec.Struct, frozen=True, kw_only=True):
    """One actor mention in an article (the contract's `actors` list).

    The `Actor` fields, plus where the mention is: sentence index and character offsets into that
    sentence's text.
    """

    text: str
    name: str | None = None
    code: str | None = None
    country: str | None = None
    org: str | None = None
    role: str | None = None
    id: str | None = None
    sentence: int = 0
    start: int = 0
    end: int = 0


class Plover(msgspec.Struct, frozen=True, kw_only=True):
    type: str | None = None
    mode: str | None = None


class Location(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


class Attribution(msgspec.Struct, frozen=True, kw_only=True):
    """Who the text says made the claim behind an event; `quote` is the quote's index in the article."""

    speaker: str | None = None
    cites: list[str] = msgspec.field(default_factory=list)
    quote: int | None = None


class Evidence(msgspec.Struct, frozen=True, kw_only=True):
    """The trigger of an event: offsets into the event's sentence `text`, and the rule that fired."""

    trigger: str
    start: int
    end: int
    rule: str


class Event(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    sentence: int
    text: str
    source: Actor | None
    target: Actor | None
    cameo: str
    root: str
    quad_class: int
    goldstein: float
    plover: Plover
    modality: Modality
    date: str | None
    date_from: DateFrom | None
    location: Location | None
    attribution: Attribution | None
    evidence: Evidence
    confidence: float
    # Added fields (allowed by the contract): a reciprocal event (meet, sign, clash) is coded once
    # per pair and marked here.
    reciprocal: bool = False


class Speaker(msgspec.Struct, frozen=True, kw_only=True):
    text: str
    name: str | None = None
    role: str | None = None
    org: str | None = None


class Cited(msgspec.Struct, frozen=True, kw_only=True):
    """One link of a citation chain; `kind` is person, organisation or publication."""

    name: str
    role: str | None = None
    org: str | None = None
    kind: str | None = None
    date: str | None = None


class Quote(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    sentence: int
    speaker: Speaker | None
    cites: list[Cited]
    cue: str | None
    content: str
    direct: bool
    start: int
    end: int


class ArticleRecord(msgspec.Struct, frozen=True, kw_only=True):
    """One output line of `entente code`."""

    schema: str = SCHEMA
    article_id: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    language: str | None = "en"
    removed_boilerplate: list[str] = msgspec.field(default_factory=list)
    events: list[Event] = msgspec.field(default_factory=list)
    quotes: list[Quote] = msgspec.field(default_factory=list)
    actors: list[ActorMention] = msgspec.field(default_factory=list)
    # Added fields: the clean text the offsets refer to, its sentence spans as [start, end) character
    # offsets into `text`, the author when known, the content hash used for duplicate detection, and
    # what produced the record (style: stamp what produced the output).
    text: str = ""
    sentences: list[tuple[int, int]] = msgspec.field(default_factory=list)
    author: str | None = None
    content_hash: str | None = None
    entente_version: str | None = None
    kb_version: str | None = None
    lexicon_version: str | None = None
    model_version: str | None = None


# ---------------------------------------------------------------------------------------------
# Internal records
# ---------------------------------------------------------------------------------------------


class Article(msgspec.Struct, frozen=True, kw_only=True):
    """A clean article, as ingest hands it to the pipeline.

    `origin` names where it came from for error messages ("feeds/day1.jsonl:17"). `published` is an
    ISO date or datetime string, or None when unknown.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    author: str | None = None
    language: str | None = "en"
    removed_boilerplate: list[str] = msgspec.field(default_factory=list)
    content_hash: str = ""
    origin: str = ""


class Mention(msgspec.Struct, frozen=True, kw_only=True):
    """An actor mention found by the resolver, addressed in the spaCy Doc by token indices.

    `start`/`end` are token indices into the Doc (end exclusive); `char_start`/`char_end` are
    character offsets into the article text. `key` is the knowledge-base entry id (None for a
    mention that resolved to nothing but a sector, e.g. "protesters"); `entity` groups mentions of
    the same real-world actor within an article (surnames, pronouns and "the two countries" point to
    the entity of their antecedent). `kind`: name | title | demonym | nominal | pronoun | metonymy.
    """

    start: int
    end: int
    char_start: int
    char_end: int
    actor: Actor
    key: str | None = None
    entity: str | None = None
    kind: str = "name"
    # Knowledge-base type of the entry: country, person, igo, group, media, org, place, sector.
    type: str | None = None
    # Added by the actors stage (optional): the sector the text itself gives ("Turkish *military*"
    # -> MIL), the title or role noun written with a person ("analyst", "President"), and the
    # knowledge-base id of the organisation a person speaks for ("analyst Paul Iddon wrote for
    # Forbes" -> "media:forbes"). `kind` may also be "place" (a capital or region used as a place).
    sector: str | None = None
    title: str | None = None
    affiliation: str | None = None


class QuoteSpan(msgspec.Struct, frozen=True, kw_only=True):
    """A quote together with where its content lies in the Doc (token indices, end exclusive), so
    that the event coder can attribute events found inside it."""

    index: int
    quote: Quote
    content_start: int
    content_end: int
    speaker: Mention | None = None
    cue_token: int | None = None


class Failure(msgspec.Struct, frozen=True, kw_only=True):
    """A reported, counted problem with one input: never raised past the batch."""

    origin: str
    message: str
    kind: str = "error"


encoder = msgspec.json.Encoder()


def to_json(record: msgspec.Struct) -> bytes:
    """Encode a record as one line of contract JSON (UTF-8, no trailing newline)."""
    return encoder.encode(record)


def article_record_from_json(data: bytes | str) -> ArticleRecord:
    """Decode one contract JSON line back into an `ArticleRecord` (round-trips `to_json`)."""
    return msgspec.json.decode(data, type=ArticleRecord)
