"""Cross-article event clusters: one real-world event, however many reports."""

from __future__ import annotations

import random
from datetime import date

import pytest
from factories import (
    SHUSHA,
    Sentence,
    event_spec,
    make_record,
    random_records,
    story_copies,
    table_dump,
)

from entente.analysis.clusters import Mention, cluster_block, compatible
from entente.records import Location
from entente.store import open_store


def _one(article: str, spec, *, published="2021-06-16", source=None):
    return make_record(article, [Sentence("Turkey and Azerbaijan met and talked and fought "
                                          "and signed and warned.", [spec])],
                       published=published, source=source or f"src-{article}")


def _clusters(store):
    return store.query("SELECT * FROM clusters ORDER BY cluster_id")


def test_ten_reports_from_ten_sources_are_one_event():
    with open_store(":memory:") as store:
        store.add(story_copies(10))
        [cluster] = _clusters(store)
    assert (cluster["num_mentions"], cluster["num_articles"], cluster["num_sources"]) == (10, 10, 10)
    assert cluster["cameo"] == "057" and cluster["root"] == "05"
    assert cluster["first_report"] == "2021-06-16" and cluster["latest_report"] == "2021-06-17"
    assert cluster["first_url"] == "https://news0.example/2021/shusha-0"
    assert cluster["loc_name"] == "Shusha" and cluster["in_lead"]


def test_one_outlet_repeating_itself_is_one_source():
    copies = [make_record(f"w{i}", [Sentence("Turkey and Azerbaijan sign pact.", [
        event_spec("TUR", "AZE", "057", "sign", date="2021-06-15", reciprocal=True)])],
        source="Wire Service") for i in range(5)]
    with open_store(":memory:") as store:
        store.add(copies)
        [cluster] = _clusters(store)
    assert (cluster["num_articles"], cluster["num_sources"]) == (5, 1)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_clusters_do_not_depend_on_load_order_or_batches(seed):
    records = story_copies(10) + random_records(120, seed=seed, days=60)
    with open_store(":memory:") as whole:
        whole.add(records)
        expected = {t: rows for t, rows in table_dump(whole).items()
                    if t in ("clusters", "event_clusters")}
    rng = random.Random(seed)
    shuffled = records[:]
    rng.shuffle(shuffled)
    with open_store(":memory:") as pieces:
        i = 0
        while i < len(shuffled):  # incremental: batches of random sizes, in random order
            n = rng.randint(1, 25)
            pieces.add(shuffled[i:i + n])
            i += n
        got = {t: rows for t, rows in table_dump(pieces).items()
               if t in ("clusters", "event_clusters")}
        assert pieces.check() == []
    assert got == expected


def test_negated_and_hypothetical_reports_are_linked_but_not_counted():
    specs = [("a", "asserted"), ("b", "asserted"), ("c", "negated"), ("d", "hypothetical")]
    records = [_one(a, event_spec("TUR", "AZE", "057", "signed", date="2021-06-15",
                                  modality=m, reciprocal=True)) for a, m in specs]
    with open_store(":memory:") as store:
        store.add(records)
        [cluster] = _clusters(store)
        links = store.query("SELECT article_id, counted FROM event_clusters ORDER BY 1")
    assert cluster["num_mentions"] == 2 and cluster["num_articles"] == 2
    assert links == [{"article_id": "a", "counted": True}, {"article_id": "b", "counted": True},
                     {"article_id": "c", "counted": False},
                     {"article_id": "d", "counted": False}]


def test_unasserted_reports_alone_form_no_cluster():
    record = _one("n", event_spec("TUR", "AZE", "190", "fought", modality="negated"))
    with open_store(":memory:") as store:
        store.add([record])
        assert _clusters(store) == []


def test_dates_must_meet_within_the_window_at_their_precision():
    days = {"d1": "2021-06-10", "d2": "2021-06-12", "d3": "2021-06-20", "m": "2021-06",
            "y": "2021"}
    records = [_one(a, event_spec("TUR", "AZE", "190", "fought", date=d))
               for a, d in days.items()]
    with open_store(":memory:") as store:
        store.add(records)
        groups = store.query("""SELECT list(article_id ORDER BY article_id) AS arts
                                FROM event_clusters GROUP BY cluster_id ORDER BY 1""")
    assert [g["arts"] for g in groups] == [["d1", "d2", "m"], ["d3"], ["y"]]


def test_direction_matters_unless_reciprocal():
    records = [_one("ab", event_spec("TUR", "AZE", "111", "warned", date="2021-06-15")),
               _one("ba", event_spec("AZE", "TUR", "111", "warned", date="2021-06-15")),
               _one("r1", event_spec("TUR", "AZE", "043", "met", date="2021-06-15",
                                     reciprocal=True)),
               _one("r2", event_spec("AZE", "TUR", "043", "met", date="2021-06-15",
                                     reciprocal=True))]
    with open_store(":memory:") as store:
        store.add(records)
        sizes = [c["num_articles"] for c in store.query(
            "SELECT root, num_articles FROM clusters ORDER BY root, num_articles")]
    assert sizes == [2, 1, 1]  # root 04: both meetings; root 11: two separate warnings


def test_far_apart_places_are_different_events():
    paris = Location(name="Paris", country="FRA", lat=48.86, lon=2.35)
    records = [_one("s", event_spec("TUR", "AZE", "190", "fought", date="2021-06-15",
                                    location=SHUSHA)),
               _one("p", event_spec("TUR", "AZE", "190", "fought", date="2021-06-15",
                                    location=paris)),
               _one("n", event_spec("TUR", "AZE", "190", "fought", date="2021-06-15"))]
    with open_store(":memory:") as store:
        store.add(records)
        assert len(_clusters(store)) == 2


def _mention(eid, cameo, day, **kw):
    d = date.fromisoformat(day)
    base = dict(event_id=eid, article_id=eid, modality="asserted", pair_a="AZE", pair_b="TUR",
                root=cameo[:2], base=cameo[:3], cameo=cameo, goldstein=1.0, quad_class=1,
                src_key="TUR", tgt_key="AZE", reciprocal=False, precision="day", start=d, end=d,
                loc_name=None, loc_country=None, loc_lat=None, loc_lon=None, in_lead=False,
                published=day, published_day=d, url=None, source_key=eid)
    base.update(kw)
    return Mention(**base)


def test_a_shared_three_digit_code_wins_over_an_earlier_leader():
    month = dict(precision="month", start=date(2021, 6, 1), end=date(2021, 6, 30))
    ms = [_mention("a", "193", "2021-06-03"), _mention("b", "195", "2021-06-20"),
          _mention("c", "195", "2021-06-01", **month)]
    clusters = cluster_block(ms)
    assert [[m.event_id for m, _ in c.members] for c in clusters] == [["a"], ["b", "c"]]


def test_leaders_stop_chaining_of_daily_events():
    ms = [_mention(f"e{i:02d}", "190", f"2021-06-{i:02d}") for i in range(1, 31)]
    clusters = cluster_block(ms)
    assert len(clusters) == 10  # each leader takes itself and the next two days
    assert not compatible(ms[0], ms[5])
