"""`trends`: a growing relationship is found from the data, counted in real-world events."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from factories import Sentence, event_spec, make_record, random_records

from entente.analysis.trends import trends
from entente.errors import UsageError
from entente.store import open_store

END = date(2021, 12, 31)


def _military_cooperation() -> list:
    """Turkey and Azerbaijan cooperating militarily: twice in the year before the window,
    twelve times in the last 90 days, each time reported by three outlets."""
    days = [END - timedelta(days=200), END - timedelta(days=300)]
    days += [END - timedelta(days=5 + 7 * i) for i in range(12)]
    out = []
    for i, day in enumerate(days):
        for outlet in range(3):
            spec = event_spec("TUR", "AZE", "062", "drilled", date=day.isoformat(),
                              reciprocal=True)
            out.append(make_record(
                f"mil-{i}-{outlet}", [Sentence("Turkish and Azerbaijani troops drilled "
                                               "together.", [spec])],
                source=f"outlet {outlet}", published=(day + timedelta(days=1)).isoformat()))
    return out


@pytest.fixture(scope="module")
def store():
    noise = random_records(300, seed=21, start=END - timedelta(days=455), days=455,
                           countries=("RUS", "UKR", "FRA", "GRC", "USA", "IRN"))
    with open_store(":memory:") as s:
        s.add(_military_cooperation() + noise)
        yield s


def test_growing_military_cooperation_is_the_headline(store):
    result = trends(store, by="base", end=END)
    top = result["items"][0]
    assert (top["a"], top["b"], top["measure"], top["direction"]) == ("AZE", "TUR", "062", "up")
    assert (top["recent"], top["baseline"]) == (12, 2)  # events, not the 36 and 6 reports
    assert "cooperate militarily" in top["headline"] and "up" in top["headline"]


def test_cooperation_measure_finds_it_too(store):
    items = trends(store, by="coop", end=END, limit=100)["items"]
    mine = [i for i in items if (i["a"], i["b"]) == ("AZE", "TUR")]
    assert mine and mine[0]["measure"] == "cooperation" and mine[0]["ratio"] > 3


def test_end_defaults_to_the_latest_event(store):
    assert trends(store)["end"] == max(
        r["d"] for r in store.query("SELECT max(day) AS d FROM events "
                                    "WHERE modality = 'asserted'")).isoformat()


def test_min_events_hides_thin_evidence(store):
    assert trends(store, by="base", end=END, min_events=13)["items"] == []


def test_pages_are_stable_and_complete(store):
    full = trends(store, by="root", end=END, min_events=1, limit=1000)
    assert full["total"] == len(full["items"]) > 10
    pages = []
    for offset in range(0, full["total"], 7):
        pages += trends(store, by="root", end=END, min_events=1, limit=7, offset=offset)["items"]
    assert pages == full["items"]


def test_empty_store_has_no_trends():
    with open_store(":memory:") as empty:
        assert trends(empty)["items"] == [] and trends(empty)["end"] is None


def test_bad_measure_is_a_usage_error(store):
    with pytest.raises(UsageError, match="--by"):
        trends(store, by="tone")


def test_a_window_before_year_one_is_a_usage_error(store):
    with pytest.raises(UsageError, match="before year 1"):
        trends(store, end="0001-02-01", window=90)
