"""Latency of the HTTP API and pages on a synthetic store (not a test).

    .venv/bin/python bench/api_latency.py [--articles 5000] [--repeat 7] [--read-only]

Builds a store of `articles` synthetic articles (5 events each; tests/store/factories.py), serves
it with uvicorn on a free localhost port from a thread, and times each endpoint over real HTTP
(median of `repeat`, after one warm-up). Each JSON endpoint is also timed as the bare library call
it wraps, in the same process on the same store held open, so the API's own cost (routing,
checks, JSON, HTTP; with --read-only also opening the file for each request) reads as the
difference and compares across machines. Results are printed and written to
bench/results/api_latency.json. Target: every page and endpoint under 500 ms at 25,000 events.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "store"))

from factories import random_records, story_copies  # noqa: E402

from entente.analysis.dyads import dyad  # noqa: E402
from entente.analysis.events import list_events  # noqa: E402
from entente.analysis.network import network  # noqa: E402
from entente.api import create_app, queries  # noqa: E402
from entente.store import open_store  # noqa: E402

# path → the library call it wraps (None for pages, which call several)
CASES: dict[str, Callable[[Any], Any] | None] = {
    "/v1/events?limit=50": lambda s: list_events(s, limit=50),
    "/v1/events?dyad=TUR,AZE&limit=50": lambda s: list_events(s, dyad=("TUR", "AZE"), limit=50),
    "/v1/clusters?order=articles&limit=50": lambda s: queries.list_clusters(
        s, order="articles", limit=50),
    "/v1/actors?limit=50": lambda s: queries.list_actors(s, limit=50),
    "/v1/dyads/TUR/AZE": lambda s: dyad(s, "TUR", "AZE"),
    "/v1/network": lambda s: network(s),
    "/v1/search?q=Turkey": lambda s: queries.search(s, "Turkey"),
    "/v1/overview": lambda s: queries.overview(s),
    "/v1/articles/r0000001": lambda s: s.record("r0000001"),
    "/": None, "/dyad/TUR/AZE": None, "/network": None, "/article/r0000001": None,
}


def median_ms(fn: Callable[[], Any], repeat: int) -> float:
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return round(statistics.median(times) * 1000, 1)


def build(path: Path, articles: int) -> None:
    records = story_copies(10) + random_records(articles, seed=2)
    with open_store(path) as store:
        for i in range(0, len(records), 1000):
            store.add(records[i:i + 1000])


def serve(app: Any) -> tuple[str, Callable[[], None]]:
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           ws="none"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)

    def stop() -> None:
        server.should_exit = True
        thread.join()

    return f"http://127.0.0.1:{port}", stop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--read-only", action="store_true",
                        help="serve read-only (the store is opened per request)")
    args = parser.parse_args()
    import httpx

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        build(path, args.articles)
        app = create_app(path, read_only=args.read_only)
        # the library calls run on a store held open (the pure query cost): the app's own when
        # it holds one, else a read-only one (the same configuration as the app's, so both open)
        store = (open_store(path, read_only=True, hold=True) if args.read_only
                 else app.state.entente.store)
        events = store.counts()["events"]
        base, stop = serve(app)
        rows = []
        with httpx.Client(base_url=base, timeout=60) as client:
            for url, call in CASES.items():
                http = median_ms(lambda u=url: client.get(u).raise_for_status(), args.repeat)
                lib = median_ms(lambda c=call: c(store), args.repeat) if call else None
                rows.append({"path": url, "http_ms": http, "library_ms": lib})
                print(f"{url:42s} http {http:7.1f} ms" + (f"   library {lib:7.1f} ms" if lib
                                                         is not None else ""))
        stop()
    result = {"articles": args.articles + 10, "events": events, "read_only": args.read_only,
              "repeat": args.repeat, "rows": rows,
              "worst_http_ms": max(r["http_ms"] for r in rows)}
    out = ROOT / "bench" / "results" / "api_latency.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    print(f"{events} events; worst {result['worst_http_ms']} ms; written to {out}")


if __name__ == "__main__":
    main()
