"""Event dates from text: examples, then properties (hypothesis)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from entente.events.dates import find

PUB = date(2021, 8, 10)  # a Tuesday


@pytest.mark.parametrize(("text", "value", "precision"), [
    ("signed the declaration in June", "2021-06", "month"),
    ("the clashes in October", "2020-10", "month"),  # past month after publication: last year
    ("October’s clashes", "2020-10", "month"),
    ("in August", "2021-08", "month"),
    ("last year", "2020", "year"),
    ("this year", "2021", "year"),
    ("last month", "2021-07", "month"),
    ("earlier this month", "2021-08", "month"),
    ("earlier this week", "2021-08", "month"),
    ("last week", "2021-08", "month"),
    ("on Tuesday", "2021-08-10", "day"),
    ("on Monday", "2021-08-09", "day"),
    ("on Wednesday", "2021-08-04", "day"),
    ("last Tuesday", "2021-08-03", "day"),
    ("yesterday", "2021-08-09", "day"),
    ("three days ago", "2021-08-07", "day"),
    ("two years ago", "2019", "year"),
    ("in 2020", "2020", "year"),
    ("in April 2019", "2019-04", "month"),
    ("on 12 September 2022", "2022-09-12", "day"),
    ("on September 12, 2022", "2022-09-12", "day"),
    ("on June 5", "2021-06-05", "day"),
    ("on 20 August", "2020-08-20", "day"),
    ("2022-02-24", "2022-02-24", "day"),
    ("Last December", "2020-12", "month"),
])
def test_resolved_against_publication(text: str, value: str, precision: str) -> None:
    found = find(text, PUB)
    assert [(d.value, d.precision) for d in found] == [(value, precision)]


def test_future_reading_looks_forward() -> None:
    assert find("talks will begin on Saturday", PUB, future=True)[0].value == "2021-08-14"
    assert find("the vote in October", PUB, future=True)[0].value == "2021-10"


@pytest.mark.parametrize("text", ["by 2050", "until March", "before Friday"])
def test_not_the_time_of_the_event(text: str) -> None:
    assert find(text, PUB) == []


def test_since_a_year_dates_the_start_of_a_lasting_event() -> None:
    # docs/ARTICLE_GOLD.md 5.1: "has fought the rebels since 2015" is dated 2015
    assert [(d.value, d.precision) for d in find("since 2015", PUB)] == [("2015", "year")]


def test_month_of_last_year() -> None:
    assert [d.value for d in find("in July last year", PUB)] == ["2020-07"]
    assert [d.value for d in find("in November last year", PUB)] == ["2020-11"]


def test_may_the_modal_is_not_a_month() -> None:
    assert find("Russia may strike", PUB) == []
    assert find("They met in May", PUB)[0].value == "2021-05"


def test_relative_dates_without_publication_are_unknown() -> None:
    for text in ("last year", "on Tuesday", "in June", "yesterday"):
        (d,) = find(text, None)
        assert d.value is None and d.relative
    assert find("in 2020", None)[0].value == "2020"


def test_spans_point_at_the_expression() -> None:
    text = "Turkey and Azerbaijan signed it in June, officials said on Tuesday."
    assert [text[d.start:d.end] for d in find(text, PUB)] == ["June", "Tuesday"]


ISO = {"year": r"\d{4}", "month": r"\d{4}-\d{2}", "day": r"\d{4}-\d{2}-\d{2}"}
WORDS = st.sampled_from(["in", "on", "last", "next", "this", "June", "May", "Tuesday", "2020",
                         "12", "31", "February", "29", "ago", "three", "week", "month", "year",
                         "yesterday", "earlier", "October's", "-", ",", "Sept.", "2023-02-30"])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), st.lists(WORDS, max_size=10).map(" ".join)),
       st.one_of(st.none(), st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31))),
       st.booleans())
def test_never_crashes_and_values_are_valid_iso(text: str, published: date | None,
                                                 future: bool) -> None:
    for d in find(text, published, future):
        assert 0 <= d.start < d.end <= len(text)
        assert text[d.start:d.end] == d.text
        if d.value is not None:
            assert re.fullmatch(ISO[d.precision], d.value), d
            if d.precision == "day":
                date.fromisoformat(d.value)
            elif d.precision == "month":
                assert 1 <= int(d.value[5:7]) <= 12
