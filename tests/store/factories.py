"""Synthetic contract records for store and analysis tests (and bench/store_bench.py).

The coder is still being written, so these build `ArticleRecord`s directly: real article text
split into sentences, events whose evidence offsets point at their trigger in the sentence,
CAMEO values looked up in the packaged codebook. Anyone may reuse them:

    from factories import actor, event_spec, make_record, story_copies
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from entente.events.codebook import load as load_codebook
from entente.records import (
    Actor,
    ActorMention,
    ArticleRecord,
    Attribution,
    Event,
    Evidence,
    Location,
    Plover,
    Quote,
    Speaker,
)

NAMES = {"TUR": "Turkey", "AZE": "Azerbaijan", "ARM": "Armenia", "RUS": "Russia",
         "FRA": "France", "GRC": "Greece", "USA": "United States", "IRN": "Iran",
         "GEO": "Georgia", "UKR": "Ukraine"}


def actor(country: str, role: str | None = None, *, text: str | None = None) -> Actor:
    name = NAMES.get(country, country)
    return Actor(text=text or name, name=name, code=country + (role or ""), country=country,
                 role=role, id=f"country:{country}")


@dataclass
class EventSpec:
    """What an event says, before it is placed in a sentence."""

    source: Actor | None
    target: Actor | None
    cameo: str
    trigger: str
    date: str | None = None
    modality: str = "asserted"
    location: Location | None = None
    reciprocal: bool = False
    attribution: Attribution | None = None
    confidence: float = 0.8


def event_spec(src: str | None, tgt: str | None, cameo: str, trigger: str, **kw) -> EventSpec:
    return EventSpec(source=actor(src) if src else None, target=actor(tgt) if tgt else None,
                     cameo=cameo, trigger=trigger, **kw)


def make_event(article_id: str, sentence: int, n: int, text: str, spec: EventSpec) -> Event:
    code = load_codebook()[spec.cameo]
    start = text.find(spec.trigger)
    if start < 0:
        raise ValueError(f"trigger {spec.trigger!r} not in {text!r}")
    return Event(
        id=f"{article_id}:{sentence}:{n}", sentence=sentence, text=text, source=spec.source,
        target=spec.target, cameo=code.code, root=code.root, quad_class=code.quad_class,
        goldstein=code.goldstein, plover=Plover(type=code.plover_type, mode=code.plover_mode),
        modality=spec.modality,  # type: ignore[arg-type]
        date=spec.date, date_from="text" if spec.date else None, location=spec.location,
        attribution=spec.attribution,
        evidence=Evidence(trigger=spec.trigger, start=start, end=start + len(spec.trigger),
                          rule="synthetic"),
        confidence=spec.confidence, reciprocal=spec.reciprocal)


@dataclass
class Sentence:
    text: str
    events: list[EventSpec] = field(default_factory=list)


def make_record(article_id: str, sentences: Sequence[Sentence | str], *, source: str | None = None,
                url: str | None = None, published: str | None = "2021-06-16",
                title: str | None = None, quotes: bool = True) -> ArticleRecord:
    """An article whose first sentence is the headline paragraph; one event per spec."""
    sents = [s if isinstance(s, Sentence) else Sentence(s) for s in sentences]
    text, spans = "", []
    for i, s in enumerate(sents):
        if i:
            text += "\n\n" if i == 1 else " "
        spans.append((len(text), len(text) + len(s.text)))
        text += s.text
    events, mentions = [], []
    for i, s in enumerate(sents):
        for n, spec in enumerate(s.events):
            events.append(make_event(article_id, i, n, s.text, spec))
            for a in (spec.source, spec.target):
                if a is not None and a.text in s.text:
                    k = s.text.find(a.text)
                    mentions.append(ActorMention(**{f: getattr(a, f) for f in (
                        "text", "name", "code", "country", "org", "role", "id")},
                        sentence=i, start=k, end=k + len(a.text)))
    qs = []
    if quotes and len(sents) > 1:
        qs.append(Quote(id=f"{article_id}:q0", sentence=1,
                        speaker=Speaker(text="a spokesperson", role="spokesperson"), cites=[],
                        cue="said", content=sents[1].text[:40], direct=False, start=0,
                        end=min(40, len(sents[1].text))))
    return ArticleRecord(
        article_id=article_id, title=title or sents[0].text, url=url, source=source,
        published=published, events=events, quotes=qs, actors=mentions, text=text,
        sentences=spans, content_hash=f"hash-{article_id}", entente_version="0.1.0",
        kb_version="kb-test")


# -- ten reports of one story -------------------------------------------------------------------

HEADLINES = (
    "Turkey and Azerbaijan sign defence pact in Shusha",
    "Ankara and Baku sign a mutual defence agreement",
    "Erdogan and Aliyev sign Shusha Declaration",
    "Turkish and Azerbaijani leaders sign alliance deal",
    "Turkey, Azerbaijan sign pact pledging military support",
    "Presidents of Turkey and Azerbaijan sign declaration in Shusha",
    "Azerbaijan and Turkey sign strategic alliance accord",
    "Turkey and Azerbaijan formally sign Shusha pact",
    "Baku and Ankara sign declaration on allied relations",
    "Turkey and Azerbaijan leaders sign defence accord in Nagorno-Karabakh",
)
SHUSHA = Location(name="Shusha", country="AZE", lat=39.76, lon=46.75)


def story_copies(n: int = 10, *, published: date = date(2021, 6, 16)) -> list[ArticleRecord]:
    """`n` reports of the Shusha signing from `n` different outlets: distinct ids, urls, sources,
    wording and dates (the day itself, or the month, as a report may give only "in June")."""
    out = []
    for i in range(n):
        headline = HEADLINES[i % len(HEADLINES)]
        day = published + timedelta(days=i % 2)
        when = "2021-06" if i % 4 == 3 else "2021-06-15"
        src, tgt = ("AZE", "TUR") if i % 3 == 1 else ("TUR", "AZE")
        spec = event_spec(src, tgt, "057", "sign", date=when, reciprocal=True,
                          location=SHUSHA if i % 2 == 0 else None)
        body = Sentence(f"The agreement was reported by outlet number {i} on {day.isoformat()}.")
        out.append(make_record(
            f"outlet{i}-{1000 + 7 * i}", [Sentence(headline, [spec]), body],
            source=f"Outlet {i} News", url=f"https://news{i}.example/{2021}/shusha-{i}",
            published=day.isoformat()))
    return out


# -- many random records ------------------------------------------------------------------------

CODES = ("010", "036", "042", "043", "046", "051", "057", "061", "062", "071", "0831", "111",
         "112", "120", "130", "138", "141", "163", "173", "190", "193", "195")
COUNTRIES = tuple(NAMES)


def random_records(n_articles: int, *, seed: int = 0, events_per_article: int = 5,
                   start: date = date(2020, 1, 1), days: int = 730,
                   countries: Sequence[str] = COUNTRIES,
                   undated: float = 0.0) -> list[ArticleRecord]:
    """A reproducible synthetic corpus: each article has `events_per_article` event sentences
    between random country pairs, on random dates, a few negated or hypothetical; a share
    `undated` of articles has no publication date and events without dates."""
    rng = random.Random(seed)
    out = []
    for a in range(n_articles):
        day = start + timedelta(days=rng.randrange(days))
        no_date = rng.random() < undated
        sents = []
        for _ in range(events_per_article):
            src, tgt = rng.sample(list(countries), 2)
            cameo = rng.choice(CODES)
            modality = rng.choices(("asserted", "negated", "hypothetical"), (90, 5, 5))[0]
            when = (day - timedelta(days=rng.randrange(3))).isoformat()
            if rng.random() < 0.1:
                when = when[:7]
            if no_date:
                when = None
            spec = event_spec(src, tgt, cameo, "acted", date=when, modality=modality,
                              reciprocal=cameo in ("036", "057", "043"))
            sents.append(Sentence(f"{NAMES[src]} acted towards {NAMES[tgt]} ({cameo}).", [spec]))
        out.append(make_record(f"r{a:07d}", sents, source=f"source{rng.randrange(40)}",
                               url=f"https://s.example/{a}",
                               published=None if no_date else day.isoformat(),
                               quotes=rng.random() < 0.3))
    return out


def table_dump(store) -> dict[str, list[tuple]]:
    """Every row of every table (sorted), to compare two stores or one store at two times."""
    from entente.store.schema import TABLES

    out = {}
    with store.connect() as con:
        for table in TABLES:
            rows = con.execute(f"SELECT * FROM {table}").fetchall()
            out[table] = sorted(rows, key=repr)
    return out


def renamed(records: Sequence[ArticleRecord], prefix: str) -> list[ArticleRecord]:
    """The same records under new article and event ids (`prefix` + old id), to make several
    distinct batches from one generator."""
    import msgspec

    out = []
    for r in records:
        events = [msgspec.structs.replace(e, id=prefix + e.id) for e in r.events]
        quotes = [msgspec.structs.replace(q, id=prefix + q.id) for q in r.quotes]
        out.append(msgspec.structs.replace(r, article_id=prefix + r.article_id, events=events,
                                           quotes=quotes, content_hash=prefix + (r.content_hash or "")))
    return out


def flip_text_block(db: Path) -> None:
    """Corrupt a stored store behind its back: invert 32 bytes inside the data block holding the
    articles' text (three 4 KiB headers, then blocks; each block starts with its 8-byte checksum),
    so that only DuckDB's block checksum can tell."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    block, offset = con.execute(
        "SELECT block_id, block_offset FROM pragma_storage_info('articles') "
        "WHERE column_name = 'text' AND block_id >= 0 LIMIT 1").fetchone()
    block_size = con.execute("SELECT block_size FROM pragma_database_size()").fetchone()[0]
    con.close()
    data = bytearray(db.read_bytes())
    at = 3 * 4096 + block * block_size + 8 + offset + 16
    data[at:at + 32] = bytes(b ^ 0xFF for b in data[at:at + 32])
    db.write_bytes(bytes(data))
