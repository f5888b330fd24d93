"""Event, cluster and quote look-ups: filters, stable pages, evidence."""

from __future__ import annotations

import pytest

from entente.analysis.events import get_cluster, list_events, list_quotes
from entente.errors import UsageError


def test_filters_combine(corpus):
    page = list_events(corpus, dyad=("TUR", "AZE"), root="05", limit=100)
    assert page["total"] >= 10
    for e in page["items"]:
        assert {e["src_key"], e["tgt_key"]} == {"TUR", "AZE"} and e["root"] == "05"
    negated = list_events(corpus, actor="ukr", modality="negated", limit=100)["items"]
    assert negated and all(e["modality"] == "negated" and "UKR" in (e["src_key"], e["tgt_key"])
                           for e in negated)
    cameo = list_events(corpus, cameo="0831", start="2021-01-01", end="2021-03-31")["items"]
    assert all(e["cameo"] == "0831" and "2021-01-01" <= e["day"] <= "2021-03-31" for e in cameo)


def test_pages_concatenate_to_the_whole_list(corpus):
    whole = list_events(corpus, actor="TUR", limit=5000)
    assert whole["next_offset"] is None
    pages, offset = [], 0
    while offset is not None:
        page = list_events(corpus, actor="TUR", limit=37, offset=offset)
        pages += page["items"]
        offset = page["next_offset"]
    assert pages == whole["items"]
    days = [e["day"] or "9999" for e in pages]
    assert days == sorted(days)
    assert list_events(corpus, actor="TUR", offset=10**6)["total"] == whole["total"]


def test_evidence_points_into_the_sentence(corpus):
    for e in list_events(corpus, limit=200)["items"]:
        ev = e["evidence"]
        assert e["text"][ev["start"]:ev["end"]] == ev["trigger"]


def test_a_cluster_lists_every_report(corpus):
    cid = list_events(corpus, dyad=("TUR", "AZE"), cameo="057", start="2021-06-15",
                      end="2021-06-15", limit=1)["items"][0]["cluster_id"]
    cluster = get_cluster(corpus, cid)
    assert cluster["num_articles"] == 10 and len(cluster["mentions"]) == 10
    assert len({m["source"] for m in cluster["mentions"]}) == 10
    assert get_cluster(corpus, "c-nope") is None


def test_quotes_are_searchable_by_speaker_and_organisation(corpus):
    found = list_quotes(corpus, speaker="SPOKES", limit=3)
    assert found["total"] > 3 and found["items"][0]["speaker_role"] == "spokesperson"
    assert list_quotes(corpus, org="%")["total"] == 0  # % is a character, not a wildcard
    assert list_quotes(corpus, cited="anyone")["total"] == 0


@pytest.mark.parametrize("kwargs", [{"root": "5"}, {"cameo": "abc"}, {"limit": 0},
                                    {"offset": -1}, {"modality": "maybe"},
                                    {"actor": "x' OR 1=1 --"}])
def test_bad_filters_are_usage_errors(corpus, kwargs):
    with pytest.raises(UsageError):
        list_events(corpus, **kwargs)
