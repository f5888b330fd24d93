"""The gold list (tests/gold/actors.yaml): >= 300 cases across all continents, pinned at >= 95%.

The minimum accuracy and the gold file's hash are pinned in tests/gold/actors_baseline.json, so a
change that makes the resolver worse, or an edit of the gold file, shows up in review.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import pytest

from actors.gold import GOLD, load_cases, score

BASELINE = json.loads((Path(__file__).resolve().parents[1] / "gold" / "actors_baseline.json")
                      .read_text())


def test_gold_file_is_the_pinned_one():
    digest = hashlib.sha256(GOLD.read_bytes()).hexdigest()
    assert digest == BASELINE["sha256"], "gold file changed: update actors_baseline.json"


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


def test_gold_accuracy(resolver, blank_nlp):
    accuracy, failures = score(resolver, blank_nlp)
    assert accuracy >= BASELINE["min_accuracy"], failures


@pytest.mark.model
def test_gold_accuracy_with_the_bundled_pipeline(resolver):
    """The same gold through the trained pipeline (tagger, parser and NER add information the
    rules may use; they must not make it worse)."""
    from entente import nlp

    accuracy, failures = score(resolver, nlp.load())
    assert accuracy >= BASELINE["min_accuracy"], failures
