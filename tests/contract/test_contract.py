"""The records' JSON matches the contract (entente/1) exactly, checked with a JSON Schema."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    article_record_from_json,
    to_json,
)

SCHEMA = json.loads(resources.files("entente.data").joinpath("contract.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

TURKEY = Actor(text="Turkish military", name="Turkey", code="TURMIL", country="TUR", role="MIL",
               id="country:TUR")
AZERBAIJAN = Actor(text="Azerbaijan", name="Azerbaijan", code="AZE", country="AZE",
                   id="country:AZE")


def full_event(**changes: object) -> Event:
    event = Event(
        id="a1:3:0", sentence=3, text="Turkey sent troops to Azerbaijan in June.",
        source=TURKEY, target=AZERBAIJAN, cameo="0234", root="02", quad_class=1, goldstein=3.4,
        plover=Plover(type="REQUEST", mode=None), modality="asserted", date="2021-06",
        date_from="text",
        location=Location(name="Nagorno-Karabakh", country="AZE", lat=39.8, lon=46.75),
        attribution=Attribution(speaker="Paul Iddon", cites=["Emily Hawthorne"], quote=2),
        evidence=Evidence(trigger="sent", start=7, end=11, rule="send_troops"), confidence=0.82,
    )
    return msgspec.structs.replace(event, **changes)


def full_record() -> ArticleRecord:
    quote = Quote(
        id="a1:q2", sentence=5,
        speaker=Speaker(text="Iddon", name="Paul Iddon", role="analyst", org="Forbes"),
        cites=[Cited(name="Emily Hawthorne", role="analyst", org="Stratfor", kind="person")],
        cue="said", content="helps Turkey", direct=True, start=0, end=12,
    )
    mention = ActorMention(text="Turkey", name="Turkey", code="TUR", country="TUR",
                           id="country:TUR", sentence=0, start=0, end=6)
    return ArticleRecord(
        article_id="a1", title="t", url="https://example.org/a", source="Example News",
        published="2021-08-10", removed_boilerplate=["This block is broken or missing."],
        events=[full_event()], quotes=[quote], actors=[mention], text="Turkey.", sentences=[(0, 7)],
    )


def test_full_record_validates() -> None:
    VALIDATOR.validate(json.loads(to_json(full_record())))


def test_keys_in_contract_order() -> None:
    data = json.loads(to_json(full_record()))
    assert list(data)[:11] == ["schema", "article_id", "title", "url", "source", "published",
                               "language", "removed_boilerplate", "events", "quotes", "actors"]
    event_keys = list(data["events"][0])
    assert event_keys[:17] == ["id", "sentence", "text", "source", "target", "cameo", "root",
                               "quad_class", "goldstein", "plover", "modality", "date",
                               "date_from", "location", "attribution", "evidence", "confidence"]
    assert list(data["events"][0]["source"]) == ["text", "name", "code", "country", "org", "role",
                                                 "id"]


def test_nulls_are_written_not_omitted() -> None:
    data = json.loads(to_json(full_event(source=None, location=None, attribution=None,
                                         date=None, date_from=None)))
    for key in ("source", "location", "attribution", "date", "date_from"):
        assert key in data and data[key] is None


def test_schema_is_stamped() -> None:
    assert json.loads(to_json(ArticleRecord(article_id="x")))["schema"] == "entente/1"


@pytest.mark.parametrize(
    "bad",
    [
        {"modality": "maybe"},
        {"quad_class": 5},
        {"cameo": "ABC"},
        {"date": "June 2021"},
        {"confidence": 1.5},
    ],
)
def test_schema_rejects_broken_events(bad: dict[str, object]) -> None:
    data = json.loads(to_json(full_record()))
    data["events"][0].update(bad)
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(data)


def test_round_trip() -> None:
    record = full_record()
    assert article_record_from_json(to_json(record)) == record


text = st.text(max_size=30)
maybe_text = st.none() | text
actors = st.builds(Actor, text=text, name=maybe_text, code=maybe_text,
                   country=st.none() | st.from_regex(r"\A[A-Z]{3}\Z"), org=maybe_text,
                   role=maybe_text, id=maybe_text)


@settings(max_examples=60, deadline=None)
@given(source=st.none() | actors, target=st.none() | actors,
       modality=st.sampled_from(["asserted", "negated", "hypothetical"]),
       confidence=st.floats(0, 1), trigger=st.text(min_size=1, max_size=10))
def test_any_event_validates_and_round_trips(source, target, modality, confidence, trigger):
    event = full_event(source=source, target=target, modality=modality, confidence=confidence,
                       evidence=Evidence(trigger=trigger, start=0, end=len(trigger), rule="r"))
    record = msgspec.structs.replace(full_record(), events=[event])
    encoded = to_json(record)
    VALIDATOR.validate(json.loads(encoded))
    assert article_record_from_json(encoded) == record
