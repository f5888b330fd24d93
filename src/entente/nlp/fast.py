"""The fast path: fully parse only the sentences that can hold an event or a quote.

Each text is tokenized and split into sentences cheaply (paragraph breaks, then spaCy's rule-based
sentencizer). A `Candidate` predicate picks the sentences worth parsing; those go through the whole
pipeline (as one-sentence Docs, batched across texts), the others keep only their tokens and
sentence boundaries. The pieces are then joined back into ONE Doc over the article's exact text, so
character offsets are the same as on the full path. Sentence boundaries may differ slightly from the
full path's (the parser may split a candidate sentence further).

A candidate test is any callable `(Span) -> bool`. `CueCandidate` is the usual one: quote marks,
reporting verbs, or a cue word with an actor-like token; the event coder and the quote extractor
pass their own words (`CueCandidate(cues=lexicon.trigger_words(), ...)`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from entente.nlp.gazetteer import DATA_DIR, read_yaml

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Span

Candidate = Callable[["Span"], bool]


def inflections(word: str) -> set[str]:
    """Regular English inflections of a base form: -s/-es, -ed/-d, -ing, -ies/-ied (crude on purpose:
    a few extra forms cost nothing, a missing one costs a parse)."""
    w = word.lower()
    forms = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing"}
    if w.endswith("e"):
        forms.add(w[:-1] + "ing")
    if w.endswith("y"):
        forms |= {w[:-1] + "ies", w[:-1] + "ied"}
    if len(w) > 2 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}  # stop → stopped, stopping
    return forms


class CueCandidate:
    """A sentence is a candidate when it holds a quote mark, a reporting word, or a cue word
    together with an actor-like token (capitalised word after the first, acronym, or pronoun)."""

    def __init__(self, *, cues: Iterable[str] = (), reporting: Iterable[str] = (),
                 quote_marks: Iterable[str] = (), actor_pronouns: Iterable[str] = (),
                 inflect: bool = True) -> None:
        def forms(words: Iterable[str]) -> frozenset[str]:
            out: set[str] = set()
            for w in words:
                out |= inflections(w) if inflect else {w.lower()}
            return frozenset(out)

        self.cues = forms(cues)
        self.reporting = forms(reporting)
        self.quote_marks = frozenset(quote_marks)
        self.pronouns = frozenset(p.lower() for p in actor_pronouns)

    def __call__(self, sent: Span) -> bool:
        cue = actor = False
        for i, tok in enumerate(sent):
            text = tok.text
            if text in self.quote_marks:
                return True
            low = tok.lower_
            if low in self.reporting:
                return True
            cue = cue or low in self.cues
            actor = actor or low in self.pronouns or (
                text[:1].isupper() and (i > 0 or (text.isupper() and len(text) > 1)))
            if cue and actor:
                return True
        return False


@lru_cache(maxsize=1)
def default_candidate(data_dir: Path = DATA_DIR) -> CueCandidate:
    """The candidate test from nlp/data/cues.yaml."""
    data = read_yaml(data_dir / "cues.yaml")
    return CueCandidate(
        cues=[*data.get("cues", ()), *data.get("irregular", ())],
        reporting=[*data.get("reporting", ()), *data.get("irregular", ())[:3]],
        quote_marks=data.get("quote_marks", ()),
        actor_pronouns=data.get("actor_pronouns", ()),
    )


def split_sentences(nlp: Language, text: str) -> Doc:
    """Tokens and cheap sentence boundaries: paragraph breaks, then sentence-final punctuation."""
    from entente.nlp.components import paragraph_starts

    doc = nlp.make_doc(text)
    paragraph_starts(doc)
    return _sentencizer(nlp)(doc)


@lru_cache(maxsize=4)
def _sentencizer(nlp: Language) -> Callable[[Doc], Doc]:
    from spacy.pipeline import Sentencizer

    return Sentencizer(overwrite=False)


def fast_pipe(nlp: Language, texts: Iterable[str], *, candidate: Candidate, batch_size: int,
              n_process: int) -> Iterator[Doc]:
    """Parse texts (in order) fully only in candidate sentences; see the module docstring."""
    it = iter(texts)
    while batch := list(islice(it, batch_size)):
        pieces = [[s.as_doc() for s in split_sentences(nlp, t).sents] for t in batch]
        wanted = [(i, j) for i, doc_pieces in enumerate(pieces)
                  for j, piece in enumerate(doc_pieces) if candidate(piece[:])]
        parsed = nlp.pipe((pieces[i][j] for i, j in wanted), batch_size=batch_size * 8,
                          n_process=n_process)
        for (i, j), doc in zip(wanted, parsed, strict=True):
            pieces[i][j] = doc
        for text, doc_pieces in zip(batch, pieces, strict=True):
            yield join(nlp, text, doc_pieces)


def join(nlp: Language, text: str, pieces: list[Doc]) -> Doc:
    """One Doc over `text` from its sentence pieces (parsed or not).

    `Doc.from_docs` recomputes sentence starts from the heads, which forgets the boundaries of the
    unparsed pieces (their tokens have no head), so the pieces' own starts are written back.
    """
    import numpy
    from spacy.attrs import SENT_START
    from spacy.tokens import Doc

    if not pieces:
        return nlp.make_doc(text)
    for piece in pieces:
        # tok2vec output exists only on parsed pieces and cannot be joined: drop it everywhere
        piece.tensor = numpy.zeros((len(piece), 0), dtype="float32")
        if not piece.has_annotation("DEP"):
            piece[0].is_sent_start = True
    starts = numpy.concatenate([p.to_array([SENT_START]) for p in pieces])
    doc = Doc.from_docs(pieces, ensure_whitespace=False)
    doc.from_array([SENT_START], starts.reshape(-1, 1))
    if doc.text != text:  # offsets must stay valid; a failure here is a bug, not bad input
        raise AssertionError("the fast path changed the text")
    return doc
