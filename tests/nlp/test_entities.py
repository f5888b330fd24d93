"""Entities: the rule component on hand-built docs, and the whole pipeline on short texts."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

import entente.nlp.components  # noqa: F401  (registers the factories)
from entente.nlp.gold import read_marked, score_entities

GOLD = Path(__file__).resolve().parents[1] / "gold"


@pytest.fixture(scope="module")
def rules():
    blank = spacy.blank("en")
    return blank, blank.add_pipe("entente_entities")


def make(blank, words, pos, ents, spaces=None):
    """A hand-built doc: `ents` are IOB tags as the statistical NER would leave them."""
    return Doc(blank.vocab, words=words, spaces=spaces, pos=pos, ents=ents)


def labelled(doc):
    return [(e.text, e.label_) for e in doc.ents]


def test_place_split_into_gpe_and_loc(rules):
    blank, comp = rules
    doc = make(blank, ["Ships", "crossed", "the", "Caspian", "Sea", "to", "Oaklandia", "."],
               ["NOUN", "VERB", "DET", "PROPN", "PROPN", "ADP", "PROPN", "PUNCT"],
               ["O", "O", "O", "B-LOC", "I-LOC", "O", "B-LOC", "O"])
    assert labelled(comp(doc)) == [("Caspian Sea", "LOC"), ("Oaklandia", "GPE")]


def test_country_tagged_org_becomes_gpe_with_its_code(rules):
    blank, comp = rules
    doc = make(blank, ["Azerbaijan", "signed", "."], ["PROPN", "VERB", "PUNCT"],
               ["B-ORG", "O", "O"])
    ent = comp(doc).ents[0]
    assert (ent.text, ent.label_, ent.kb_id_, ent.id_) == ("Azerbaijan", "GPE", "AZE",
                                                             "entente.kb")


def test_titles_and_demonyms_are_trimmed_off_person_names(rules):
    blank, comp = rules
    words = ["Turkish", "President", "Recep", "Tayyip", "Erdoğan", "spoke", "."]
    doc = make(blank, words, ["ADJ", "PROPN", "PROPN", "PROPN", "PROPN", "VERB", "PUNCT"],
               ["B-PERSON", "I-PERSON", "I-PERSON", "I-PERSON", "I-PERSON", "O", "O"])
    assert labelled(comp(doc)) == [("Turkish", "NORP"), ("Recep Tayyip Erdoğan", "PERSON")]


def test_knowledge_base_names_fill_gaps_but_not_inside_longer_names(rules):
    blank, comp = rules
    words = ["Turkish", "Airlines", "flew", "from", "Baku", "to", "Ankara", "."]
    doc = make(blank, words, ["PROPN", "PROPN", "VERB", "ADP", "PROPN", "ADP", "PROPN", "PUNCT"],
               ["B-ORG", "I-ORG", "O", "O", "O", "O", "B-LOC", "O"])
    assert labelled(comp(doc)) == [("Turkish Airlines", "ORG"), ("Baku", "GPE"),
                                   ("Ankara", "GPE")]


def test_demonyms_and_hyphenated_backing_are_norp(rules):
    blank, comp = rules
    words = ["Armenian", "-", "backed", "forces", "and", "Azerbaijani", "troops"]
    doc = make(blank, words, ["ADJ", "PUNCT", "VERB", "NOUN", "CCONJ", "ADJ", "NOUN"],
               ["O"] * 7, spaces=[False, False, True, True, True, True, False])
    assert labelled(comp(doc)) == [("Armenian", "NORP"), ("Azerbaijani", "NORP")]


@pytest.mark.parametrize(("text", "dates"), [
    ("They met on Tuesday in the capital.", ["Tuesday"]),
    ("The city fell last year after a siege.", ["last year"]),
    ("The accord was signed on June 5, 2021 in Doha.", ["June 5, 2021"]),
    ("Elections were held in 2019 and 2023.", ["2019", "2023"]),
    ("Some 2000 troops crossed the border.", []),
    ("He resigned three weeks ago.", ["three weeks ago"]),
    ("The talks may resume.", []),
])
def test_date_rules(rules, text, dates):
    blank, comp = rules
    doc = comp(blank(text))
    assert [e.text for e in doc.ents if e.label_ == "DATE"] == dates


def test_entities_never_run_over_a_paragraph_break(rules):
    blank, comp = rules
    doc = make(blank, ["Forbes", "Magazine", "\n\n", "Iddon"], ["PROPN", "PROPN", "SPACE", "PROPN"],
               ["B-ORG", "I-ORG", "I-ORG", "I-ORG"], spaces=[True, False, False, False])
    assert labelled(comp(doc)) == [("Forbes Magazine", "ORG")]


def test_without_the_knowledge_base_only_generic_data_is_used():
    blank = spacy.blank("en")
    comp = blank.add_pipe("entente_entities", config={"use_kb": False})
    doc = comp(blank("Azerbaijan and Armenia met in the Middle East on Friday."))
    assert labelled(doc) == [("Middle East", "LOC"), ("Friday", "DATE")]


# -- the whole pipeline on short texts of our own -------------------------------------------------
SHORT = [
    ("Police in Kenya arrested opposition leader Raila Odinga in Nairobi on Monday.",
     {("Kenya", "GPE"), ("Raila Odinga", "PERSON"), ("Nairobi", "GPE"), ("Monday", "DATE")}),
    ("The United Nations and the World Bank sent a team to Sudan.",
     {("United Nations", "ORG"), ("World Bank", "ORG"), ("Sudan", "GPE")}),
    ("Angela Merkel met Vladimir Putin in Moscow to discuss gas supplies to Germany.",
     {("Angela Merkel", "PERSON"), ("Vladimir Putin", "PERSON"), ("Moscow", "GPE"),
      ("Germany", "GPE")}),
    ("Hundreds of Syrian refugees reached Greece, the Red Cross said.",
     {("Syrian", "NORP"), ("Greece", "GPE"), ("Red Cross", "ORG")}),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), SHORT)
def test_pipeline_finds_people_places_and_organisations(nlp, text, expected):
    found = {(e.text, e.label_) for e in nlp(text).ents}
    assert expected <= found, expected - found


# Pinned minimums on our own gold (tests/gold/nlp_entities_*.txt): a change that makes the entity
# layer worse fails here. Dev is what the rules were tuned on; test was never tuned on.
MINIMUM_F = {"dev": 85.0, "test": 80.0}


@pytest.mark.model
@pytest.mark.parametrize("split", sorted(MINIMUM_F))
def test_entity_gold_minimum(nlp, split):
    scores = score_entities(nlp, read_marked(GOLD / f"nlp_entities_{split}.txt"))
    assert scores["ALL"]["f"] >= MINIMUM_F[split], scores


def test_a_bare_surname_is_the_person_named_in_full(rules):
    blank, comp = rules
    words = ["Analyst", "Paul", "Iddon", "wrote", ".", "Iddon", "said", "so", ",", "and", "Iddon",
             "left", "."]
    pos = ["NOUN", "PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "ADV", "PUNCT", "CCONJ",
           "PROPN", "VERB", "PUNCT"]
    ents = ["O", "B-PERSON", "I-PERSON", "O", "O", "B-LOC", "O", "O", "O", "O", "O", "O", "O"]
    doc = comp(make(blank, words, pos, ents))
    assert labelled(doc) == [("Paul Iddon", "PERSON"), ("Iddon", "PERSON"), ("Iddon", "PERSON")]
    assert {e.id_ for e in doc.ents[1:]} == {"entente.doc"}


def test_one_name_gets_one_label_in_a_document(rules):
    blank, comp = rules
    words = ["Emily", "Hawthorne", "spoke", ".", "Emily", "Hawthorne", "left", ".", "Emily",
             "Hawthorne", "won", "."]
    pos = ["PROPN", "PROPN", "VERB", "PUNCT"] * 3
    ents = ["B-PERSON", "I-PERSON", "O", "O", "B-ORG", "I-ORG", "O", "O", "B-PERSON", "I-PERSON",
            "O", "O"]
    assert {e.label_ for e in comp(make(blank, words, pos, ents)).ents} == {"PERSON"}


def test_titles_inside_a_name_split_it_into_organisation_and_person(rules):
    blank, comp = rules
    words = ["UN", "Secretary", "General", "Kofi", "Annan", "arrived", "."]
    doc = make(blank, words, ["PROPN"] * 5 + ["VERB", "PUNCT"],
               ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O"])
    assert labelled(comp(doc)) == [("UN", "ORG"), ("Kofi Annan", "PERSON")]


def test_head_words_and_given_names_fix_the_label_of_unknown_names(rules):
    blank, comp = rules
    words = ["Emily", "Hawthorne", "of", "the", "Jamestown", "Foundation", "met", "Gloria", "."]
    pos = ["PROPN", "PROPN", "ADP", "DET", "PROPN", "PROPN", "VERB", "PROPN", "PUNCT"]
    ents = ["B-LOC", "I-LOC", "O", "O", "B-LOC", "I-LOC", "O", "B-LOC", "O"]
    assert labelled(comp(make(blank, words, pos, ents))) == [
        ("Emily Hawthorne", "PERSON"), ("Jamestown Foundation", "ORG"), ("Gloria", "PERSON")]


def test_a_missed_name_that_starts_with_a_given_name_is_a_person(rules):
    blank, comp = rules
    words = ["Yesterday", "Emily", "Hawthorne", "said", "so", "."]
    doc = make(blank, words, ["NOUN", "PROPN", "PROPN", "VERB", "ADV", "PUNCT"], ["O"] * 6)
    assert labelled(comp(doc)) == [("Yesterday", "DATE"), ("Emily Hawthorne", "PERSON")]
