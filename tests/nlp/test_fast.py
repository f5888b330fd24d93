"""The fast path: one Doc over the whole text, full parses only where an event or quote can be."""

from __future__ import annotations

import pytest

import entente.nlp
from entente.nlp.fast import CueCandidate, inflections

TEXT = (
    "Border talks resume\n\n"
    "The weather in the valley was mild. Farmers were harvesting grapes. "
    "Iran said on Monday it would send envoys to Baghdad.\n\n"
    "\u201cWe are ready,\u201d a spokesman told reporters. Nothing else happened."
)


def parsed_sentences(doc):
    return [s.text.strip() for s in doc.sents if s[0].dep_]


@pytest.mark.model
def test_one_doc_over_the_exact_text_with_valid_offsets(nlp):
    doc = next(entente.nlp.pipe([TEXT], model=nlp, fast=True))
    assert doc.text == TEXT
    for tok in doc:
        assert TEXT[tok.idx:tok.idx + len(tok.text)] == tok.text


@pytest.mark.model
def test_only_candidate_sentences_are_parsed(nlp):
    doc = next(entente.nlp.pipe([TEXT], model=nlp, fast=True))
    parsed = parsed_sentences(doc)
    assert "Iran said on Monday it would send envoys to Baghdad." in parsed
    assert any(s.startswith("\u201cWe are ready") for s in parsed)
    assert "Farmers were harvesting grapes." not in parsed
    assert "The weather in the valley was mild." not in parsed
    for sent in doc.sents:  # unparsed sentences keep their boundaries, with no annotation
        if not sent[0].dep_:
            assert all(t.dep_ == "" and t.head.i == t.i and t.pos_ == "" for t in sent)
    assert {("Iran", "GPE"), ("Baghdad", "GPE")} <= {(e.text, e.label_) for e in doc.ents}


@pytest.mark.model
def test_sentences_do_not_cross_paragraphs_on_the_fast_path(nlp):
    doc = next(entente.nlp.pipe([TEXT], model=nlp, fast=True))
    for sent in doc.sents:
        assert "\n\n" not in doc.text[sent.start_char:sent.end_char].strip()


@pytest.mark.model
def test_the_candidate_test_is_pluggable(nlp):
    none = next(entente.nlp.pipe([TEXT], model=nlp, fast=True, candidate=lambda s: False))
    every = next(entente.nlp.pipe([TEXT], model=nlp, fast=True, candidate=lambda s: True))
    assert parsed_sentences(none) == []
    assert len(parsed_sentences(every)) >= 5
    grapes = CueCandidate(cues=["harvest"], actor_pronouns=["farmers"])
    doc = next(entente.nlp.pipe([TEXT], model=nlp, fast=True, candidate=grapes))
    assert parsed_sentences(doc) == ["Farmers were harvesting grapes."]


@pytest.mark.model
def test_order_is_kept_and_empty_texts_pass(nlp):
    texts = ["", "Iran said so.", "Quiet day.", "Turkey warned Greece."]
    docs = list(entente.nlp.pipe(texts, model=nlp, fast=True, batch_size=2))
    assert [d.text for d in docs] == texts


@pytest.mark.model
def test_several_processes_give_the_same_docs(nlp):
    texts = [TEXT, "Kenya and Uganda signed a trade deal in Kampala on Friday."] * 3
    one = [[(t.text, t.dep_, t.tag_) for t in d] for d in entente.nlp.pipe(texts, model=nlp)]
    two = [[(t.text, t.dep_, t.tag_) for t in d]
           for d in entente.nlp.pipe(texts, model=nlp, n_process=2, batch_size=2)]
    assert one == two
    fast_one = [[(t.text, t.dep_) for t in d]
                for d in entente.nlp.pipe(texts, model=nlp, fast=True)]
    fast_two = [[(t.text, t.dep_) for t in d]
                for d in entente.nlp.pipe(texts, model=nlp, fast=True, n_process=2, batch_size=2)]
    assert fast_one == fast_two


def test_cue_candidate_rules():
    import spacy

    blank = spacy.blank("en")
    cand = CueCandidate(cues=["attack"], reporting=["say"], quote_marks=["\u201c"],
                        actor_pronouns=["they"])
    sent = lambda text: blank(text)[:]  # noqa: E731
    assert cand(sent("Rebels attacked the town of Kuma."))  # cue + capitalised word
    assert cand(sent("They attacked at dawn."))  # cue + pronoun
    assert not cand(sent("Attacks are rare here."))  # cue, but no actor-like word
    assert cand(sent("the spokesman says nothing"))  # reporting verb alone
    assert cand(sent("\u201cno comment"))  # quote mark alone
    assert not cand(sent("The weather was mild in Kuma."))


def test_inflections():
    assert {"attack", "attacks", "attacked", "attacking"} <= inflections("attack")
    assert {"seizing", "seized"} <= inflections("seize")
    assert {"stopped", "stopping"} <= inflections("stop")
    assert {"denies", "denied"} <= inflections("deny")
