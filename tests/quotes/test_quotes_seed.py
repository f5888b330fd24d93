"""The seed article end to end (ingest → parse → actors → quotes). Not tuned on: the rules were
built on tests/gold first; this checks the constructions together on a real article."""

from __future__ import annotations

from pathlib import Path

import pytest

from entente.records import Quote

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def engine():
    from entente.pipeline import Engine

    return Engine()


def seed_quotes(engine, path: Path) -> list[Quote]:
    from entente.ingest import read_inputs
    from entente.quotes import quotes_for_article

    (article,) = read_inputs([str(path)], published="2021-08-10")
    return [s.quote for s in quotes_for_article(engine, article)[1]]


@pytest.fixture(scope="module")
def quotes(engine, shared_dir: Path) -> list[Quote]:
    return seed_quotes(engine, shared_dir / "samples" / "seed_article.txt")


def by(quotes: list[Quote], name: str) -> list[Quote]:
    return [q for q in quotes if q.speaker and q.speaker.name == name]


def test_iddon_reports_four_times_as_a_forbes_analyst(quotes: list[Quote]) -> None:
    iddon = by(quotes, "Paul Iddon")
    assert [q.cue for q in iddon] == ["wrote", "said", "said", "said"]
    assert {(q.speaker.role, q.speaker.org) for q in iddon} == {("analyst", "Forbes")}
    wrote, citing_her, citing_paper, direct = iddon
    assert wrote.content.startswith("Turkey and Azerbaijan are making plans")
    assert [(c.name, c.kind) for c in citing_her.cites] == [("Emily Hawthorne", "person")]
    assert citing_her.cites[0].org in ("Stratfor", "RANE")
    assert [(c.name, c.kind, c.date) for c in citing_paper.cites] == [
        ("Jamestown Foundation", "publication", "2021-06")]
    assert direct.direct and "On the other hand, Baku" in direct.content


def test_hawthorne_told_iddon_then_she_said(quotes: list[Quote]) -> None:
    told, said = by(quotes, "Emily Hawthorne")
    assert (told.cue, told.direct, told.speaker.text) == ("told", False, "Emily Hawthorne")
    assert told.content.startswith("Moscow would not respond")
    assert (said.cue, said.direct, said.speaker.text) == ("said", True, "she")
    assert said.speaker.org in ("Stratfor", "RANE") and said.speaker.role == "analyst"


def test_scare_quotes_are_not_quotes_of_their_own(quotes: list[Quote]) -> None:
    contents = [q.content for q in quotes]
    assert "joint efforts" not in contents and "two states, one nation" not in contents
    others = [q for q in quotes if q.speaker is None or
              q.speaker.name not in ("Paul Iddon", "Emily Hawthorne")]
    # only Erdoğan's announcement, reported by the article itself, is left
    assert [(q.cue, q.speaker.name if q.speaker else None) for q in others] == [
        ("announced", "Recep Tayyip Erdoğan")]


def test_offsets_point_into_the_sentence_text(engine, shared_dir: Path, quotes: list[Quote]) -> None:
    from entente.ingest import read_inputs

    (article,) = read_inputs([str(shared_dir / "samples" / "seed_article.txt")])
    doc = engine.nlp(article.text)
    sents = list(doc.sents)
    for q in quotes:
        base = sents[q.sentence].start_char
        assert article.text[base + q.start:base + q.end] == q.content


def test_html_version_gives_the_same_quotes(engine, shared_dir: Path, quotes: list[Quote]) -> None:
    html = seed_quotes(engine, shared_dir / "samples" / "seed_article.html")
    assert [(q.speaker.name if q.speaker else None, q.cue, q.content) for q in html] == \
        [(q.speaker.name if q.speaker else None, q.cue, q.content) for q in quotes]


def test_seed_coreference(engine, shared_dir: Path) -> None:
    from entente.ingest import read_inputs
    from entente.quotes import coref

    (article,) = read_inputs([str(shared_dir / "samples" / "seed_article.txt")])
    doc = engine.nlp(article.text)
    # sentences are named by words they hold, not by index (parsers split differently)
    where = {"helps": "helps Turkey to put", "pledging": "between their countries",
             "under": "Under the declaration", "balance": "balance its ties"}
    got: dict[tuple[str, str], set[str]] = {}
    for m in coref.resolve(doc, engine.resolver.mentions(doc, None)):
        sent = next(s.text for s in doc.sents if s.start <= m.start < s.end)
        for name in (n for n, words in where.items() if words in sent):
            got.setdefault((name, m.actor.text), set()).add(m.actor.name or "")
    assert got[("helps", "the two countries")] == {"Turkey", "Russia"}
    assert got[("helps", "itself")] == {"Turkey"}
    assert got[("pledging", "their")] == {"Recep Tayyip Erdoğan", "Ilham Aliyev"}
    assert got[("under", "both countries")] == {"Turkey", "Azerbaijan"}
    assert got[("balance", "both countries")] == {"Azerbaijan", "Armenia"}
    assert got[("balance", "she")] == {"Emily Hawthorne"}
