"""Score a pipeline on the held-out test data, the way entente uses it (raw text in, Doc out).

    python training/evaluate.py src/entente/nlp/model --corpus training/corpus --out scores.json

Every score parses the RAW text (paragraphs joined with "\\n\\n", as in entente's article text) with
the pipeline's own tokenizer; spaCy's Scorer aligns the result with the gold tokens, so tokenization
mistakes count against the model.

  ewt_test     UD English EWT test: token, UPOS, PTB tag, morph, lemma, UAS, LAS, sentences
  ner_*        PERSON / ORG / LOC F-scores, places merged (GPE and LOC both count as LOC; NORP and
               DATE predictions are dropped since the gold has none):
               ner_gum_news_interview  GUM test news + interview documents
               ner_ewt_test            UNER over EWT test
               ner_gum_test            all GUM test documents
               each with the statistical NER alone (`stat`) and with entente's entity rules (`rules`)
  sents_gum_news  sentence boundaries on the held-out GUM news documents (dev + test splits)
  dates_gum_test  (with --shared) DATE against GUM's dated time mentions in the test documents
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc, DocBin, Span
from spacy.training import Example

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

NEWS_INTERVIEW = ("GUM_news_", "GUM_interview_")
PLACE = {"GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
KEEP = {"PERSON", "ORG", "LOC"}


def raw_text(doc: Doc) -> str:
    """The document's text with each paragraph start preceded by "\\n\\n" instead of a space."""
    starts = set(doc.user_data.get("par_starts", ()))
    parts = []
    for tok in doc:
        if tok.i in starts and parts:
            parts[-1] = parts[-1].rstrip(" ")
            parts.append("\n\n")
        parts.append(tok.text_with_ws)
    return "".join(parts)


def read(path: Path, vocab) -> list[Doc]:
    return list(DocBin().from_disk(path).get_docs(vocab))


def parse(nlp: Language, refs: list[Doc], disable: Iterable[str] = ()) -> list[Example]:
    texts = [raw_text(d) for d in refs]
    with nlp.select_pipes(disable=[p for p in disable if p in nlp.pipe_names]):
        docs = list(nlp.pipe(texts, batch_size=32))
    return [Example(p, r) for p, r in zip(docs, refs, strict=True)]


def merge_places(doc: Doc) -> Doc:
    """A copy of the doc's entities with GPE/LOC merged and labels outside the gold dropped."""
    ents = []
    for e in doc.ents:
        label = PLACE.get(e.label_, e.label_)
        if label in KEEP:
            ents.append(Span(doc, e.start, e.end, label))
    doc.set_ents(ents, default="outside")
    return doc


def ner_scores(examples: list[Example]) -> dict:
    for ex in examples:
        merge_places(ex.predicted)
        merge_places(ex.reference)
    s = Scorer.score_spans(examples, "ents", has_annotation=lambda d: d.has_annotation("ENT_IOB"))
    per = {k: {m: round(v[m] * 100, 2) for m in "prf"} for k, v in s["ents_per_type"].items()}
    return {"p": round(s["ents_p"] * 100, 2), "r": round(s["ents_r"] * 100, 2),
            "f": round(s["ents_f"] * 100, 2), "per_type": per,
            "n_gold": sum(len(ex.reference.ents) for ex in examples)}


def syntax_scores(nlp: Language, examples: list[Example]) -> dict:
    scorer = Scorer(nlp)
    s = scorer.score(examples)
    keys = ["token_acc", "pos_acc", "tag_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las",
            "sents_p", "sents_r", "sents_f"]
    return {k: round(s[k] * 100, 2) for k in keys if s.get(k) is not None}


def sents_scores(examples: list[Example]) -> dict:
    s = Scorer.score_spans(examples, "sents", has_annotation=lambda d: d.has_annotation("SENT_START"))
    return {"p": round(s["sents_p"] * 100, 2), "r": round(s["sents_r"] * 100, 2),
            "f": round(s["sents_f"] * 100, 2),
            "n_gold": sum(len(list(ex.reference.sents)) for ex in examples)}


def ner_both(nlp: Language, refs: list[Doc]) -> dict:
    refs = [d for d in refs if d.has_annotation("ENT_IOB")]
    return {"stat": ner_scores(parse(nlp, refs, disable=["entente_entities"])),
            "rules": ner_scores(parse(nlp, refs))}


def evaluate(nlp: Language, corpus: Path) -> dict:
    ewt = read(corpus / "test" / "ewt.spacy", nlp.vocab)
    gum_test = read(corpus / "test" / "gum.spacy", nlp.vocab)
    gum_dev = read(corpus / "dev" / "gum.spacy", nlp.vocab)
    news = [d for d in gum_test if str(d.user_data.get("doc_id", "")).startswith(NEWS_INTERVIEW)]
    held_out_news = [d for d in gum_dev + gum_test
                     if str(d.user_data.get("doc_id", "")).startswith("GUM_news_")]
    return {
        "ewt_test": syntax_scores(nlp, parse(nlp, ewt, disable=["entente_entities"])),
        "gum_test": syntax_scores(nlp, parse(nlp, gum_test, disable=["entente_entities"])),
        "ner_gum_news_interview": ner_both(nlp, news),
        "ner_ewt_test": ner_both(nlp, ewt),
        "ner_gum_test": ner_both(nlp, gum_test),
        "sents_gum_news": sents_scores(parse(nlp, strip_space_tokens(held_out_news))),
    }


