"""Direct and mixed quotes, and quoted words that are not quotes (hand-built parses)."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from entente.quotes import extract
from entente.records import Quote


def quotes(doc: Doc, published=None) -> list[Quote]:
    return [s.quote for s in extract(doc, [], "t", published=published)]


def who(q: Quote) -> str | None:
    return q.speaker.name if q.speaker else None


def test_speaker_after_with_pronoun_resolved(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("Aisha/NNP@PERSON Rahman/NNP@PERSON leads/VBZ/lead the/DT mission/NN ./. "
                 "“/`` The/DT count/NN was/VBD/be slow/JJ ,/, ”/'' she/PRP said/VBD/say ./.")
    (q,) = quotes(doc)
    assert (who(q), q.speaker.text, q.cue, q.content, q.direct) == (
        "Aisha Rahman", "she", "said", "The count was slow,", True)
    assert q.sentence == 1
    sent = list(doc.sents)[1]
    assert sent.text[q.start:q.end] == q.content


def test_inverted_speaker_with_apposition_gives_role_and_org(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("“/`` The/DT border/NN stays/VBZ/stay closed/JJ ,/, ”/'' said/VBD/say "
                 "Kofi/NNP Mensah/NNP ,/, a/DT spokesman/NN for/IN the/DT interior/JJ ministry/NN ./.")
    (q,) = quotes(doc)
    assert (who(q), q.speaker.role, q.speaker.org) == ("Kofi Mensah", "spokesman", "interior ministry")


def test_speaker_before_colon(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("The/DT prime/JJ minister/NN told/VBD/tell parliament/NN :/: “/`` There/EX "
                 "will/MD be/VB no/DT new/JJ taxes/NNS ./. ”/''")
    (q,) = quotes(doc)
    assert (q.speaker.text, q.cue, q.content, q.direct) == (
        "The prime minister", "told", "There will be no new taxes.", True)


def test_speaker_in_the_middle_is_shared(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("“/`` We/PRP lost/VBD two/CD bridges/NNS ,/, ”/'' Sarah/NNP@PERSON Klein/NNP@PERSON "
                 "said/VBD/say ./. “/`` It/PRP will/MD take/VB years/NNS to/TO rebuild/VB ./. ”/''")
    first, second = quotes(doc)
    assert who(first) == who(second) == "Sarah Klein"
    assert second.cue == "said" and second.content == "It will take years to rebuild."


def test_multi_paragraph_quote_is_one_quote_starting_in_its_first_sentence(
        tagged: Callable[[str], Doc]) -> None:
    doc = tagged("“/`` We/PRP sat/VBD/sit there/RB for/IN hours/NNS ./. ¶ “/`` At/IN five/CD "
                 "they/PRP agreed/VBD/agree ,/, ”/'' Leila/NNP@PERSON Nasser/NNP@PERSON said/VBD/say ./.")
    (q,) = quotes(doc)
    assert q.content == "We sat there for hours.\n\n“At five they agreed,"
    assert q.sentence == 0 and q.end > len(next(iter(doc.sents)).text)  # runs past its sentence


def test_next_paragraph_sentence_continues_the_speaker_without_a_cue(
        tagged: Callable[[str], Doc]) -> None:
    doc = tagged("“/`` The/DT mines/NNS are/VBP/be everywhere/RB ,/, ”/'' said/VBD/say "
                 "Samuel/NNP Adeyemi/NNP ./. ¶ “/`` Last/JJ week/NN a/DT tractor/NN hit/VBD one/CD ./. ”/''")
    _first, second = quotes(doc)
    assert who(second) == "Samuel Adeyemi" and second.cue is None and second.direct


def test_mixed_quote_keeps_the_whole_clause(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("The/DT plan/NN is/VBZ/be “/`` dead/JJ on/IN arrival/NN ”/'' ,/, the/DT "
                 "opposition/NN leader/NN said/VBD/say ./.")
    (q,) = quotes(doc)
    assert (q.content, q.direct, q.speaker.text) == (
        "The plan is “dead on arrival”", False, "the opposition leader")


def test_scare_quotes_and_titles_are_not_quotes(tagged: Callable[[str], Doc]) -> None:
    for spec in (
        "The/DT so-called/JJ “/`` peace/NN plan/NN ”/'' failed/VBD/fail ./.",
        "Her/PRP$ memoir/NN ,/, “/`` Years/NNS of/IN Fire/NN ”/'' ,/, sold/VBD/sell well/RB ./.",
        "The/DT novel/NN ‘/`` The/DT Last/JJ Border/NN ’/'' tells/VBZ/tell the/DT story/NN "
        "of/IN a/DT smuggler/NN ./.",
        "The/DT two/CD leaders/NNS pledged/VBD/pledge “/`` closer/JJR cooperation/NN ”/'' ./.",
    ):
        assert quotes(tagged(spec)) == [], spec


def test_whole_quoted_sentence_with_no_frame_is_a_speakerless_quote(
        tagged: Callable[[str], Doc]) -> None:
    doc = tagged("The/DT banner/NN was/VBD/be red/JJ ./. ¶ “/`` We/PRP will/MD not/RB be/VB "
                 "silenced/VBN/silence ./. ”/''")
    (q,) = quotes(doc)
    assert q.speaker is None and q.cue is None and q.content == "We will not be silenced."


def test_quote_ids_and_indexes_follow_text_order(tagged: Callable[[str], Doc]) -> None:
    doc = tagged("“/`` We/PRP won/VBD/win ,/, ”/'' Tomas/NNP Berg/NNP said/VBD/say ./. "
                 "Berg/NNP said/VBD/say the/DT vote/NN was/VBD/be fair/JJ ./.")
    spans = extract(doc, [], "a1")
    assert [s.quote.id for s in spans] == ["a1:q0", "a1:q1"]
    assert [s.index for s in spans] == [0, 1]
    assert spans[1].quote.speaker.name == "Tomas Berg"
    assert doc[spans[1].content_start:spans[1].content_end].text == "the vote was fair"
    assert doc[spans[1].cue_token].text == "said"
