"""Scoring of tests/gold/actors.yaml (shared by the gold test and bench/actors_bench.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

GOLD = Path(__file__).resolve().parents[1] / "gold" / "actors.yaml"
FIELDS = ("code", "country", "org", "role", "id", "name")


def load_cases(path: Path = GOLD) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text("utf-8"))["cases"]


def check(case: dict[str, Any], resolver: Any, nlp: Any) -> str | None:
    """None when the case passes, else what went wrong."""
    day = case["date"] if isinstance(case["date"], date) else date.fromisoformat(case["date"])
    expect = case["expect"]
    if "text" in case:
        got = resolver.resolve(str(case["text"]), day)
        return _compare(expect, got, None)
    doc = nlp(case["sentence"])
    start = case["sentence"].index(case["mention"])
    covering = [m for m in resolver.mentions(doc, day) if m.char_start <= start < m.char_end]
    if expect.get("absent"):
        return None if not [m for m in covering if m.actor.code] else f"unexpected {covering}"
    if not covering:
        return "no mention covers it"
    return _compare(expect, covering[0].actor, covering[0])


def _compare(expect: dict[str, Any], actor: Any, mention: Any) -> str | None:
    if actor is None:
        return "resolved to nothing"
    wrong = [f"{f}={getattr(actor, f)!r} (want {expect[f]!r})" for f in FIELDS
             if f in expect and getattr(actor, f) != expect[f]]
    if "kind" in expect and mention is not None and mention.kind != expect["kind"]:
        wrong.append(f"kind={mention.kind!r} (want {expect['kind']!r})")
    return "; ".join(wrong) or None


def score(resolver: Any, nlp: Any, cases: list[dict[str, Any]] | None = None):
    """(accuracy, failures as (id, problem))."""
    cases = cases if cases is not None else load_cases()
    failures = []
    for case in cases:
        problem = check(case, resolver, nlp)
        if problem:
            failures.append((case["id"], problem))
    return 1 - len(failures) / len(cases), failures
