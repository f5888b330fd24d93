"""Invariants of article building, for any text (hypothesis)."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from entente.errors import IngestError
from entente.ingest import Boilerplate, content_hash, make_article

BOILERPLATE = Boilerplate.load()
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)
words = st.lists(st.from_regex(r"[A-Za-zÀ-ÿ]{1,8}", fullmatch=True), min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(texts)
def test_any_text_gives_a_clean_article_or_an_ingest_error(text):
    try:
        art = make_article(id="p", text=text, boilerplate=BOILERPLATE)
    except IngestError:
        return
    paragraphs = art.text.split("\n\n")
    assert all(p and p == p.strip() and "\n" not in p and "  " not in p for p in paragraphs)
    assert art.text == unicodedata.normalize("NFC", art.text)
    assert art.content_hash == content_hash(art.text)
    assert art.title is None or paragraphs[0] == art.title


@settings(max_examples=100, deadline=None)
@given(st.lists(words, min_size=1, max_size=5))
def test_hash_ignores_layout_case_and_punctuation(paragraphs):
    plain = "\n\n".join(" ".join(p) + "." for p in paragraphs)
    messy = "\r\n\r\n  ".join("  ".join(w.upper() for w in p) + " !" for p in paragraphs)
    assert content_hash(plain) == content_hash(messy)
