"""Benchmark: quotes per second of the quote extractor alone (parsing excluded), per process.

    .venv/bin/python bench/quotes_speed.py --shared ../shared [--limit 100] [--repeat 3]

Reads Wikinews 2019-2020 articles from SHARED/datasets at run time (nothing is copied into the
repo), builds entente-style article text (headline paragraph, then body paragraphs joined with
"\\n\\n"), parses them once with the bundled pipeline and finds their actor mentions (not timed),
then times, in the same process:

  baseline   spaCy's blank English tokenizer over the same texts, the machine's speed reference
  coref      `entente.quotes.coref.resolve(doc, mentions)` alone
  extract    `entente.quotes.extract(doc, mentions, id, published=...)` (includes its own coref)

Reported: articles/s, quotes/s and words/s of each, and each speed as a ratio to the baseline's
words/s, so machines of different speed compare. Each timing is the best of --repeat runs.
Results are printed as JSON and written to bench/results/quotes_speed.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import wikinews  # bench/wikinews.py (scripts run with bench/ on sys.path)

ROOT = Path(__file__).resolve().parents[1]


def read_articles(shared: Path, limit: int) -> list[tuple[str, str, date | None]]:
    """(id, text, published) of the Wikinews articles, in file order."""
    return [(r.id, r.text, _date(r.published or "")) for r in wikinews.rows(shared, limit)]


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def best(run: Callable[[], int], repeat: int) -> tuple[float, int]:
    times, result = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    import spacy

    from entente.pipeline import Engine
    from entente.quotes import coref, extract

    articles = read_articles(args.shared, args.limit)
    engine = Engine()
    docs = [engine.nlp(text) for _, text, _ in articles]
    mentions = [engine.resolver.mentions(doc, pub) for doc, (_, _, pub) in zip(docs, articles, strict=True)]
    blank = spacy.blank("en")
    words = sum(1 for doc in docs for t in doc if not t.is_space)

    def tokenize() -> int:
        return sum(len(blank(text)) for _, text, _ in articles)

    def run_coref() -> int:
        return sum(len(coref.resolve(d, m)) for d, m in zip(docs, mentions, strict=True))

    def run_extract() -> int:
        return sum(len(extract(d, m, aid, published=pub))
                   for d, m, (aid, _, pub) in zip(docs, mentions, articles, strict=True))

    extract(docs[0], mentions[0], "warm-up")
    t_base, _ = best(tokenize, args.repeat)
    t_coref, n_coref = best(run_coref, args.repeat)
    t_extract, n_quotes = best(run_extract, args.repeat)
    base_wps = words / t_base
    result = {
        "articles": len(articles), "words": words, "quotes": n_quotes,
        "coref_mentions": n_coref,
        "baseline_words_per_s": round(base_wps),
        "coref": {"articles_per_s": round(len(docs) / t_coref, 1),
                  "words_per_s": round(words / t_coref), "ratio": round(words / t_coref / base_wps, 4)},
        "extract": {"articles_per_s": round(len(docs) / t_extract, 1),
                    "quotes_per_s": round(n_quotes / t_extract, 1),
                    "words_per_s": round(words / t_extract),
                    "ratio": round(words / t_extract / base_wps, 4)},
    }
    text = json.dumps(result, indent=2)
    print(text)
    out = ROOT / "bench" / "results" / "quotes_speed.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