def evaluate_dev(nlp: Language, corpus: Path) -> dict:
    """The same NER and sentence scores on the dev split (what the rules are tuned on)."""
    ewt = strip_space_tokens(read(corpus / "dev" / "ewt.spacy", nlp.vocab))
    gum = strip_space_tokens(read(corpus / "dev" / "gum.spacy", nlp.vocab))
    news = [d for d in gum if str(d.user_data.get("doc_id", "")).startswith(NEWS_INTERVIEW)]
    return {"ner_gum_news_interview_dev": ner_both(nlp, news), "ner_ewt_dev": ner_both(nlp, ewt),
            "ner_gum_dev": ner_both(nlp, gum)}


DATE_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december", "monday", "tuesday", "wednesday",
              "thursday", "friday", "saturday", "sunday", "yesterday", "today", "tomorrow",
              "year", "years", "month", "months", "week", "weeks", "day", "days", "decade",
              "decades", "century", "ago", "weekend"}


def gum_dates(nlp: Language, shared: Path, split: str = "test") -> dict:
    """DATE against GUM's time mentions on the documents of one split (the rules were tuned on
    "dev"; "test" is the held-out score).

    GUM marks every time expression as a `time` mention; the outermost ones holding a digit or a
    calendar word ("Thursday, February 23, 2006", "last year") are the gold DATEs (vague ones such
    as "then" or "the time" are left out). GUM's mentions are noun phrases, often longer than a
    DATE ("the last five months of her life"), so the overlap score (any shared character) says
    more than the exact one.
    """
    from conllu import gum_mentions, read_conllu

    root = shared / "corpora" / "GUM"
    ids = (root / f"split_{split}.txt").read_text().split()
    gold, texts = [], []
    for doc_id in ids:
        for sent in read_conllu(root / "dep" / f"{doc_id}.conllu"):
            text, offsets = "", []
            for w in sent.words:
                offsets.append((len(text), len(text) + len(w.form)))
                text += w.form + (" " if w.space else "")
            spans = set()
            for m in gum_mentions(sent.words):
                words = [w.form for w in sent.words[m.start:m.end]]
                if m.etype == "time" and any(any(c.isdigit() for c in w) or w.lower() in DATE_WORDS
                                             for w in words):
                    spans.add((offsets[m.start][0], offsets[m.end - 1][1]))
            # outermost mentions only: GUM also marks "1799" inside "August 1799"
            gold.append({a for a in spans
                         if not any(b != a and b[0] <= a[0] and a[1] <= b[1] for b in spans)})
            texts.append(text.strip())
    pred = [{(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"}
            for doc in nlp.pipe(texts, batch_size=64)]
    return {"exact": _prf(pred, gold, lambda a, b: a == b),
            "overlap": _prf(pred, gold, lambda a, b: a[0] < b[1] and b[0] < a[1]),
            "n_gold": sum(len(g) for g in gold)}


def _prf(pred: list[set], gold: list[set], same) -> dict:
    tp_p = sum(1 for p, g in zip(pred, gold, strict=True) for a in p if any(same(a, b) for b in g))
    tp_g = sum(1 for p, g in zip(pred, gold, strict=True) for b in g if any(same(a, b) for a in p))
    n_p, n_g = sum(len(p) for p in pred), sum(len(g) for g in gold)
    prec, rec = tp_p / n_p if n_p else 0.0, tp_g / n_g if n_g else 0.0
    f = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"p": round(100 * prec, 2), "r": round(100 * rec, 2), "f": round(100 * f, 2)}


def strip_space_tokens(docs: list[Doc]) -> list[Doc]:
    """Held-out dev docs carry "\\n\\n" tokens; rebuild them without, keeping paragraph starts."""
    out = []
    for doc in docs:
        keep = [t for t in doc if not t.is_space]
        if len(keep) == len(doc):
            out.append(doc)
            continue
        iob = [f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else t.ent_iob_ or "" for t in keep]
        new = Doc(doc.vocab, words=[t.text for t in keep],
                  spaces=[bool(t.whitespace_) or (t.i + 1 < len(doc) and doc[t.i + 1].is_space)
                          for t in keep],
                  sent_starts=[bool(t.is_sent_start) for t in keep],
                  ents=iob if doc.has_annotation("ENT_IOB") else None)
        new.user_data["par_starts"] = [k for k, t in enumerate(keep)
                                       if t.i > 0 and doc[t.i - 1].is_space]
        new.user_data["doc_id"] = doc.user_data.get("doc_id")
        out.append(new)
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model", type=Path)
    ap.add_argument("--corpus", type=Path, default=Path(__file__).parent / "corpus")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--dev", action="store_true", help="NER on the dev split only (for tuning)")
    ap.add_argument("--shared", type=Path, help="also score DATE on GUM's time mentions")
    args = ap.parse_args(argv)
    import entente.nlp

    nlp = entente.nlp.load(args.model)
    if "entente_entities" not in nlp.pipe_names:  # a raw training output: add the rule parts
        nlp.add_pipe("entente_entities", after="ner")
        nlp.add_pipe("entente_paragraphs", first=True)
    scores = evaluate_dev(nlp, args.corpus) if args.dev else evaluate(nlp, args.corpus)
    if args.shared and not args.dev:
        scores["dates_gum_test"] = gum_dates(nlp, args.shared)
    text = json.dumps(scores, indent=1)
    if args.out:
        args.out.write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
