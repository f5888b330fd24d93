"""Citation chains and speaker profiles (hand-built parses)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from spacy.tokens import Doc

from entente.quotes import extract
from entente.records import Quote


def quotes(doc: Doc, published: date | None = None) -> list[Quote]:
    return [s.quote for s in extract(doc, [], "t", published=published)]


def test_citing_a_person_brings_her_profile(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("Ties/NNS help/VBP/help Turkey/NNP ,/, Iddon/NNP said/VBD/say ,/, citing/VBG/cite "
                 "Emily/NNP Hawthorne/NNP ,/, Stratfor/NNP 's/POS senior/JJ analyst/NN at/IN "
                 "RANE/NNP ./.")
    (q,) = quotes(doc)
    (c,) = q.cites
    assert (c.name, c.kind, c.role, c.org) == ("Emily Hawthorne", "person", "senior analyst", "Stratfor")


def test_citing_a_dated_publication(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("Imports/NNS doubled/VBD/double ,/, Yuki/NNP Tanaka/NNP wrote/VBD/write ,/, "
                 "citing/VBG/cite a/DT Meridian/NNP Institute/NNP report/NN published/VBN/publish "
                 "in/IN March/NNP ./.")
    (q,) = quotes(doc, published=date(2023, 5, 17))
    assert [(c.name, c.kind, c.date) for c in q.cites] == [
        ("Meridian Institute", "publication", "2023-03")]


def test_a_relayed_source_continues_the_chain(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("The/DT militia/NN has/VBZ/have drones/NNS ,/, Hamid/NNP Karimi/NNP said/VBD/say ,/, "
                 "citing/VBG/cite a/DT Reuters/NNP report/NN that/WDT quoted/VBD/quote two/CD "
                 "Western/JJ diplomats/NNS ./.")
    (q,) = quotes(doc)
    assert [(c.name, c.kind) for c in q.cites] == [
        ("Reuters", "publication"), ("two Western diplomats", "person")]


def test_author_and_venue_of_a_cited_article(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("Moscow/NNP will/MD wait/VB ,/, Peter/NNP Lindqvist/NNP wrote/VBD/write ,/, "
                 "citing/VBG/cite an/DT article/NN by/IN Mariam/NNP Tsereteli/NNP in/IN "
                 "Foreign/NNP Policy/NNP ./.")
    (q,) = quotes(doc)
    assert [(c.name, c.kind, c.org) for c in q.cites] == [
        ("Mariam Tsereteli", "publication", "Foreign Policy")]


def test_outlet_of_a_writer_is_the_org_without_its_suffix(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("The/DT army/NN lacks/VBZ/lack pilots/NNS ,/, journalist/NN Anna/NNP Kowalska/NNP "
                 "wrote/VBD/write for/IN Foreign/NNP Policy/NNP magazine/NN ./.")
    (q,) = quotes(doc)
    assert (q.speaker.name, q.speaker.role, q.speaker.org) == (
        "Anna Kowalska", "journalist", "Foreign Policy")


def test_profile_from_of_org_is_reused_for_later_quotes(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("Yuki/NNP Tanaka/NNP of/IN the/DT Pacific/NNP Forum/NNP said/VBD/say Japan/NNP "
                 "would/MD spend/VB more/JJR ./. ¶ “/`` We/PRP are/VBP/be ready/JJ ,/, ”/'' "
                 "Tanaka/NNP added/VBD/add ./.")
    _first, second = quotes(doc)
    assert second.speaker.name == "Yuki Tanaka" and second.speaker.org == "Pacific Forum"
