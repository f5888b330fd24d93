"""Dates of cited publications (entente.quotes.dates)."""

from __future__ import annotations

from datetime import date

import pytest

from entente.quotes.dates import resolve

PUB = date(2021, 8, 10)  # a Tuesday


@pytest.mark.parametrize(("words", "published", "expected"), [
    (["in", "june"], PUB, "2021-06"),
    (["in", "october"], PUB, "2020-10"),  # the latest October not after publication
    (["in", "june"], None, "June"),  # no publication date: the words, not a guess
    (["last", "year"], PUB, "2020"),
    (["last", "year"], None, None),
    (["in", "march", "2019"], None, "2019-03"),
    (["on", "3", "may", "2020"], None, "2020-05-03"),
    (["in", "2018"], PUB, "2018"),
    (["last", "month"], date(2021, 1, 5), "2020-12"),
    (["on", "monday"], PUB, "2021-08-09"),
    (["on", "tuesday"], PUB, "2021-08-10"),
    (["last", "week"], PUB, None),
])
def test_resolves_against_the_publication_date(words: list[str], published: date | None,
                                               expected: str | None) -> None:
    assert resolve(words, published) == expected
