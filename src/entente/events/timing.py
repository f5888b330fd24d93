"""When: attaching the sentence's date expressions to its events.

`dates.find` reads every date expression of a sentence; this module decides which event each
one dates. A date belongs to an event when it modifies the event's clause ("signed the
declaration *in June*", "*October's* clashes"), not when another event noun comes first on the
way up ("reached new heights following *October's clashes*"). An undated event in a clause that
hangs on a dated one ("the clashes in the region, *where* Turkish support proved crucial")
shares its date. Otherwise the event takes the publication date (`date_from: "published"`), and
a relative expression with no publication date leaves the date unknown, never guessed.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date
from typing import TYPE_CHECKING, Any

from entente.events import syntax as sx
from entente.events.dates import DateMatch, find
from entente.events.places import where_antecedent
from entente.events.syntax import Token
from entente.events.triggers import Frame

if TYPE_CHECKING:  # pragma: no cover
    from entente.events.sides import Context

__all__ = ["as_date", "event_date", "own_date", "sentence_dates"]


def sentence_dates(sent: Any, published: date | None, future: bool) -> list[tuple[DateMatch, Token]]:
    out = []
    starts = [t.idx - sent.start_char for t in sent]
    for m in find(sent.text, published, future):
        lo, hi = bisect_left(starts, m.start), bisect_left(starts, m.end)
        toks = [sent[k] for k in range(lo, hi)]  # the tokens starting inside the match
        if not toks:
            continue
        inside = {t.i for t in toks}
        head = next((t for t in toks if t.head.i not in inside or t.head == t), toks[0])
        out.append((m, head))
    return out


def _attached(head: Token, f: Frame, nouns: set[int]) -> bool:
    """Does a date expression headed at `head` modify this frame's clause? Not when another
    event noun comes first on the way up ("reached new heights following *October's clashes*")."""
    targets = set(f.tokens) | {f.trigger.i}
    carrier = f.trigger.head
    if (not sx.is_verbal(f.trigger) and carrier != f.trigger and sx.is_verbal(carrier)
            and sx.dep(f.trigger) in ("obj", "nsubj", "nsubj:pass")):
        targets.add(carrier.i)
    for a in sx.ancestors(head, 6):
        if a.i in targets:
            return True
        if sx.is_verbal(a) or a.i in nouns:
            return False
    # "*In 2020*, Turkey provided drones": a parse that hangs the clause on the date
    for a in sx.ancestors(f.trigger, 3):
        if a.i == head.i:
            return True
        if sx.is_verbal(a):
            return False
    return False


def own_date(f: Frame, ctx: Context, nouns: set[int]) -> DateMatch | None:
    for m, head in ctx.past_dates:
        if _attached(head, f, nouns - {f.trigger.i}):
            return m
    return _when_date(f, ctx)


def _when_date(f: Frame, ctx: Context) -> DateMatch | None:
    """An event in a "when" clause right after a date happened then: "since September 2023,
    *when* Azerbaijani troops seized ...", "after June 2020, *when* soldiers were killed ...".
    Read from the words (a parser may hang the clause on the main verb instead of the date)."""
    verb = sx.clause_verb(f.trigger)
    when = [c for c in verb.children if c.lower_ == "when" and c.i < verb.i]
    if not when:
        return None
    i = when[0].i - 1
    doc = f.trigger.doc
    while i >= 0 and doc[i].is_punct:
        i -= 1
    if i < 0:
        return None
    at = doc[i].idx - ctx.sent.start_char
    for m in find(ctx.sent.text, ctx.published, anchors=True):
        if m.start <= at < m.end:
            return m
    return None


def event_date(f: Frame, ctx: Context, own: dict[int, DateMatch | None], found: list[Frame],
                future: bool) -> tuple[str | None, str | None]:
    match = own.get(f.trigger.i)
    if match is not None and future:
        match = next((m for m, _ in ctx.future_dates if m.start == match.start), match)
    if match is None:
        match = _inherited(f, own, found)
    if match is not None and match.value is not None:
        return match.value, "text"
    if match is not None and match.relative:
        return None, None  # a relative date with no publication date: unknown, never guessed
    if ctx.published is not None:
        return ctx.published.isoformat(), "published"
    return None, None


def _inherited(f: Frame, own: dict[int, DateMatch | None], found: list[Frame]) -> DateMatch | None:
    """An undated event in a clause hanging on a dated event ("October's clashes in the region,
    *where* Turkish support proved crucial") shares its date."""
    owner = {i: fr.trigger.i for fr in found for i in fr.tokens}
    antecedent = where_antecedent(f.trigger)
    chains = [list(sx.ancestors(f.trigger, 8))]
    if antecedent is not None:
        chains.insert(0, [antecedent, *sx.ancestors(antecedent, 8)])
    for chain in chains:
        for a in chain:
            if a.i in owner and own.get(owner[a.i]) is not None and owner[a.i] != f.trigger.i:
                return own[owner[a.i]]
            if sx.dep(a) in ("ccomp", "parataxis"):
                break
    return None


def as_date(value: str | None) -> date | None:
    """A day inside an ISO date of any precision, for resolving office holders."""
    if not value:
        return None
    parts = value.split("-")
    try:
        if len(parts) == 1:
            return date(int(parts[0]), 7, 1)
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 15)
        return date.fromisoformat(value)
    except ValueError:
        return None
