"""The hostile corpus through ingest: every input gives one clear failure naming the file (and
line or record), or a correct article, within a CPU budget; the big ones run in a subprocess
whose peak RSS is measured and bounded."""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import hostile_inputs as H
import pytest
from procstats import cpu_budget, run

from entente.ingest import Limits, read_inputs
from entente.records import Article, Failure

# What ingest may use on top of the interpreter with its libraries (about 80 MB): a 32 MB line
# buffer, a 10 MB article and their copies while decoding.
INGEST_RSS_MB = 250
BIDI_CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def read(path: Path, **kw) -> list[Article | Failure]:
    with cpu_budget(20):
        return list(read_inputs([str(path)], **kw))


def only(items: list[Article | Failure], kind: type) -> Article | Failure:
    assert len(items) == 1 and isinstance(items[0], kind), items
    return items[0]


@pytest.mark.parametrize("name", sorted(H.encodings()))
def test_broken_and_mixed_encodings_give_the_article(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(H.encodings()[name])
    article = only(read(path), Article)
    assert article.origin == str(path)
    assert "met" in article.text and "\x00" not in article.text
    if name in ("cp1252.txt", "mixed.txt", "utf16-bom.txt", "utf16-nobom.txt", "utf8-bom.txt"):
        assert article.text.startswith("Société Générale\n\nFrance and Greece met in Athens")
        assert "\ufffd" not in article.text
    if name == "mixed.txt":
        assert article.text.endswith("A stray “quote” and été in Latin-1.")
    if name == "shift-jis.html":
        assert "東京で会談が行われた。" in article.text


def test_stray_nuls_are_dropped_and_mostly_nul_is_binary(tmp_path):
    files = H.nul_bytes()
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    article = only(read(tmp_path / "nul-sprinkled.txt"), Article)
    assert "\x00" not in article.text and article.text.startswith("France and Greece met")
    failure = only(read(tmp_path / "nul-mostly.txt"), Failure)
    assert failure.origin == str(tmp_path / "nul-mostly.txt")
    assert failure.message.startswith("binary file (binary data), not text")


@pytest.mark.parametrize("name", sorted(H.LANGUAGES))
def test_non_english_and_right_to_left_text_is_kept_exactly(tmp_path, name):
    path = tmp_path / name
    path.write_text(H.LANGUAGES[name], encoding="utf-8")
    article = only(read(path), Article)
    expected = "\n\n".join(" ".join(unicodedata.normalize("NFC", p).split())
                           for p in H.LANGUAGES[name].split("\n\n"))
    assert article.text == expected


def test_bidirectional_controls_do_not_hide_words(tmp_path):
    path = tmp_path / "bidi.txt"
    path.write_text(H.BIDI, encoding="utf-8")
    article = only(read(path), Article)
    assert not set(article.text) & set(BIDI_CONTROLS), repr(article.text)
    assert article.text == ("Turkey and Azerbaijan signed a defence pact in Baku on Tuesday, "
                            "officials said.")


def test_text_with_no_sentences(tmp_path):
    for name, text in H.no_sentences().items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert only(read(tmp_path / "punctuation-only.txt"), Failure).message == (
        "no article text left once boilerplate is removed")
    assert only(read(tmp_path / "whitespace-only.txt"), Failure).message == "empty file"
    article = only(read(tmp_path / "no-punctuation.txt"), Article)
    assert article.text.startswith("officials in baku said turkey") and "\n" not in article.text


def test_warc_records_that_lie_about_their_length(tmp_path):
    path = H.warc_with_wrong_lengths(tmp_path / "lengths.warc")
    items = read(path)
    got = [(type(i).__name__, i.origin.removeprefix(str(path))) for i in items]
    assert got[:4] == [("Article", ":http://example.com/0"), ("Failure", ":byte 631"),
                       ("Article", ":http://example.com/2"), ("Failure", ":byte 1897")]
    # a length running into the next record swallows its header: that record is reported
    # with its byte offset and nothing after it is trusted
    assert got[4:] == [("Failure", ":byte 2848")]
    assert "length does not match its content" in items[1].message
    assert items[4].message.startswith("broken WARC record") and "rest of the file" in \
        items[4].message


def test_warc_lengths_past_the_end_or_not_numbers(tmp_path):
    huge = read(H.warc_with_huge_length(tmp_path / "huge.warc"))
    assert [type(i) for i in huge] == [Article, Article]  # the last record runs to the end
    assert huge[1].text == huge[0].text and huge[1].id == "http://example.com/huge"
    nan = read(H.warc_with_bad_length_values(tmp_path / "nan.warc"))
    assert isinstance(nan[0], Article) and all(isinstance(i, Failure) for i in nan[1:])
    assert all(i.origin.startswith(f"{tmp_path / 'nan.warc'}:byte ") for i in nan[1:])


def test_json_nested_a_million_deep_is_one_failure_per_line(tmp_path):
    path = tmp_path / "deep.jsonl"
    good = json.dumps({"id": "good", "text": H.GOOD}).encode()
    path.write_bytes(b"\n".join([*H.deep_json_lines(), good]) + b"\n")
    items = read(path)
    assert [i.origin for i in items] == [f"{path}:{n}" for n in (1, 2, 3, 4)]
    assert [type(i) for i in items] == [Failure, Failure, Failure, Article]
    assert "Expected `object`, got `array`" in items[0].message
    assert "Expected `str | null`, got `array`" in items[1].message
    assert items[2].message == "invalid JSON: nested too deeply"


def test_html_nested_a_million_deep(tmp_path):
    """Refused by its tag count; and with the tag limit lifted, the parser stops at its depth
    limit (256) instead of recursing: an article buried deeper is not found, one above the
    junk is."""
    deep = tmp_path / "deep.html"
    deep.write_text(H.deep_html(), encoding="utf-8")
    assert only(read(deep), Failure).message.startswith("page has 2,000,014 HTML tags")
    lifted = Limits(max_html_tags=10**8)
    assert only(read(deep, limits=lifted), Failure).message == "no article text found in the page"
    after = tmp_path / "deep-after.html"
    after.write_text(H.deep_junk_after(), encoding="utf-8")
    article = only(read(after, limits=lifted), Article)
    assert H.SENTENCE in article.text


HANGING_HTML = {
    "huge-attribute": lambda: H.page(f'<p title="{"a" * 5_000_000}">{H.SENTENCE}</p>'),
    "unclosed-comment": lambda: H.page(f"<p>{H.SENTENCE}</p><!--" + "x" * 5_000_000),
    "huge-script": lambda: H.page(f"<p>{H.SENTENCE}</p><script>" + "var a=1;" * 600_000
                                  + "</script>"),
    "million-entities": lambda: H.page("<p>" + "&amp;" * 1_000_000 + f"</p><p>{H.SENTENCE}</p>"),
    "external-entity": lambda: ('<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM '
                                '"file:///etc/passwd">]>' + H.page(f"<p>&xxe;</p>{H.BODY}")),
    "billion-laughs": lambda: ('<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(9))
        + "]>" + H.page(f"<p>&j;</p>{H.BODY}")),
}


@pytest.mark.parametrize("name", sorted(HANGING_HTML))
def test_html_built_to_hang_or_leak(tmp_path, name):
    path = tmp_path / f"{name}.html"
    path.write_text(HANGING_HTML[name](), encoding="utf-8")
    article = only(read(path), Article)
    assert H.SENTENCE in article.text
    assert "root:" not in article.text and "aaaaaaaaaaaaaaaaaaaa" not in article.text


def test_a_page_of_a_few_hundred_thousand_elements_is_refused_quickly(tmp_path):
    """Main-text extraction is quadratic in the number of sibling elements (300,000 empty
    paragraphs take minutes): such a page is refused before extraction, by its tag count."""
    path = tmp_path / "wide.html"
    path.write_text(H.page(H.BODY + "<p>x</p>" * 300_000), encoding="utf-8")
    with cpu_budget(5):
        items = list(read_inputs([str(path)]))
    failure = only(items, Failure)
    assert failure.origin == str(path)
    assert "HTML tags" in failure.message and "ENTENTE_MAX_HTML_TAGS" in failure.message


def test_a_paragraph_built_to_backtrack_the_boilerplate_filter(tmp_path):
    """25 words that almost look like a row of share buttons ("facebook x x x ... !")."""
    path = tmp_path / "share.txt"
    path.write_text("Headline here\n\n" + ("facebook" + " x" * 23 + " !\n\n") * 4 + H.SENTENCE,
                    encoding="utf-8")
    with cpu_budget(3):
        article = only(list(read_inputs([str(path)])), Article)
    assert article.text.endswith(H.SENTENCE)


def test_a_newline_gzip_bomb_stops_on_its_ratio(tmp_path):
    """A stream of empty lines costs a Python loop turn per line, so the ratio check (after
    64 MB by default; 4 MB here to keep the test short) is what stops it."""
    path = H.gzip_bomb(tmp_path / "newlines.jsonl.gz", unit=b"\n")
    limits = Limits(ratio_check_after=4_000_000)
    items = read(path, limits=limits)
    failure = only(items, Failure)
    assert "gzip bomb" in failure.message and failure.origin.startswith(f"{path}:")


# -- big inputs, in a subprocess whose memory is measured ---------------------------------------
READER = """
import json, sys
from entente.ingest import read_inputs
for item in read_inputs(sys.argv[1:]):
    print(json.dumps({"kind": type(item).__name__, "origin": item.origin,
                      "message": getattr(item, "message", None)}), flush=True)
"""


def read_in_child(*paths: Path) -> tuple[list[dict], float, float]:
    result = run([sys.executable, "-c", READER, *map(str, paths)], timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    items = [json.loads(line) for line in result.stdout.decode().splitlines()]
    return items, result.peak_rss_mb, result.cpu_seconds


@pytest.mark.slow
def test_100_mb_single_lines_in_bounded_memory(tmp_path):
    jsonl = H.huge_jsonl_line(tmp_path / "huge-line.jsonl")
    text = H.huge_text_line(tmp_path / "huge-line.txt")
    items, rss, cpu = read_in_child(jsonl, text)
    assert [(i["kind"], i["origin"]) for i in items] == [
        ("Failure", f"{jsonl}:1"), ("Article", f"{jsonl}:2"), ("Failure", str(text))]
    assert items[0]["message"].startswith("line is longer than 32.0 MB")
    assert items[2]["message"].startswith("file is 100.0 MB, over the 10.0 MB limit")
    assert rss < INGEST_RSS_MB, rss
    assert cpu < 30, cpu


@pytest.mark.slow
def test_gzip_bombs_in_bounded_memory(tmp_path):
    bombs = [H.gzip_bomb(tmp_path / "bomb.txt.gz"),
             H.gzip_bomb(tmp_path / "bomb.html.gz", unit=b" "),
             H.gzip_bomb(tmp_path / "bomb.jsonl.gz"),
             H.warc_gzip_bomb(tmp_path / "bomb.warc")]
    items, rss, cpu = read_in_child(*bombs)
    origins = [i["origin"] for i in items]
    assert origins == [str(bombs[0]), str(bombs[1]), f"{bombs[2]}:1", f"{bombs[2]}:1",
                       f"{bombs[3]}:http://example.com/bomb"]
    assert all(i["kind"] == "Failure" for i in items)
    messages = [i["message"] for i in items]
    assert messages[0].startswith("decompresses to more than 10.0 MB")
    assert messages[1].startswith("decompresses to more than 10.0 MB")
    assert messages[2].startswith("line is longer than 32.0 MB")
    assert messages[3].startswith("stopped: gzip data expands more than 200 times")
    assert messages[4].startswith("page is over the 10.0 MB limit")
    assert rss < INGEST_RSS_MB, rss
    assert cpu < 30, cpu


def test_the_tag_limit_holds_for_jsonl_html_and_is_configurable(tmp_path, monkeypatch):
    path = tmp_path / "wide.jsonl"
    wide = H.page(H.BODY + "<p>x</p>" * 300_000)
    path.write_text(json.dumps({"id": "wide", "html": wide}) + "\n"
                    + json.dumps({"id": "small", "html": H.page(H.BODY)}) + "\n",
                    encoding="utf-8")
    with cpu_budget(5):
        items = list(read_inputs([str(path)]))
    assert [type(i) for i in items] == [Failure, Article]
    assert items[0].message == ("record 'wide': page has 600,014 HTML tags, over the limit of "
                                "100,000 for one page (set ENTENTE_MAX_HTML_TAGS to raise it)")
    monkeypatch.setenv("ENTENTE_MAX_HTML_TAGS", "5")
    assert Limits.from_env().max_html_tags == 5
    small = list(read_inputs([str(path)]))[1]
    assert isinstance(small, Failure) and "over the limit of 5 for one page" in small.message


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31", "0999-12-31", "3000-01-01"])
def test_publication_dates_outside_news_years_are_ignored(tmp_path, published, caplog):
    """Year 1 or 9999 is no news date, and date arithmetic on it (yesterday, last year, the
    clustering window) overflows: such a date is ignored with a warning, as a malformed one is."""
    path = tmp_path / "old.jsonl"
    path.write_text(json.dumps({"id": "old", "text": H.GOOD, "published": published}) + "\n",
                    encoding="utf-8")
    article = only(read(path), Article)
    assert article.published is None
    assert f"ignoring published {published!r}" in caplog.text
    assert only(read(path, published=published), Article).published is None  # nor --published


def test_a_dateline_outside_news_years_is_ignored(tmp_path):
    path = tmp_path / "dateline.txt"
    path.write_text("NAIROBI, March 3, 0001 - Kenya and Ethiopia agreed to reopen the border.",
                    encoding="utf-8")
    assert only(read(path), Article).published is None
    path.write_text("NAIROBI, March 3, 2024 - Kenya and Ethiopia agreed to reopen the border.",
                    encoding="utf-8")
    assert only(read(path), Article).published == "2024-03-03"
