"""The gold scorer: matching by dyad and root, reciprocity, optional events, modality apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from entente.errors import UsageError
from entente.events.evaluate import Found, GoldEvent, GoldItem, actor_key, load_gold, score_items
from entente.records import Actor


def found(src, tgt, cameo, modality="asserted", reciprocal=False, date=None):
    return Found(source=src, target=tgt, cameo=cameo, modality=modality, reciprocal=reciprocal,
                 date=date, location=None, trigger="x", rule="r")


def item(*events, id="g1"):
    return GoldItem(id=id, text="t", events=list(events))


def test_match_by_dyad_and_root_ignoring_subcode() -> None:
    g = GoldEvent(source="TUR", target="AZE", cameo="057")
    r = score_items([item(g)], [[found("TUR", "AZE", "050")]])
    assert (r.tp, r.fp, r.fn, r.f1) == (1, 0, 0, 1.0)


def test_wrong_direction_is_a_miss_and_a_false_positive() -> None:
    g = GoldEvent(source="RUS", target="UKR", cameo="19")
    r = score_items([item(g)], [[found("UKR", "RUS", "190")]])
    assert (r.tp, r.fp, r.fn) == (0, 1, 1)


def test_reciprocal_matches_either_direction() -> None:
    g = GoldEvent(source="ARM", target="AZE", cameo="19", reciprocal=True)
    r = score_items([item(g)], [[found("AZE", "ARM", "190")]])
    assert r.tp == 1
    g2 = GoldEvent(source="ARM", target="AZE", cameo="19")
    assert score_items([item(g2)], [[found("AZE", "ARM", "190", reciprocal=True)]]).tp == 1


def test_alternatives_and_optional_events() -> None:
    g = GoldEvent(source=["SAU", "ARE"], target="QAT", cameo=["08", "05"])
    opt = GoldEvent(source="QAT", target=None, cameo="01", optional=True)
    r = score_items([item(g, opt)], [[found("ARE", "QAT", "050"), found("QAT", None, "010")]])
    assert (r.tp, r.fp, r.fn, r.optional_matched) == (1, 0, 0, 1)
    r = score_items([item(g, opt)], [[found("ARE", "QAT", "050")]])
    assert (r.tp, r.fn) == (1, 0)  # a missing optional event is no miss


def test_modality_errors_are_counted_apart() -> None:
    g = GoldEvent(source="DEU", target="UKR", cameo="07", modality="negated")
    r = score_items([item(g)], [[found("DEU", "UKR", "072", "asserted")]])
    assert r.tp == 1 and r.modality_errors == 1 and r.non_asserted_as_asserted == 1
    assert r.modality_confusion == {"negated->asserted": 1}


def test_non_events_make_false_positives() -> None:
    r = score_items([item()], [[found("KEN", None, "190")]])
    assert (r.tp, r.fp, r.fn, r.precision) == (0, 1, 0, 0.0)
    assert r.false_positives[0].id == "g1"


def test_dates_are_scored_on_matched_events() -> None:
    g = GoldEvent(source="TUR", target="AZE", cameo="05", date="2021-06")
    r = score_items([item(g)], [[found("TUR", "AZE", "057", date="2021-06")]])
    assert (r.dates_scored, r.dates_right) == (1, 1)


def test_actor_key_prefers_igo_acronym() -> None:
    assert actor_key(Actor(text="NATO", code="IGONATO", org="NATO")) == "NATO"
    assert actor_key(Actor(text="Turkish army", code="TURMIL", country="TUR")) == "TUR"
    assert actor_key(None) is None


def test_gold_files_load_and_errors_name_the_line(tmp_path: Path) -> None:
    good = {"id": "a", "text": "x", "events": [{"source": "TUR", "cameo": "04"}]}
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(good) + "\n\n# comment\n" + json.dumps({**good, "id": "b"}) + "\n")
    assert [i.id for i in load_gold([path])] == ["a", "b"]
    path.write_text(json.dumps(good) + "\n" + json.dumps({"id": "b", "events": []}) + "\n")
    with pytest.raises(UsageError, match=r"g.jsonl:2"):
        load_gold([path])
    path.write_text(json.dumps(good) + "\n" + json.dumps(good) + "\n")
    with pytest.raises(UsageError, match="duplicate gold id"):
        load_gold([path])


def test_repository_gold_is_well_formed(repo_dir: Path) -> None:
    files = sorted((repo_dir / "tests" / "gold").glob("events*.jsonl"))
    items = load_gold(files)
    assert len(items) >= 300
    roots = {r for i in items for e in i.events for r in e.roots()}
    assert roots >= {f"{n:02d}" for n in range(1, 21)}
    assert {i.split for i in items} == {"dev", "test"}
    assert sum(not i.events for i in items) >= 40  # non-events
    for i in items:
        for e in i.events:
            assert e.modality in ("asserted", "negated", "hypothetical"), i.id
