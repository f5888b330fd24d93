"""Benchmark: words per second of entente's English pipeline on news text, per process.

    .venv/bin/python bench/nlp_speed.py --shared ../shared [--limit 300] [--n-process 1]

Reads the Wikinews 2019-2020 articles from SHARED/datasets at run time (nothing is copied into the
repo), builds entente-style article text (headline paragraph, then body paragraphs joined with
"\\n\\n"), and times, in this order and in the same process:

  baseline   spaCy's blank English tokenizer (`spacy.blank("en")`), the reference speed
  full       the bundled pipeline, `entente.nlp.pipe(texts)`
  fast       the fast path, `entente.nlp.pipe(texts, fast=True)` (default candidate test)

Words are the non-space tokens of the blank tokenizer, the same count for all three. Speeds are
reported as words/s and as a ratio to the baseline measured in the same run, so that machines of
different speed can be compared. Each timing is the best of --repeat runs after one warm-up batch.
Results are printed as JSON and written to bench/results/nlp_speed.json. BLAS libraries are held
to one thread (unless the environment says otherwise) so that the numbers are per core.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import wikinews  # bench/wikinews.py (scripts run with bench/ on sys.path)

ROOT = Path(__file__).resolve().parents[1]
# one BLAS thread, so that "per process" means one core (set before numpy is first imported)
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")


def read_articles(shared: Path, limit: int) -> list[str]:
    return [r.text for r in wikinews.rows(shared, limit)]


def best_time(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def consume(docs: Iterable[object]) -> int:
    return sum(1 for _ in docs)


def measure(texts: list[str], repeat: int, n_process: int) -> dict:
    import spacy

    import entente.nlp

    blank = spacy.blank("en")
    words = sum(1 for doc in blank.pipe(texts) for t in doc if not t.is_space)
    nlp = entente.nlp.load()
    consume(entente.nlp.pipe(texts[:8], model=nlp))  # warm-up
    consume(entente.nlp.pipe(texts[:8], model=nlp, fast=True))
    timings = {
        "baseline": best_time(lambda: consume(blank.pipe(texts)), repeat),
        "full": best_time(lambda: consume(entente.nlp.pipe(texts, model=nlp,
                                                            n_process=n_process)), repeat),
        "fast": best_time(lambda: consume(entente.nlp.pipe(texts, model=nlp, fast=True,
                                                            n_process=n_process)), repeat),
    }
    base = words / timings["baseline"]
    out = {"articles": len(texts), "words": words, "n_process": n_process, "repeat": repeat,
           "cpu_count": os.cpu_count()}
    for name, secs in timings.items():
        wps = words / secs
        out[name] = {"seconds": round(secs, 3), "words_per_s": round(wps),
                     "words_per_s_per_process": round(wps / (1 if name == "baseline"
                                                             else n_process)),
                     "ratio_to_baseline": round(wps / base, 4)}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--limit", type=int, default=0, help="articles to use (0: all)")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--n-process", type=int, default=1)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "nlp_speed.json")
    args = ap.parse_args(argv)
    if not (args.shared / "datasets" / "wikinews_2019_2020").is_dir():
        print(f"skipped: {args.shared}/datasets/wikinews_2019_2020 is absent", file=sys.stderr)
        return 0
    result = measure(read_articles(args.shared, args.limit), args.repeat, args.n_process)
    text = json.dumps(result, indent=1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
