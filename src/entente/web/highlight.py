"""An article's text cut into segments, each knowing which actors, event triggers and quotes
cover it, so the article page can show the evidence in place.

Offsets in a record are per sentence (`sentences[i]` gives a sentence's span in `text`); marks
are placed at article offsets. A trigger is only marked where the text really says the trigger:
if the offsets and the text disagree the event is still listed, never highlighted in the wrong
place. Labels ("E2", "Q1") travel with the marks so the page reads without colour.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from entente.records import ArticleRecord, Event

KINDS = ("actor", "trigger", "quote")


@dataclass(frozen=True)
class Mark:
    kind: str  # actor | trigger | quote
    start: int  # article offsets, end exclusive
    end: int
    title: str  # what a hover (and a screen reader) says
    label: str = ""  # "E2", "Q1": shown next to the span
    ref: str = ""  # the anchor of the item in the lists below the text


@dataclass
class Segment:
    text: str
    kinds: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    before: list[Mark] = field(default_factory=list)  # quote labels opening here
    after: list[Mark] = field(default_factory=list)  # trigger labels closing here

    @property
    def classes(self) -> str:
        return " ".join(f"hl-{k}" for k in self.kinds)


def event_anchor(event_id: str) -> str:
    return f"event-{event_id}"


def quote_anchor(index: int) -> str:
    return f"quote-{index}"


def _sentence_start(record: ArticleRecord, index: int) -> int | None:
    if 0 <= index < len(record.sentences):
        return record.sentences[index][0]
    return None


def trigger_span(record: ArticleRecord, event: Event) -> tuple[int, int] | None:
    """The trigger's article offsets, checked against the text (None when they disagree)."""
    ev = event.evidence
    bases = []
    start = _sentence_start(record, event.sentence)
    if start is not None:
        bases.append(start)
    found = record.text.find(event.text) if event.text else -1
    if found >= 0:
        bases.append(found)
    for base in bases:
        lo, hi = base + ev.start, base + ev.end
        if 0 <= lo < hi <= len(record.text) and record.text[lo:hi] == ev.trigger:
            return lo, hi
    return None


def _actor_label(m: object) -> str:
    name = getattr(m, "name", None) or getattr(m, "text", "")
    code = getattr(m, "code", None)
    return f"actor: {name}" + (f" ({code})" if code else "")


def marks(record: ArticleRecord) -> list[Mark]:
    """Every actor mention, event trigger and quote of the record that lies inside its text."""
    size = len(record.text)
    out: list[Mark] = []
    for m in record.actors:
        base = _sentence_start(record, m.sentence)
        if base is not None and 0 <= base + m.start < base + m.end <= size:
            out.append(Mark("actor", base + m.start, base + m.end, _actor_label(m)))
    for i, ev in enumerate(record.events):
        span = trigger_span(record, ev)
        if span is not None:
            out.append(Mark("trigger", *span, f"event E{i + 1}: {ev.cameo} "
                                              f"({ev.modality}), trigger '{ev.evidence.trigger}'",
                            label=f"E{i + 1}", ref=event_anchor(ev.id)))
    for i, qt in enumerate(record.quotes):
        base = _sentence_start(record, qt.sentence)
        if base is None:
            continue
        lo, hi = base + qt.start, min(size, base + qt.end)
        if 0 <= lo < hi:
            who = (qt.speaker.name or qt.speaker.text) if qt.speaker else "unattributed"
            out.append(Mark("quote", lo, hi, f"quote Q{i + 1} ({who})", label=f"Q{i + 1}",
                            ref=quote_anchor(i)))
    return out


def segments(text: str, found: list[Mark]) -> list[Segment]:
    """`text` cut at every mark boundary; each piece lists the marks covering it."""
    cuts = sorted({0, len(text), *(m.start for m in found), *(m.end for m in found)})
    out = []
    for lo, hi in pairwise(cuts):
        covering = [m for m in found if m.start <= lo and m.end >= hi]
        kinds = tuple(k for k in KINDS if any(m.kind == k for m in covering))
        out.append(Segment(
            text=text[lo:hi], kinds=kinds, titles=tuple(m.title for m in covering),
            before=[m for m in found if m.kind == "quote" and m.start == lo],
            after=[m for m in found if m.kind == "trigger" and m.end == hi]))
    return out


def highlighted(record: ArticleRecord) -> list[Segment]:
    return segments(record.text, marks(record))


def evidence_parts(text: str | None, start: int | None, end: int | None) -> tuple[str, str, str]:
    """A sentence split around its trigger (before, trigger, after); all in `before` when the
    offsets do not fit the sentence."""
    text = text or ""
    if start is None or end is None or not 0 <= start < end <= len(text):
        return text, "", ""
    return text[:start], text[start:end], text[end:]
