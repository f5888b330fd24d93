"""The gold list (tests/gold/actors.yaml): >= 300 cases across all continents, pinned at >= 95%.

The minimum accuracy and the gold file's hash are pinned in tests/gold/actors_baseline.json, so a
change that makes the resolver worse, or an edit of the gold file, shows up in review.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter

import pytest

from actors.gold import GOLD, load_cases, score

GOLD_DIR = GOLD.parent
BASELINE = json.loads((GOLD_DIR / "actors_baseline.json").read_text())


@pytest.mark.parametrize("name", sorted(BASELINE))
def test_gold_files_are_the_pinned_ones(name):
    digest = hashlib.sha256((GOLD_DIR / name).read_bytes()).hexdigest()
    assert digest == BASELINE[name]["sha256"], f"{name} changed: update actors_baseline.json"


def test_gold_covers_every_continent_and_kind():
    cases = load_cases()
    assert len(cases) >= 300
    assert len({c["id"] for c in cases}) == len(cases)
    regions = Counter(c["id"][:2] for c in cases)
    assert all(regions[r] >= 40 for r in ("eu", "me", "as", "af", "am")), regions
    assert sum(1 for c in cases if "sentence" in c) >= 120
    kinds = Counter(c["expect"].get("kind") for c in cases)
    assert kinds["metonymy"] >= 1 and kinds["place"] >= 5 and kinds["title"] >= 1
    assert sum(1 for c in cases if str(c["expect"].get("code", "")).endswith("ELI")) >= 30


@pytest.mark.parametrize("name", sorted(BASELINE))
def test_gold_accuracy(resolver, blank_nlp, name):
    accuracy, failures = score(resolver, blank_nlp, load_cases(GOLD_DIR / name))
    assert accuracy >= BASELINE[name]["min_accuracy"], failures


@pytest.mark.model
@pytest.mark.parametrize("name", sorted(BASELINE))
def test_gold_accuracy_with_the_bundled_pipeline(resolver, name):
    """The same gold through the trained pipeline (tagger, parser and NER add information the
    rules may use; they must not make it worse). Only sentence cases need the pipeline."""
    from entente import nlp

    cases = [c for c in load_cases(GOLD_DIR / name) if "sentence" in c]
    accuracy, failures = score(resolver, nlp.load(), cases)
    assert accuracy >= BASELINE[name]["min_accuracy"], failures
