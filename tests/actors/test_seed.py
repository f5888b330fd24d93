"""Every actor of the seed article resolves (the article is read from ../shared at test time)."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2021, 8, 10)


def _mentions(resolver, nlp, shared_dir):
    text = (shared_dir / "samples" / "seed_article.txt").read_text("utf-8")
    doc = nlp(text)
    return text, doc, resolver.mentions(doc, PUBLISHED)


def _by_text(mentions):
    out = {}
    for m in mentions:
        out.setdefault(m.actor.text, []).append(m)
    return out


def check_seed(resolver, nlp, shared_dir):
    _, doc, mentions = _mentions(resolver, nlp, shared_dir)
    got = _by_text(mentions)
    codes = {t: {m.actor.code for m in ms} for t, ms in got.items()}
    for name, code in [("Turkey", "TUR"), ("Azerbaijan", "AZE"), ("Russia", "RUS"),
                       ("Armenia", "ARM"), ("Moscow", "RUSGOV"), ("Ankara", "TURGOV"),
                       ("Baku", "AZEGOV"), ("Turkish military", "TURMIL"),
                       ("ethnic Armenian groups", "ARMREB"), ("Armenian-backed forces", "ARMREB"),
                       ("Turkish President Recep Tayyip Erdoğan", "TURGOV"),
                       ("Azerbaijani counterpart İlham Aliyev", "AZEGOV"), ("Erdoğan", "TURGOV")]:
        assert codes.get(name) == {code}, (name, codes.get(name))
    assert {m.key for m in got["Erdoğan"]} == {"person:recep-tayyip-erdogan"}
    for org, key in [("Forbes Magazine", "media:forbes"), ("Stratfor", "org:stratfor"),
                     ("RANE", "org:rane"), ("Jamestown Foundation", "org:jamestown")]:
        assert {m.key for m in got[org]} == {key}
    persons = [m for m in mentions if m.type == "person"]
    assert all(m.entity for m in persons)
    iddon = [m for m in persons if m.entity == "~person:paul-iddon"]
    hawthorne = [m for m in persons if m.entity == "~person:emily-hawthorne"]
    assert len(iddon) >= 5 and len(hawthorne) == 2
    assert {m.actor.name for m in iddon} == {"Paul Iddon"}
    assert {m.affiliation for m in iddon} == {"media:forbes"}
    assert {m.affiliation for m in hawthorne} == {"org:stratfor"}
    assert not any(m.actor.role == "GOV" for m in iddon + hawthorne)
    nk = next(m for m in mentions if m.actor.text == "Nagorno-Karabakh")
    assert (nk.kind, nk.actor.country) == ("place", "AZE")
    for m in mentions:
        assert doc.text[m.char_start:m.char_end] == m.actor.text
    return mentions


def test_seed_article_actors(resolver, blank_nlp, shared_dir):
    check_seed(resolver, blank_nlp, shared_dir)


@pytest.mark.model
def test_seed_article_actors_with_the_bundled_pipeline(resolver, shared_dir):
    from entente import nlp

    check_seed(resolver, nlp.load(), shared_dir)
