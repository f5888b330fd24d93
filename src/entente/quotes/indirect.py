"""Indirect (reported) speech: a reporting verb and a clause, without quotation marks needed.

Three layouts, each read off the surface (tags and punctuation), because the dependency parse is
least reliable exactly here:

    X said (that) C.           X told Y that C.        X said in a statement on Monday that C.
    C, X said.                 C, said X.              C, X told reporters.
    X said, C.                 According to X, C.      C, according to X.

A reporting verb needs a clause to report: "announced new sanctions" (a noun phrase) is an event,
not a quote, and a belief verb ("believes", "expects") counts only with a finite clause. A passive
cue with no agent ("it was reported that") has no speaker and yields nothing.

Content stops before a trailing ", citing Y" / ", according to Y" and before a second reporting
verb joined by "and" ("said C and added that D" gives two quotes). When the reported clause is
back-shifted ("had been", "were") an "and" + past-tense verb after it goes back to the speaker
("said the vote had been unfair and called for a recount").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from entente.quotes import speakers
from entente.quotes.found import Found, QuoteMap
from entente.quotes.speakers import Subject
from entente.quotes.view import DocView

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

ADJUNCT_PREPS = frozenset({"on", "in", "at", "during", "after", "before", "to", "with", "from",
                           "late", "earlier", "via", "through", "over"})
BACKSHIFT = frozenset({"had", "would", "could", "might", "were", "was", "should", "'d"})
CLAUSE_REACH = 12  # tokens of subject allowed before the finite verb of a reported clause
BE_FORMS = frozenset({"is", "was", "were", "are", "been", "be", "being", "'s", "’s"})


def verb_quotes(view: DocView, qmap: QuoteMap, prior: list[Found]) -> list[Found]:
    """Every indirect quote with a reporting verb not already used as a direct-quote frame
    (`prior`: the direct quotes, whose speakers a following "adding that" shares)."""
    used = {f.cue for f in prior}
    out: list[Found] = []
    for i in view.cue_candidates():
        cue = view.cue(view.doc[i])
        if cue is None or i in used or cue.direct_only or _passive(view, i):
            continue
        before = sorted([*prior, *out], key=lambda f: f.cue if f.cue is not None else -1)
        found = _parenthetical(view, qmap, i) if cue.cls != "belief" else None
        found = found or (_backward(view, qmap, i) if cue.cls != "belief" else None)
        found = found or _forward(view, qmap, i, address=cue.cls == "address",
                                  belief=cue.cls == "belief", previous=before)
        if found is not None:
            out.append(found)
    return out


def _parenthetical(view: DocView, qmap: QuoteMap, v: int) -> Found | None:
    """"The talks, she said, would resume": a frame set off by commas inside its content."""
    doc = view.doc
    lo, hi = qmap.start_of_clause(v), qmap.end_of_clause(v)
    if v + 1 >= hi or doc[v + 1].text != ",":
        return None
    subject = speakers.subject_before(view, v, lo)
    if subject is None or subject.start - 1 <= lo or doc[subject.start - 1].text != ",":
        return None
    k = v + 2
    while k < hi and doc[k].tag_.startswith("RB"):
        k += 1
    if k >= hi or not view.is_finite(doc[k]) or not any(view.is_noun(t) for t in doc[lo:subject.start]):
        return None  # the clause must go on right after the frame: ", she said, would resume"
    start, end = view.trim(lo, hi)
    return Found(start=start, end=end, direct=False, cue=v, subject=subject, frame=(v, v + 1))


def _passive(view: DocView, i: int) -> bool:
    doc, j = view.doc, i - 1
    while j >= 0 and doc[j].tag_.startswith("RB"):
        j -= 1
    return doc[i].tag_ == "VBN" and j >= 0 and doc[j].lower_ in BE_FORMS


# -- C, X said ------------------------------------------------------------------------------


def _backward(view: DocView, qmap: QuoteMap, v: int) -> Found | None:
    """"C, X said." / "C, said X.": the content is the clause before the frame's comma."""
    doc = view.doc
    lo, hi = qmap.bounds(v)
    if doc[v].tag_ == "VBG":
        return None  # "..., observing the mission": a participle does not frame what precedes
    if v - 1 >= lo and doc[v - 1].text == ",":
        if not view.cue(doc[v]).inverts:  # type: ignore[union-attr]
            return None
        subject, comma = speakers.subject_after(view, v, hi), v - 1
        frame_start = v
    else:
        subject = speakers.subject_before(view, v, lo)
        if subject is None:
            return None
        first = min(subject.start, subject.role_span[0] if subject.role_span else subject.start)
        comma = first - 1
        frame_start = first
    if subject is None or comma <= lo or doc[comma].text != ",":
        return None
    if _has_clause(view, v + 1, hi, skip_subject=subject):
        return None
    start, end = view.trim(lo, comma)
    if end - start < 2 or not _has_verb(view, start, end):
        return None
    return Found(start=start, end=end, direct=False, cue=v, subject=subject,
                 frame=(frame_start, hi))


