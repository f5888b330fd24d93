"""The read endpoints: content checked against the records the store was built from, stable
pagination, and the JSON twins of the pages."""

from __future__ import annotations

from collections import Counter
from urllib.parse import quote

import msgspec
import pytest
from webdata import EVIDENCE_ID, evidence_record

from entente.store.keys import actor_key


def ok(client, url: str) -> dict:
    r = client.get(url)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] in ("application/json",
                                                       "application/schema+json")
    return r.json()


def all_items(client, url: str) -> list[dict]:
    """Follow `next` links from `url` to the end."""
    items, pages = [], 0
    while url:
        page = ok(client, url)
        items += page["items"]
        url, pages = page["next"], pages + 1
        assert pages < 1000
    return items


def expected_events(records, a: str, b: str, modality: str | None = None) -> list[str]:
    out = []
    for r in records:
        for e in r.events:
            if {actor_key(e.source), actor_key(e.target)} == {a, b} and (
                    modality is None or e.modality == modality):
                out.append(e.id)
    return sorted(out)


def test_status_counts_the_store(client, records):
    body = ok(client, "/v1/status")
    assert body["counts"]["articles"] == len(records)
    assert body["counts"]["events"] == sum(len(r.events) for r in records)
    assert body["read_only"] is True


def test_events_of_a_dyad_are_those_of_the_records(client, records):
    items = ok(client, "/v1/events?dyad=TUR,AZE&limit=500")["items"]
    assert sorted(i["event_id"] for i in items) == expected_events(records, "TUR", "AZE")
    for item in items:  # every event points at its evidence
        ev = item["evidence"]
        assert item["text"][ev["start"]:ev["end"]] == ev["trigger"]
        assert item["article_id"] and ev["rule"]


def test_event_filters_combine(client, records):
    items = ok(client, "/v1/events?actor=ARM&modality=negated&limit=500")["items"]
    want = sorted(e.id for r in records for e in r.events if e.modality == "negated"
                  and "ARM" in (actor_key(e.source), actor_key(e.target)))
    assert sorted(i["event_id"] for i in items) == want
    assert f"{EVIDENCE_ID}:1:0" in want


PAGED = ["/v1/events?limit=45", "/v1/events?actor=TUR&limit=13", "/v1/clusters?limit=47",
         "/v1/clusters?order=articles&limit=40", "/v1/actors?limit=3", "/v1/quotes?limit=5",
         "/v1/articles?limit=11", "/v1/trends?min_events=1&limit=7"]


@pytest.mark.parametrize("url", PAGED)
def test_pages_join_up_to_the_whole_list_in_a_stable_order(client, url):
    first = all_items(client, url)
    whole_url = url.rsplit("limit=", 1)[0] + "limit=500"
    whole = ok(client, whole_url)
    assert first == whole["items"]
    assert len(first) == whole["total"] > 0
    assert all_items(client, url) == first  # the same again


def test_a_page_past_the_end_still_counts(client):
    total = ok(client, "/v1/events?limit=1")["total"]
    page = ok(client, "/v1/events?limit=5&offset=100000")
    assert page["items"] == [] and page["total"] == total and page["next"] is None


def test_a_cluster_lists_the_mentions_it_counts(client):
    top = ok(client, "/v1/clusters?dyad=AZE,TUR&order=articles&limit=1")["items"][0]
    assert top["cameo"] == "057"  # the story reported by ten outlets (tests/store/factories)
    ev = top["evidence"]
    assert ev["text"][ev["start"]:ev["end"]] == ev["trigger"] == "sign"
    detail = ok(client, f"/v1/clusters/{top['cluster_id']}")
    counted = [m for m in detail["mentions"] if m["counted"]]
    assert len({m["article_id"] for m in counted}) == top["num_articles"] > 1
    assert ev["event_id"] in {m["event_id"] for m in detail["mentions"]}
    assert ok(client, f"/v1/events?cluster={top['cluster_id']}&limit=500")["total"] == len(
        detail["mentions"])


def test_an_article_is_its_contract_record_plus_cluster_links(client):
    body = ok(client, "/v1/articles/" + quote(EVIDENCE_ID))
    links = body.pop("clusters")
    assert body == msgspec.json.decode(msgspec.json.encode(evidence_record()))
    assert set(links) == {e.id for e in evidence_record().events}
    asserted = links[f"{EVIDENCE_ID}:0:0"]
    assert asserted["cluster_id"] and asserted["counted"] is True


def test_an_article_validates_against_the_contract_schema(client):
    import jsonschema

    schema = ok(client, "/v1/schema")
    body = ok(client, "/v1/articles/" + quote(EVIDENCE_ID))
    jsonschema.validate(body, schema)


def test_actors_are_found_by_name_or_key(client, records):
    items = ok(client, "/v1/actors?q=armen&limit=500")["items"]
    assert "ARM" in [i["key"] for i in items]
    arm = next(i for i in items if i["key"] == "ARM")
    assert "Armenia" in arm["names"]
    mentions = Counter(actor_key(m) for r in records for m in r.actors)
    assert arm["mentions"] == mentions["ARM"]


def test_quotes_by_speaker_carry_their_citation_chain(client):
    items = ok(client, "/v1/quotes?speaker=mirzoyan")["items"]
    assert [i["quote_id"] for i in items] == [f"{EVIDENCE_ID}:q0"]
    assert items[0]["cites"][0]["name"] == "Armenpress"


