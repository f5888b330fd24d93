"""Fuzzing the date and actor resolvers with any text: no exception, values in range, bounded time.

`events.dates.find(text, ref)` gives matches inside the text, in order and without overlaps, each
valued by an ISO string of a year 0001-9999 (year, month or day precision) or None, whatever the
reference date, the ends of the calendar included. `actors.resolve` and `KnowledgeBase.lookup`
take any string and answer (an Actor, None, aliases) in bounded time.
"""

from __future__ import annotations

import re
import time
from datetime import date

import pytest
from fuzzcommon import FUZZ, any_date, news_text
from hypothesis import example, given
from hypothesis import strategies as st

from entente.actors import default_resolver, resolve
from entente.events.dates import find
from entente.records import Actor

ISO = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?")
PRECISION = {"year": 1, "month": 2, "day": 3}
# Per call, far above the milliseconds one takes: a quadratic path on a few hundred characters
# shows up as seconds, an endless one as the test's timeout.
TIME_LIMIT = 2.0

date_words = st.lists(st.sampled_from([
    "yesterday", "today", "last night", "on Tuesday", "last Monday", "next Friday", "this week",
    "last year", "next month", "earlier this year", "3 days ago", "a year ago", "12 months ago",
    "99 weeks ago", "in May", "May 5", "5 May", "June 31", "February 29", "in July last year",
    "March next year", "2021-02-30", "2021-13-01", "1999-00-10", "31st December 2099",
    "January 1, 1900", "since 2015", "by 2050", "mid-June", "late September", "the 1990s",
    "the 2020's", "Sept. 4", "١٩٩٩", "19٣٣", "May", "may", ". May", "\u202eMay 4",
]), max_size=12).map(" ".join)


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """Load (and cache) the knowledge base before anything is timed."""
    resolve("the Turkish military")  # the first multi-word text builds the matcher


def check_value(value: str | None, precision: str) -> None:
    if value is None:
        return
    m = ISO.fullmatch(value)
    assert m, value
    assert "0001" <= m["y"] <= "9999", value
    parts = sum(1 for g in ("y", "m", "d") if m[g])
    assert parts == PRECISION[precision], (value, precision)
    if m["d"]:
        date.fromisoformat(value)
    elif m["m"]:
        assert 1 <= int(m["m"]) <= 12, value


@FUZZ
@given(text=st.one_of(news_text, date_words), ref=st.none() | any_date, future=st.booleans(),
       anchors=st.booleans())
@example(text="yesterday and last Monday", ref=date(1, 1, 1), future=False, anchors=False)
@example(text="next Friday, next year and in 3 days", ref=date(9999, 12, 31), future=True,
         anchors=False)
@example(text="12 months ago, 99 weeks ago", ref=date(1, 2, 1), future=False, anchors=True)
def test_dates_any_text_any_reference(text, ref, future, anchors):
    started = time.monotonic()
    found = find(text, ref, future=future, anchors=anchors)
    assert time.monotonic() - started < TIME_LIMIT
    end = 0
    for m in found:
        assert end <= m.start < m.end <= len(text)  # ordered, no overlaps, inside the text
        assert text[m.start:m.end] == m.text
        assert m.precision in PRECISION
        check_value(m.value, m.precision)
        if ref is None and m.relative:
            assert m.value is None  # no reference, no guess
        end = m.end


@FUZZ
@given(text=st.one_of(news_text, st.text(max_size=2000)), on=st.none() | any_date)
@example(text="the " * 3000 + "Turkey", on=None)
@example(text="Erdogan", on=date(1, 1, 1))
@example(text="President Erdogan", on=date(9999, 12, 31))
def test_actor_resolve_any_text_any_date(text, on):
    started = time.monotonic()
    actor = resolve(text, on)
    assert time.monotonic() - started < TIME_LIMIT
    assert actor is None or isinstance(actor, Actor)


@FUZZ
@given(text=st.one_of(news_text, st.text(max_size=2000)))
def test_kb_lookup_and_place_any_text(text):
    kb = default_resolver().kb
    started = time.monotonic()
    aliases = kb.lookup(text)
    kb.place(text)
    kb.sector(text)
    assert time.monotonic() - started < TIME_LIMIT
    assert isinstance(aliases, tuple)
    for alias in aliases:
        assert alias.key in kb.entries


@pytest.mark.parametrize("text", ["", " ", "\x00", "the", "the ", "The The", "\u202e", "🇹🇷"])
def test_actor_resolve_degenerate_strings(text):
    assert resolve(text) is None or isinstance(resolve(text), Actor)
