"""Benchmark: sentences per second of the event coder alone, as a ratio to parsing speed.

    .venv/bin/python bench/coder_speed.py --shared ../shared [--limit 100] [--repeat 3]

Reads Wikinews 2019-2020 articles from SHARED/datasets at run time (nothing is copied into the
repo) as entente-style article text (headline paragraph, then body paragraphs joined with
"\\n\\n"). In the same process it times:

  parse   the bundled pipeline over the texts (`nlp.pipe`), the speed reference
  coder   `Coder.code(doc, mentions, quotes, article)` alone, on docs already parsed and with
          their actor mentions and quotes already found (not timed)

Reported: sentences/s and events/s of the coder, sentences/s of parsing, and the coder's speed
as a multiple of parsing speed (how many times faster the coder runs than the parser feeding
it), so machines of different speed compare. Each timing is the best of --repeat runs.
Results are printed as JSON and written to bench/results/coder_speed.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import wikinews  # bench/wikinews.py (scripts run with bench/ on sys.path)

ROOT = Path(__file__).resolve().parents[1]


def read_articles(shared: Path, limit: int) -> list[tuple[str, str, str | None]]:
    """(id, text, published) of the Wikinews articles, in file order."""
    return [(r.id, r.text, r.published) for r in wikinews.rows(shared, limit)]


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

    from entente import quotes
    from entente.ingest import make_article
    from entente.pipeline import Engine, parse_published

    rows = read_articles(args.shared, args.limit)
    engine = Engine()
    nlp = engine.nlp
    texts = [text for _, text, _ in rows]
    articles = [make_article(id=i, text=t, published=p) for i, t, p in rows]
    docs = list(nlp.pipe(texts))
    sentences = sum(1 for d in docs for _ in d.sents)
    mentions = [engine.resolver.mentions(d, parse_published(a.published))
                for d, a in zip(docs, articles, strict=True)]
    spans = [quotes.extract(d, m, a.id) for d, m, a in zip(docs, mentions, articles, strict=True)]
    coder = engine.coder

    def run_parse() -> int:
        return sum(1 for _ in nlp.pipe(texts))

    def run_coder() -> int:
        return sum(len(coder.code(d, m, q, a))
                   for d, m, q, a in zip(docs, mentions, spans, articles, strict=True))

    coder.code(docs[0], mentions[0], spans[0], articles[0])  # warm-up (lexicon, codebook)
    t_parse, _ = best(run_parse, 1)
    t_coder, events = best(run_coder, args.repeat)
    parse_sps = sentences / t_parse
    coder_sps = sentences / t_coder
    result = {
        "articles": len(docs), "sentences": sentences, "events": events,
        "parse_sentences_per_s": round(parse_sps, 1),
        "coder_sentences_per_s": round(coder_sps, 1),
        "coder_events_per_s": round(events / t_coder, 1),
        "coder_vs_parse_ratio": round(coder_sps / parse_sps, 2),
    }
    text = json.dumps(result, indent=2)
    print(text)
    out = ROOT / "bench" / "results" / "coder_speed.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
