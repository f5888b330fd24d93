"""Plain-text handling: paragraphs, headline detection, normalisation, datelines, content hash."""

from __future__ import annotations

import pytest

from entente.ingest import content_hash, make_article
from entente.ingest.text import (
    clean_paragraph,
    dateline_date,
    looks_like_headline,
    split_headline,
    split_text,
)


def test_blank_lines_separate_paragraphs_and_single_newlines_are_wrapping():
    paragraphs, first_alone = split_text("Line one\ncontinues here.\n\n  \nSecond   para.\r\n\r\nThird.")
    assert paragraphs == ["Line one continues here.", "Second para.", "Third."]
    assert first_alone is False


def test_without_blank_lines_each_line_is_a_paragraph():
    paragraphs, first_alone = split_text("Talks resume in Doha\nQatar hosted the talks.\nThey ended.")
    assert paragraphs == ["Talks resume in Doha", "Qatar hosted the talks.", "They ended."]
    assert first_alone is True


def test_cleaning_normalises_nfc_whitespace_and_drops_controls():
    decomposed = "Erdog\u0306an\u00a0met\u200b\tAliyev\x00 in\u2003Baku\u00ad."
    assert clean_paragraph(decomposed) == "Erdoğan met Aliyev in Baku."


@pytest.mark.parametrize("line", [
    "Military cooperation grows between Turkey, Azerbaijan - analyst",
    "Will the ceasefire hold?",
    "Kenya, Ethiopia sign border deal",
])
def test_headlines(line):
    assert looks_like_headline(line)


@pytest.mark.parametrize("line", [
    "Kenya and Ethiopia signed a border deal on Monday.",
    "By Jane Doe",
    "The ministry said,",
    " ".join(["word"] * 30),
])
def test_not_headlines(line):
    assert not looks_like_headline(line)


def test_first_line_is_headline_only_when_followed_by_a_blank_line():
    text = "Kenya, Ethiopia sign border deal\n\nKenya and Ethiopia signed a deal.\n\nIt ends a dispute."
    assert split_headline(text) == ("Kenya, Ethiopia sign border deal",
                                    ["Kenya and Ethiopia signed a deal.", "It ends a dispute."])
    wrapped = "Kenya and Ethiopia signed a deal on\nMonday to end a dispute\n\nIt ends a dispute."
    assert split_headline(wrapped)[0] is None


def test_a_headline_typed_directly_above_the_text_is_still_the_headline():
    text = ("Kenya, Ethiopia sign border deal\n"
            "NAIROBI, May 2, 2024 - Kenya and Ethiopia signed a border agreement on Monday, ending "
            "a decade-long dispute over grazing land.\n\nThe deal creates a joint commission.")
    headline, body = split_headline(text)
    assert headline == "Kenya, Ethiopia sign border deal"
    assert body[0].startswith("NAIROBI, May 2, 2024") and len(body) == 2


def test_a_wrapped_first_paragraph_is_not_split_into_a_headline():
    text = ("Ivory Coast and Ghana failed on Tuesday to agree on a joint\n"
            "floor price for cocoa, officials from both countries said.\n\nTalks resume next month.")
    assert split_headline(text)[0] is None


def test_a_single_line_is_body_not_headline():
    assert split_headline("Rain fell in Athens") == (None, ["Rain fell in Athens"])


def test_article_text_is_headline_then_body_and_title_repeats_it():
    art = make_article(id="a", text="Talks resume in Doha\n\nQatar hosted talks.\n\nThey ended.")
    assert art.text == "Talks resume in Doha\n\nQatar hosted talks.\n\nThey ended."
    assert art.title == "Talks resume in Doha"
    assert art.content_hash == content_hash(art.text)


def test_an_explicit_title_is_not_repeated_when_the_text_starts_with_it():
    art = make_article(id="a", title="Talks resume in Doha",
                       text="Talks resume in Doha\n\nQatar hosted talks.")
    assert art.text == "Talks resume in Doha\n\nQatar hosted talks."
    art = make_article(id="b", title="Talks resume", text="Qatar hosted talks.")
    assert art.text == "Talks resume\n\nQatar hosted talks."


