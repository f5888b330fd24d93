"""Pronoun and short-reference resolution (entente.quotes.coref)."""

from __future__ import annotations

from collections.abc import Callable

import msgspec
from spacy.tokens import Doc

from entente.quotes import coref
from entente.records import Actor, Mention


def mention(doc: Doc, start: int, end: int, type_: str, key: str, name: str | None = None) -> Mention:
    span = doc[start:end]
    return Mention(start=start, end=end, char_start=span.start_char, char_end=span.end_char,
                   actor=Actor(text=span.text, name=name or span.text, code=key.upper()),
                   key=key, entity=key, type=type_)


def resolved(doc: Doc, mentions: list[Mention]) -> dict[str, list[str | None]]:
    out: dict[str, list[str | None]] = {}
    for m in coref.resolve(doc, mentions):
        out.setdefault(doc[m.start:m.end].text, []).append(m.entity)
    return out


def test_she_takes_the_woman_and_he_the_man(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("Sarah/NNP Klein/NNP and/CC Tomas/NNP Berg/NNP met/VBD/meet ./. "
                 "He/PRP spoke/VBD/speak first/RB and/CC she/PRP replied/VBD/reply ./.")
    ms = [mention(doc, 0, 2, "person", "klein"), mention(doc, 3, 5, "person", "berg")]
    got = resolved(doc, ms)
    assert got["He"] == ["berg"] and got["she"] == ["klein"]


def test_pronoun_mention_carries_the_antecedents_actor(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("Emily/NNP Hawthorne/NNP spoke/VBD/speak ./. She/PRP said/VBD/say no/UH ./.")
    (m,) = coref.resolve(doc, [mention(doc, 0, 2, "person", "hawthorne")])
    assert (m.kind, m.type, m.actor.name, m.actor.text, m.key) == (
        "pronoun", "person", "Emily Hawthorne", "She", "hawthorne")


def test_it_takes_an_organisation_not_a_person(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("Mark/NNP Thompson/NNP praised/VBD/praise the/DT World/NNP Bank/NNP ./. "
                 "It/PRP cut/VBD/cut its/PRP$ forecast/NN ./.")
    ms = [mention(doc, 0, 2, "person", "thompson"), mention(doc, 4, 6, "igo", "wb")]
    got = resolved(doc, ms)
    assert got["It"] == ["wb"] and got["its"] == ["wb"]


def test_their_after_a_coordination_points_to_both(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("Turkey/NNP and/CC Azerbaijan/NNP deepened/VBD/deepen their/PRP$ ties/NNS ./.")
    ms = [mention(doc, 0, 1, "country", "tur"), mention(doc, 2, 3, "country", "aze")]
    assert sorted(resolved(doc, ms)["their"]) == ["aze", "tur"]


def test_the_two_countries_gives_one_mention_per_country(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("Russia/NNP watched/VBD/watch ./. Turkey/NNP and/CC Azerbaijan/NNP met/VBD/meet ./. "
                 "The/DT two/CD countries/NNS signed/VBD/sign a/DT deal/NN ./.")
    ms = [mention(doc, i, i + 1, "country", k) for i, k in ((0, "rus"), (3, "tur"), (5, "aze"))]
    extra = coref.resolve(doc, ms)
    assert [(m.start, m.end, m.kind) for m in extra] == [(8, 11, "nominal")] * 2
    assert {m.entity for m in extra} == {"tur", "aze"}  # the two latest countries


def test_the_minister_needs_a_minister(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("Foreign/NNP Minister/NNP Jean/NNP Dupont/NNP met/VBD/meet Tomas/NNP Berg/NNP ./. "
                 "The/DT minister/NN said/VBD/say no/UH ./. The/DT finance/NN minister/NN "
                 "agreed/VBD/agree ./.")
    ms = [mention(doc, 2, 4, "person", "dupont"), mention(doc, 5, 7, "person", "berg")]
    got = resolved(doc, ms)
    assert got["The minister"] == ["dupont"]
    assert "The finance minister" not in got  # a foreign minister is not a finance minister


def test_pleonastic_it_and_pronouns_without_antecedent_stay_unresolved(
        tagged: Callable[[str], Doc]) -> None:
    doc = tagged("It/PRP is/VBZ/be likely/JJ that/IN they/PRP will/MD win/VB ./.")
    assert coref.resolve(doc, []) == []


def test_object_pronoun_is_not_its_own_subject(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("Tomas/NNP Berg/NNP met/VBD/meet Ivan/NNP Sokolov/NNP ./. He/PRP told/VBD/tell "
                 "him/PRP no/UH ./.")
    ms = [mention(doc, 0, 2, "person", "berg"), mention(doc, 3, 5, "person", "sokolov")]
    got = resolved(doc, ms)
    assert got["He"] == ["berg"] and got["him"] == ["sokolov"]


def test_surname_links_to_the_full_name_without_resolver_help(tagged: Callable[[str], Doc]) -> None:
    from entente.quotes import extract

    doc = tagged("Analyst/NN Paul/NNP Iddon/NNP wrote/VBD/write for/IN Forbes/NNP Magazine/NNP ./. "
                 "Russia/NNP is/VBZ/be wary/JJ ,/, Iddon/NNP@GPE said/VBD/say ./.")
    (q,) = (s.quote for s in extract(doc, [], "t"))  # "wrote for Forbes" reports no clause
    assert q.speaker.text == "Iddon" and q.speaker.name == "Paul Iddon"
    assert q.speaker.role == "analyst"


def test_reflexive_binds_to_the_nearest_in_its_sentence(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("Azerbaijan/NNP helps/VBZ/help Turkey/NNP distance/VB/distance itself/PRP "
                 "from/IN Russia/NNP ./.")
    ms = [mention(doc, 0, 1, "country", "aze"), mention(doc, 2, 3, "country", "tur"),
          mention(doc, 6, 7, "country", "rus")]
    assert resolved(doc, ms)["itself"] == ["tur"]


def test_both_countries_counts_leaders_for_their_countries(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("Turkey/NNP and/CC Azerbaijan/NNP are/VBP/be allies/NNS ./. President/NNP "
                 "Erdogan/NNP met/VBD/meet President/NNP Aliyev/NNP ./. Both/DT countries/NNS "
                 "pledged/VBD/pledge to/TO modernise/VB their/PRP$ armies/NNS ./.")
    ms = [mention(doc, 0, 1, "country", "country:TUR"), mention(doc, 2, 3, "country", "country:AZE")]
    ms += [msgspec.structs.replace(mention(doc, 6, 8, "person", "erdogan"),
                                   actor=Actor(text="President Erdogan", country="TUR")),
           msgspec.structs.replace(mention(doc, 9, 11, "person", "aliyev"),
                                   actor=Actor(text="President Aliyev", country="AZE"))]
    got = resolved(doc, ms)
    assert sorted(got["Both countries"]) == ["country:AZE", "country:TUR"]
    assert sorted(got["their"]) == ["country:AZE", "country:TUR"]  # the pair just named


def test_a_demonym_modifier_is_not_an_antecedent(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("The/DT Afghan/JJ team/NN arrived/VBD/arrive late/RB ./. It/PRP won/VBD/win ./.")
    ms = [msgspec.structs.replace(mention(doc, 1, 2, "country", "afg"), kind="demonym")]
    assert coref.resolve(doc, ms) == []
