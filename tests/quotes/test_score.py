"""The gold scorer: matching, overlap and speaker comparison (entente.quotes.score)."""

from __future__ import annotations

import pytest

from entente.quotes.score import Counts, GoldCase, GoldQuote, Predicted, norm, score_case

TEXT = "The plan is dead, Maria Lopez said. The “peace plan” failed."


def case(*quotes: GoldQuote) -> GoldCase:
    return GoldCase(id="c", text=TEXT, quotes=list(quotes))


GOLD = GoldQuote(speaker="Maria Lopez", cue="said", content="The plan is dead")


def span(text: str) -> tuple[int, int]:
    start = TEXT.index(text)
    return start, start + len(text)


def test_exact_prediction_scores_one() -> None:
    c = Counts()
    s, e = span("The plan is dead")
    score_case(case(GOLD), [Predicted(start=s, end=e, speaker_name="Maria Lopez", speaker_text="Lopez",
                                      cue="said")], c)
    r = c.report()
    assert r["speaker_f1"] == r["cue_f1"] == r["content_f1"] == r["detection_f1"] == 1.0


def test_overlap_counts_words_and_ignores_punctuation() -> None:
    c = Counts()
    s, e = span("plan is dead,")
    score_case(case(GOLD), [Predicted(start=s, end=e, speaker_text="Maria Lopez", cue="SAID")], c)
    r = c.report()
    assert r["content_precision"] == 1.0 and r["content_recall"] == pytest.approx(3 / 4)
    assert r["speaker_f1"] == 1.0 and r["cue_f1"] == 1.0


def test_a_scare_quote_costs_precision_and_a_wrong_speaker_costs_both() -> None:
    c = Counts()
    s, e = span("The plan is dead")
    s2, e2 = span("peace plan")
    score_case(case(GOLD), [Predicted(start=s, end=e, speaker_text="she", cue="said"),
                            Predicted(start=s2, end=e2)], c)
    r = c.report()
    assert r["detection_f1"] == pytest.approx(2 / 3)
    assert r["speaker_f1"] == 0.0
    assert r["content_precision"] == pytest.approx(4 / 6)
    assert any("spurious" in line for line in c.errors)


def test_no_gold_quote_and_no_prediction_is_perfect() -> None:
    c = Counts()
    score_case(case(), [], c)
    assert c.report()["speaker_f1"] == 1.0


@pytest.mark.parametrize(("a", "b"), [("The Kremlin", "kremlin"), ("NATO's", "NATO"),
                                      ("U.S. Embassy", "US embassy"), ("a spokesman", "Spokesman")])
def test_names_are_normalised(a: str, b: str) -> None:
    assert norm(a) == norm(b)
