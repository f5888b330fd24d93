"""Convert the open corpora in SHARED/corpora into spaCy DocBins under training/corpus/.

    python training/convert.py --shared /work/shared --out training/corpus

Writes, per split, `<split>/<corpus>.spacy` (spaCy's corpus reader takes a whole folder):
  ewt-{train,dev,test}   UD English EWT (tags, UPOS, morph, lemmas, UD trees) + UNER entities
                         (train: the DRAFT file, with OTH and stray B-O mapped to O)
  gum-{train,dev,test}   GUM's CC BY / CC BY-SA genres by its split files, with named entities
                         made from its PROPN-headed person / organization / place mentions

Training documents group consecutive sentences of one source document (up to --max-sents), and a
paragraph break is a "\\n\\n" whitespace token (tag _SP, pos SPACE) so that the model sees the same
layout as entente's article text. Test documents are written without those tokens; their paragraph
starts are kept in `doc.user_data["par_starts"]` so evaluate.py can rebuild the text with "\\n\\n".

Entity labels: PERSON, ORG and LOC (all places; entente's rule component splits GPE from LOC with
the knowledge base). GUM tags agentive countries as organizations; an organization mention whose
Wikipedia identity is also used for a place mention is labelled LOC, as OntoNotes would say GPE.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
import yaml
from spacy.tokens import Doc, DocBin

from entente.nlp.gazetteer import kb_names

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conllu import Sentence, gum_mentions, read_conllu, read_iob2

UNER_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}
GUM_LABELS = {"person": "PERSON", "organization": "ORG", "place": "LOC"}
# words that may sit between two proper nouns inside one name ("Bank of America", "Rolls-Royce")
NAME_GLUE = {"of", "and", "&", "-", "de", "du", "la", "von", "van", "for", "the", "on", "'s"}
PARAGRAPH = "\n\n"
# entente's own generic word lists (titles, group words) and the knowledge base's demonyms decide
# which GUM person mentions are names; the same lists drive the rules at run time
_ENTITY_DATA = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "src/entente/nlp/data/entities.yaml").read_text())
TITLES = set(_ENTITY_DATA["person_titles"])
GROUP_WORDS = set(_ENTITY_DATA["norp"]) | {n.text for n in kb_names() if n.label == "NORP"}


# -- entities -----------------------------------------------------------------------------------
def uner_tags(sent: Sentence, uner: dict[str, list[tuple[str, str]]]) -> list[str] | None:
    """IOB tags for a EWT sentence from UNER, or None when the tokens do not line up."""
    toks = uner.get(sent.sent_id)
    if toks is None or [f for f, _ in toks] != [w.form for w in sent.words]:
        return None
    out = []
    for _, tag in toks:
        if tag == "O":
            out.append("O")
        else:
            prefix, _, label = tag.partition("-")
            out.append(f"{prefix}-{UNER_LABELS[label]}")
    return _repair_iob(out)


def _repair_iob(tags: list[str]) -> list[str]:
    """An I- tag that does not continue an entity of its label starts one (the DRAFT has a few)."""
    fixed = []
    for i, tag in enumerate(tags):
        if tag.startswith("I-"):
            prev = fixed[i - 1] if i else "O"
            if prev == "O" or prev[2:] != tag[2:]:
                tag = "B-" + tag[2:]
        fixed.append(tag)
    return fixed


def _name_span(sent: Sentence, start: int, end: int, label: str = "") -> tuple[int, int] | None:
    """The proper-name core of a GUM mention: the PROPN run around its syntactic head; for a
    person, only the head and its `flat` parts, so titles ("President", "NASA Administrator",
    UD `nmod:desc` / `compound`) stay outside as in UNER and OntoNotes."""
    words = sent.words
    heads = [i for i in range(start, end) if not start <= words[i].head < end]
    if not heads or words[heads[0]].upos != "PROPN":
        return None
    h = heads[0]
    if label == "PERSON":
        parts = [h] + [i for i in range(start, end)
                       if words[i].head == h and words[i].deprel.startswith("flat")]
        return min(parts), max(parts) + 1
    left = h
    while left - 1 >= start and (_name_word(words[left - 1]) or
                                 (words[left - 1].form == "-" and left - 2 >= start
                                  and _name_word(words[left - 2]))):
        left -= 1
    right = h + 1
    while right < end:
        if words[right].upos == "PROPN":
            right += 1
            continue
        k = right
        while k < end and words[k].form.lower() in NAME_GLUE and words[k].upos != "PROPN":
            k += 1
        if k > right and k < end and words[k].upos == "PROPN" and words[right].form != "'s":
            right = k + 1
            continue
        break
    if not any(w.form[:1].isupper() for w in words[left:right]):
        return None  # "the party", "the president": a common noun tagged PROPN
    return left, right


def _name_word(w) -> bool:
    """A word that can open a name: a proper noun, or a capitalised modifier ("United", "New")."""
    return w.upos == "PROPN" or (w.form[:1].isupper() and w.upos in {"ADJ", "NOUN", "NUM", "VERB"})


def gum_tags(sent: Sentence, place_ids: set[str]) -> list[str]:
    tags = ["O"] * len(sent.words)
    spans = []
    for m in gum_mentions(sent.words):
        label = GUM_LABELS.get(m.etype)
        if label is None:
            continue
        if label == "ORG" and m.identity and m.identity in place_ids:
            label = "LOC"
        core = _name_span(sent, m.start, m.end, label)
        if core and label == "PERSON" and not_a_name(sent, *core):
            continue
        if core:
            spans.append((core[0], core[1], label))
    # outermost first; a span overlapping one already taken is dropped
    for s, e, label in sorted(spans, key=lambda x: (x[0], -(x[1] - x[0]))):
        if all(t == "O" for t in tags[s:e]):
            tags[s:e] = [f"B-{label}"] + [f"I-{label}"] * (e - s - 1)
    return tags


def not_a_name(sent: Sentence, start: int, end: int) -> bool:
    """A GUM person mention headed by a title ("the President") or a group word ("Americans",
    "a Republican") names no one: OntoNotes and UNER leave it out (or call it NORP)."""
    words = sent.words[start:end]
    if words[-1].xpos == "NNPS":
        return True
    text = " ".join(w.form for w in words)
    return len(words) == 1 and (text in TITLES or text in GROUP_WORDS)


def gum_place_identities(sentences: Iterable[Sentence]) -> set[str]:
    return {m.identity for s in sentences for m in gum_mentions(s.words)
            if m.etype == "place" and m.identity}


# -- documents ----------------------------------------------------------------------------------
def group(sentences: list[Sentence], max_sents: int) -> Iterator[list[Sentence]]:
    """Consecutive sentences of one document, cut at a paragraph start once max_sents is reached."""
    chunk: list[Sentence] = []
    for s in sentences:
        new_doc = chunk and s.doc_id != chunk[-1].doc_id
        full = (len(chunk) >= max_sents and s.new_par) or len(chunk) >= 2 * max_sents
        if chunk and (new_doc or full):
            yield chunk
            chunk = []
        chunk.append(s)
    if chunk:
        yield chunk


def make_doc(vocab, chunk: list[Sentence], tags: list[list[str] | None],
             paragraph_tokens: bool) -> Doc:
    words, spaces, fields = [], [], {k: [] for k in ("tag", "pos", "morph", "lemma", "dep")}
    heads, sent_starts, ents, par_starts = [], [], [], []
    for n, (sent, iob) in enumerate(zip(chunk, tags, strict=True)):
        if n and sent.new_par:
            if paragraph_tokens:
                spaces[-1] = False
                _add_space_token(words, spaces, fields, heads, sent_starts, ents)
            else:
                spaces[-1] = True
            par_starts.append(len(words))
        base = len(words)
        for i, w in enumerate(sent.words):
            words.append(w.form)
            spaces.append(w.space)
            fields["tag"].append(w.xpos)
            fields["pos"].append(w.upos)
            fields["morph"].append("" if w.feats == "_" else w.feats)
            fields["lemma"].append(w.lemma)
            fields["dep"].append(w.deprel)
            heads.append(base + w.head if w.head >= 0 else base + i)
            sent_starts.append(i == 0)
            ents.append(iob[i] if iob else "")
        if spaces:
            spaces[-1] = True
    spaces[-1] = False
    doc = Doc(vocab, words=words, spaces=spaces, tags=fields["tag"], pos=fields["pos"],
              morphs=fields["morph"], lemmas=fields["lemma"], heads=heads, deps=fields["dep"],
              sent_starts=sent_starts, ents=ents if any(ents) else None)
    doc.user_data["par_starts"] = par_starts
    doc.user_data["doc_id"] = chunk[0].doc_id
    return doc


def _add_space_token(words, spaces, fields, heads, sent_starts, ents) -> None:
    prev = len(words) - 1
    words.append(PARAGRAPH)
    spaces.append(False)
    for key, value in (("tag", "_SP"), ("pos", "SPACE"), ("morph", ""), ("lemma", PARAGRAPH),
                       ("dep", "dep")):
        fields[key].append(value)
    heads.append(prev)
    sent_starts.append(False)
    ents.append("O" if ents and ents[prev] else "")


# -- corpora ------------------------------------------------------------------------------------
def ewt(shared: Path, split: str) -> tuple[list[Sentence], list[list[str] | None]]:
    root = shared / "corpora"
    sents = list(read_conllu(root / "UD_English-EWT" / f"en_ewt-ud-{split}.conllu"))
    uner_file = {"train": "en_ewt-ud-train.DRAFT-2022-12-02.iob2"}.get(split,
                                                                      f"en_ewt-ud-{split}.iob2")
    uner = read_iob2(root / "UNER_English-EWT" / uner_file)
    return sents, [uner_tags(s, uner) for s in sents]


def gum(shared: Path, split: str) -> tuple[list[Sentence], list[list[str] | None]]:
    root = shared / "corpora" / "GUM"
    ids = (root / f"split_{split}.txt").read_text().split()
    every = [s for p in sorted((root / "dep").glob("*.conllu")) for s in read_conllu(p)]
    places = gum_place_identities(every)
    sents = [s for doc_id in ids for s in every if s.doc_id == doc_id]
    return sents, [gum_tags(s, places) for s in sents]


def write(out: Path, name: str, sents, tags, max_sents: int, paragraph_tokens: bool) -> None:
    nlp = spacy.blank("en")
    db = DocBin(store_user_data=True)
    by_id = {id(s): t for s, t in zip(sents, tags, strict=True)}
    n_docs = n_words = n_ents = 0
    for chunk in group(sents, max_sents):
        doc = make_doc(nlp.vocab, chunk, [by_id[id(s)] for s in chunk], paragraph_tokens)
        db.add(doc)
        n_docs += 1
        n_words += len(doc)
        n_ents += len(doc.ents)
    corpus, split = name.split("-")
    (out / split).mkdir(parents=True, exist_ok=True)
    db.to_disk(out / split / f"{corpus}.spacy")
    print(f"{name}: {len(sents)} sentences, {n_docs} docs, {n_words} tokens, {n_ents} entities")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "corpus")
    ap.add_argument("--max-sents", type=int, default=12)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for corpus, reader in (("ewt", ewt), ("gum", gum)):
        for split in ("train", "dev", "test"):
            sents, tags = reader(args.shared, split)
            write(args.out, f"{corpus}-{split}", sents, tags, args.max_sents,
                  paragraph_tokens=split != "test")


if __name__ == "__main__":
    main()
