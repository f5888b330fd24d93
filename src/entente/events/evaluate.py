"""Scoring the coder on gold sentences (`entente eval`; the gold format is in docs/EVAL.md).

An event is matched by dyad and root code: source and target as country (ISO3) or, for an
intergovernmental organisation, its acronym; a reciprocal event (gold or coded) matches either
direction. Gold may list alternatives (a list of actors or codes) and mark an event `optional`
(coding it is fine, missing it is not an error). Modality is scored apart: a matched event with
the wrong modality is a modality error, and the worst kind — a negated or hypothetical event
coded as asserted — is counted on its own. Dates and locations are scored on the matched events
whose gold gives one.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import msgspec

from entente.errors import UsageError
from entente.records import Actor, Event

__all__ = ["GoldEvent", "GoldItem", "Report", "actor_key", "load_gold", "score", "score_items"]

Alt = str | list[str | None] | None


class GoldEvent(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    source: Alt = None
    target: Alt = None
    cameo: str | list[str]
    modality: str = "asserted"
    reciprocal: bool = False
    optional: bool = False
    date: str | None = None
    location: str | None = None
    note: str = ""

    def roots(self) -> set[str]:
        codes = [self.cameo] if isinstance(self.cameo, str) else self.cameo
        return {c[:2] for c in codes}

    def sources(self) -> set[str | None]:
        return _alts(self.source)

    def targets(self) -> set[str | None]:
        return _alts(self.target)


class GoldItem(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    id: str
    text: str
    events: list[GoldEvent]
    published: str | None = None
    split: str = "dev"
    tags: list[str] = msgspec.field(default_factory=list)
    note: str = ""
    where: str = ""


class Found(msgspec.Struct, frozen=True, kw_only=True):
    """One coded event, as the scorer sees it."""

    source: str | None
    target: str | None
    cameo: str
    modality: str
    reciprocal: bool
    date: str | None
    location: str | None
    trigger: str
    rule: str

    def describe(self) -> str:
        arrow = "<->" if self.reciprocal else "->"
        return (f"{self.source or '-'} {arrow} {self.target or '-'} {self.cameo} {self.modality}"
                f" [{self.trigger} / {self.rule}]")


class Line(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    text: str
    event: str


class Report(msgspec.Struct, kw_only=True):
    items: int = 0
    gold: int = 0
    coded: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    optional_matched: int = 0
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    modality_errors: int = 0
    non_asserted_as_asserted: int = 0
    modality_confusion: dict[str, int] = msgspec.field(default_factory=dict)
    dates_scored: int = 0
    dates_right: int = 0
    locations_scored: int = 0
    locations_right: int = 0
    misses: list[Line] = msgspec.field(default_factory=list)
    false_positives: list[Line] = msgspec.field(default_factory=list)
    modality_wrong: list[Line] = msgspec.field(default_factory=list)
    by_root: dict[str, dict[str, int]] = msgspec.field(default_factory=dict)


def _alts(value: Alt) -> set[str | None]:
    if isinstance(value, list):
        return set(value)
    return {value}


def actor_key(actor: Actor | None) -> str | None:
    """The scorer's view of an actor: its IGO acronym, else its country (ISO3), else None."""
    if actor is None:
        return None
    if actor.org and (not actor.country or (actor.code or "").startswith("IGO")):
        return actor.org
    return actor.country or actor.org


def found_from(ev: Event) -> Found:
    return Found(source=actor_key(ev.source), target=actor_key(ev.target), cameo=ev.cameo,
                 modality=ev.modality, reciprocal=ev.reciprocal, date=ev.date,
                 location=ev.location.name if ev.location else None,
                 trigger=ev.evidence.trigger, rule=ev.evidence.rule)


