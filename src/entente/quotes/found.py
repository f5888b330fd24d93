"""A quote as the rules find it, before it is resolved into a `QuoteSpan`.

Token spans are [start, end) into the Doc. `frame` is where the rules look for a speaker's outlet
("wrote for Forbes") and for cited sources ("citing Y", "according to Y"): the tokens of the
quote's clause that are not content.
"""

from __future__ import annotations

import msgspec

from entente.quotes.marks import Segment
from entente.quotes.speakers import Subject
from entente.quotes.view import CLAUSE_END, DocView, is_break


class Found(msgspec.Struct, frozen=True, kw_only=True):
    start: int
    end: int
    direct: bool
    cue: int | None = None
    cue_end: int | None = None  # exclusive; a multiword cue ("according to") spans several tokens
    subject: Subject | None = None
    frame: tuple[int, int] | None = None
    segment: Segment | None = None
    inherited: bool = False  # speaker taken from the quote before (continuation, no cue of its own)
    source: tuple[int, int] | None = None  # the source phrase of "according to Y" (Y's tokens)
    extra_cites: tuple[tuple[int, int], ...] = ()  # "according to Y" phrases read as cites


class SegTokens(msgspec.Struct, frozen=True, kw_only=True):
    """A quoted segment in tokens: content [start, end), its marks (None when missing)."""

    seg: Segment
    start: int
    end: int
    open: int
    close: int | None


def seg_tokens(view: DocView, seg: Segment) -> SegTokens | None:
    doc = view.doc
    content = doc.char_span(seg.start, seg.end, alignment_mode="expand")
    opener = doc.char_span(seg.open, seg.open + 1, alignment_mode="expand")
    closer = doc.char_span(seg.close, seg.close + 1, alignment_mode="expand") \
        if seg.close is not None else None
    if content is None or opener is None or len(content) == 0:
        return None
    return SegTokens(seg=seg, start=content.start, end=content.end, open=opener.start,
                     close=closer.start if closer is not None else None)


class QuoteMap:
    """Which tokens lie inside quotation marks, to find clause ends that skip over quotes."""

    def __init__(self, view: DocView, segs: list[SegTokens]) -> None:
        self.view = view
        self.segs = segs
        self.inside = bytearray(len(view.doc))
        for s in segs:
            hi = (s.close + 1) if s.close is not None else s.end
            for k in range(s.open, hi):
                self.inside[k] = 1

    def bounds(self, i: int) -> tuple[int, int]:
        """The clause of token i; inside quotation marks, never past them (a cue inside a quote
        reports only what the quote holds)."""
        lo, hi = self.start_of_clause(i), self.end_of_clause(i)
        if self.inside[i]:
            for s in self.segs:
                if s.start <= i < s.end:
                    lo, hi = max(lo, s.start), min(hi, s.end)
                    hi = min(hi, self.view.clause_end(i))
                    lo = max(lo, self.view.clause_start(i))
        return lo, hi

    def end_of_clause(self, i: int) -> int:
        """One past the last token of the sentence holding token i, skipping over quotes and
        stopping at the paragraph end (the final punctuation is excluded)."""
        view, doc = self.view, self.view.doc
        hi = view.para_bounds(i)[1]
        j = i
        while j < hi:
            if not self.inside[j] and (doc[j].text in CLAUSE_END or is_break(doc[j])):
                return j
            if self.inside[j] and self._closes_sentence(j) and j + 1 > i:
                return j + 1
            j += 1
        return hi

    def start_of_clause(self, i: int) -> int:
        """The first token of the sentence holding token i, skipping over quotes."""
        view, doc = self.view, self.view.doc
        lo = view.para_bounds(i)[0]
        j = i - 1
        while j >= lo:
            if not self.inside[j] and (doc[j].text in CLAUSE_END or is_break(doc[j])):
                return j + 1
            if self.inside[j] and self._closes_sentence(j) and j + 1 <= i:
                return j + 1
            j -= 1
        return lo

    def _closes_sentence(self, j: int) -> bool:
        """A closing mark right after . ! ? with a new sentence after it: ...deck." Authorities"""
        doc = self.view.doc
        return (self.view.is_mark(doc[j]) and j > 0 and doc[j - 1].text in CLAUSE_END and
                j + 1 < len(doc) and (doc[j + 1].is_space or doc[j + 1].text[:1].isupper()))
