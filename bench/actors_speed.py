"""Benchmark: the actors stage alone: knowledge-base load, matcher build, and mentions per second.

    .venv/bin/python bench/actors_speed.py --shared ../shared [--limit 100] [--repeat 3] [--model]

Reads Wikinews 2019 articles from SHARED/datasets at run time (nothing is copied into the repo),
splits them into sentences with a blank English pipeline (or parses them with the bundled
pipeline with --model; not timed), then times, in the same process:

  kb_load        KnowledgeBase.load() in a fresh interpreter (imports included) and when cached
  matcher        building the PhraseMatchers, with an empty token cache and with a warm one
  baseline       spaCy's blank English tokenizer over the same texts: the machine's speed reference
  mentions       Resolver.mentions(doc, date) over the parsed Docs

Reported: articles/s, mentions/s and words/s of the resolver, and its words/s as a ratio to the
baseline's, so machines of different speed compare. Each timing is the best of --repeat runs.
Results are printed as JSON and written to bench/results/actors_speed.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOAD_SNIPPET = ("import time; t = time.perf_counter(); from entente.actors import KnowledgeBase; "
                "KnowledgeBase.load(); print(time.perf_counter() - t)")


def articles(shared: Path, limit: int) -> list[str]:
    path = shared / "datasets" / "wikinews_2019_2020" / "wikinews_2019.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))[:limit]
    texts = []
    for row in rows:
        paras = [p.strip() for p in row["text"].split("\n") if p.strip()]
        texts.append("\n\n".join([row["title"], *paras[1:]]))
    return texts


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def kb_load_times(repeat: int) -> dict[str, float]:
    fresh = [float(subprocess.run([sys.executable, "-c", LOAD_SNIPPET], capture_output=True,
                                  text=True, check=True, cwd=ROOT).stdout) for _ in range(repeat)]
    from entente.actors import KnowledgeBase

    KnowledgeBase.load()
    cached = best(KnowledgeBase.load, repeat)
    return {"fresh_process_s": round(min(fresh), 3), "cached_s": round(cached, 6)}


def matcher_times(nlp) -> dict[str, float]:
    import os

    from entente.actors import KnowledgeBase, Resolver

    kb = KnowledgeBase.load()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ENTENTE_CACHE_DIR"] = tmp
        cold = best(lambda: Resolver(kb).matcher(nlp.vocab), 1)
        warm = best(lambda: Resolver(kb).matcher(nlp.vocab), 1)
    return {"cold_cache_s": round(cold, 3), "warm_cache_s": round(warm, 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--limit", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--model", action="store_true", help="parse with the bundled pipeline")
    args = ap.parse_args()

    import spacy

    from entente.actors import KnowledgeBase, Resolver

    texts = articles(args.shared, args.limit)
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    if args.model:
        from entente import nlp as entente_nlp

        parser = entente_nlp.load()
    else:
        parser = blank
    docs = list(parser.pipe(texts))
    words = sum(len(d) for d in docs)
    result = {"articles": len(texts), "words": words, "parser": "bundled" if args.model else "blank",
              "kb_load": kb_load_times(args.repeat), "matcher": matcher_times(parser)}
    resolver = Resolver(KnowledgeBase.load())
    resolver.matcher(parser.vocab)
    day = date(2019, 6, 1)
    found: list[int] = []
    base = best(lambda: [blank.make_doc(t) for t in texts], args.repeat)
    took = best(lambda: found.append(sum(len(resolver.mentions(d, day)) for d in docs)),
                args.repeat)
    result["baseline_tokenizer"] = {"s": round(base, 4), "words_per_s": round(words / base)}
    result["mentions"] = {"s": round(took, 4), "mentions": found[-1],
                          "mentions_per_s": round(found[-1] / took),
                          "articles_per_s": round(len(docs) / took, 1),
                          "words_per_s": round(words / took),
                          "ratio_to_baseline": round((words / took) / (words / base), 3)}
    out = ROOT / "bench" / "results" / "actors_speed.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
