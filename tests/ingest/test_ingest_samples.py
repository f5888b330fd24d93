"""The bundled sample articles (samples/): all read cleanly, with what the demo needs."""

from __future__ import annotations

from pathlib import Path

import pytest

from entente.ingest import read_inputs
from entente.records import Article

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture(scope="module")
def samples() -> dict[str, Article]:
    items = list(read_inputs([str(SAMPLES)]))
    failures = [i for i in items if not isinstance(i, Article)]
    assert not failures, failures
    return {i.id: i for i in items}


def test_every_format_is_present_and_read(samples):
    kinds = {Path(i.split(":")[0]).suffix for i in (a.origin for a in samples.values())}
    assert {".txt", ".html", ".jsonl"} <= kinds
    assert len(samples) >= 12


def test_every_sample_has_a_headline_a_body_and_a_date(samples):
    for art in samples.values():
        paragraphs = art.text.split("\n\n")
        assert art.title and paragraphs[0] == art.title, art.id
        assert len(paragraphs) >= 5, art.id
        assert art.published and art.published[:4] in {"2023", "2024"}, art.id


def test_every_html_page_loses_its_chrome_and_body_leftovers(samples):
    pages = [a for a in samples.values() if a.id.endswith(".html")]
    assert pages
    for art in pages:
        assert art.removed_boilerplate, art.id
        assert art.source and art.url, art.id
        for chrome in ("Skip to", "Most read", "All rights reserved", "Share on", "Subscribe"):
            assert chrome not in art.text, (art.id, chrome)


def test_the_syndicated_copy_hashes_like_the_wire_original(samples):
    wire = samples["txt/tokyo-sanctions-north-korea.txt"]
    copy = samples["html/tokyo-sanctions-asia-morning-post.html"]
    assert wire.content_hash == copy.content_hash
    assert len({a.content_hash for a in samples.values()}) == len(samples) - 1


def test_the_story_told_by_two_outlets_is_two_texts(samples):
    a = samples["html/warsaw-berlin-border-talks.html"]
    b = samples["txt/berlin-border-patrols-baltic-wire.txt"]
    assert a.content_hash != b.content_hash and a.published == b.published
