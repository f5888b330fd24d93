"""The training recipe's converter (training/convert.py) on tiny hand-written CoNLL-U."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import spacy

TRAINING = Path(__file__).resolve().parents[2] / "training"
sys.path.insert(0, str(TRAINING))

conllu = pytest.importorskip("conllu", reason="training/ is part of the repository")
convert = pytest.importorskip("convert")

# "We don't trust NASA chief Charles Bolden in Houston." with one multi-word token and GUM-style
# entity brackets (a person mention with a title, an organisation inside it, a place).
SAMPLE = "\n".join("\t".join(row) for row in [
    ["1", "We", "we", "PRON", "PRP", "_", "4", "nsubj", "_", "Entity=(1-person-new-x-x-1-sgl)"],
    ["2-3", "don't", "_", "_", "_", "_", "_", "_", "_", "_"],
    ["2", "do", "do", "AUX", "VBP", "_", "4", "aux", "_", "_"],
    ["3", "n't", "not", "PART", "RB", "_", "4", "advmod", "_", "_"],
    ["4", "trust", "trust", "VERB", "VB", "_", "0", "root", "_", "_"],
    ["5", "NASA", "NASA", "PROPN", "NNP", "_", "7", "compound", "_",
     "Entity=(2-person-new-x-x-1-coref(3-organization-new-x-x-1-coref-NASA)"],
    ["6", "chief", "chief", "NOUN", "NN", "_", "7", "compound", "_", "_"],
    ["7", "Charles", "Charles", "PROPN", "NNP", "_", "4", "obj", "_", "_"],
    ["8", "Bolden", "Bolden", "PROPN", "NNP", "_", "7", "flat", "_", "Entity=2)"],
    ["9", "in", "in", "ADP", "IN", "_", "10", "case", "_", "_"],
    ["10", "Houston", "Houston", "PROPN", "NNP", "_", "4", "obl", "_",
     "Entity=(4-place-new-x-x-1-coref-Houston,_Texas)|SpaceAfter=No"],
    ["11", ".", ".", "PUNCT", ".", "_", "4", "punct", "_", "_"],
]) + "\n"


@pytest.fixture()
def sentence(tmp_path):
    path = tmp_path / "GUM_news_sample.conllu"
    path.write_text("# newdoc id = GUM_news_sample\n# sent_id = s1\n" + SAMPLE + "\n")
    return next(conllu.read_conllu(path))


def test_multi_word_tokens_become_their_parts_with_the_right_spaces(sentence):
    words = [(w.form, w.space) for w in sentence.words]
    assert words[:4] == [("We", True), ("do", False), ("n't", True), ("trust", True)]
    assert sentence.words[10].head == 3 and sentence.words[3].head == -1


def test_gum_mentions_nest_and_keep_their_identity(sentence):
    mentions = {(m.start, m.end, m.etype, m.identity) for m in conllu.gum_mentions(sentence.words)}
    assert (4, 8, "person", "") in mentions
    assert (4, 5, "organization", "NASA") in mentions
    assert (9, 10, "place", "Houston,_Texas") in mentions


def test_gum_names_are_the_proper_noun_core(sentence):
    tags = convert.gum_tags(sentence, place_ids=set())
    # the person mention "NASA chief Charles Bolden" keeps only its name; the pronoun is no name
    assert tags == ["O", "O", "O", "O", "B-ORG", "O", "B-PERSON", "I-PERSON", "O", "B-LOC", "O"]


def test_uner_oth_and_stray_b_o_become_o(tmp_path):
    path = tmp_path / "x.iob2"
    path.write_text("# sent_id = s1\n1\tAmerican\tB-OTH\t-\tx\n2\tforces\tB-O\t-\tx\n"
                    "3\tin\tO\n4\tIraq\tI-LOC\t-\tx\n\n")
    got = conllu.read_iob2(path)["s1"]
    assert [t for _, t in got] == ["O", "O", "O", "I-LOC"]
    sent = conllu.Sentence("s1", "d", True, [conllu.Word(f, f, "X", "X", "_", -1, "dep", True, "_")
                                             for f, _ in got])
    assert convert.uner_tags(sent, {"s1": got}) == ["O", "O", "O", "B-LOC"]


def test_documents_carry_paragraph_breaks_as_space_tokens(sentence):
    second = conllu.Sentence("s2", sentence.doc_id, True, sentence.words)
    nlp = spacy.blank("en")
    doc = convert.make_doc(nlp.vocab, [sentence, second], [None, None], paragraph_tokens=True)
    assert "Houston.\n\nWe do" in doc.text
    space = next(t for t in doc if t.is_space)
    assert space.tag_ == "_SP" and space.pos_ == "SPACE" and doc[space.i + 1].is_sent_start
    flat = convert.make_doc(nlp.vocab, [sentence, second], [None, None], paragraph_tokens=False)
    assert "Houston. We do" in flat.text and flat.user_data["par_starts"] == [11]
