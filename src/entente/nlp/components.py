"""entente's own pipeline components (registered with spaCy when `entente.nlp` loads the model).

* `entente_paragraphs` (first, before tok2vec): the token after a paragraph break ("\\n\\n") starts
  a sentence and the break token stays with the sentence before it. The parser keeps preset
  sentence starts, so a sentence never crosses a paragraph.
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

from collections.abc import Iterable
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

PLACE_LABELS = {"GPE", "LOC"}
ARTICLES = {"the", "The"}
# parts of speech that never open or close a name: an entity the model stretched over them is cut
EDGE_POS = {"VERB", "AUX", "ADP", "PUNCT", "SPACE", "PRON", "SCONJ", "CCONJ", "PART", "ADV", "DET"}


@Language.factory("entente_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> Any:
    return paragraph_starts


def is_paragraph_break(text: str) -> bool:
    return text.count("\n") >= 2 and not text.strip()


def paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence after every paragraph break; the break token ends the sentence before."""
    for tok in doc[:-1]:
        if tok.is_space and is_paragraph_break(tok.text):
            doc[tok.i + 1].is_sent_start = True
            if tok.i > 0 and tok.is_sent_start is not True:
                tok.is_sent_start = False
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
        self.dates: Matcher = dates.matcher(nlp.vocab)
        self.date_patterns = dates

    def __call__(self, doc: Doc) -> Doc:
        ents: list[Span] = []
        for ent in doc.ents:
            ents.extend(self.relabel(ent))
        ents = majority_labels(ents)
        ents = self.add_names(doc, ents)
        ents = propagate_surnames(doc, ents)
        ents = self.add_dates(doc, ents)
        doc.set_ents(sorted(filter_spans(ents), key=lambda s: s.start), default="outside")
        return doc

    # -- statistical entities ------------------------------------------------------------------
    def relabel(self, ent: Span) -> list[Span]:
        """A statistical entity, trimmed and relabelled; may yield a NORP for a leading demonym."""
        doc = ent.doc
        start, end = trim_edges(doc, ent.start, ent.end)
        out: list[Span] = []
        if ent.label_ == "PERSON":
            start, out = self.trim_person(doc, start, end)
        if start >= end or doc[start:end].text in self.gazetteer.not_entities:
            return out
        if ent.label_ != "PERSON":
            while start < end - 1 and doc[start].pos_ == "NUM":  # "Sixty Sri Lankan"
                start += 1
        if ent.label_ == "ORG":  # "NATO Secretary(-General)": the title is not the organisation
            while end - 1 > start and doc[end - 1].text in self.gazetteer.trailing_titles:
                end -= 1
        text = doc[start:end].text
        known = self.lookup.get(text)
        if known is not None and known.label in {"GPE", "LOC", "ORG", "NORP"}:
            return [*out, Span(doc, start, end, known.label, kb_id=known.kb_id,
                               span_id="entente.kb")]
        if ent.label_ == "LOC":
            label = "LOC" if self.is_feature(doc[start:end]) else "GPE"
            return [*out, Span(doc, start, end, label, span_id="entente.place")]
        return [*out, Span(doc, start, end, ent.label_, kb_id=ent.kb_id_, span_id=ent.id_)]

    def is_feature(self, span: Span) -> bool:
        """A geographic feature, not a polity: "Caspian Sea", "Bay of Bengal", "Niger River"."""
        heads = self.gazetteer.loc_heads
        return span[-1].text in heads or (len(span) > 2 and span[0].text in heads
                                          and span[1].text == "of")

    def trim_person(self, doc: Doc, start: int, end: int) -> tuple[int, list[Span]]:
        """Drop titles ("President") off a person's name; a leading demonym becomes NORP."""
        out: list[Span] = []
        while start < end - 1:
            word = doc[start].text
            known = self.lookup.get(word)
            if known is not None and known.label == "NORP":
                out.append(Span(doc, start, start + 1, "NORP", kb_id=known.kb_id,
                                span_id="entente.kb"))
            elif word not in self.gazetteer.person_titles:
                break
            start += 1
        return start, out

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
        found = [Span(doc, s, e, "DATE", span_id="entente.date") for _, s, e in self.dates(doc)]
        taken = {i for e in ents for i in range(e.start, e.end)}
        for span in filter_spans(found):
            if self.date_patterns.blocked(span) or taken.intersection(range(span.start, span.end)):
                continue
            ents.append(span)
        return ents


def trim_edges(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Cut an entity at a line break and drop function words and punctuation off its edges
    ("Russia's.\\n\\n" → "Russia"; "Evaluating Russia" → "Russia")."""
    for i in range(start, end):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            end = i + (0 if doc[i].is_space else 1)
            break
    while start < end and (doc[start].pos_ in EDGE_POS or doc[start].text in ARTICLES
                           or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].pos_ in EDGE_POS or doc[end - 1].is_space):
        end -= 1
    return start, end


def place_ents(ents: Iterable[Span]) -> list[Span]:
    return [e for e in ents if e.label_ in PLACE_LABELS]
