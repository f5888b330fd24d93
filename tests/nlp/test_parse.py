"""The parses have sane structure, and sentences never cross a paragraph break."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

UPOS = {"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
        "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X", "SPACE"}
PTB = {"CC", "CD", "DT", "EX", "FW", "IN", "JJ", "JJR", "JJS", "LS", "MD", "NN", "NNS", "NNP",
       "NNPS", "PDT", "POS", "PRP", "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO", "UH", "VB",
       "VBD", "VBG", "VBN", "VBP", "VBZ", "WDT", "WP", "WP$", "WRB", ",", ".", ":", "``", "''",
       "-LRB-", "-RRB-", "HYPH", "NFP", "ADD", "AFX", "GW", "XX", "$", "_SP"}

ARTICLE = (
    "Ministers from five countries meet in Vienna\n\n"
    "Foreign ministers from five countries met in Vienna on Monday to discuss the nuclear deal. "
    "The talks lasted six hours, officials said.\n\n"
    "\u201cWe made progress,\u201d the Austrian host told reporters after the meeting. "
    "Another round is planned for next month."
)


@pytest.fixture(scope="module")
def doc(nlp):
    return nlp(ARTICLE)


@pytest.mark.model
def test_text_and_offsets_are_preserved(doc):
    assert doc.text == ARTICLE
    for tok in doc:
        assert ARTICLE[tok.idx:tok.idx + len(tok.text)] == tok.text


@pytest.mark.model
def test_every_sentence_has_one_root_and_heads_inside_it(doc):
    for sent in doc.sents:
        roots = [t for t in sent if t.head.i == t.i]
        assert len(roots) == 1, sent.text
        assert all(sent.start <= t.head.i < sent.end for t in sent)


@pytest.mark.model
def test_tags_come_from_the_documented_tag_sets(doc):
    for tok in doc:
        assert tok.pos_ in UPOS, (tok.text, tok.pos_)
        assert tok.tag_ in PTB, (tok.text, tok.tag_)
        assert tok.lemma_, tok.text
        assert tok.dep_, tok.text


@pytest.mark.model
def test_a_simple_clause_is_parsed_as_expected(nlp):
    doc = nlp("The minister signed the agreement.")
    by_text = {t.text: t for t in doc}
    assert by_text["signed"].dep_ == "ROOT"
    assert by_text["minister"].dep_ == "nsubj" and by_text["minister"].head.text == "signed"
    assert by_text["agreement"].dep_ == "obj" and by_text["agreement"].head.text == "signed"
    assert by_text["signed"].lemma_ == "sign" and by_text["signed"].tag_ == "VBD"
    assert by_text["minister"].pos_ == "NOUN"
    assert str(by_text["signed"].morph.get("Tense")) == "['Past']"


@pytest.mark.model
def test_headline_is_its_own_sentence(doc):
    first = next(iter(doc.sents))
    assert first.text.strip() == "Ministers from five countries meet in Vienna"


def paragraph_ranges(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    while (cut := text.find("\n\n", start)) != -1:
        out.append((start, cut))
        start = cut + 2
    out.append((start, len(text)))
    return out


def assert_no_sentence_crosses_a_paragraph(doc) -> None:
    for sent in doc.sents:
        inner = doc.text[sent.start_char:sent.end_char].strip()
        assert "\n\n" not in inner, repr(sent.text)


@pytest.mark.model
def test_sentences_never_cross_a_paragraph_break(nlp):
    # paragraph breaks inside what would otherwise read as one sentence
    texts = [
        "The president said\n\nthat the border would reopen on Friday.",
        "Talks resume in Geneva\n\nDiplomats from both sides arrived on Sunday",
        "He warned that\n\n\n\nthe ceasefire, which began in May, was fragile.",
        "Headline without a full stop\n\n\u201cWe will not retreat\u201d, he said\n\nNo.",
    ]
    for doc in nlp.pipe(texts):
        assert_no_sentence_crosses_a_paragraph(doc)


WORDS = st.sampled_from(["the", "army", "said", "Iran", "talks", "on", "Monday", ",", ".",
                         "and", "would", "meet", "Paris", "\u201c", "\u201d", "of", "it"])


@pytest.mark.model
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(WORDS, min_size=1, max_size=15), min_size=1, max_size=5))
def test_property_paragraphs_bound_sentences(nlp, paragraphs):
    text = "\n\n".join(" ".join(p) for p in paragraphs)
    doc = nlp(text)
    assert doc.text == text
    assert_no_sentence_crosses_a_paragraph(doc)


@pytest.mark.model
def test_attribution_after_a_quote_stays_in_its_sentence(nlp):
    texts = ["\u201cWe are ready,\u201d a spokesman told reporters. Nothing else happened.",
             "\u201cWhy now?\u201d she asked. Nobody answered."]
    for doc in nlp.pipe(texts):
        assert len(list(doc.sents)) == 2, [s.text for s in doc.sents]