def test_content_hash_folds_case_whitespace_punctuation_quotes_and_accents():
    a = "Erdoğan’s “two states, one nation” — said  he.\n\nNext."
    b = "erdogan's \"two states one nation\" - said he\nnext"
    assert content_hash(a) == content_hash(b)
    assert content_hash(a) != content_hash("Erdoğan's two states, one military.")
    assert len(content_hash(a)) == 64


@pytest.mark.parametrize(("paragraph", "expected"), [
    ("NAIROBI, June 20, 2024 (East Africa Ledger) - Kenyan police fired", "2024-06-20"),
    ("AQABA, Jordan, January 10, 2024 - Leaders met", "2024-01-10"),
    ("BERLIN, 12 March 2024 – The chancellor", "2024-03-12"),
    ("GENEVA, Sept. 3, 2023 - Talks", "2023-09-03"),
    ("Kyiv (Example Wire), 2024-03-03: Officials", "2024-03-03"),
    ("Troops moved on March 3, 2024, officials said.", None),
    ("WASHINGTON, Feb. 30, 2024 - impossible date", None),
    ("CAIRO, Tuesday - no year", None),
])
def test_dateline_dates(paragraph, expected):
    assert dateline_date(paragraph) == expected


def test_published_precedence_record_then_dateline_then_default():
    body = "BERLIN, 12 March 2024 - Talks were held.\n\nThey ended."
    assert make_article(id="a", text=body, published="2024-03-13").published == "2024-03-13"
    assert make_article(id="a", text=body, default_published="2020-01-01").published == "2024-03-12"
    plain = make_article(id="a", text="Talks were held.", default_published="2020-01-01")
    assert plain.published == "2020-01-01"


def test_a_published_value_that_is_not_iso_is_ignored_with_a_warning(caplog):
    art = make_article(id="a", text="Talks were held.", published="last Tuesday", origin="f.jsonl:3")
    assert art.published is None
    assert "f.jsonl:3" in caplog.text and "last Tuesday" in caplog.text


WRAPPED_INDENTED = """Cocoa talks stall in Accra
    Ivory Coast and Ghana failed on Tuesday to agree on a joint
floor price for cocoa, officials from both countries said after
two days of talks in the Ghanaian capital.
    The two producers, which grow most of the world's cocoa, will
meet again in Abidjan next month, a Ghanaian trade official
said.
"""

WRAPPED_WITH_HEADLINE = """Cocoa talks stall in Accra
Ivory Coast and Ghana failed on Tuesday to agree on a joint
floor price for cocoa, officials from both countries said after
two days of talks.
The two producers, which grow most of the world's cocoa, will
meet again in Abidjan next month, a Ghanaian trade official
said on the sidelines.
"""

WRAPPED_SHORT_LINES = """Ivory Coast and Ghana failed on Tuesday to agree on a joint
floor price for cocoa, officials from both countries said after
two days of talks.
The two producers, which grow most of the world's cocoa, will
meet again in Abidjan next month, a Ghanaian trade official
said on the sidelines.
"""


def test_hard_wrapped_text_with_indented_paragraphs_is_rejoined():
    headline, body = split_headline(WRAPPED_INDENTED)
    assert headline == "Cocoa talks stall in Accra"
    assert body == [
        "Ivory Coast and Ghana failed on Tuesday to agree on a joint floor price for cocoa, "
        "officials from both countries said after two days of talks in the Ghanaian capital.",
        "The two producers, which grow most of the world's cocoa, will meet again in Abidjan "
        "next month, a Ghanaian trade official said.",
    ]


def test_hard_wrapped_text_breaks_paragraphs_after_a_short_final_line():
    paragraphs, _ = split_text(WRAPPED_SHORT_LINES)
    assert len(paragraphs) == 2
    assert paragraphs[0].endswith("two days of talks.")
    assert paragraphs[1].startswith("The two producers")


def test_hard_wrapped_text_keeps_its_headline_line_apart():
    headline, body = split_headline(WRAPPED_WITH_HEADLINE)
    assert headline == "Cocoa talks stall in Accra" and len(body) == 2
    assert body[0].startswith("Ivory Coast and Ghana failed")


def test_one_paragraph_per_line_stays_that_way():
    text = ("Kenya and Ethiopia signed a border agreement in Addis Ababa on Monday, ending a "
            "decade-long dispute over grazing land along their frontier.\n"
            "The deal creates a joint commission to settle disputes between herders.\n"
            "Both governments said the commission would meet every three months.")
    assert len(split_text(text)[0]) == 3
