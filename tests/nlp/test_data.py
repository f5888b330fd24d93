"""Lint of the nlp data files (nlp/data/*.yaml): schema, no duplicates, patterns that compile."""

from __future__ import annotations

import pytest
import spacy

from entente.nlp.dates import DatePatterns
from entente.nlp.fast import default_candidate
from entente.nlp.gazetteer import DATA_DIR, kb_names, load_gazetteer, read_yaml

SCHEMAS = {
    "entities.yaml": {"loc_heads", "loc_names", "norp", "person_titles", "trailing_titles",
                      "org_heads",
                      "not_entities"},
    "dates.yaml": {"sets", "patterns", "anchors", "validate", "bare_year_blockers"},
    "cues.yaml": {"quote_marks", "reporting", "cues", "irregular", "actor_pronouns"},
}


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_files_have_exactly_the_documented_keys(name):
    data = read_yaml(DATA_DIR / name)
    assert set(data) == SCHEMAS[name], f"{name}: keys {sorted(data)}"


@pytest.mark.parametrize(("name", "key"), [
    ("entities.yaml", k) for k in sorted(SCHEMAS["entities.yaml"])
] + [("cues.yaml", k) for k in ("quote_marks", "reporting", "irregular", "actor_pronouns")]
  + [("dates.yaml", "bare_year_blockers")])
def test_word_lists_are_strings_without_duplicates(name, key):
    words = read_yaml(DATA_DIR / name)[key]
    assert words and all(isinstance(w, str) and w.strip() == w and w for w in words), key
    dupes = sorted({w for w in words if words.count(w) > 1})
    assert not dupes, f"{name}: {key} repeats {dupes}"


def test_date_sets_have_no_duplicates_and_patterns_compile():
    data = read_yaml(DATA_DIR / "dates.yaml")
    for name, words in data["sets"].items():
        assert len(words) == len(set(words)), f"dates.yaml: set {name} repeats a word"
    matcher = DatePatterns.load(DATA_DIR).matcher(spacy.blank("en").vocab)
    assert len(matcher) == len(data["patterns"])


def test_generic_data_does_not_repeat_knowledge_base_names():
    """Country names, demonyms, cities and organisations belong to the knowledge base only."""
    kb = {n.text for n in kb_names() if n.label in {"GPE", "ORG", "PERSON"} or n.kb_id}
    data = read_yaml(DATA_DIR / "entities.yaml")
    overlap = sorted(kb & set(data["loc_names"] + data["norp"]))
    assert not overlap, f"entities.yaml repeats knowledge-base names: {overlap}"


def test_gazetteer_labels_are_known():
    g = load_gazetteer()
    assert {n.label for n in g.names} <= {"PERSON", "ORG", "GPE", "LOC", "NORP"}
    assert all(n.text == n.text.strip() and n.text for n in g.names)


def test_default_candidate_loads():
    cand = default_candidate()
    assert "said" in cand.reporting and "attacked" in cand.cues


def test_every_date_pattern_needs_an_anchor_or_a_number():
    """Only sentences with an anchor word or a number are matched: a pattern that could match
    without one would silently never fire."""
    dates = DatePatterns.load(DATA_DIR)
    numeric = {"SHAPE", "LIKE_NUM", "IS_DIGIT"}
    for name, (tokens,) in dates.patterns.items():
        required = [t for t in tokens if t.get("OP") not in {"?", "*"}]
        ok = False
        for tok in required:
            if numeric & set(tok):
                ok = True
            for attr in ("LOWER", "ORTH"):
                value = tok.get(attr)
                words = value.get("IN") if isinstance(value, dict) else [value] if value else []
                if words and all(str(w).lower() in dates.anchors for w in words):
                    ok = True
        assert ok, f"dates.yaml: pattern {name} has no required anchor or number token"
