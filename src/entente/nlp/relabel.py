"""Repairs of the statistical NER's entities, driven by the gazetteer's word lists.

The trained NER knows PERSON, ORG and LOC (all places) and makes a few kinds of mistake that
generic word lists fix: it glues titles to names ("UN Secretary General Kofi Annan"), calls a
person a place ("Waheed Zaman"), an organisation a place ("Jamestown Foundation"), and has no GPE.
`Relabeller.relabel(ent)` returns the entity's repaired pieces (zero, one or several spans).
"""

from __future__ import annotations

from spacy.parts_of_speech import PROPN
from spacy.tokens import Doc, Span

from entente.nlp.gazetteer import Gazetteer, Name

ARTICLES = {"the", "The"}
# parts of speech that never open or close a name: an entity the model stretched over them is cut
EDGE_POS = {"VERB", "AUX", "ADP", "PUNCT", "SPACE", "PRON", "SCONJ", "CCONJ", "PART", "ADV", "DET"}


class Relabeller:
    def __init__(self, gazetteer: Gazetteer, lookup: dict[str, Name]) -> None:
        self.g = gazetteer
        self.lookup = lookup

    def relabel(self, ent: Span) -> list[Span]:
        doc = ent.doc
        start, end = trim_edges(doc, ent.start, ent.end)
        out: list[Span] = []
        for s, e, label in self.split_at_titles(doc, start, end, ent.label_):
            out.extend(self.repair(doc, s, e, label, ent))
        return out

    def split_at_titles(self, doc: Doc, start: int, end: int,
                        label: str) -> list[tuple[int, int, str]]:
        """"UN Secretary General Kofi Annan" → ORG "UN" + PERSON "Kofi Annan": a run of titles
        holding a core title, inside the entity and followed by capitalised words."""
        for k in range(start + 1, end - 1):
            m = k
            while m < end and doc[m].text in self.g.person_titles:
                m += 1
            run = {t.text for t in doc[k:m]}
            if m > k and m < end and run & self.g.trailing_titles and all(
                    t.text[:1].isupper() for t in doc[m:end]):
                left = "ORG" if label == "PERSON" else label
                return [(start, k, left), (m, end, "PERSON")]
        return [(start, end, label)]

    def repair(self, doc: Doc, start: int, end: int, label: str, ent: Span) -> list[Span]:
        out: list[Span] = []
        if label == "PERSON":
            start, out = self.trim_person(doc, start, end)
        elif label == "ORG":  # "NATO Secretary": the title is not the organisation
            while end - 1 > start and doc[end - 1].text in self.g.trailing_titles:
                end -= 1
        if label != "PERSON":
            while start < end - 1 and doc[start].pos_ == "NUM":  # "Sixty Sri Lankan"
                start += 1
        if start >= end or doc[start:end].text in self.g.not_entities:
            return out
        known = self.lookup.get(doc[start:end].text)
        if known is not None and known.label in {"GPE", "LOC", "ORG", "NORP"}:
            return [*out, Span(doc, start, end, known.label, kb_id=known.kb_id,
                               span_id="entente.kb")]
        return [*out, self.guess(doc[start:end], label, ent)]

    def guess(self, span: Span, label: str, ent: Span) -> Span:
        """An entity the knowledge base does not know: decide by its first and last words."""
        doc, start, end = span.doc, span.start, span.end
        if label != "ORG" and span[-1].text in self.g.org_heads:
            return Span(doc, start, end, "ORG", span_id="entente.heads")
        if label != "PERSON" and self.looks_like_person(span):
            return Span(doc, start, end, "PERSON", span_id="entente.heads")
        if label == "LOC":
            place = "LOC" if self.is_feature(span) else "GPE"
            return Span(doc, start, end, place, span_id="entente.place")
        same = (start, end) == (ent.start, ent.end)
        return Span(doc, start, end, label, kb_id=ent.kb_id_ if same else "",
                    span_id=ent.id_ if same else "entente.trim")

    def looks_like_person(self, span: Span) -> bool:
        """"Waheed Zaman", "Gloria": a known given name (and capitalised words), ending in no
        place or organisation word. Places named like people ("Georgia") are in the knowledge
        base, which is asked first."""
        return (span[0].text in self.g.given_names
                and all(t.text[:1].isupper() for t in span)
                and span[-1].text not in self.g.org_heads
                and span[-1].text not in self.g.loc_heads)

    def is_feature(self, span: Span) -> bool:
        """A geographic feature, not a polity: "Caspian Sea", "Bay of Bengal", "Niger River"."""
        heads = self.g.loc_heads
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
            elif word not in self.g.person_titles:
                break
            start += 1
        return start, out


def given_name_persons(doc: Doc, ents: list[Span], given: frozenset[str],
                       stop: frozenset[str]) -> list[Span]:
    """Names the NER missed that start with a known given name: "Emily Hawthorne said"."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    words = [doc.vocab.strings[h] for h in doc.to_array("ORTH").tolist()]  # no Token objects
    proper = [p == PROPN for p in doc.to_array("POS").tolist()]
    i = 0
    while i < len(words) - 1:
        j = i + 1
        if words[i] in given and proper[i] and i not in taken:
            while j < len(words) and j not in taken and proper[j] and words[j][:1].isupper() \
                    and words[j] not in stop:
                j += 1
            if j > i + 1:
                out.append(Span(doc, i, j, "PERSON", span_id="entente.given"))
        i = j
    return out


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
