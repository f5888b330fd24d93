"""Quotation-mark pairing on raw text (entente.quotes.marks)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from entente.quotes.marks import paragraphs, segments


def contents(text: str) -> list[str]:
    return [text[s.start:s.end] for s in segments(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("“We won,” she said.", ["We won,"]),
    ('"We won," she said.', ["We won,"]),
    ("‘We won,’ she said.", ["We won,"]),
    ("He called it “dead” and “buried”.", ["dead", "buried"]),
    ("“He said ‘no’ twice,” she said.", ["He said ‘no’ twice,"]),
    ("Russia’s stance and the countries’ competition doesn’t change.", []),
    ("Northbridge Analytics' chief economist said so.", []),
    ("The 'temporary' checkpoints stayed.", ["temporary"]),
])
def test_pairs_marks_of_every_kind(text: str, expected: list[str]) -> None:
    assert contents(text) == expected


def test_quote_running_over_paragraphs_is_one_segment() -> None:
    text = "“First part.\n\n“Second part,” she said.\n\nNot quoted."
    segs = segments(text)
    assert len(segs) == 1
    assert text[segs[0].start:segs[0].end] == "First part.\n\n“Second part,"
    assert segs[0].paragraphs == 2


def test_unclosed_quote_ends_at_its_paragraph() -> None:
    text = "He said “we will win.\n\nNext paragraph."
    (seg,) = segments(text)
    assert seg.close is None
    assert text[seg.start:seg.end] == "we will win."


def test_paragraph_spans_skip_blank_lines() -> None:
    text = "One.\n\n\n\nTwo.  \n\nThree"
    assert [text[a:b] for a, b in paragraphs(text)] == ["One.", "Two.", "Three"]


@given(st.text(alphabet="ab .,\n“”‘’\"'", max_size=80))
def test_segments_stay_inside_text_and_do_not_overlap(text: str) -> None:
    segs = segments(text)
    last = -1
    for s in segs:
        assert 0 <= s.open < s.start <= s.end <= len(text)
        assert s.open > last
        last = s.close if s.close is not None else s.end
