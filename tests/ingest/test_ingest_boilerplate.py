"""The boilerplate filter: CMS leftovers go (and are listed), near-miss news sentences stay."""

from __future__ import annotations

import re

import pytest

from entente.ingest import Boilerplate, make_article
from entente.ingest.boilerplate import Pattern
from entente.ingest.text import clean_paragraph


@pytest.fixture(scope="module")
def boilerplate() -> Boilerplate:
    return Boilerplate.load()


DRUPAL = ("This block is broken or missing. You may be missing content or you might need to "
          "enable the original module.")

# Written for these tests (the data file's own examples are checked by the lint test).
BOILERPLATE = [
    DRUPAL,
    "Subscribe to our newsletter",
    "Sign up for our weekly Africa briefing",
    "Share on Facebook",
    "Share on Facebook Share on X Email",
    "Read more",
    "READ MORE: Rebels seize second town in the north",
    "We use cookies to personalise content and ads. By clicking Accept you consent to cookies.",
    "© 2023 The Example Times. All rights reserved.",
    "All Rights Reserved",
    "Click here to subscribe",
    "Follow us on Instagram",
    "Photo: Example Agency/John Smith",
    "Reporting by Amina Yusuf in Abuja; Editing by Peter Lang",
    "Advertisement",
    "You've reached your limit of free articles.",
    "Tags: Sudan, Chad, refugees",
    "* * *",
]

NEWS = [
    "Protesters said they would not read more statements from the ministry",
    "The minister said he would share on Facebook the evidence of the attack on the convoy.",
    "The opposition urged its supporters to sign up for election monitoring across the country.",
    "Few governments subscribe to the view that the ceasefire will hold, the envoy told reporters.",
    "Police said the men had been told to click here and there on the screen before the data vanished.",
    "The treaty left all rights reserved to the coastal states, the court ruled on Thursday.",
    "Photos by residents showed smoke rising over the port after the strike.",
    "Follow-up talks on prisoner exchanges will be held in Istanbul next month.",
    "Advertising by political parties is banned in the final week of the campaign.",
    "Reporting by state television said the president had left the capital.",
    "The newsletter of the ruling party accused the opposition of treason on Monday.",
    "Read the statement, the spokesman told reporters, and you will see that no threat was made.",
]


@pytest.mark.parametrize("paragraph", BOILERPLATE)
def test_boilerplate_paragraphs_are_removed(boilerplate, paragraph):
    assert boilerplate.match(clean_paragraph(paragraph)) is not None


@pytest.mark.parametrize("sentence", NEWS)
def test_near_miss_news_sentences_survive(boilerplate, sentence):
    assert boilerplate.match(clean_paragraph(sentence)) is None


def test_a_news_paragraph_ending_in_a_leftover_phrase_survives(boilerplate):
    glued = ("Kenya and Ethiopia signed a border agreement in Addis Ababa on Monday, ending a "
             "decade-long dispute over grazing land. Read more")
    assert boilerplate.match(glued) is None


def test_long_paragraphs_are_never_removed(boilerplate):
    long_cookie = "We use cookies " + " ".join(["and more cookies"] * 40)
    assert boilerplate.match(long_cookie) is None


def test_article_lists_removed_paragraphs_verbatim_in_order():
    text = ("Talks resume in Doha\n\nShare on Facebook\n\nQatar hosted the talks on Monday.\n\n"
            f"{DRUPAL}\n\nThe talks ended without a deal.")
    art = make_article(id="a", text=text)
    assert art.removed_boilerplate == ["Share on Facebook", DRUPAL]
    assert art.text == ("Talks resume in Doha\n\nQatar hosted the talks on Monday.\n\n"
                        "The talks ended without a deal.")


def test_the_headline_is_never_filtered():
    art = make_article(id="a", text="Read more\n\nQatar hosted the talks on Monday.", title="Read more")
    assert art.title == "Read more" and art.removed_boilerplate == []


def test_coverage_threshold_is_a_parameter():
    pattern = Pattern(id="ad", regex=re.compile("advertisement", re.I), unless=None, max_words=80)
    strict = Boilerplate([pattern], min_coverage=1.0)
    loose = Boilerplate([pattern], min_coverage=0.5)
    assert strict.match("Advertisement here") is None
    assert loose.match("Advertisement here") == "ad"


def test_an_article_that_is_only_boilerplate_is_an_error():
    from entente.errors import IngestError

    with pytest.raises(IngestError, match="no article text left"):
        make_article(id="a", text="Share on Facebook\n\nAdvertisement", origin="x.txt")


def test_no_real_news_paragraph_is_removed(shared_dir, boilerplate):
    """False-positive gate on third-party news read at test time: Wikinews 2019-2020 paragraphs
    and the first Reuters-21578 stories (rejoined from their hard-wrapped lines)."""
    import csv
    import json

    from entente.ingest.text import split_text

    csv.field_size_limit(1 << 27)
    paragraphs: list[str] = []
    for path in sorted((shared_dir / "datasets" / "wikinews_2019_2020").glob("wikinews_*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                paragraphs += split_text(row["text"])[0]
    with (shared_dir / "datasets" / "reuters21578_research_only" / "reuters21578.jsonl").open() as fh:
        for _, line in zip(range(3000), fh, strict=False):
            paragraphs += split_text(json.loads(line).get("text") or "")[0]
    assert len(paragraphs) > 10_000
    removed = [p for p in paragraphs if any(c.isalpha() for c in p) and boilerplate.match(p)]
    assert removed == []
