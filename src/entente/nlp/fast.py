"""The fast path: fully parse only the sentences that can hold an event or a quote.

Each text is tokenized and split into sentences cheaply (paragraph breaks, then spaCy's rule-based
sentencizer). A `Candidate` predicate picks the sentences worth parsing; those go through the whole
pipeline (as one-sentence Docs, batched across texts), the others keep only their tokens and
sentence boundaries. The parsed annotations are then written back into the article's own Doc, so
it is ONE Doc over the article's exact text and character offsets are the same as on the full
path. Unparsed tokens have empty `tag_`, `pos_`, `lemma_` and `dep_` and are their own heads. Sentence boundaries may differ slightly from the
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
from typing import TYPE_CHECKING, Any, cast

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


# what a parsed sentence hands back to its article's Doc (HEAD is relative, so it moves as is)
ATTRS = ("TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "ENT_KB_ID",
         "ENT_ID")


def fast_pipe(nlp: Language, texts: Iterable[str], *, candidate: Candidate, batch_size: int,
              n_process: int) -> Iterator[Doc]:
    """Parse texts (in order) fully only in candidate sentences; see the module docstring."""
    it = iter(texts)
    while batch := list(islice(it, batch_size)):
        docs = [split_sentences(nlp, t) for t in batch]
        wanted = [(i, s) for i, doc in enumerate(docs) for s in doc.sents if candidate(s)]
        parsed = nlp.pipe((sentence_doc(s) for _, s in wanted), batch_size=batch_size * 8,
                          n_process=n_process)
        by_doc: list[list[tuple[Span, Doc]]] = [[] for _ in docs]
        for (i, span), piece in zip(wanted, parsed, strict=True):
            by_doc[i].append((span, piece))
        for doc, pieces in zip(docs, by_doc, strict=True):
            yield merge(doc, pieces)


def sentence_doc(span: Span) -> Doc:
    """A new Doc with the sentence's tokens (cheaper than `span.as_doc()`, which copies all)."""
    from spacy.tokens import Doc

    return Doc(span.doc.vocab, words=[t.text for t in span],
               spaces=[bool(t.whitespace_) for t in span])


def merge(doc: Doc, pieces: list[tuple[Span, Doc]]) -> Doc:
    """Write each parsed sentence's annotations into the article's Doc, at the sentence's place.

    Unparsed sentences keep their cheap boundaries; a parsed one takes the parser's (which may
    split it further). Sentence starts are written last: setting heads recomputes them from the
    heads alone, which would forget the unparsed sentences.
    """
    import numpy
    from spacy.attrs import SENT_START

    if not pieces:
        return doc
    starts = doc.to_array([SENT_START])
    values = numpy.zeros((len(doc), len(ATTRS)), dtype="uint64")
    for span, piece in pieces:
        values[span.start:span.end] = piece.to_array(list(ATTRS))
        starts[span.start:span.end] = piece.to_array([SENT_START])
    # spaCy's stubs want its own Ints2d type; these are plain uint64 arrays, which it accepts
    doc.from_array(list(ATTRS), cast(Any, values))
    doc.from_array([SENT_START], cast(Any, starts.reshape(-1, 1)))
    return doc
