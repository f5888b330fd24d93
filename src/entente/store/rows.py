"""Records ⇄ table rows: the one place that knows how an `ArticleRecord` is flattened.

`flatten(records)` turns a batch into one Arrow table per store table (columnar, so DuckDB inserts
it in one statement); `rebuild(...)` turns the rows of some articles back into the very records
that were stored (the round trip is a tested invariant: `Store.check(deep=True)` and the property
tests compare the record hash). Derived columns (keys, date ranges, lead flag) are computed here
and nowhere else.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import msgspec
import pyarrow as pa

from entente.records import (
    Actor,
    ActorMention,
    ArticleRecord,
    Attribution,
    Cited,
    Event,
    Evidence,
    Location,
    Plover,
    Quote,
    Speaker,
)
from entente.store.keys import actor_key, date_range, published_day, source_key
from entente.store.schema import ACTOR_FIELDS

S, INT, F, B, D = pa.string(), pa.int32(), pa.float64(), pa.bool_(), pa.date32()
LS = pa.list_(pa.string())


def _actor_types(prefix: str) -> list[tuple[str, pa.DataType]]:
    return [(f"{prefix}{field}", S) for field in ACTOR_FIELDS]


COLUMNS: dict[str, list[tuple[str, pa.DataType]]] = {
    "articles": [
        ("article_id", S), ("schema", S), ("title", S), ("url", S), ("source", S),
        ("published", S), ("published_day", D), ("language", S), ("author", S),
        ("content_hash", S), ("entente_version", S), ("kb_version", S),
        ("lexicon_version", S), ("model_version", S), ("text", S),
        ("removed_boilerplate", LS), ("source_key", S), ("n_sentences", INT), ("n_events", INT),
        ("n_quotes", INT), ("n_actors", INT), ("record_hash", S)],
    "sentences": [("article_id", S), ("idx", INT), ("char_start", INT), ("char_end", INT),
                  ("text", S)],
    "actors": [("article_id", S), ("seq", INT), ("sentence", INT), ("char_start", INT),
               ("char_end", INT), *_actor_types("")],
    "events": [
        ("event_id", S), ("article_id", S), ("seq", INT), ("sentence", INT), ("text", S),
        ("cameo", S), ("root", S), ("base", S), ("quad_class", pa.int8()), ("goldstein", F),
        ("plover_type", S), ("plover_mode", S), ("modality", S), ("date", S), ("date_from", S),
        ("date_precision", S), ("date_start", D), ("date_end", D), ("day", D), ("day_end", D),
        ("day_precision", S),
        *_actor_types("src_"), *_actor_types("tgt_"), ("src_key", S), ("tgt_key", S),
        ("pair_a", S), ("pair_b", S), ("loc_name", S), ("loc_country", S), ("loc_lat", F),
        ("loc_lon", F), ("has_attribution", B), ("attr_speaker", S), ("attr_cites", LS),
        ("attr_quote", INT), ("trigger", S), ("ev_start", INT), ("ev_end", INT), ("rule", S),
        ("confidence", F), ("reciprocal", B), ("in_lead", B)],
    "quotes": [
        ("quote_id", S), ("article_id", S), ("seq", INT), ("sentence", INT), ("has_speaker", B),
        ("speaker_text", S), ("speaker_name", S), ("speaker_role", S), ("speaker_org", S),
        ("cue", S), ("content", S), ("direct", B), ("char_start", INT), ("char_end", INT),
        ("n_cites", INT)],
    "quote_cites": [("quote_id", S), ("article_id", S), ("idx", INT), ("name", S), ("role", S),
                    ("org", S), ("kind", S), ("date", S)],
}

CONTENT_TABLES = tuple(COLUMNS)


def _present(value: Any) -> Any:
    """`value` without its None-valued fields, at any depth."""
    if isinstance(value, dict):
        return {k: _present(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_present(v) for v in value]
    return value


_encode = msgspec.json.Encoder().encode


def record_hash(record: ArticleRecord) -> str:
    """The fingerprint of a record's full content: equal hashes mean loading it again changes
    nothing. Fields that are None are left out, so a record hashes the same before and after an
    optional field is added to the contract."""
    return hashlib.sha256(_encode(_present(msgspec.to_builtins(record)))).hexdigest()


def _actor_values(actor: Actor | ActorMention | None) -> tuple[Any, ...]:
    if actor is None:
        return (None,) * len(ACTOR_FIELDS)
    return tuple(getattr(actor, field) for field in ACTOR_FIELDS)


def _lead_end(record: ArticleRecord) -> int:
    """Where the first paragraph ends (events before it are GDELT's IsRootEvent); with no
    paragraph break only the first sentence counts as the lead."""
    brk = record.text.find("\n\n")
    if brk >= 0:
        return brk
    return record.sentences[0][1] if record.sentences else 0


def _sentence_text(record: ArticleRecord, index: int) -> str | None:
    if 0 <= index < len(record.sentences):
        start, end = record.sentences[index]
        return record.text[start:end]
    return None


def _span(ev: Event, record: ArticleRecord) -> tuple[Any, Any, Any]:
    """The days an event is counted on (its own date at its precision, else the day the article
    was published) and that precision: what time series and clusters use."""
    rng = date_range(ev.date)
    if rng is not None:
        return rng.start, rng.end, rng.precision
    day = published_day(record.published)
    return day, day, "day" if day else None


def _event_row(record: ArticleRecord, seq: int, ev: Event, lead_end: int) -> tuple[Any, ...]:
    rng = date_range(ev.date)
    src, tgt = actor_key(ev.source), actor_key(ev.target)
    pair = sorted((src or "", tgt or "")) if (src or tgt) else (None, None)
    loc, att = ev.location, ev.attribution
    sent = record.sentences[ev.sentence] if 0 <= ev.sentence < len(record.sentences) else None
    text = None if ev.text == _sentence_text(record, ev.sentence) else ev.text
    return (
        ev.id, record.article_id, seq, ev.sentence, text, ev.cameo, ev.root, ev.cameo[:3],
        ev.quad_class, ev.goldstein, ev.plover.type, ev.plover.mode, ev.modality, ev.date,
        ev.date_from, rng.precision if rng else None, rng.start if rng else None,
        rng.end if rng else None, *_span(ev, record),
        *_actor_values(ev.source), *_actor_values(ev.target), src, tgt, pair[0], pair[1],
        loc.name if loc else None, loc.country if loc else None, loc.lat if loc else None,
        loc.lon if loc else None, att is not None, att.speaker if att else None,
        list(att.cites) if att else None, att.quote if att else None, ev.evidence.trigger,
        ev.evidence.start, ev.evidence.end, ev.evidence.rule, ev.confidence, ev.reciprocal,
        sent is not None and sent[0] < lead_end,
    )


def _quote_rows(record: ArticleRecord, seq: int, q: Quote) -> tuple[tuple, list[tuple]]:
    sp = q.speaker
    row = (q.id, record.article_id, seq, q.sentence, sp is not None, sp.text if sp else None,
           sp.name if sp else None, sp.role if sp else None, sp.org if sp else None, q.cue,
           q.content, q.direct, q.start, q.end, len(q.cites))
    cites = [(q.id, record.article_id, i, c.name, c.role, c.org, c.kind, c.date)
             for i, c in enumerate(q.cites)]
    return row, cites


def _article_row(record: ArticleRecord) -> tuple[Any, ...]:
    r = record
    return (r.article_id, r.schema, r.title, r.url, r.source, r.published,
            published_day(r.published), r.language, r.author, r.content_hash, r.entente_version,
            r.kb_version, r.lexicon_version, r.model_version, r.text, list(r.removed_boilerplate),
            source_key(r.source, r.url, r.article_id), len(r.sentences), len(r.events),
            len(r.quotes), len(r.actors), record_hash(r))


def flatten(records: Sequence[ArticleRecord]) -> dict[str, pa.Table]:
    """One Arrow table per content table for a batch of records."""
    rows: dict[str, list[tuple]] = {name: [] for name in COLUMNS}
    for r in records:
        rows["articles"].append(_article_row(r))
        rows["sentences"].extend((r.article_id, i, s, e, r.text[s:e])
                                 for i, (s, e) in enumerate(r.sentences))
        rows["actors"].extend((r.article_id, i, m.sentence, m.start, m.end, *_actor_values(m))
                              for i, m in enumerate(r.actors))
        lead_end = _lead_end(r)
        rows["events"].extend(_event_row(r, i, ev, lead_end) for i, ev in enumerate(r.events))
        for i, q in enumerate(r.quotes):
            row, cites = _quote_rows(r, i, q)
            rows["quotes"].append(row)
            rows["quote_cites"].extend(cites)
    return {name: _table(name, rows[name]) for name in COLUMNS}


def _table(name: str, rows: list[tuple]) -> pa.Table:
    schema = pa.schema(COLUMNS[name])
    if not rows:
        return schema.empty_table()
    columns = list(zip(*rows, strict=True))
    return pa.Table.from_arrays([pa.array(col, type=t) for col, (_, t) in
                                 zip(columns, COLUMNS[name], strict=True)], schema=schema)


# ---------------------------------------------------------------------------------------------
# rows → records
# ---------------------------------------------------------------------------------------------

def _actor(row: dict[str, Any], prefix: str) -> Actor | None:
    if row[f"{prefix}text"] is None:
        return None
    return Actor(**{field: row[f"{prefix}{field}"] for field in ACTOR_FIELDS})


def rebuild_event(row: dict[str, Any], sentence_text: str | None) -> Event:
    """An `Event` from its `events` row (`text` NULL means "the sentence's own text")."""
    loc = None
    if row["loc_name"] is not None:
        loc = Location(name=row["loc_name"], country=row["loc_country"], lat=row["loc_lat"],
                       lon=row["loc_lon"])
    att = None
    if row["has_attribution"]:
        att = Attribution(speaker=row["attr_speaker"], cites=list(row["attr_cites"] or []),
                          quote=row["attr_quote"])
    text = row["text"] if row["text"] is not None else (sentence_text or "")
    return Event(
        id=row["event_id"], sentence=row["sentence"], text=text,
        source=_actor(row, "src_"), target=_actor(row, "tgt_"), cameo=row["cameo"],
        root=row["root"], quad_class=row["quad_class"], goldstein=row["goldstein"],
        plover=Plover(type=row["plover_type"], mode=row["plover_mode"]),
        modality=row["modality"], date=row["date"], date_from=row["date_from"], location=loc,
        attribution=att,
        evidence=Evidence(trigger=row["trigger"], start=row["ev_start"], end=row["ev_end"],
                          rule=row["rule"]),
        confidence=row["confidence"], reciprocal=bool(row["reciprocal"]),
    )


def rebuild_quote(row: dict[str, Any], cites: list[dict[str, Any]]) -> Quote:
    speaker = None
    if row["has_speaker"]:
        speaker = Speaker(text=row["speaker_text"], name=row["speaker_name"],
                          role=row["speaker_role"], org=row["speaker_org"])
    return Quote(
        id=row["quote_id"], sentence=row["sentence"], speaker=speaker,
        cites=[Cited(name=c["name"], role=c["role"], org=c["org"], kind=c["kind"],
                     date=c["date"]) for c in cites],
        cue=row["cue"], content=row["content"], direct=row["direct"], start=row["char_start"],
        end=row["char_end"])


def rebuild_mention(row: dict[str, Any]) -> ActorMention:
    return ActorMention(sentence=row["sentence"], start=row["char_start"], end=row["char_end"],
                        **{field: row[field] for field in ACTOR_FIELDS})


def rebuild(article: dict[str, Any], parts: dict[str, list[dict[str, Any]]]) -> ArticleRecord:
    """The `ArticleRecord` of one `articles` row and its child rows (each list in `seq`/`idx`
    order; `parts["quote_cites"]` holds the cites of all its quotes)."""
    sentences = [(s["char_start"], s["char_end"]) for s in parts["sentences"]]
    texts = {s["idx"]: s["text"] for s in parts["sentences"]}
    cites: dict[str, list[dict[str, Any]]] = {}
    for c in parts["quote_cites"]:
        cites.setdefault(c["quote_id"], []).append(c)
    return ArticleRecord(
        schema=article["schema"], article_id=article["article_id"], title=article["title"],
        url=article["url"], source=article["source"], published=article["published"],
        language=article["language"],
        removed_boilerplate=list(article["removed_boilerplate"] or []),
        events=[rebuild_event(e, texts.get(e["sentence"])) for e in parts["events"]],
        quotes=[rebuild_quote(q, cites.get(q["quote_id"], [])) for q in parts["quotes"]],
        actors=[rebuild_mention(m) for m in parts["actors"]],
        text=article["text"] or "", sentences=sentences, author=article["author"],
        content_hash=article["content_hash"], entente_version=article["entente_version"],
        kb_version=article["kb_version"], lexicon_version=article.get("lexicon_version"),
        model_version=article.get("model_version"),
    )
