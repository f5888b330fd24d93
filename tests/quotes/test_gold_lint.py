"""Lint of the quote gold files (tests/gold/quotes_*.jsonl): well formed, anchored, balanced."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from entente.quotes.score import GoldCase, load_gold

GOLD = Path(__file__).resolve().parents[1] / "gold"
FILES = sorted(GOLD.glob("quotes_*.jsonl"))
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
KINDS = {"person", "organisation", "publication"}
# constructions the set must cover, in dev and in the held-out test alike
REQUIRED_TAGS = {"direct", "indirect", "after", "before", "pronoun", "negative"}
REQUIRED_ANYWHERE = {"middle", "multisentence", "multiparagraph", "according-to", "citing",
                     "nested", "org", "mixed", "speakerless", "told"}


@pytest.fixture(scope="module")
def cases() -> dict[str, list[GoldCase]]:
    return {p.name: load_gold(p) for p in FILES}


def test_there_are_dev_and_held_out_files_with_enough_cases(cases: dict[str, list[GoldCase]]) -> None:
    assert {"quotes_dev.jsonl", "quotes_test.jsonl"} <= set(cases)
    assert sum(len(c) for c in cases.values()) >= 150


def test_ids_are_unique_across_files(cases: dict[str, list[GoldCase]]) -> None:
    ids = [c.id for cs in cases.values() for c in cs]
    assert len(ids) == len(set(ids))


def test_contents_and_cues_are_anchored_in_their_text(cases: dict[str, list[GoldCase]]) -> None:
    for cs in cases.values():
        for c in cs:
            for q in c.quotes:
                assert c.text.count(q.content) == 1, f"{c.id}: content must occur exactly once"
                assert q.cue is None or q.cue in c.text, f"{c.id}: cue {q.cue!r} not in text"
                assert q.speaker is None or q.speaker.strip(), c.id
                for cite in q.cites:
                    assert cite.kind in KINDS and (cite.date is None or ISO.match(cite.date)), c.id
            assert c.published is None or ISO.match(c.published), c.id


def test_constructions_are_covered(cases: dict[str, list[GoldCase]]) -> None:
    every = set()
    for name, cs in cases.items():
        tags = {t for c in cs for t in c.tags}
        every |= tags
        assert tags >= REQUIRED_TAGS, f"{name} lacks {REQUIRED_TAGS - tags}"
    assert every >= REQUIRED_ANYWHERE, REQUIRED_ANYWHERE - every


def test_negative_cases_hold_no_quote_unless_a_reporting_clause_contains_them(
        cases: dict[str, list[GoldCase]]) -> None:
    for cs in cases.values():
        for c in cs:
            if "negative" in c.tags:
                assert all("“" in q.content or '"' in q.content for q in c.quotes), c.id
