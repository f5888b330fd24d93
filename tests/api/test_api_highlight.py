"""Evidence in place: actor, trigger and quote marks on an article's text."""

from __future__ import annotations

import msgspec
from webdata import EVIDENCE_ID, evidence_record

from entente.web.highlight import Mark, evidence_parts, marks, segments, trigger_span


def test_marks_point_at_what_the_text_says():
    record = evidence_record()
    found = marks(record)
    text = record.text
    triggers = [m for m in found if m.kind == "trigger"]
    assert [text[m.start:m.end] for m in triggers] == ["criticised", "accept"]
    assert [m.label for m in triggers] == ["E1", "E2"]
    assert triggers[0].ref == f"event-{EVIDENCE_ID}:0:0"
    actors = {text[m.start:m.end] for m in found if m.kind == "actor"}
    assert {"Turkey", "Armenia"} <= actors
    [quote] = [m for m in found if m.kind == "quote"]
    assert text[quote.start:quote.end] == "Armenia will not accept threats,"
    assert "Ararat Mirzoyan" in quote.title and quote.label == "Q1"


def test_a_trigger_whose_offsets_disagree_with_the_text_is_not_marked():
    record = evidence_record()
    ev = record.events[0]
    moved = msgspec.structs.replace(ev, evidence=msgspec.structs.replace(
        ev.evidence, start=ev.evidence.start + 1, end=ev.evidence.end + 1))
    broken = msgspec.structs.replace(record, events=[moved, *record.events[1:]])
    assert trigger_span(broken, moved) is None
    assert [m.label for m in marks(broken) if m.kind == "trigger"] == ["E2"]


def test_segments_cover_the_text_once_with_overlaps_marked():
    text = "Turkey said no."
    found = [Mark("actor", 0, 6, "actor"), Mark("quote", 0, 15, "quote", "Q1"),
             Mark("trigger", 7, 11, "said", "E1")]
    segs = segments(text, found)
    assert "".join(s.text for s in segs) == text
    assert [(s.text, s.kinds) for s in segs] == [
        ("Turkey", ("actor", "quote")), (" ", ("quote",)), ("said", ("trigger", "quote")),
        (" no.", ("quote",))]
    assert [m.label for m in segs[0].before] == ["Q1"]
    assert [m.label for m in segs[2].after] == ["E1"]


def test_segments_of_an_unmarked_text_is_the_text():
    assert [(s.text, s.kinds) for s in segments("plain", [])] == [("plain", ())]
    assert segments("", []) == []


def test_evidence_parts_split_around_the_trigger():
    assert evidence_parts("They signed it.", 5, 11) == ("They ", "signed", " it.")
    assert evidence_parts("short", 3, 99) == ("short", "", "")
    assert evidence_parts(None, None, None) == ("", "", "")