# -- X said (that) C ------------------------------------------------------------------------


def _forward(view: DocView, qmap: QuoteMap, v: int, *, address: bool, belief: bool,
             previous: list[Found]) -> Found | None:
    """"X said (that) C", "X told Y that C", "X said, C": the content follows the verb."""
    doc = view.doc
    lo, hi = qmap.bounds(v)
    k = _skip_adjuncts(view, v + 1, hi, address=address)
    if k is None or k >= hi:
        return None
    that = doc[k].lower_ == "that"
    if that:
        k += 1
    elif doc[k].lower_ in ("whether", "if") or (address and doc[k].tag_ in speakers.WH_TAGS):
        that = True  # an indirect question keeps its "whether": "asked whether C"
    elif doc[k].text == "," and k + 1 < hi and not view.is_mark(doc[k + 1]):
        if _is_frame(view, k + 1, hi):
            return None  # "C, the minister said": what follows the comma is another frame
        k += 1  # "X said, C"
    if not that and not _clause_starts(view, k, hi):
        return None
    end = _content_end(view, k, hi, v)
    start, end = view.trim(k, end)
    if end - start < 2 or (belief and not _has_finite(view, start, end)):
        return None
    earlier = [f.subject for f in previous if f.cue is not None and lo <= f.cue < v]
    subject = speakers.subject_of_cue(view, v, lo, earlier)
    if subject is None or doc[subject.head].lower_ == "you":
        return None  # "do you think ...?": a question to someone, not a claim
    return Found(start=start, end=end, direct=False, cue=v, subject=subject, frame=(lo, hi))


def _skip_adjuncts(view: DocView, k: int, hi: int, *, address: bool) -> int | None:
    """Skip what may sit between a cue and its content: an addressee (tell, warn, assure),
    time and venue phrases ("on Monday", "in a statement", "to reporters"), adverbs."""
    doc = view.doc
    if address and k < hi and doc[k].lower_ != "that":
        np = speakers.np_right(view, k, hi)
        if np is not None and not _subject_of_clause(view, np, hi):
            k = np[1]
    for _ in range(6):
        if k >= hi:
            return k
        t = doc[k]
        if t.tag_ == "RB" and t.lower_ not in ("not", "n't", "never"):
            k += 1
        elif t.lower_ in ADJUNCT_PREPS and t.lower_ != "that":
            np = speakers.np_right(view, k + 1, hi)
            if np is None:
                return k
            k = np[1]
        elif _time_word(t, doc[k + 1] if k + 1 < hi else None) or \
                (t.text == "," and k + 1 < hi and doc[k + 1].lower_ == "that"):
            k += 1
        else:
            return k
    return k


def _time_word(tok: Token, nxt: Token | None) -> bool:
    """"on Monday", "last week": skipped, unless possessive ("said Saturday's crash ...")."""
    return (tok.lower_ in speakers.TIME_WORDS or tok.ent_type_ in ("DATE", "TIME")) and \
        not (nxt is not None and nxt.tag_ == "POS")


def _is_frame(view: DocView, k: int, hi: int) -> bool:
    """Whether tokens [k, hi) are a reporting frame: a subject and a cue, then adjuncts."""
    doc = view.doc
    for j in range(k, hi):
        if view.cue(doc[j]) is not None:
            subject = speakers.subject_before(view, j, k)
            return subject is not None and subject.start == k and \
                not any(view.is_finite(doc[x]) for x in range(j + 1, hi))
        if view.is_finite(doc[j]):
            return False
    return False


def _subject_of_clause(view: DocView, np: tuple[int, int], hi: int) -> bool:
    """Whether a noun phrase after "told" is the subject of the reported clause ("told the army
    had left") rather than the addressee ("told the press the officers had left")."""
    doc, j = view.doc, np[1]
    while j < hi and doc[j].tag_.startswith("RB"):
        j += 1
    return j < hi and view.is_finite(doc[j])


def _clause_starts(view: DocView, k: int, hi: int, *, strict: bool = False) -> bool:
    """Whether a finite clause starts at token k: a subject-like stretch (nouns, determiners,
    prepositions, no other verb: "more than half of the hospitals"), then a finite verb."""
    doc = view.doc
    if k >= hi or not (view.is_np(doc[k]) or doc[k].tag_ in ("EX", "JJR", "RBR")):
        return False
    for j in range(k, min(hi, k + CLAUSE_REACH)):
        t = doc[j]
        if view.is_finite(t):
            return j > k
        if t.lower_ in ("that", "which", "who", "whether") or (t.text == "," and strict):
            return False
        if view.is_verb(t) and t.tag_ not in ("VBN", "VBG"):
            return False
    return False


