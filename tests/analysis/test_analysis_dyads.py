"""`dyad`: series that add up, directed and undirected views that agree, filters, top events."""

from __future__ import annotations

import itertools

import pytest
from factories import random_records
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from entente.analysis.dyads import dyad
from entente.analysis.plot import plot_dyad
from entente.errors import UsageError
from entente.store import open_store

KEYS = ("events", "q1", "q2", "q3", "q4")
PAIRS = [("TUR", "AZE"), ("RUS", "UKR"), ("FRA", "GRC"), ("USA", "IRN")]


def _sum(rows, key):
    return sum(r[key] for r in rows)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), n=st.integers(1, 60), pair=st.sampled_from(PAIRS),
       by=st.sampled_from(["month", "week", "day"]), undated=st.sampled_from([0.0, 0.3]))
def test_periods_sum_to_totals_and_directions_agree(seed, n, pair, by, undated):
    with open_store(":memory:") as store:
        store.add(random_records(n, seed=seed, days=200, undated=undated,
                                 countries=("TUR", "AZE", "RUS", "UKR", "FRA", "GRC", "USA",
                                            "IRN")))
        both = dyad(store, *pair, by=by)
        ab = dyad(store, *pair, by=by, directed=True)
        ba = dyad(store, pair[1], pair[0], by=by, directed=True)
    for result in (both, ab, ba):
        for key in KEYS:
            assert _sum(result["periods"], key) + result["undated"][key] == result["totals"][key]
        assert result["totals"]["events"] == sum(result["totals"][f"q{i}"] for i in range(1, 5))
        assert sum(r["events"] for r in result["roots"]) == result["totals"]["events"]
    for key in KEYS:
        assert both["totals"][key] == ab["totals"][key] + ba["totals"][key]
    per = {p["period"]: p["events"] for p in both["periods"]}
    for one in (ab, ba):
        for p in one["periods"]:
            assert p["events"] <= per[p["period"]]
    assert sum(p["events"] for p in ab["periods"] + ba["periods"]) == _sum(both["periods"],
                                                                             "events")


def test_quiet_periods_are_filled_with_zeros(corpus):
    result = dyad(corpus, "TUR", "AZE", start="2021-01-01", end="2021-12-31")
    labels = [p["period"] for p in result["periods"]]
    assert labels == sorted(labels) and len(labels) == len(set(labels))
    assert all(a < b for a, b in itertools.pairwise(labels))
    assert labels[0] >= "2021-01" and labels[-1] <= "2021-12"


def test_weeks_start_on_monday(corpus):
    from datetime import date

    result = dyad(corpus, "TUR", "AZE", by="week")
    assert all(date.fromisoformat(p["period"]).weekday() == 0 for p in result["periods"])


def test_the_shusha_signing_is_the_top_event_with_its_evidence(corpus):
    result = dyad(corpus, "AZE", "TUR", start="2021-06-01", end="2021-06-30")
    top = result["top_clusters"][0]
    assert (top["num_articles"], top["num_sources"], top["cameo"]) == (10, 10, "057")
    ev = top["evidence"]
    assert ev["text"][ev["start"]:ev["end"]] == ev["trigger"] == "sign"
    june = result["periods"][0]
    assert june["period"] == "2021-06" and june["q1"] >= 10 and june["clusters"] < june["events"]


def test_directed_view_only_counts_one_way(corpus):
    ab = dyad(corpus, "TUR", "AZE", directed=True)
    assert ab["dyad"]["directed"] is True
    assert all(c["src_key"] == "TUR" or c["reciprocal"] for c in ab["top_clusters"])


def test_modality_selects_what_is_counted(corpus):
    neg = dyad(corpus, "TUR", "AZE", modality="negated")
    both = dyad(corpus, "TUR", "AZE")
    assert 0 < neg["totals"]["events"] < both["totals"]["events"]


@pytest.mark.parametrize("kwargs, message", [
    ({"a": "TUR; DROP", "b": "AZE"}, "actor key"),
    ({"a": "TUR", "b": "AZE", "by": "year"}, "--by"),
    ({"a": "TUR", "b": "AZE", "start": "2021-13-01"}, "--from"),
    ({"a": "TUR", "b": "AZE", "start": "2021-06-01", "end": "2021-01-01"}, "after"),
    ({"a": "TUR", "b": "AZE", "top": 0}, "--limit"),
])
def test_bad_parameters_are_usage_errors(corpus, kwargs, message):
    with pytest.raises(UsageError, match=message):
        dyad(corpus, **kwargs)


def test_plots_are_written_and_svg_is_reproducible(corpus, tmp_path):
    result = dyad(corpus, "TUR", "AZE")
    png = plot_dyad(result, tmp_path / "d.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    one = plot_dyad(result, tmp_path / "a.svg").read_bytes()
    two = plot_dyad(result, tmp_path / "b.svg").read_bytes()
    assert one == two and b"<svg" in one
    with pytest.raises(UsageError, match=r"\.png or \.svg"):
        plot_dyad(result, tmp_path / "d.pdf")
