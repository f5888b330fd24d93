"""The seed article (../shared/samples/seed_article.txt): every person, country, city and
organisation it names is found, with the right kind of label."""

from __future__ import annotations

import pytest

# what the article names, and the labels that count as right for each
EXPECTED = [
    ("Paul Iddon", {"PERSON"}),
    ("Emily Hawthorne", {"PERSON"}),
    ("Recep Tayyip Erdoğan", {"PERSON"}),
    ("İlham Aliyev", {"PERSON"}),
    ("Turkey", {"GPE"}),
    ("Azerbaijan", {"GPE"}),
    ("Russia", {"GPE"}),
    ("Armenia", {"GPE"}),
    ("Baku", {"GPE"}),
    ("Ankara", {"GPE"}),
    ("Moscow", {"GPE"}),
    ("Shusha", {"GPE"}),
    ("Nagorno-Karabakh", {"GPE", "LOC"}),
    ("Stratfor", {"ORG"}),
    ("RANE", {"ORG"}),
    ("Jamestown Foundation", {"ORG"}),
]


@pytest.fixture(scope="module")
def seed(shared_dir, nlp):
    return nlp((shared_dir / "samples" / "seed_article.txt").read_text(encoding="utf-8"))


@pytest.mark.model
@pytest.mark.shared
@pytest.mark.parametrize(("name", "labels"), EXPECTED, ids=[n for n, _ in EXPECTED])
def test_every_named_actor_and_place_is_found(seed, name, labels):
    found = {e.label_ for e in seed.ents if e.text == name}
    assert found, f"{name} not found; entities: {[(e.text, e.label_) for e in seed.ents]}"
    assert found <= labels, (name, found)


@pytest.mark.model
@pytest.mark.shared
def test_forbes_magazine_is_an_organisation(seed):
    assert any(e.label_ == "ORG" and e.text.startswith("Forbes") for e in seed.ents)


@pytest.mark.model
@pytest.mark.shared
def test_every_later_mention_of_the_analysts_is_a_person(seed):
    for surname in ("Iddon", "Erdoğan"):
        mentions = [e for e in seed.ents if e.text == surname]
        assert mentions and all(e.label_ == "PERSON" for e in mentions), surname


@pytest.mark.model
@pytest.mark.shared
def test_nationalities_are_norp(seed):
    norp = {e.text for e in seed.ents if e.label_ == "NORP"}
    assert {"Turkish", "Azerbaijani", "Armenian"} <= norp
