"""Silver named entities on news text: a teacher pipeline labels Wikinews articles for the NER.

    python training/silver.py --shared /work/shared --model output/stage1/model-best \\
        --out corpus/train/silver-wikinews.spacy

The gold NER data is web text (EWT/UNER) plus a little GUM; news is where entente works. The
teacher (the stage-1 pipeline WITH entente's knowledge-base entity rules, so known countries,
cities, organisations and office holders are labelled right) labels the Wikinews 2019-2020
articles (CC BY 2.5; unlabelled text, read from SHARED at training time). The silver docs carry
ONLY entities (PERSON, ORG, and LOC for every place; NORP and DATE become O); tags, lemmas and
trees stay missing so the other components learn from gold alone.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from spacy.tokens import Doc, DocBin, Span

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from nlp_speed import read_articles  # noqa: E402  (the same article text as the benchmark)

KEEP = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}


def silver_doc(parsed: Doc) -> Doc:
    """A copy of the parsed doc's tokens with only its (mapped) entities."""
    doc = Doc(parsed.vocab, words=[t.text for t in parsed],
              spaces=[bool(t.whitespace_) for t in parsed])
    ents = [Span(doc, e.start, e.end, KEEP[e.label_]) for e in parsed.ents if e.label_ in KEEP]
    doc.set_ents(ents, default="outside")
    return doc


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, required=True)
    ap.add_argument("--model", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args(argv)
    import entente.nlp

    nlp = entente.nlp.load(args.model)
    if "entente_entities" not in nlp.pipe_names:  # a raw training output: add the rule parts
        nlp.add_pipe("entente_entities", after="ner")
        nlp.add_pipe("entente_paragraphs", first=True)
    texts = read_articles(args.shared, args.limit)
    db = DocBin()
    n_ents = n_words = 0
    for parsed in nlp.pipe(texts, batch_size=16):
        doc = silver_doc(parsed)
        db.add(doc)
        n_ents += len(doc.ents)
        n_words += len(doc)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(args.out)
    print(f"silver: {len(texts)} articles, {n_words} tokens, {n_ents} entities -> {args.out}")


if __name__ == "__main__":
    main()
