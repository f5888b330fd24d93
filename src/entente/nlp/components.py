"""entente's own pipeline components (registered with spaCy when `entente.nlp` loads the model).

* `entente_paragraphs` (first, before tok2vec): the token after a paragraph break ("\\n\\n") starts
  a sentence and the break token stays with the sentence before it; the attribution after a quote
  closed by a comma does not start one. The parser keeps preset sentence starts (and non-starts),
  so a sentence never crosses a paragraph.
* `entente_entities` (after ner): the statistical NER knows PERSON, ORG and LOC (all places). This
  component, driven by data files and the knowledge base (see gazetteer.py), splits places into
  GPE and LOC, adds NORP and DATE, trims titles and demonyms off the front of person names, and
  adds knowledge-base names the model missed, and makes labels consistent within the document
  (consistency.py: a bare surname of a person named in full is that person). Every entity it
  makes or changes carries its rule in `span.id_` ("entente.kb", "entente.data", "entente.date",
  "entente.place", "entente.doc") and, where the knowledge base knows it, the actor code in
  `span.kb_id_` (ISO3 for a country or demonym, the entry id for an organisation).

Neither component has weights: they save nothing and rebuild from the data files on load.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from entente.nlp.consistency import majority_labels, propagate_surnames
from entente.nlp.dates import DatePatterns
from entente.nlp.gazetteer import DATA_DIR, Gazetteer, Name, load_gazetteer
from entente.nlp.names import NameMatcher
from entente.nlp.relabel import Relabeller, given_name_persons


@Language.factory("entente_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> Any:
    return paragraph_starts


def is_paragraph_break(text: str) -> bool:
    return text.count("\n") >= 2 and not text.strip()


CLOSING_QUOTES = {'"', "\u201d", "'", "\u2019"}


def paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence after every paragraph break (the break token ends the sentence before),
    and never right after a quote that closes on a comma or on ?/! before a lowercase word: the
    attribution that follows belongs to the quote's sentence ("...,” the minister said.")."""
    for tok in doc[:-1]:
        if tok.is_space and is_paragraph_break(tok.text):
            doc[tok.i + 1].is_sent_start = True
            if tok.i > 0 and tok.is_sent_start is not True:
                tok.is_sent_start = False
        elif tok.i >= 1 and tok.text in CLOSING_QUOTES:
            nxt, before = doc[tok.i + 1], doc[tok.i - 1].text
            if nxt.is_sent_start is None and not nxt.is_space and (before == "," or (
                    before in {"?", "!"} and nxt.text[:1].islower())):
                nxt.is_sent_start = False
    return doc


@Language.factory(
    "entente_entities",
    assigns=["doc.ents"],
    default_config={"data_dir": None, "use_kb": True},
)
def make_entities(nlp: Language, name: str, data_dir: str | None, use_kb: bool) -> EntityRules:
    return EntityRules(nlp, load_gazetteer(Path(data_dir) if data_dir else DATA_DIR,
                                           use_kb=use_kb),
                       DatePatterns.load(Path(data_dir) if data_dir else DATA_DIR))


class EntityRules:
    """Post-NER rules: relabel, trim, add gazetteer names and dates (see the module docstring)."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer, dates: DatePatterns) -> None:
        self.gazetteer = gazetteer
        self.lookup: dict[str, Name] = {n.text: n for n in gazetteer.names}
        self.names = NameMatcher(gazetteer.names)
        self.relabeller = Relabeller(gazetteer, self.lookup)
        self.dates: Matcher = dates.matcher(nlp.vocab)
        self.date_patterns = dates

    def __call__(self, doc: Doc) -> Doc:
        ents: list[Span] = []
        for ent in doc.ents:
            ents.extend(self.relabeller.relabel(ent))
        ents = majority_labels(ents)
        ents = self.add_names(doc, ents)
        ents = given_name_persons(doc, ents, self.gazetteer.given_names,
                                  self.gazetteer.org_heads | self.gazetteer.loc_heads)
        ents = propagate_surnames(doc, ents)
        ents = self.add_dates(doc, ents)
        doc.set_ents(sorted(filter_spans(ents), key=lambda s: s.start), default="outside")
        return doc

    # -- gazetteer names -----------------------------------------------------------------------
    def add_names(self, doc: Doc, ents: list[Span]) -> list[Span]:
        matches = [self.name_span(doc, s, e, name) for s, e, name in self.names(doc)]
        for m in filter_spans(matches):
            overlap = [e for e in ents if e.start < m.end and m.start < e.end]
            if any(e.start < m.start or e.end > m.end for e in overlap):
                continue  # the name sits inside a longer entity ("Turkish Airlines"): keep that
            ents = [e for e in ents if e not in overlap]
            ents.append(m)
        return ents

    def name_span(self, doc: Doc, start: int, end: int, name: Name) -> Span:
        rule = "entente.data" if name.source == "data" else "entente.kb"
        return Span(doc, start, end, name.label, kb_id=name.kb_id, span_id=rule)

    # -- dates ---------------------------------------------------------------------------------
    def add_dates(self, doc: Doc, ents: list[Span]) -> list[Span]:
        strings = doc.vocab.strings
        found = []
        for region in self.date_patterns.regions(doc):
            offset = region.start if isinstance(region, Span) else 0
            for key, s, e in self.dates(region):
                span = Span(doc, s + offset, e + offset, "DATE", span_id="entente.date")
                if self.date_patterns.valid(strings[key], span):
                    found.append(span)
        taken = {i for e in ents for i in range(e.start, e.end)}
        for span in filter_spans(found):
            if not taken.intersection(range(span.start, span.end)):
                ents.append(span)
        return ents
