"""Indirect speech and "according to" (hand-built parses)."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from entente.quotes import extract
from entente.records import Quote


def quotes(doc: Doc) -> list[Quote]:
    return [s.quote for s in extract(doc, [], "t")]


def summary(q: Quote) -> tuple[str | None, str | None, str]:
    return (q.speaker.name or q.speaker.text if q.speaker else None, q.cue, q.content)


def test_said_that_clause(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("Prime/NNP Minister/NNP Elena/NNP Rossi/NNP said/VBD/say on/IN Wednesday/NNP@DATE "
                 "that/IN her/PRP$ government/NN would/MD raise/VB wages/NNS ./.")
    (q,) = quotes(doc)
    assert summary(q) == ("Elena Rossi", "said", "her government would raise wages")
    assert q.speaker.role == "prime minister" and not q.direct


def test_told_addressee_is_not_content_or_source(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("Aisha/NNP Rahman/NNP told/VBD/tell Kofi/NNP Mensah/NNP that/IN the/DT "
                 "observers/NNS needed/VBD/need access/NN ./.")
    (q,) = quotes(doc)
    assert summary(q) == ("Aisha Rahman", "told", "the observers needed access")
    assert q.cites == []


def test_content_before_the_frame(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("The/DT ceasefire/NN has/VBZ/have held/VBN/hold ,/, Hassan/NNP Ali/NNP said/VBD/say ./.")
    (q,) = quotes(doc)
    assert summary(q) == ("Hassan Ali", "said", "The ceasefire has held")


def test_inverted_frame_after_content(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("Two/CD soldiers/NNS were/VBD/be killed/VBN/kill ,/, said/VBD/say a/DT "
                 "spokesman/NN for/IN the/DT army/NN ./.")
    (q,) = quotes(doc)
    assert summary(q) == ("a spokesman for the army", "said", "Two soldiers were killed")
    assert (q.speaker.role, q.speaker.org) == ("spokesman", "army")


def test_a_noun_phrase_object_is_an_event_not_a_quote(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("The/DT ministry/NN announced/VBD/announce new/JJ sanctions/NNS on/IN Monday/NNP ./.")
    assert quotes(doc) == []


def test_impersonal_passive_has_no_speaker_and_no_quote(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("It/PRP was/VBD/be reported/VBN/report that/IN the/DT talks/NNS failed/VBD/fail ./.")
    assert quotes(doc) == []


def test_two_cues_joined_by_and_make_two_quotes(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("Li/NNP@PERSON Wei/NNP@PERSON said/VBD/say the/DT factory/NN would/MD close/VB "
                 "and/CC added/VBD/add that/IN workers/NNS would/MD lose/VB jobs/NNS ./.")
    first, second = quotes(doc)
    assert summary(first) == ("Li Wei", "said", "the factory would close")
    assert summary(second) == ("Li Wei", "added", "workers would lose jobs")


def test_backshifted_content_stops_before_the_speakers_next_act(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("Tomas/NNP Berg/NNP said/VBD/say the/DT vote/NN had/VBD/have been/VBN/be "
                 "unfair/JJ and/CC called/VBD/call for/IN a/DT recount/NN ./.")
    (q,) = quotes(doc)
    assert q.content == "the vote had been unfair"


def test_according_to_at_start_end_and_middle(tagged: Callable[[str], Doc]) -> None:
    start = tagged("According/VBG/accord to/IN the/DT Red/NNP Cross/NNP ,/, 300/CD people/NNS "
                   "are/VBP/be missing/JJ ./.")
    end = tagged("The/DT convoy/NN was/VBD/be attacked/VBN/attack ,/, according/VBG/accord to/IN "
                 "local/JJ officials/NNS ./.")
    middle = tagged("The/DT president/NN ,/, according/VBG/accord to/IN two/CD aides/NNS ,/, "
                    "rejected/VBD/reject the/DT plan/NN ./.")
    assert summary(quotes(start)[0]) == ("Red Cross", "According to", "300 people are missing")
    assert summary(quotes(end)[0]) == ("local officials", "according to", "The convoy was attacked")
    (q,) = quotes(middle)
    assert q.content == "The president, according to two aides, rejected the plan"


def test_according_to_inside_a_reported_clause_is_a_source(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("According/VBG/accord to/IN the/DT Interior/NNP Ministry/NNP ,/, Rahul/NNP "
                 "Mehta/NNP said/VBD/say ,/, the/DT attackers/NNS had/VBD/have crossed/VBN/cross "
                 "at/IN night/NN ./.")
    (q,) = quotes(doc)
    assert summary(q) == ("Rahul Mehta", "said", "the attackers had crossed at night")
    assert [(c.name, c.kind) for c in q.cites] == [("Interior Ministry", "organisation")]
