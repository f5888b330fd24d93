"""Quality gate for quote extraction: pinned minimum scores on the gold sets, and the gold files'
hashes, in tests/gold/quotes_baseline.json (style: quality gates on gold data).

A change that makes attribution worse fails here. To move a minimum up after an improvement, or to
change a gold file on purpose, update quotes_baseline.json in the same commit and say why. The
test split is held out: rules are tuned on dev only, and its numbers are reported as measured.
Measures are defined in entente.quotes.score.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from entente.quotes.score import evaluate, load_gold

GOLD = Path(__file__).resolve().parent / "gold"
BASELINE = json.loads((GOLD / "quotes_baseline.json").read_text(encoding="utf-8"))


def test_gold_files_are_the_pinned_ones() -> None:
    for name, digest in BASELINE["gold_sha256"].items():
        got = hashlib.sha256((GOLD / name).read_bytes()).hexdigest()
        assert got == digest, f"{name} changed: update quotes_baseline.json on purpose, with the reason"


@pytest.fixture(scope="module")
def engine():
    from entente.pipeline import Engine

    return Engine()


@pytest.mark.model
@pytest.mark.parametrize("split", sorted(BASELINE["minimum"]))
def test_scores_meet_the_pinned_minimums(engine, split: str) -> None:
    counts = evaluate(load_gold(GOLD / f"quotes_{split}.jsonl"), engine)
    report = counts.report()
    low = {k: (round(report[k], 4), v) for k, v in BASELINE["minimum"][split].items()
           if report[k] < v}
    assert not low, f"{split}: below the pinned minimum {low}; mistakes:\n" + "\n".join(counts.errors)