def test_dyad_series_add_up_to_the_totals(client, records):
    body = ok(client, "/v1/dyads/TUR/AZE?by=month")
    totals = body["totals"]
    assert totals["events"] == len(expected_events(records, "TUR", "AZE", "asserted"))
    assert sum(p["events"] for p in body["periods"]) + body["undated"]["events"] == \
        totals["events"]
    top = ok(client, "/v1/clusters?dyad=TUR,AZE&order=articles&limit=1")["items"][0]
    assert body["top_clusters"][0]["cluster_id"] == top["cluster_id"]


def test_trends_are_ordered_by_the_size_of_the_change(client):
    import math

    items = ok(client, "/v1/trends?min_events=1&limit=50")["items"]
    sizes = [abs(math.log(i["ratio"])) for i in items]
    assert items and sizes == sorted(sizes, reverse=True)


def test_network_keeps_the_heaviest_edges(client):
    whole = ok(client, "/v1/network?max_edges=100000")
    assert whole["truncated"] is False and whole["edges"]
    cut = ok(client, "/v1/network?max_edges=2")
    assert cut["truncated"] is True and cut["edges"] == whole["edges"][:2]
    assert {n["id"] for n in cut["nodes"]} == {x for e in cut["edges"]
                                               for x in (e["source"], e["target"])}


def test_network_of_a_period(client):
    body = ok(client, "/v1/network?from=2021-06-01&to=2021-06-30&directed=false")
    pairs = {(e["source"], e["target"]) for e in body["edges"]}
    assert ("AZE", "TUR") in pairs and body["from"] == "2021-06-01"


def test_search_looks_in_articles_actors_and_quotes(client):
    body = ok(client, "/v1/search?q=Mirzoyan")
    assert body["quotes"]["total"] == 0 and body["quotes_by_speaker"]["total"] == 1
    assert ok(client, "/v1/search?q=accept threats")["quotes"]["total"] == 1
    assert [a["article_id"] for a in body["articles"]["items"]] == [EVIDENCE_ID]
    assert "Mirzoyan" in body["articles"]["items"][0]["snippet"]


def test_search_treats_wildcards_as_text(client):
    assert ok(client, "/v1/search?q=%25")["articles"]["total"] == 0


def test_overview_series_count_every_dated_article(client, records):
    body = ok(client, "/v1/overview?by=month")
    assert sum(p["articles"] for p in body["timeline"]) == sum(1 for r in records if r.published)
    assert body["top_dyads"][0]["events"] >= body["top_dyads"][-1]["events"]
    assert body["totals"]["articles"] == len(records)


def test_openapi_documents_every_endpoint(client):
    paths = ok(client, "/openapi.json")["paths"]
    for path in ("/v1/code", "/v1/events", "/v1/clusters", "/v1/articles/{article_id}",
                 "/v1/actors", "/v1/quotes", "/v1/dyads/{a}/{b}", "/v1/trends", "/v1/network",
                 "/v1/articles", "/v1/jobs/{job_id}", "/v1/search"):
        assert path in paths, path
    assert "post" in paths["/v1/articles"] and "get" in paths["/v1/articles"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/v1/dyads/{a}/{b}" in docs.text
    assert "cdn" not in docs.text.lower()


# -- JSON twins ---------------------------------------------------------------------------------

def test_every_page_has_a_json_twin_with_the_api_data(client):
    dyad = ok(client, "/dyad/TUR/AZE.json?by=week")
    assert dyad["dyad"] == ok(client, "/v1/dyads/TUR/AZE?by=week")
    assert dyad["clusters"]["items"] == ok(client, "/v1/clusters?dyad=TUR,AZE")["items"]
    article = ok(client, "/article/" + quote(EVIDENCE_ID) + ".json")
    assert article == ok(client, "/v1/articles/" + quote(EVIDENCE_ID))
    events = ok(client, "/events.json?actor=TUR&limit=5")
    assert events["items"] == ok(client, "/v1/events?actor=TUR&limit=5")["items"]
    assert ok(client, "/network.json")["edges"] == ok(client, "/v1/network")["edges"]
    overview = ok(client, "/index.json")
    assert overview["timeline"] == ok(client, "/v1/overview")["timeline"]
    cid = dyad["clusters"]["items"][0]["cluster_id"]
    assert ok(client, f"/cluster/{cid}.json") == ok(client, f"/v1/clusters/{cid}")
    assert ok(client, "/search.json?q=Armenia")["q"] == "Armenia"
    assert "paths" in ok(client, "/docs.json")


@pytest.mark.parametrize("url", ["/", "/dyad/TUR/AZE", "/network", "/events", "/search",
                                 "/search?q=Turkey", "/docs", "/article/" + quote(EVIDENCE_ID)])
def test_every_page_links_its_twin(client, url):
    r = client.get(url)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert 'type="application/json"' in r.text and ".json" in r.text


def test_articles_filter_by_source_and_day(client, records):
    body = ok(client, "/v1/articles?source=caucasus")
    assert [a["article_id"] for a in body["items"]] == [EVIDENCE_ID]
    june = ok(client, "/v1/articles?from=2021-06-16&to=2021-06-17&limit=500")["items"]
    want = {r.article_id for r in records if r.published in ("2021-06-16", "2021-06-17")}
    assert {a["article_id"] for a in june} == want and want
    days = [a["published"] for a in ok(client, "/v1/articles?limit=500")["items"]]
    assert days == sorted(days, reverse=True)  # newest first
