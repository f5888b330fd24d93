"""The synthetic store behind the API and browser tests (records from tests/store/factories.py,
plus one hand-made article that exercises the evidence views)."""

from __future__ import annotations

import msgspec
from factories import Sentence, event_spec, make_record, random_records, story_copies

from entente.records import ArticleRecord, Attribution, Cited, Quote, Speaker

EVIDENCE_ID = "feeds/day 1.txt"  # a slash and a space: ids are paths for .txt inputs
SAID = ('"Armenia will not accept threats," Foreign Minister Ararat Mirzoyan said, citing '
        'Armenpress.')
HOSTILE = "<script>alert('x')</script> & <b>bold</b> appeared in a reader's comment."


def evidence_record() -> ArticleRecord:
    """Three sentences: a headline event, an attributed negated event inside a quote, and text
    that must be escaped."""
    attribution = Attribution(speaker="Ararat Mirzoyan", cites=["Armenpress"], quote=0)
    record = make_record(EVIDENCE_ID, [
        Sentence("Turkey criticised Armenia over border talks", [
            event_spec("TUR", "ARM", "111", "criticised", date="2021-06-20")]),
        Sentence(SAID, [event_spec("ARM", "TUR", "120", "accept", modality="negated",
                                   attribution=attribution, date="2021-06-21")]),
        Sentence(HOSTILE),
    ], source="Caucasus Wire", url="https://wire.example/a1", published="2021-06-21")
    content = "Armenia will not accept threats,"
    quote = Quote(id=f"{EVIDENCE_ID}:q0", sentence=1,
                  speaker=Speaker(text="Ararat Mirzoyan", name="Ararat Mirzoyan",
                                  role="foreign minister"),
                  cites=[Cited(name="Armenpress", kind="publication")], cue="said",
                  content=content, direct=True, start=1, end=1 + len(content))
    return msgspec.structs.replace(record, quotes=[quote])


def all_records() -> list[ArticleRecord]:
    return [*story_copies(10), *random_records(60, seed=5), evidence_record()]