def load_gold(paths: Sequence[str | Path]) -> list[GoldItem]:
    """Gold items from JSONL files (one object per line; blank lines and # comments skipped)."""
    items: list[GoldItem] = []
    ids: set[str] = set()
    for path in paths:
        p = Path(path)
        try:
            lines = p.read_text("utf-8").splitlines()
        except OSError as exc:
            raise UsageError(f"cannot read gold file: {exc.strerror}", where=str(p)) from None
        for n, line in enumerate(lines, start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                raw = json.loads(line)
                item = msgspec.convert({**raw, "where": f"{p.name}:{n}"}, GoldItem)
            except (ValueError, msgspec.ValidationError) as exc:
                raise UsageError(f"bad gold record: {exc}", where=f"{p}:{n}") from None
            if item.id in ids:
                raise UsageError(f"duplicate gold id {item.id!r}", where=f"{p}:{n}")
            ids.add(item.id)
            items.append(item)
    return items


def _matches(g: GoldEvent, f: Found) -> bool:
    if f.cameo[:2] not in g.roots():
        return False
    srcs, tgts = g.sources(), g.targets()
    if f.source in srcs and f.target in tgts:
        return True
    return (g.reciprocal or f.reciprocal) and f.target in srcs and f.source in tgts


def match_item(gold: Sequence[GoldEvent], found: Sequence[Found]) -> tuple[
        list[tuple[GoldEvent, Found]], list[GoldEvent], list[Found]]:
    """Pairs (gold, found), unmatched gold, unmatched found. Required gold first; a found
    event with the gold's modality is preferred."""
    free = list(found)
    pairs: list[tuple[GoldEvent, Found]] = []
    missed: list[GoldEvent] = []
    for g in sorted(gold, key=lambda g: g.optional):
        cands = [f for f in free if _matches(g, f)]
        if not cands:
            if not g.optional:
                missed.append(g)
            continue
        best = next((f for f in cands if f.modality == g.modality), cands[0])
        free.remove(best)
        pairs.append((g, best))
    return pairs, missed, free


def score_items(items: Sequence[GoldItem], coded: Sequence[Sequence[Found]]) -> Report:
    r = Report(items=len(items))
    roots: dict[str, Counter[str]] = {}
    for item, found in zip(items, coded, strict=True):
        pairs, missed, extra = match_item(item.events, found)
        r.gold += sum(not g.optional for g in item.events)
        r.coded += len(found)
        for g, f in pairs:
            _score_pair(r, item, g, f, roots)
        for g in missed:
            r.fn += 1
            roots.setdefault(sorted(g.roots())[0], Counter())["fn"] += 1
            r.misses.append(Line(id=item.id, text=item.text, event=_describe_gold(g)))
        for f in extra:
            r.fp += 1
            roots.setdefault(f.cameo[:2], Counter())["fp"] += 1
            r.false_positives.append(Line(id=item.id, text=item.text, event=f.describe()))
    r.precision = r.tp / (r.tp + r.fp) if r.tp + r.fp else 0.0
    r.recall = r.tp / (r.tp + r.fn) if r.tp + r.fn else 0.0
    total = r.precision + r.recall
    r.f1 = 2 * r.precision * r.recall / total if total else 0.0
    r.by_root = {k: dict(v) for k, v in sorted(roots.items())}
    return r


def _score_pair(r: Report, item: GoldItem, g: GoldEvent, f: Found,
                roots: dict[str, Counter[str]]) -> None:
    if g.optional:
        r.optional_matched += 1
    else:
        r.tp += 1
        roots.setdefault(f.cameo[:2], Counter())["tp"] += 1
    if f.modality != g.modality:
        r.modality_errors += 1
        key = f"{g.modality}->{f.modality}"
        r.modality_confusion[key] = r.modality_confusion.get(key, 0) + 1
        if g.modality != "asserted" and f.modality == "asserted":
            r.non_asserted_as_asserted += 1
        r.modality_wrong.append(Line(id=item.id, text=item.text,
                                     event=f"gold {g.modality}, coded {f.describe()}"))
    if g.date is not None:
        r.dates_scored += 1
        r.dates_right += f.date == g.date
    if g.location is not None:
        r.locations_scored += 1
        r.locations_right += bool(f.location) and g.location.lower() in (f.location or "").lower()


def _describe_gold(g: GoldEvent) -> str:
    arrow = "<->" if g.reciprocal else "->"
    return f"{g.source or '-'} {arrow} {g.target or '-'} {g.cameo} {g.modality}"


def code_items(items: Sequence[GoldItem], engine: Any) -> list[list[Found]]:
    """Code every gold item's text with an `Engine` (batched), as the scorer sees the output."""
    from entente.ingest import make_article
    from entente.records import ArticleRecord

    articles = [make_article(id=i.id, text=i.text, published=i.published) for i in items]
    out: list[list[Found]] = []
    for rec in engine.code_many(articles):
        if not isinstance(rec, ArticleRecord):
            raise UsageError(f"coding failed: {rec.message}", where=rec.origin)
        out.append([found_from(e) for e in rec.events])
    return out


def score(paths: Sequence[str | Path], engine: Any = None, split: str | None = None) -> Report:
    """Score the coder on gold files (optionally one split: dev or test)."""
    items = [i for i in load_gold(paths) if split in (None, "all", i.split)]
    if engine is None:
        from entente.pipeline import Engine

        engine = Engine()
    return score_items(items, code_items(items, engine))


def format_report(r: Report, details: bool = True, limit: int = 200) -> Iterable[str]:
    yield (f"items {r.items}  gold events {r.gold}  coded {r.coded}  tp {r.tp}  fp {r.fp}  "
           f"fn {r.fn}  (optional matched {r.optional_matched})")
    yield f"precision {r.precision:.3f}  recall {r.recall:.3f}  F1 {r.f1:.3f}"
    yield (f"modality errors {r.modality_errors} (negated/hypothetical coded as asserted: "
           f"{r.non_asserted_as_asserted}) {r.modality_confusion}")
    if r.dates_scored:
        yield f"dates {r.dates_right}/{r.dates_scored}"
    if r.locations_scored:
        yield f"locations {r.locations_right}/{r.locations_scored}"
    if not details:
        return
    for title, lines in (("misses", r.misses), ("false positives", r.false_positives),
                         ("modality errors", r.modality_wrong)):
        if lines:
            yield f"-- {title} ({len(lines)})"
            for ln in lines[:limit]:
                yield f"  {ln.id}: {ln.event}  | {ln.text}"