def _content_end(view: DocView, k: int, hi: int, v: int) -> int:
    """Where forward content stops (see the module docstring)."""
    doc = view.doc
    backshifted = any(doc[x].lower_ in BACKSHIFT for x in range(k, min(hi, k + 8)))
    for j in range(k, hi):
        t = doc[j]
        nxt = doc[j + 1] if j + 1 < hi else None
        if t.text == "," and nxt is not None and (view.is_citing(nxt) or view.source_phrase(j + 1)):
            return j
        if t.lower_ in ("and", "but") and nxt is not None:
            if view.cue(nxt) is not None and view.cue(nxt).cls != "belief":  # type: ignore[union-attr]
                return j
            if backshifted and _same_tense(doc[v].tag_, nxt.tag_):
                return j
        if t.text == "," and nxt is not None and nxt.lower_ == "but" and j + 2 < hi and \
                doc[j + 2].lower_ != "that":
            return j  # "X says A, but B": B is no longer X's
        if t.text == "," and nxt is not None and nxt.tag_ == "VBG" and view.cue(nxt) is not None:
            return j  # ", adding that ...": a quote of its own
        if t.text == "," and nxt is not None and j + 2 < hi and view.cue(doc[j + 2]) is not None \
                and _is_subject_pronoun(nxt):
            return j  # "..., he added"
    return hi


def _same_tense(cue_tag: str, tag: str) -> bool:
    """A verb after "and" in the tense of the cue is the speaker's next act ("said ... had been
    unfair and called for"); taggers often give such past forms VBN."""
    return tag == cue_tag or (cue_tag == "VBD" and tag == "VBN")


def _is_subject_pronoun(tok: object) -> bool:
    return tok.lower_ in ("he", "she", "they", "it", "we", "i")  # type: ignore[attr-defined]


def _has_verb(view: DocView, start: int, end: int) -> bool:
    return any(view.is_verb(view.doc[x]) or view.is_mark(view.doc[x]) for x in range(start, end))


def _has_finite(view: DocView, start: int, end: int) -> bool:
    return any(view.is_finite(view.doc[x]) for x in range(start, end))


def _has_clause(view: DocView, start: int, end: int, *, skip_subject: Subject) -> bool:
    """Whether a that-clause or finite clause follows the frame (then it is a forward quote)."""
    doc = view.doc
    for j in range(start, end):
        if skip_subject.start <= j < skip_subject.end:
            continue
        if doc[j].lower_ == "that" and j + 1 < end and not view.is_verb(doc[j + 1]):
            return True
        if doc[j].text == "," and j + 1 < end and (
                view.is_citing(doc[j + 1]) or view.source_phrase(j + 1) or
                (doc[j + 1].tag_ == "VBG" and view.cue(doc[j + 1]) is not None)):
            return False  # ", citing Y" / ", adding that ...": the frame ends here
        if view.is_finite(doc[j]) and j > start:
            return True
    return False


# -- according to ---------------------------------------------------------------------------


def source_phrases(view: DocView, qmap: QuoteMap) -> list[Found]:
    """"According to Y, C" / "C, according to Y" / "X, according to Y, did C"."""
    out = []
    first = {p[0] for p in view.lex.source_phrases}
    for i, word in enumerate(view.lowers):
        n = view.source_phrase(i) if word in first else 0
        if not n:
            continue
        found = _according(view, qmap, i, n)
        if found is not None:
            out.append(found)
    return out


def _according(view: DocView, qmap: QuoteMap, i: int, n: int) -> Found | None:
    doc = view.doc
    lo, hi = qmap.start_of_clause(i), qmap.end_of_clause(i)
    np = speakers.np_right(view, i + n, hi)
    if np is None:
        return None
    after = np[1]
    if after < hi and doc[after].text == ",":
        appos = speakers.np_right(view, after + 1, hi)
        if appos is not None and appos[1] < hi and doc[appos[1]].text == "," and \
                not _clause_starts(view, after + 1, hi, strict=True):
            after = appos[1]
    subject = speakers.Subject(start=np[0], end=np[1], head=speakers.head_of(view, *np))
    lead = [t for t in doc[lo:i] if not (t.is_punct or t.lower_ in ("but", "and", "yet"))]
    if not lead:  # According to Y, C.
        start, end = view.trim(after, hi)
    elif not _has_finite(view, after, hi):  # C, according to Y (published in June by Z).
        start, end = view.trim(lo, i)
    else:  # X, according to Y, did C: the content keeps the inserted phrase
        start, end = view.trim(lo, hi)
    if end - start < 2:
        return None
    return Found(start=start, end=end, direct=False, cue=i, cue_end=i + n, subject=subject,
                 frame=(i, after), source=np)
