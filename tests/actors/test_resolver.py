"""The resolver's rules, one sentence each (blank pipeline: tokens and sentences only), plus the
named-entity path on hand-built Docs."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.tokens import Doc

DAY = date(2021, 8, 10)


def find(resolver, nlp, text, needle, day=DAY):
    doc = nlp(text)
    start = text.index(needle)
    found = [m for m in resolver.mentions(doc, day) if m.char_start <= start < m.char_end]
    assert found, f"no mention covers {needle!r} in {text!r}"
    return found[0]


@pytest.mark.parametrize(("text", "needle", "code", "kind"), [
    ("Turkish military support proved crucial.", "Turkish military", "TURMIL", "demonym"),
    ("Russia's foreign ministry issued a statement.", "Russia's foreign", "RUSGOV", "demonym"),
    ("The president of Turkey arrived.", "president of Turkey", "TURGOV", "demonym"),
    ("Ethnic Armenian groups withdrew.", "Armenian groups", "ARMREB", "demonym"),
    ("Armenian-backed forces retreated.", "Armenian-backed", "ARMREB", "demonym"),
    ("Ankara's relations with Baku improved.", "Ankara", "TURGOV", "metonymy"),
    ("Ankara's relations with Baku improved.", "Baku", "AZEGOV", "metonymy"),
    ("A factory will be built in Baku.", "Baku", "AZE", "place"),
    ("Turkey's economy grew.", "Turkey", "TUR", "name"),
    ("Protesters filled the square.", "Protesters", "CVL", "nominal"),
    ("The Kremlin denied it.", "Kremlin", "RUSGOV", "metonymy"),
])
def test_phrase_rules(resolver, blank_nlp, text, needle, code, kind):
    m = find(resolver, blank_nlp, text, needle)
    assert (m.actor.code, m.kind) == (code, kind)


def test_title_and_person_span_one_mention(resolver, blank_nlp):
    text = "Turkish President Recep Tayyip Erdoğan met his Azerbaijani counterpart İlham Aliyev."
    m = find(resolver, blank_nlp, text, "Recep")
    assert m.actor.code == "TURGOV" and m.key == "person:recep-tayyip-erdogan"
    assert text[m.char_start:m.char_end] == "Turkish President Recep Tayyip Erdoğan"
    assert (m.kind, m.title, m.type) == ("title", "President", "person")
    aliyev = find(resolver, blank_nlp, text, "İlham")
    assert aliyev.actor.code == "AZEGOV" and aliyev.entity == "person:ilham-aliyev"


def test_leader_depends_on_the_date(resolver, blank_nlp):
    text = "Erdogan spoke in parliament."
    assert find(resolver, blank_nlp, text, "Erdogan", date(2010, 5, 1)).actor.code == "TURGOV"
    assert find(resolver, blank_nlp, text, "Erdogan", date(2001, 5, 1)).actor.code == "TURELI"


def test_actor_at_re_resolves_on_another_date(resolver, blank_nlp):
    doc = blank_nlp("Ahmet Davutoglu and the Taliban were mentioned; Turkish troops too.")
    ms = {m.key: m for m in resolver.mentions(doc, date(2015, 1, 1))}
    davutoglu, taliban = ms["person:ahmet-davutoglu"], ms["group:taliban"]
    troops = ms["country:TUR"]
    assert davutoglu.actor.code == "TURGOV"
    assert resolver.actor_at(davutoglu, date(2020, 1, 1)).code == "TURELI"
    assert resolver.actor_at(taliban, date(2015, 1, 1)).code == "AFGREB"
    assert resolver.actor_at(taliban, date(2022, 1, 1)).code == "AFGGOV"
    assert resolver.actor_at(troops, date(1999, 1, 1)).code == "TURMIL"


def test_surnames_and_unknown_persons_are_linked(resolver, blank_nlp):
    text = ("Analyst Paul Iddon wrote for Forbes Magazine that ties were growing. "
            "Iddon said the deal was done, citing Emily Hawthorne, Stratfor's analyst at RANE. "
            "Hawthorne told Iddon more.")
    doc = blank_nlp(text)
    ms = resolver.mentions(doc, DAY)
    persons = [m for m in ms if m.type == "person"]
    entities = {m.entity for m in persons}
    assert entities == {"~person:paul-iddon", "~person:emily-hawthorne"}
    iddon = [m for m in persons if m.entity == "~person:paul-iddon"]
    assert len(iddon) == 3
    assert all(m.actor.name == "Paul Iddon" and m.actor.role == "MED" for m in iddon)
    assert iddon[0].affiliation == "media:forbes" and iddon[0].title == "Analyst"
    hawthorne = next(m for m in persons if m.entity == "~person:emily-hawthorne")
    assert (hawthorne.affiliation, hawthorne.title) == ("org:stratfor", "analyst")
    assert all(m.actor.role != "GOV" for m in persons)


def test_headline_surname_before_the_full_name(resolver, blank_nlp):
    text = "Aliyev visits Ankara\n\nIlham Aliyev arrived on Monday."
    m = find(resolver, blank_nlp, text, "Aliyev visits")
    assert m.key == "person:ilham-aliyev"


def test_sea_and_macro_regions_are_not_actors(resolver, blank_nlp):
    doc = blank_nlp("Ships crossed the South China Sea toward the Persian Gulf and the Middle East.")
    assert [m.actor.code for m in resolver.mentions(doc, DAY) if m.actor.country] == []


def test_offsets_point_into_the_text(resolver, blank_nlp):
    text = "Moscow said Russian troops would stay. NATO disagreed."
    for m in resolver.mentions(blank_nlp(text), DAY):
        assert text[m.char_start:m.char_end] == m.actor.text


def test_named_entity_recogniser_path(resolver, blank_nlp):
    """A Doc with NER (as the trained pipeline gives) finds persons and organisations the
    knowledge base does not know, and does not let a known surname split a stranger's name."""
    words = ["Hunter", "Biden", "met", "Zog", "Umbrella", "of", "Blorp", "Corp", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "B-ORG", "I-ORG", "O"]
    doc = Doc(blank_nlp.vocab, words=words, ents=ents)
    ms = resolver.mentions(doc, DAY)
    got = {m.actor.text: (m.type, m.key, m.affiliation) for m in ms}
    assert got["Hunter Biden"] == ("person", None, None)
    assert got["Zog Umbrella"][0] == "person"
    assert got["Blorp Corp"] == ("org", None, None)


def test_resolve_strings(resolver):
    assert resolver.resolve("Erdogan", date(2010, 5, 1)).code == "TURGOV"
    assert resolver.resolve("the Kremlin").code == "RUSGOV"
    assert resolver.resolve("turkish military").code == "TURMIL"
    assert resolver.resolve("Kiev").code == "UKRGOV"
    assert resolver.resolve("Xyzzy Plugh") is None


def test_explain_names_the_source(resolver):
    from entente.actors import explain

    report = explain("Aliyev", date(2002, 1, 1), resolver=resolver)
    assert report["actor"]["id"] == "person:heydar-aliyev"
    assert report["reason"].startswith("the only one in office")
    assert all(c["source"].startswith("offices/") for c in report["candidates"])
    phrase = explain("Turkish military", date(2021, 1, 1), resolver=resolver)
    assert phrase["mentions"][0]["actor"]["code"] == "TURMIL"
