"""The seed article (../shared/samples): the scraped page and the text file give one clean article."""

from __future__ import annotations

import io
import json

import pytest
import spacy
from click.testing import CliRunner

from entente.ingest import read_inputs
from entente.jobs import code_job
from entente.pipeline import Engine
from entente.records import Article

DRUPAL = ("This block is broken or missing. You may be missing content or you might need to "
          "enable the original module.")
HEADLINE = "Military cooperation grows between Turkey, Azerbaijan - analyst"
CHROME = ["Skip to main content", "Home", "Subscribe to our newsletter", "Share on Facebook",
          "Share on Twitter", "Most read", "Lira slides", "All rights reserved", "Cookie policy",
          "Defence\n", "Search"]


@pytest.fixture(scope="module")
def seed(shared_dir) -> dict[str, Article]:
    samples = shared_dir / "samples"
    items = list(read_inputs([str(samples / "seed_article.html"), str(samples / "seed_article.txt")]))
    assert all(isinstance(i, Article) for i in items), items
    return {i.id: i for i in items}


def test_html_gives_headline_and_ten_body_paragraphs(seed):
    art = seed["seed_article.html"]
    paragraphs = art.text.split("\n\n")
    assert len(paragraphs) == 11
    assert paragraphs[0] == art.title == HEADLINE
    assert paragraphs[1].startswith("Turkey and Azerbaijan are making plans")
    assert paragraphs[-1].startswith("Relations between Turkey and Azerbaijan have reached")
    assert art.removed_boilerplate == [DRUPAL]
    for chrome in CHROME:
        assert chrome not in art.text, chrome
    assert art.source == "Example News"
    assert art.url == "https://news.example.org/turkey-azerbaijan/military-cooperation-grows"


def test_txt_gives_the_same_article_and_content_hash(seed):
    html, txt = seed["seed_article.html"], seed["seed_article.txt"]
    assert txt.title == HEADLINE and txt.removed_boilerplate == [DRUPAL]
    assert len(txt.text.split("\n\n")) == 11
    assert txt.content_hash == html.content_hash


def test_code_job_writes_one_record_per_seed_input(shared_dir):
    """The job the CLI runs, with a blank parser: ingest's fields reach the output record, and the
    .txt twin is reported as a duplicate of the page."""

    class NoMentions:
        def mentions(self, doc, ref_date):
            return []

    class NoEvents:
        def code(self, doc, mentions, quotes, article):
            return []

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    engine = Engine(nlp=nlp, kb=object(), resolver=NoMentions(), coder=NoEvents(),
                    quoter=lambda doc, mentions, article_id, **kw: [],
                    coref=lambda doc, mentions, **kw: [])
    out, err = io.BytesIO(), io.StringIO()
    samples = shared_dir / "samples"
    summary = code_job([str(samples / "seed_article.html"), str(samples / "seed_article.txt")],
                       out=out, err=err, engine=engine)
    [record] = [json.loads(line) for line in out.getvalue().splitlines()]
    assert record["article_id"] == "seed_article.html"
    assert len(record["text"].split("\n\n")) == 11 and record["removed_boilerplate"] == [DRUPAL]
    assert summary.duplicates == 1 and "duplicate of seed_article.html" in err.getvalue()


@pytest.mark.model
def test_cli_code_prints_one_clean_record(shared_dir):
    from entente.cli import cli

    result = CliRunner().invoke(cli, ["code", "--quiet", str(shared_dir / "samples" / "seed_article.html")])
    assert result.exit_code == 0, result.output
    [line] = [x for x in result.stdout.splitlines() if x.strip()]
    record = json.loads(line)
    assert len(record["text"].split("\n\n")) == 11
    assert record["title"] == HEADLINE and record["removed_boilerplate"] == [DRUPAL]
