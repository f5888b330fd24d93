"""Document-level consistency of entity labels (used by the entente_entities component).

A news article names a person in full once ("analyst Paul Iddon") and by surname after that
("Iddon said"). The statistical NER sees one sentence at a time and may call the bare surname a
place or miss it; it may also label the same name differently in two sentences. Two rules fix that
within one document:

* majority: every statistical entity with the same text takes the label most often given to it
  (on a tie, the label of its first mention, usually the fullest context);
* surnames: a one-word entity or a capitalised proper noun equal to the last word of a
  multi-word PERSON in the same document is that person, unless the knowledge base says the word
  is a country (it then keeps its country code).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.parts_of_speech import PROPN
from spacy.tokens import Doc, Span

RULE = "entente.doc"


def majority_labels(ents: list[Span]) -> list[Span]:
    """Relabel statistical entities (no knowledge-base id) to their most common label by text."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    first: dict[str, str] = {}
    for e in ents:
        if not e.kb_id_:
            votes[e.text][e.label_] += 1
            first.setdefault(e.text, e.label_)
    out = []
    for e in ents:
        if not e.kb_id_:
            ranked = votes[e.text].most_common(2)
            tie = len(ranked) > 1 and ranked[0][1] == ranked[1][1]
            label = first[e.text] if tie else ranked[0][0]
            if label != e.label_:
                e = Span(e.doc, e.start, e.end, label, span_id=RULE)
        out.append(e)
    return out


def surnames(ents: list[Span]) -> set[str]:
    return {e[-1].text for e in ents
            if e.label_ == "PERSON" and len(e) > 1 and e[-1].text[:1].isupper()}


def propagate_surnames(doc: Doc, ents: list[Span]) -> list[Span]:
    """Bare surnames of the document's persons become PERSON (see the module docstring)."""
    names = surnames(ents)
    if not names:
        return ents
    out = []
    for e in ents:
        if len(e) == 1 and e.text in names and e.label_ != "PERSON" and not is_country(e):
            e = Span(doc, e.start, e.end, "PERSON", span_id=RULE)
        out.append(e)
    taken = {i for e in out for i in range(e.start, e.end)}
    wanted = {doc.vocab.strings[n] for n in names}
    orths, pos = doc.to_array("ORTH").tolist(), doc.to_array("POS").tolist()
    for i, (orth, p) in enumerate(zip(orths, pos, strict=True)):
        if orth in wanted and p == PROPN and i not in taken:
            out.append(Span(doc, i, i + 1, "PERSON", span_id=RULE))
    return out


def is_country(ent: Span) -> bool:
    """Country names carry their ISO3 code as kb_id (demonyms are NORP and never surnames)."""
    return ent.label_ == "GPE" and len(ent.kb_id_) == 3 and ent.kb_id_.isupper()
