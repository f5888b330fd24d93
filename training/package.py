"""Package a trained pipeline into src/entente/nlp/model/ (what `entente.nlp.load()` reads).

    python training/package.py training/output/model-best [--scores training/output/scores.json]

Adds entente's rule components (entente_paragraphs first, entente_entities after ner), stamps
provenance and licences into meta.json, and replaces the model folder. Training-only files are not
copied. The rule components keep no data of their own: they read nlp/data/ and the actors
knowledge base when the model loads.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "src" / "entente" / "nlp" / "model"

PROVENANCE = {
    "sources": [
        {"name": "UD English EWT", "url": "https://github.com/UniversalDependencies/UD_English-EWT",
         "commit": "2fcdab1f0ec02d68d57b483c7ff3783e277e2297", "license": "CC BY-SA 4.0",
         "used_for": "tokens, PTB tags, UPOS, morphology, lemmas, dependencies (train/dev)",
         "citation": "Silveira et al. (2014), A Gold Standard Dependency Corpus for English"},
        {"name": "GUM (CC BY / CC BY-SA genres: academic, bio, interview, news, voyage)",
         "url": "https://github.com/amir-zeldes/gum",
         "commit": "72ce5ac14978a324c2fd18d49484e65292cbe316",
         "license": "annotations CC BY 4.0; texts CC BY 2.5 (Wikinews), CC BY-SA 3.0 "
                    "(Wikipedia, Wikivoyage), CC BY 4.0 (academic)",
         "used_for": "tags, UPOS, morphology, lemmas, dependencies; PERSON/ORG/LOC from "
                     "PROPN-headed entity mentions (train/dev by GUM's split files)",
         "citation": "Zeldes (2017), The GUM Corpus, Language Resources and Evaluation 51(3)"},
        {"name": "UNER English EWT (train: DRAFT 2022-12-02; dev final v1)",
         "url": "https://github.com/UniversalNER/UNER_English-EWT",
         "commit": "0c7ce0debb13a7d304da656f16309397e8ff36ef (train), "
                   "8ed072de2fd24022cc62458997fe96a8fe191ea4 (dev/test)",
         "license": "CC BY-SA 4.0",
         "used_for": "PERSON/ORG/LOC over EWT (OTH and B-O mapped to O)",
         "citation": "Mayhew et al. (2024), Universal NER, NAACL"},
    ],
    "changes": "converted to spaCy DocBins by training/convert.py: multi-word tokens split into "
               "their syntactic words, paragraphs joined with a whitespace token, GUM mentions "
               "reduced to their proper-name core, GUM agentive countries relabelled as places",
    "license_note": "The model is trained on CC BY-SA material; entente distributes it under "
                    "CC BY-SA 4.0 with attribution (see NOTICE). Whether weights are adapted "
                    "material is disputed; the provenance is recorded either way.",
}


def package(source: Path, scores: Path | None, target: Path = TARGET) -> Path:
    import entente.nlp.components  # noqa: F401  (registers the rule components)

    nlp = spacy.load(source)
    if "entente_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("entente_paragraphs", first=True)
    if "entente_entities" not in nlp.pipe_names:
        nlp.add_pipe("entente_entities", after="ner")
    nlp.meta.update({
        "name": "entente_en", "version": "1.0.0",
        "description": "entente's English pipeline, trained from open corpora (see NOTICE)",
        "author": "entente developers", "license": "CC BY-SA 4.0",
        "sources": PROVENANCE["sources"], "entente_provenance": PROVENANCE,
    })
    if scores and scores.is_file():
        nlp.meta["entente_scores"] = json.loads(scores.read_text())
    tmp = target.with_name(target.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    nlp.to_disk(tmp)
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    print(f"packaged {source} -> {target} ({size / 1e6:.1f} MB): {nlp.pipe_names}")
    return target


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", type=Path)
    ap.add_argument("--scores", type=Path)
    ap.add_argument("--target", type=Path, default=TARGET)
    args = ap.parse_args(argv)
    package(args.source, args.scores, args.target)


if __name__ == "__main__":
    sys.exit(main())
