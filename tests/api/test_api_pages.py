"""The pages, rendered on the server (the browser tests drive them; these need no browser)."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

from webdata import EVIDENCE_ID


def page(client, url: str) -> str:
    r = client.get(url)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/html")
    return r.text


def chart_data(html: str, chart_id: str) -> object:
    found = re.search(rf'<script type="application/json" id="{chart_id}-data">(.*?)</script>',
                      html, re.S)
    assert found, f"no data for {chart_id}"
    return json.loads(found.group(1))


def test_overview_links_dyads_and_charts_the_series(client):
    html = page(client, "/")
    assert 'href="/dyad/AZE/TUR"' in html
    series = chart_data(html, "chart-timeline")
    assert series == client.get("/v1/overview").json()["timeline"]
    assert 'data-chart-ready="0"' in html and 'data-test="0"' in html
    assert 'data-test="1"' in page(client, "/?test=1")


def test_dyad_page_lists_events_with_their_evidence(client):
    html = page(client, "/dyad/TUR/AZE?order=articles")
    assert chart_data(html, "chart-dyad")["periods"] == client.get(
        "/v1/dyads/TUR/AZE").json()["periods"]
    first = html.index('<ol class="cards" id="clusters">')
    assert '<mark class="trigger" title="trigger">sign</mark>' in html[first:first + 3000]
    assert "/cluster/c" in html and "/article/outlet" in html


def test_cluster_page_links_each_mention_to_its_place_in_the_article(client):
    cid = client.get("/v1/clusters?dyad=TUR,AZE&order=articles&limit=1").json()["items"][0][
        "cluster_id"]
    html = page(client, f"/cluster/{cid}")
    links = re.findall(r'href="(/article/[^"#]+#event-[^"]+)"', html)
    assert links and all(":0:0" in link for link in links)


def test_article_page_marks_the_evidence_in_the_text(client):
    html = page(client, "/article/" + quote(EVIDENCE_ID))
    text = html[html.index('id="article-text"'):html.index("</div>", html.index(
        'id="article-text"'))]
    triggers = re.findall(r'<span class="hl-trigger[^"]*"[^>]*>([^<]*)</span>', text)
    assert triggers == ["criticised", "accept"]
    assert f'href="#event-{quote(EVIDENCE_ID, safe="/:")}:0:0"' in text
    assert 'href="#quote-0"' in text
    assert f'id="event-{EVIDENCE_ID}:1:0"' in html
    assert "Ararat Mirzoyan, citing Armenpress" in html and "negated" in html


def test_events_page_filters_and_pages(client):
    html = page(client, "/events?actor=ARM&limit=2")
    assert 'rel="next"' in html and "offset=2" in html
    assert html.count('<blockquote class="evidence">') == 2


def test_network_and_search_pages(client):
    html = page(client, "/network?from=2021-01-01&to=2021-12-31")
    data = chart_data(html, "chart-network")
    assert data["from"] == "2021-01-01" and data["edges"]
    html = page(client, "/search?q=Mirzoyan")
    assert "Armenia will not accept threats" in html
    assert "Look for words" in page(client, "/search")


def test_the_empty_search_form_has_an_empty_twin(client):
    assert client.get("/search.json").json() == {"q": ""}


def test_an_article_id_ending_in_json_keeps_its_page(make_client):
    import time

    import msgspec
    from webdata import evidence_record

    client = make_client()
    record = msgspec.structs.replace(evidence_record(), article_id="notes.json")
    job = client.post("/v1/articles", content=msgspec.json.encode(record),
                      headers={"content-type": "application/json"}).json()
    while not client.get(job["url"]).json()["done"]:
        time.sleep(0.01)
    html = client.get("/article/notes.json")
    assert html.headers["content-type"].startswith("text/html")
    assert client.get("/article/notes.json.json").json()["article_id"] == "notes.json"


def test_animation_can_be_turned_off_by_a_setting(store_path):
    from fastapi.testclient import TestClient

    from entente.api import create_app

    with TestClient(create_app(store_path, read_only=True, animation=False)) as c:
        assert 'data-test="1"' in c.get("/").text
