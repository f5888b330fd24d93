"""The event coder's quality gate (STYLE #10): pinned minimums on our own gold sets.

`tests/gold/eval_baseline.json` pins, per split, the minimum precision, recall and F1 of
`entente eval` on `tests/gold/events_*.jsonl`, the maximum number of negated or hypothetical
events coded as asserted, and the sha256 of every gold file (a gold file may not change without
the change being seen here and explained in docs/EVAL.md). Raise the minimums when the coder
improves; never lower them to let a change through.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

GOLD = Path(__file__).resolve().parent / "gold"
BASELINE = GOLD / "eval_baseline.json"


def _baseline() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(BASELINE.read_text("utf-8"))
    return data


# The sentence gold (pinned at the top level of the baseline) and the article gold (whole
# stories with background, quotes and denials; pinned under "articles").
SETS = {"events": "events*.jsonl", "articles": "articles_*.jsonl"}


def _pins(name: str) -> dict[str, Any]:
    base = _baseline()
    return base if name == "events" else base[name]  # type: ignore[no-any-return]


def _files(name: str) -> list[Path]:
    return sorted(GOLD.glob(SETS[name]))


@pytest.mark.parametrize("name", sorted(SETS))
def test_gold_files_are_the_pinned_ones(name: str) -> None:
    pinned = _pins(name)["files"]
    found = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in _files(name)}
    assert found == pinned, ("a gold file changed, appeared or disappeared: explain the change in "
                             "docs/EVAL.md and pin the new sha256 in tests/gold/eval_baseline.json")


@pytest.fixture(scope="session")
def reports() -> dict[tuple[str, str], Any]:
    from entente.events.evaluate import code_items, load_gold, score_items
    from entente.pipeline import Engine

    engine = Engine()
    out = {}
    for name in SETS:
        items = load_gold(_files(name))
        coded = code_items(items, engine)
        for split in ("dev", "test"):
            keep = [n for n, i in enumerate(items) if i.split == split]
            out[name, split] = score_items([items[n] for n in keep], [coded[n] for n in keep])
    return out


@pytest.mark.model
@pytest.mark.parametrize("name", sorted(SETS))
@pytest.mark.parametrize("split", ["dev", "test"])
def test_scores_stay_above_the_pinned_minimums(reports: dict[tuple[str, str], Any], name: str,
                                               split: str) -> None:
    pinned = _pins(name)["splits"][split]
    r = reports[name, split]
    got = {"precision": r.precision, "recall": r.recall, "f1": r.f1}
    glob = SETS[name]
    for metric in ("precision", "recall", "f1"):
        assert got[metric] >= pinned[metric], (
            f"{name} {split} {metric} fell to {got[metric]:.3f} (pinned minimum "
            f"{pinned[metric]:.3f}); run `entente eval tests/gold/{glob} --split {split}` to see "
            f"the errors")
    assert r.non_asserted_as_asserted <= pinned["max_non_asserted_as_asserted"], (
        f"{name} {split}: {r.non_asserted_as_asserted} negated/hypothetical events coded as asserted")
