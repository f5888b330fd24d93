"""Fuzzing ingest: any bytes or text through the txt, html and JSONL readers gives an Article or a
clear entente error (a `Failure`, or `IngestError` from the one-document reader), never another
exception; the boilerplate filter takes any paragraph and splits without losing or reordering."""

from __future__ import annotations

import gzip
import io
import json
import string
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fuzzcommon import FUZZ, news_text
from hypothesis import given
from hypothesis import strategies as st

from entente.errors import IngestError
from entente.ingest import Boilerplate, Limits, make_article, read_inputs
from entente.ingest.readers import Run, document_article, jsonl_item, read_jsonl
from entente.records import Article, Failure

HEX = set(string.hexdigits.lower())
# Small limits, so that size checks are reached by small examples too.
LIMITS = Limits(max_article_bytes=4000, max_line_bytes=6000, max_stream_bytes=200_000)
RUN = Run(limits=LIMITS, boilerplate=Boilerplate.load())

html_bytes = st.one_of(
    st.binary(max_size=400),
    news_text.map(lambda t: f"<html><body><article><p>{t}</p></article></body></html>".encode()),
    st.lists(st.sampled_from([b"<p>", b"</p>", b"<div", b">", b"<!--", b"-->", b"<meta charset=",
                              b'"shift_jis"', b"<title>", b"</title>", b"<h1>", b"&#x0;", b"\x00",
                              b"\xff\xfe", b"\xef\xbb\xbf", b"Turkey met Greece. ", b"<![CDATA["]),
             max_size=40).map(b"".join),
)
any_bytes = st.one_of(st.binary(max_size=600), news_text.map(lambda t: t.encode("utf-8", "replace")),
                      html_bytes)
json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | news_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12)
record = st.fixed_dictionaries(
    {"id": st.one_of(news_text, st.integers(), st.none())},
    optional={k: st.one_of(news_text, json_value) for k in
              ("text", "html", "title", "published", "url", "source", "author")})
jsonl_line = st.one_of(
    record.map(lambda r: json.dumps(r).encode()),
    record.map(lambda r: json.dumps(r, ensure_ascii=False).encode("utf-8", "surrogatepass")),
    json_value.map(lambda v: json.dumps(v).encode()),
    any_bytes,
)


def check_article(item: Article) -> None:
    assert isinstance(item.id, str) and item.text.strip()
    assert len(item.content_hash) == 64 and set(item.content_hash) <= HEX
    assert "\n\n\n" not in item.text
    if item.title is not None:
        assert item.text.startswith(item.title)


def check_item(item: object) -> None:
    assert isinstance(item, Article | Failure), type(item)
    if isinstance(item, Article):
        check_article(item)
    else:
        assert item.kind == "ingest" and item.message.strip() and item.origin


@FUZZ
@given(data=any_bytes, html=st.booleans())
def test_document_reader_gives_an_article_or_an_ingest_error(data, html):
    try:
        item = document_article(data, id="doc", origin="fuzz.txt", html=html, run=RUN)
    except IngestError as exc:
        assert exc.message.strip()
        return
    check_article(item)


@FUZZ
@given(line=jsonl_line)
def test_jsonl_line_gives_an_article_or_a_failure(line):
    check_item(jsonl_item(line, "fuzz.jsonl:1", RUN))


@FUZZ
@given(lines=st.lists(jsonl_line, max_size=6), gz=st.booleans(), sep=st.sampled_from([b"\n", b"\r\n"]))
def test_jsonl_stream_gives_one_item_per_record_and_goes_on(lines, gz, sep):
    data = sep.join(lines)
    items = list(read_inputs(["-"], stdin=io.BytesIO(gzip.compress(data) if gz else data),
                             limits=LIMITS, boilerplate=RUN.boilerplate))
    assert items
    for item in items:
        check_item(item)


@FUZZ
@given(data=st.binary(max_size=2000))
def test_jsonl_stream_of_raw_bytes(data):
    for item in read_jsonl(io.BytesIO(data), "fuzz", RUN):
        check_item(item)


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="entente-fuzz-") as name:
        yield Path(name)


@FUZZ
@given(data=any_bytes, suffix=st.sampled_from([".txt", ".html", ".htm", ".jsonl", ".txt.gz",
                                                ".html.gz", ".jsonl.gz"]),
       gzip_it=st.booleans())
def test_files_of_any_bytes_through_read_inputs(folder, data, suffix, gzip_it):
    path = folder / f"input{suffix}"
    path.write_bytes(gzip.compress(data) if gzip_it else data)
    items = list(read_inputs([str(path)], limits=LIMITS, boilerplate=RUN.boilerplate))
    assert items
    for item in items:
        check_item(item)


@FUZZ
@given(text=news_text, title=st.none() | news_text, published=st.none() | news_text,
       as_html=st.booleans())
def test_make_article_from_any_text(text, title, published, as_html):
    try:
        article = make_article(id="x", text=None if as_html else text,
                               html=text if as_html else None, title=title, published=published,
                               boilerplate=RUN.boilerplate)
    except IngestError as exc:
        assert exc.message.strip()
        return
    check_article(article)


@FUZZ
@given(paragraphs=st.lists(news_text, max_size=8))
def test_boilerplate_filter_splits_any_paragraphs_in_order(paragraphs):
    bp = RUN.boilerplate
    kept, removed = bp.split(paragraphs)
    assert len(kept) + len(removed) == len(paragraphs)
    it = iter(paragraphs)  # both lists are subsequences of the input
    assert all(p in it for p in kept)
    it = iter(paragraphs)
    assert all(p in it for p in removed)
    for p in paragraphs:
        hit = bp.match(p)
        assert hit is None or hit == "no_words" or hit in {q.id for q in bp.patterns}
