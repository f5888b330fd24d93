"""Quotation marks → quoted segments, on the raw text (no parse needed).

Newswire writes quotes four ways, and all four appear in the same feeds:

* curly double marks “…”, the usual case;
* straight double marks "…", where the same character opens and closes: a mark opens when it
  follows a space, a paragraph start or an opening bracket, and closes when it precedes a space or
  punctuation;
* single marks ‘…’ (British style, and nested quotes). ’ is also the apostrophe ("doesn’t",
  "Russia’s", "the countries’ competition"), so a ’ closes a quote only while a ‘ is open, and a ‘
  opens one only at the start of a word;
* a quote running over several paragraphs: the journalistic convention leaves the paragraph
  without a closing mark and opens the next paragraph with a new opening mark. Such a quote is one
  segment whose content runs across the paragraph break (the inner opening marks stay in it).

Quotes nested inside a double-quoted segment are part of its content; only top-level segments are
returned. An unclosed segment ends at its paragraph's end.
"""

from __future__ import annotations

import msgspec

OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
STRAIGHT = '"'
OPEN_SINGLE = "‘‹"
CLOSE_SINGLE = "’›"
ALL_MARKS = OPEN_DOUBLE + CLOSE_DOUBLE + STRAIGHT + OPEN_SINGLE + CLOSE_SINGLE + "'"


class Segment(msgspec.Struct, frozen=True, kw_only=True):
    """One top-level quoted stretch: `start`/`end` bound the content (marks excluded), `open` and
    `close` are the mark positions (`close` is None when the quote was never closed), `single` says
    whether single marks were used, `paragraphs` how many paragraphs it spans."""

    start: int
    end: int
    open: int
    close: int | None
    single: bool = False
    paragraphs: int = 1


def paragraphs(text: str) -> list[tuple[int, int]]:
    """[start, end) of each paragraph: runs of text separated by a blank line."""
    spans, pos = [], 0
    for part in text.split("\n\n"):
        if part.strip():
            lead = len(part) - len(part.lstrip())
            spans.append((pos + lead, pos + len(part.rstrip())))
        pos += len(part) + 2
    return spans


def _opens(text: str, i: int) -> bool:
    """Whether the straight or single mark at `i` opens (follows a boundary, precedes text)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/" or before in OPEN_DOUBLE) and not after.isspace()


def _closes(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())


def _double_role(text: str, i: int, inside: bool) -> str | None:
    ch = text[i]
    if ch in OPEN_DOUBLE:
        return "open"
    if ch in CLOSE_DOUBLE:
        return "close"
    if ch == STRAIGHT:
        if inside and _closes(text, i):
            return "close"
        if not inside and _opens(text, i):
            return "open"
        return "close" if inside else None
    return None


def _single_role(text: str, i: int, inside: bool) -> str | None:
    ch = text[i]
    if ch in OPEN_SINGLE or (ch == "'" and not inside):
        return "open" if _opens(text, i) else None
    if ch in CLOSE_SINGLE or ch == "'":
        return "close" if inside and _closes(text, i) else None
    return None


def _scan_paragraph(text: str, start: int, end: int) -> tuple[list[list[int]], int | None]:
    """Top-level [open, close] pairs inside one paragraph, and the position of a double mark left
    open at its end (None when every quote closed)."""
    pairs: list[list[int]] = []
    double_at: int | None = None
    single_at: int | None = None
    for i in range(start, end):
        ch = text[i]
        if ch not in ALL_MARKS:
            continue
        if single_at is None:
            role = _double_role(text, i, double_at is not None)
            if role == "open" and double_at is None:
                double_at = i
            elif role == "close" and double_at is not None:
                pairs.append([double_at, i, 0])
                double_at = None
            elif role is None and double_at is None and ch in OPEN_SINGLE + "'" and \
                    _single_role(text, i, False) == "open":
                single_at = i
            continue
        if _single_role(text, i, True) == "close":
            pairs.append([single_at, i, 1])
            single_at = None
    return pairs, double_at


def segments(text: str) -> list[Segment]:
    """Every top-level quoted segment of `text`, in order (see the module docstring)."""
    out: list[Segment] = []
    carry: tuple[int, int] | None = None  # (open mark, paragraphs so far) of a quote left open
    paras = paragraphs(text)
    for n, (start, end) in enumerate(paras):
        pairs, left_open = _scan_paragraph(text, start, end)
        if carry is not None:
            if text[start] in OPEN_DOUBLE + STRAIGHT and pairs and pairs[0][0] == start:
                first = pairs.pop(0)
                out.append(Segment(start=carry[0] + 1, end=first[1], open=carry[0], close=first[1],
                                   paragraphs=carry[1] + 1))
                carry = None
            elif text[start] in OPEN_DOUBLE + STRAIGHT and left_open == start:
                carry = (carry[0], carry[1] + 1)
                left_open = None
            else:
                prev_end = paras[n - 1][1]
                out.append(Segment(start=carry[0] + 1, end=prev_end, open=carry[0], close=None,
                                   paragraphs=carry[1]))
                carry = None
        for open_at, close_at, single in pairs:
            out.append(Segment(start=open_at + 1, end=close_at, open=open_at, close=close_at,
                               single=bool(single)))
        if left_open is not None:
            carry = (left_open, 1)
    if carry is not None:
        out.append(Segment(start=carry[0] + 1, end=paras[-1][1], open=carry[0], close=None,
                           paragraphs=carry[1]))
    out.sort(key=lambda s: s.open)
    return out
