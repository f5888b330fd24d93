"""A read-only view of one parsed article for the attribution rules.

It answers the small questions every rule asks (which sentence and paragraph is this token in, is
it a verb, is it a reporting verb, where does its clause start) once per document, so the rules
stay short. The rules never trust the parser alone: a 6k-words/s CNN parser gets about one
dependency in five wrong, so every construction that matters also has a surface pattern over
tags and punctuation.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from entente.quotes import marks
from entente.quotes.lexicon import Lexicon, VerbCue

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

CLAUSE_END = frozenset({".", "!", "?", ";"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
NP_TAGS = frozenset({"DT", "PDT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "POS",
                     "PRP$", "HYPH", "PRP", "NFP", "FW"})
QUOTE_CHARS = frozenset(marks.ALL_MARKS)
SUBORDINATORS = frozenset({"that", "whether", "if", "because", "although", "while", "when",
                           "who", "which", "whom", "whose", "where"})


def is_break(tok: Token) -> bool:
    """A paragraph break ("\n\n"); a single line break inside hard-wrapped text is not one."""
    return tok.is_space and "\n\n" in tok.text


def base_dep(tok: Token) -> str:
    """The universal part of a dependency label ("nsubj:pass" -> "nsubj"); "ROOT" -> "root"."""
    return tok.dep_.split(":")[0].lower()


class DocView:
    """Per-document indexes and token predicates (see the module docstring)."""

    def __init__(self, doc: Doc, lexicon: Lexicon) -> None:
        self.doc = doc
        self.lex = lexicon
        self.text = doc.text
        self.sents: list[Span] = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        self._sent_starts = [s.start for s in self.sents]
        self.paras = marks.paragraphs(self.text)
        self._para_starts = [p[0] for p in self.paras]
        self._source_first = {p[0] for p in lexicon.source_phrases}
        # one pass over the tokens: the hot loops read these plain lists, not Token objects
        self.lowers: list[str] = [t.lower_ for t in doc]
        self.lemmas: list[str] = [t.lemma_.lower() for t in doc]
        self.tagged = doc.has_annotation("TAG")
        self.parsed = doc.has_annotation("DEP")

    # -- where ---------------------------------------------------------------------------------
    def sent_index(self, i: int) -> int:
        return max(0, bisect.bisect_right(self._sent_starts, i) - 1)

    def para_index(self, i: int) -> int:
        return max(0, bisect.bisect_right(self._para_starts, self.doc[i].idx) - 1)

    def para_bounds(self, i: int) -> tuple[int, int]:
        """Token bounds [start, end) of the paragraph holding token i."""
        p = self.para_index(i)
        lo, hi = self.paras[p]
        span = self.doc.char_span(lo, hi, alignment_mode="expand")
        return (span.start, span.end) if span is not None else (i, i + 1)

    def clause_start(self, i: int, floor: int = 0) -> int:
        """The first token of the stretch holding token i: after the previous sentence-final mark
        or quotation mark or paragraph start (the parser's sentence boundaries are not trusted
        around quotation marks)."""
        lo = max(floor, self.para_bounds(i)[0])
        j = i - 1
        while j >= lo:
            t = self.doc[j]
            if t.text in CLAUSE_END or self.is_mark(t) or is_break(t):
                return j + 1
            j -= 1
        return lo

    def clause_end(self, i: int) -> int:
        """One past the last token before the next sentence-final mark, quotation mark or
        paragraph end (exclusive; the closing punctuation itself is not included)."""
        hi = self.para_bounds(i)[1]
        j = i
        while j < hi:
            t = self.doc[j]
            if t.text in CLAUSE_END or self.is_mark(t) or is_break(t):
                return j
            j += 1
        return hi

    # -- what ----------------------------------------------------------------------------------
    @staticmethod
    def is_mark(tok: Token) -> bool:
        """A quotation mark (an apostrophe of a possessive is not one: "Analytics' economist")."""
        return len(tok.text) == 1 and tok.text in QUOTE_CHARS and tok.tag_ != "POS"

    def is_verb(self, tok: Token) -> bool:
        if not self.tagged:
            return tok.pos_ in ("VERB", "AUX")
        return tok.tag_.startswith("VB") or tok.tag_ == "MD"

    def is_finite(self, tok: Token) -> bool:
        """A finite verb; a bare "have"/"be"/"do" not after "to" or a modal counts too, because
        taggers often give an auxiliary VB where VBP is right ("the reforms have done")."""
        if tok.tag_ in FINITE_TAGS:
            return True
        if tok.tag_ == "VB" and tok.lower_ in ("have", "be", "do", "are", "were"):
            prev = tok.doc[tok.i - 1] if tok.i else None
            return prev is None or (prev.lower_ != "to" and prev.tag_ != "MD")
        return False

    def is_np(self, tok: Token) -> bool:
        return tok.tag_ in NP_TAGS or tok.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ", "DET")

    def is_noun(self, tok: Token) -> bool:
        return tok.tag_.startswith("NN") or tok.tag_ == "PRP" or tok.pos_ in ("NOUN", "PROPN",
                                                                            "PRON")

    def is_name(self, tok: Token) -> bool:
        return tok.tag_ in ("NNP", "NNPS") or tok.pos_ == "PROPN"

    def cue(self, tok: Token) -> VerbCue | None:
        """The reporting-verb cue of a token used as a verb, or None."""
        cue = self.lex.verb(tok.lower_, tok.lemma_.lower())
        if cue is None or not self.is_verb(tok):
            return None
        return cue

    def is_citing(self, tok: Token) -> bool:
        """ "citing" / "quoting": a participle that introduces a cited source."""
        return tok.lower_.endswith("ing") and (tok.lower_ in self.lex.citing or
                                               tok.lemma_.lower() in self.lex.citing)

    def cue_candidates(self) -> list[int]:
        """Indexes of tokens whose form or lemma is a reporting verb (before the verb test)."""
        verbs = self.lex.verbs
        return [i for i, (w, lem) in enumerate(zip(self.lowers, self.lemmas, strict=True))
                if w in verbs or lem in verbs]

    def source_phrase(self, i: int) -> int:
        """Length of a source phrase ("according to") starting at token i, or 0."""
        if self.doc[i].lower_ not in self._source_first:
            return 0
        for phrase in self.lex.source_phrases:
            n = len(phrase)
            if i + n <= len(self.doc) and all(
                    self.doc[i + k].lower_ == w for k, w in enumerate(phrase)):
                return n
        return 0

    def text_of(self, start: int, end: int) -> str:
        if start >= end:
            return ""
        return self.text[self.doc[start].idx:self.doc[end - 1].idx + len(self.doc[end - 1])]

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """Drop punctuation and spaces at both ends of a token span (quotation marks kept when
        they pair up inside: a mixed quote keeps its marks)."""
        doc = self.doc
        while start < end and ((doc[start].is_punct and not self._opening(doc[start]))
                               or doc[start].is_space or (doc[start].lower_ == "that"
                               and doc[start].dep_ in ("mark", ""))):
            start += 1
        while end > start and ((doc[end - 1].is_punct and not self._closing(doc[end - 1], start))
                               or doc[end - 1].is_space):
            end -= 1
        return start, end

    def _opening(self, tok: Token) -> bool:
        return self.is_mark(tok) and tok.text not in marks.CLOSE_DOUBLE + marks.CLOSE_SINGLE

    def _closing(self, tok: Token, start: int) -> bool:
        """A closing mark ends a span only when the span also holds an opening one."""
        if not self.is_mark(tok):
            return False
        return any(self._opening(self.doc[k]) for k in range(start, tok.i))
