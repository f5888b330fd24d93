"""Benchmark: articles per second of entente's ingest (reading, HTML extraction, cleaning).

    .venv/bin/python bench/ingest_speed.py --shared ../shared [--limit 200] [--repeat 2]

Builds a corpus in a temporary folder at run time (nothing is copied into the repo): each Wikinews
2019-2020 article from SHARED/datasets becomes a scraped-looking news page (inline script and
style, navigation, share buttons, a CMS leftover paragraph in the body, sidebar and footer, about
the weight of a real news page), a plain-text file and a JSONL record. Then, in the same process:

  baseline   a plain read of every .html file's bytes (Path.read_bytes), the reference speed
  html       `read_inputs([html folder])`: decoding, trafilatura extraction, boilerplate, hash
  extract    `extract_html(page)` alone, on pages already in memory (trafilatura's share)
  txt        `read_inputs([txt folder])`
  jsonl      `read_inputs([feed.jsonl])` (text records)

Speeds are articles/s and a ratio to the baseline measured in the same run, so that machines of
different speed compare. Each timing is the best of --repeat runs after one warm-up. Results are
printed as JSON and written to bench/results/ingest_speed.json.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Page chrome of our own, sized like a real news page (~60-90 kB with the inline script).
_SCRIPT = "<script>" + "window.dataLayer=window.dataLayer||[];function t(e){dataLayer.push(e)}" * 400 + "</script>"
_STYLE = "<style>" + ".nav a{color:#123;margin:0 4px}.card{padding:8px;border:1px solid #ddd}" * 200 + "</style>"
_NAV = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(60))
_SIDE = "".join(f'<li><a href="/story/{i}">Most read story number {i} about the news</a></li>' for i in range(25))


def read_articles(shared: Path, limit: int) -> list[tuple[str, list[str]]]:
    """(title, body paragraphs) of the Wikinews articles."""
    csv.field_size_limit(1 << 27)
    out = []
    for path in sorted((shared / "datasets" / "wikinews_2019_2020").glob("wikinews_*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                paras = [p.strip() for p in re.split(r"\n\s*\n", row["text"]) if p.strip()]
                if row["title"].strip() and paras:
                    out.append((row["title"].strip(), paras))
    return out[:limit] if limit else out


def page(title: str, paras: list[str], n: int) -> str:
    t = html.escape(title)
    body = [f"<p>{html.escape(p)}</p>" for p in paras]
    body.insert(min(2, len(body)), "<p>READ MORE: Another story from our newsroom</p>")
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{t} | Bench News</title>'
        f'<meta property="og:title" content="{t}"><meta property="og:site_name" content="Bench News">'
        f'<meta property="article:published_time" content="2020-01-{n % 28 + 1:02d}">'
        f'<link rel="canonical" href="https://bench.example/story/{n}">{_STYLE}{_SCRIPT}</head><body>'
        f'<header><nav><ul>{_NAV}</ul></nav></header><main><article><h1>{t}</h1>'
        '<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>'
        f'<div class="body">{"".join(body)}</div></article>'
        f'<aside><h2>Most read</h2><ul>{_SIDE}</ul></aside></main>'
        "<footer><p>© 2020 Bench News. All rights reserved.</p></footer></body></html>"
    )


def build(folder: Path, articles: list[tuple[str, list[str]]]) -> dict[str, Path]:
    dirs = {"html": folder / "html", "txt": folder / "txt"}
    for d in dirs.values():
        d.mkdir()
    feed = folder / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as jf:
        for n, (title, paras) in enumerate(articles):
            (dirs["html"] / f"{n:05d}.html").write_text(page(title, paras, n), encoding="utf-8")
            text = "\n\n".join([title, *paras])
            (dirs["txt"] / f"{n:05d}.txt").write_text(text, encoding="utf-8")
            jf.write(json.dumps({"id": str(n), "text": text, "published": "2020-01-01"}) + "\n")
    return {**dirs, "jsonl": feed}


def best_time(run: Callable[[], object], repeat: int) -> float:
    run()  # warm-up: imports, caches, page cache
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def measure(articles: list[tuple[str, list[str]]], repeat: int) -> dict[str, object]:
    from entente.ingest import read_inputs
    from entente.ingest.html import extract_html
    from entente.records import Article

    n = len(articles)
    with tempfile.TemporaryDirectory() as tmp:
        paths = build(Path(tmp), articles)
        html_files = sorted(paths["html"].iterdir())
        pages = [p.read_text(encoding="utf-8") for p in html_files]
        size = sum(len(p.encode()) for p in pages)

        def count(items: object) -> int:
            got = sum(isinstance(i, Article) for i in items)  # type: ignore[attr-defined]
            assert got == n, f"{got} of {n} articles read"
            return got

        timings = {
            "baseline": best_time(lambda: [p.read_bytes() for p in html_files], repeat),
            "html": best_time(lambda: count(read_inputs([str(paths["html"])])), repeat),
            "extract": best_time(lambda: [extract_html(p) for p in pages], repeat),
            "txt": best_time(lambda: count(read_inputs([str(paths["txt"])])), repeat),
            "jsonl": best_time(lambda: count(read_inputs([str(paths["jsonl"])])), repeat),
        }
    base = n / timings["baseline"]
    return {
        "articles": n,
        "mean_page_kb": round(size / n / 1000, 1),
        "articles_per_s": {k: round(n / t, 1) for k, t in timings.items()},
        "ratio_to_baseline": {k: round((n / t) / base, 5) for k, t in timings.items()},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--limit", type=int, default=200, help="articles to use (0: all)")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "ingest_speed.json")
    args = ap.parse_args(argv)
    if not (args.shared / "datasets" / "wikinews_2019_2020").is_dir():
        print(f"skipped: {args.shared}/datasets/wikinews_2019_2020 is absent", file=sys.stderr)
        return 0
    result = measure(read_articles(args.shared, args.limit), args.repeat)
    text = json.dumps(result, indent=1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
