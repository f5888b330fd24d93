"""Direct quotes: a quoted segment and the frame that says who spoke it.

A segment is framed when a reporting verb and its subject sit right next to it:

    “...,” Iddon said.          “...,” said Kofi Mensah, a spokesman.      (frame after)
    She said: “...”             The prime minister told parliament: “...”  (frame before)
    “...,” she said. “...”      “...,” he said, “...”                      (a frame shared by the
                                                                            segment after it)

A frame after the segment whose segment does not open its sentence makes a mixed quote ("The plan
is “dead on arrival”, the minister said."): the content is the whole reported clause, marks
included, and `direct` is false.

Policy for segments with no frame (documented in entente/quotes/README.md):

* inside the content of another quote: part of it, not a quote of its own;
* right after a framed quote, with nothing but punctuation between: same speaker and cue;
* a whole sentence in quotation marks (capital letter, a verb, at least four words, final
  punctuation) that opens a paragraph after a paragraph ending in a quote: same speaker, no cue;
* any other whole quoted sentence: a quote with no speaker;
* anything else (scare quotes, titles, names, slogans, single words): not a quote.
"""

from __future__ import annotations

from entente.quotes import speakers
from entente.quotes.found import Found, QuoteMap, SegTokens
from entente.quotes.view import DocView

FRAME_REACH = 14  # tokens after a closing mark within which the reporting verb must appear
BEFORE_REACH = 8  # tokens of addressee or adjunct allowed between a verb and an opening mark
MIN_SENTENCE_WORDS = 4


def frame_after(view: DocView, qmap: QuoteMap, st: SegTokens) -> Found | None:
    """“...,” X said / said X: the frame that follows a segment's closing mark."""
    if st.close is None:
        return None
    doc, k = view.doc, st.close + 1
    if st.end > st.start and doc[st.end - 1].text == "." and k < len(doc) and \
            doc[k].text[:1].isupper():
        return None  # “... .” He also said: the quote closed its sentence; a new one starts
    while k < len(doc) and doc[k].text in (",", "—", "–"):
        k += 1
    hi = view.clause_end(k) if k < len(doc) else k
    if k >= hi:
        return None
    cue = next((j for j in range(k, min(hi, k + FRAME_REACH)) if _speech(view, j)), None)
    if cue is None:
        return None
    if cue == k:
        if not view.cue(doc[cue]).inverts:  # type: ignore[union-attr]
            return None  # "tells the story": tell does not invert
        subject = speakers.subject_after(view, cue, hi)
    else:
        subject = speakers.subject_before(view, cue, k)
        if subject is None:
            return None
        starts = [subject.start] + ([subject.role_span[0]] if subject.role_span else [])
        if min(starts) != k:
            return None
    if subject is None:
        return None
    lo = qmap.start_of_clause(st.open)
    if any(not (doc[x].is_punct or doc[x].is_space) for x in range(lo, st.open)) and \
            frame_before(view, qmap, st) is None:
        # a mixed quote: the quoted words are part of a clause that starts before them
        return Found(start=lo, end=st.close + 1, direct=False, cue=cue, subject=subject,
                     frame=(k, hi), segment=st.seg)
    return Found(start=st.start, end=st.end, direct=True, cue=cue, subject=subject,
                 frame=(k, hi), segment=st.seg)


def frame_before(view: DocView, qmap: QuoteMap, st: SegTokens) -> Found | None:
    """X said: “...” / X told reporters, “...”: the frame that ends at a segment's opening mark."""
    doc, j = view.doc, st.open - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    punct = j >= 0 and doc[j].text in (":", ",")
    if punct:
        j -= 1
    lo = view.clause_start(st.open)
    cue = None
    for v in range(j, max(lo, j - BEFORE_REACH) - 1, -1):
        t = doc[v]
        if _speech(view, v):
            cue = v
            break
        if view.is_verb(t) or t.lower_ in ("that", "whether") or view.is_mark(t):
            return None
    if cue is None or not (punct or sentence_like(view, st)):
        return None
    subject = speakers.subject_of_cue(view, cue, qmap.start_of_clause(cue))
    if subject is None:
        return None
    return Found(start=st.start, end=st.end, direct=True, cue=cue, subject=subject,
                 frame=(lo, st.open), segment=st.seg)


def sentence_like(view: DocView, st: SegTokens) -> bool:
    """A whole quoted sentence rather than a fragment (see the module docstring)."""
    doc = view.doc
    words = [t for t in doc[st.start:st.end] if not (t.is_punct or t.is_space)]
    if len(words) < MIN_SENTENCE_WORDS or not words[0].text[:1].isupper():
        return False
    if not any(view.is_verb(t) for t in words):
        return False
    last = doc[st.end - 1].text if st.end > st.start else ""
    return last in (".", "!", "?", ",", "…") or (st.close is not None and st.close + 1 < len(doc)
                                                 and doc[st.close + 1].text in (".", "!", "?"))


def continuation(view: DocView, st: SegTokens, previous: Found | None) -> Found | None:
    """A segment with no frame of its own that continues the quote before it (see the module
    docstring), or a speakerless whole sentence; None for fragments."""
    doc = view.doc
    if previous is not None and previous.direct and previous.frame is not None:
        gap = max(previous.frame[1], previous.end + 1)
        between = doc[gap:st.open]
        same_para = view.para_index(st.open) == view.para_index(gap - 1)
        if same_para and all(t.is_punct or t.is_space or t.lower_ == "and" for t in between):
            return Found(start=st.start, end=st.end, direct=True, cue=previous.cue,
                         subject=previous.subject, frame=None, segment=st.seg, inherited=True)
    if not sentence_like(view, st):
        return None
    if previous is not None and previous.direct and _opens_paragraph(view, st) and \
            view.para_index(st.open) - view.para_index(previous.end - 1) == 1 and \
            _ends_paragraph(view, previous):
        return Found(start=st.start, end=st.end, direct=True, cue=None, subject=previous.subject,
                     segment=st.seg, inherited=True)
    return Found(start=st.start, end=st.end, direct=True, segment=st.seg)


def _speech(view: DocView, i: int) -> bool:
    cue = view.cue(view.doc[i])
    return cue is not None and cue.cls != "belief"


def _opens_paragraph(view: DocView, st: SegTokens) -> bool:
    return view.para_bounds(st.open)[0] == st.open


def _ends_paragraph(view: DocView, f: Found) -> bool:
    """Whether nothing but the quote's own frame follows it in its paragraph."""
    last = f.frame[1] if f.frame is not None else f.end
    hi = view.para_bounds(max(f.end - 1, f.start))[1]
    return all(t.is_punct or t.is_space for t in view.doc[last:hi])
