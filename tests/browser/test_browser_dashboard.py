"""The pages in a real browser: content, charts drawn (they signal readiness), the click path
from a dyad to an event to its evidence in the article, and phone width."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from webdata import EVIDENCE_ID, all_records

pytestmark = pytest.mark.browser

READY = '[data-chart-ready="1"]'


def chart_ready(page, chart_id: str) -> None:
    page.wait_for_selector(f"#{chart_id}{READY}", state="attached")


def test_overview_shows_totals_series_and_top_dyads(page, base_url, shots):
    p = page.page
    p.goto(f"{base_url}/?test=1")
    chart_ready(p, "chart-timeline")
    assert p.locator("#chart-timeline canvas").count() == 1
    assert p.locator(".totals li").first.inner_text().split()[0] == str(len(all_records()))
    dyads = p.locator("#top-dyads tbody tr")
    assert dyads.count() >= 3
    assert p.locator("#top-clusters li").count() >= 1
    p.screenshot(path=str(shots / "overview.png"), full_page=True)


def test_from_a_dyad_to_an_event_to_its_evidence(page, base_url, shots):
    p = page.page
    p.goto(f"{base_url}/dyad/TUR/AZE?test=1")
    chart_ready(p, "chart-dyad")
    assert "TUR ↔ AZE" in p.locator("h1").inner_text()
    first = p.locator("#clusters > li", has=p.locator("mark.trigger", has_text="sign")).first
    assert "10 articles" in first.inner_text() or "articles" in first.inner_text()
    p.screenshot(path=str(shots / "dyad.png"), full_page=True)

    first.locator("a[href^='/cluster/']").first.click()
    p.wait_for_url("**/cluster/*")
    mentions = p.locator("#mentions > li")
    assert mentions.count() >= 2
    assert mentions.first.locator("mark.trigger").inner_text() == "sign"
    p.screenshot(path=str(shots / "cluster.png"), full_page=True)

    mentions.first.get_by_role("link", name="Read it in the article").click()
    p.wait_for_url("**/article/**")
    target = p.locator("#events > li:target")
    assert target.count() == 1 and "Sign formal agreement" in target.inner_text()
    assert "sign" in [t.lower() for t in p.locator(".hl-trigger").all_inner_texts()]
    p.screenshot(path=str(shots / "article-from-cluster.png"), full_page=True)


def test_article_highlights_read_without_colour(page, base_url, shots):
    p = page.page
    p.goto(f"{base_url}/article/{quote(EVIDENCE_ID)}")
    text = p.locator("#article-text")
    assert text.locator(".hl-trigger").all_inner_texts() == ["criticised", "accept"]
    assert text.locator(".tag-event").all_inner_texts() == ["E1", "E2"]
    assert text.locator(".tag-quote").all_inner_texts() == ["Q1"]
    style = p.evaluate("""() => {
        const s = (sel) => getComputedStyle(document.querySelector('#article-text ' + sel));
        return {actor: s('.hl-actor').fontWeight, trigger: s('.hl-trigger').textDecorationLine,
                quote: s('.hl-quote').fontStyle};
    }""")
    assert int(style["actor"]) >= 700 and "underline" in style["trigger"]
    assert style["quote"] == "italic"
    event = p.locator(f"[id='event-{EVIDENCE_ID}:1:0']")
    assert "negated" in event.inner_text() and "Ararat Mirzoyan" in event.inner_text()
    assert "citing Armenpress" in event.inner_text()
    text.locator(".tag-quote").click()
    assert p.locator("#quote-0:target").count() == 1
    assert "<script>" in text.inner_text()  # shown as text, never run (no dialog: see fixture)
    p.screenshot(path=str(shots / "article.png"), full_page=True)


def test_network_draws_the_actors_of_a_period(page, base_url, shots):
    p = page.page
    p.goto(f"{base_url}/network?test=1&from=2020-01-01&to=2021-12-31")
    chart_ready(p, "chart-network")
    assert p.locator("#chart-network canvas").count() == 1
    assert p.locator("#edges tbody tr").count() >= 5
    p.screenshot(path=str(shots / "network.png"), full_page=True)


def test_search_finds_quotes_by_their_speaker(page, base_url, shots):
    p = page.page
    p.goto(f"{base_url}/")
    p.fill("#search-q", "Mirzoyan")
    p.press("#search-q", "Enter")
    p.wait_for_url("**/search?q=Mirzoyan")
    assert "Armenia will not accept threats" in p.locator("#found-quotes-by-speaker").inner_text()
    assert p.locator("#found-articles li a").first.inner_text().startswith("Turkey criticised")
    p.screenshot(path=str(shots / "search.png"), full_page=True)


PHONE_PAGES = ["/?test=1", "/dyad/TUR/AZE?test=1", "/network?test=1", "/events?actor=TUR",
               f"/article/{quote(EVIDENCE_ID)}", "/search?q=Turkey", "/docs"]


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_pages_fit_a_phone(page, base_url, shots, path):
    p = page.page
    p.set_viewport_size({"width": 375, "height": 740})
    p.goto(base_url + path)
    for chart in p.locator("[data-chart]").all():
        chart_ready(p, chart.get_attribute("id"))
    width = p.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375, f"{path} scrolls sideways: {width}px wide"
    name = path.strip("/").split("?")[0].replace("/", "_").replace("%", "") or "overview"
    p.screenshot(path=str(shots / f"phone-{name[:60]}.png"), full_page=True)
