"""Benchmark of the event store and analyses on a synthetic corpus (not a test).

    .venv/bin/python bench/store_bench.py [--events 100000] [--batch 1000] [--repeat 7]
    .venv/bin/python bench/store_bench.py --growth 2000 [--batch 1000] [--hold]
                                          [--set memory_limit=256MB ...]

Builds `events / 5` synthetic articles (5 events each, 10 countries, two years; the generator of
tests/store/factories.py), loads them into a fresh store file in batches, then times the
analyses. Speeds are reported with a baseline measured in the same run on the same machine, so
the numbers compare across machines:

* load: events/s through `Store.add` (flatten, insert, re-cluster) vs a bare DuckDB insert of the
  same already-flattened Arrow tables (no id checks, no clustering); once in random date order
  (every batch touches the whole two years) and once in publication order (a news feed);
* dyad: `dyad(store, "TUR", "AZE")` vs a bare `GROUP BY month, quad_class` over the same dyad.

Results are printed and written to bench/results/store_bench.json. Target: dyad under 200 ms.

`--growth N` measures instead how loading behaves as the store grows (bench/results/
store_growth.json): N and then 10×N articles are generated batch by batch (so the records never
sit in memory together) and loaded the way `entente load` does (file opened per batch), each
size in a fresh process whose peak RSS is sampled; reported are the peak RSS and the median
seconds of the last three batches at each size, and their 10×N : N ratios. Two orders: a news
feed (each batch a week later than the previous one: what a batch touches is new) and random
dates over two years (every batch lands among all stored days, so the mentions a new one must
be compared with grow with the store: that part of the work is the clustering's, not overhead).
`--hold` keeps the file open for the whole load instead (`entente load --hold`); `--set` adds
DuckDB settings to the store's connection config (`entente.store.core.CONFIG`) for the run.
Results go to store_growth[-hold][-set].json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "store"))

from factories import random_records, renamed  # noqa: E402

from entente.analysis.dyads import dyad  # noqa: E402
from entente.analysis.events import list_events  # noqa: E402
from entente.analysis.network import network  # noqa: E402
from entente.analysis.trends import trends  # noqa: E402
from entente.store import open_store  # noqa: E402
from entente.store.rows import flatten  # noqa: E402
from entente.store.schema import create  # noqa: E402

BASELINE_DYAD = """
    SELECT strftime(day, '%Y-%m') AS period, quad_class, count(*), sum(goldstein)
    FROM events WHERE modality = 'asserted'
      AND ((src_key = 'TUR' AND tgt_key = 'AZE') OR (src_key = 'AZE' AND tgt_key = 'TUR'))
    GROUP BY ALL"""


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median wall time in ms over `repeat` runs (after one warm-up), and the last result."""
    out = fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), out


def load(path: Path, records: list, batch: int) -> tuple[float, float]:
    """Wall and CPU seconds to add `records` in batches (CPU time is less disturbed by other
    work on a shared machine; DuckDB's own threads are counted in it too)."""
    start, cpu = time.perf_counter(), time.process_time()
    with open_store(path, hold=True) as store:
        for i in range(0, len(records), batch):
            store.add(records[i:i + batch])
    return time.perf_counter() - start, time.process_time() - cpu


def bare_load(path: Path, records: list, batch: int) -> float:
    import duckdb

    con = duckdb.connect(str(path))
    create(con, "bench")
    tables = [flatten(records[i:i + batch]) for i in range(0, len(records), batch)]
    start = time.perf_counter()
    for chunk in tables:
        for name, table in chunk.items():
            con.register("_t", table)
            con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM _t")
            con.unregister("_t")
    elapsed = time.perf_counter() - start
    con.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000, help="articles per add()")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--growth", type=int, default=0, metavar="N",
                        help="measure loading N and 10N articles instead (peak RSS, batch time)")
    parser.add_argument("--hold", action="store_true", help="growth: keep the file open")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="growth: a DuckDB setting for the store's connections")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(growth_child(json.loads(args.child))))
        return
    if args.growth:
        settings = dict(item.split("=", 1) for item in args.set)
        growth(args.growth, args.batch, hold=args.hold, settings=settings)
        return
    n_articles = args.events // 5
    t = time.perf_counter()
    records = random_records(n_articles, seed=42, events_per_article=5)
    n_events = sum(len(r.events) for r in records)
    print(f"generated {n_articles} articles, {n_events} events in "
          f"{time.perf_counter() - t:.1f} s")
    with tempfile.TemporaryDirectory() as tmp:
        load_s, load_cpu = load(Path(tmp) / "store.duckdb", records, args.batch)
        chrono_s, _ = load(Path(tmp) / "chrono.duckdb",
                           sorted(records, key=lambda r: r.published or ""), args.batch)
        bare_s = bare_load(Path(tmp) / "bare.duckdb", records, args.batch)
        results: dict[str, Any] = {
            "events": n_events, "articles": n_articles, "batch": args.batch,
            "load_s": round(load_s, 2), "load_cpu_s": round(load_cpu, 2),
            "load_events_per_s": round(n_events / load_s),
            "load_chronological_events_per_s": round(n_events / chrono_s),
            "bare_insert_s": round(bare_s, 2),
            "load_vs_bare_insert": round(load_s / bare_s, 2),
        }
        results.update(small_batches(Path(tmp) / "store.duckdb", args.repeat))
        with open_store(Path(tmp) / "store.duckdb", read_only=True, hold=True) as store:
            results.update(queries(store, args.repeat))
            results["clusters"] = store.counts()["clusters"]
            results["check_problems"] = len(store.check())
        with open_store(Path(tmp) / "store.duckdb", read_only=True) as cold:
            results["dyad_ms_per_operation_open"] = round(timed(
                lambda: dyad(cold, "TUR", "AZE"), args.repeat)[0], 1)
    report(results)


def growth(n: int, batch: int, *, hold: bool = False,
           settings: dict[str, str] | None = None) -> None:
    results: dict[str, Any] = {"articles": [n, 10 * n], "batch": batch,
                               "events_per_article": 5, "hold": hold,
                               "settings": settings or {}}
    for order in ("feed", "random"):
        runs = {}
        for size in (n, 10 * n):
            out = subprocess.run([sys.executable, __file__, "--child", json.dumps(
                {"articles": size, "batch": batch, "order": order, "hold": hold,
                 "settings": settings or {}})],
                check=True, capture_output=True, text=True).stdout
            runs[size] = json.loads(out.strip().splitlines()[-1])
            print(f"{order} {size}: {runs[size]}", file=sys.stderr)
        a, b = runs[n], runs[10 * n]
        results[order] = {
            "peak_rss_mb": [a["peak_rss_mb"], b["peak_rss_mb"]],
            "peak_rss_ratio": round(b["peak_rss_mb"] / a["peak_rss_mb"], 2),
            "last_batches_s": [a["last_batches_s"], b["last_batches_s"]],
            "batch_time_ratio": round(b["last_batches_s"] / a["last_batches_s"], 2),
            "load_s": [a["load_s"], b["load_s"]]}
    for key, value in results.items():
        print(f"{key:12} {value}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    name = "store_growth" + ("-hold" if hold else "") + ("-set" if settings else "")
    (out / f"{name}.json").write_text(json.dumps(results, indent=2) + "\n")


def growth_child(spec: dict[str, Any]) -> dict[str, Any]:
    """Load `articles` in batches into a fresh store, opened per batch (or held); peak RSS and
    times."""
    import threading
    from datetime import date, timedelta

    import psutil  # the dev extra

    from entente.store import core

    core.CONFIG.update(spec.get("settings", {}))

    proc, peak, done = psutil.Process(), [0], threading.Event()

    def sample() -> None:
        while not done.wait(0.02):
            peak[0] = max(peak[0], proc.memory_info().rss)

    size = spec["batch"]
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "store.duckdb", hold=spec.get("hold", False))
        threading.Thread(target=sample, daemon=True).start()
        start = time.perf_counter()
        for k in range(spec["articles"] // size):
            if spec["order"] == "feed":  # a week of news per batch, each batch after the last
                chunk = random_records(size, seed=k, start=date(2000, 1, 3) + timedelta(weeks=k),
                                       days=7)
            else:
                chunk = random_records(size, seed=k)
            chunk = renamed(chunk, f"b{k}-")
            t = time.perf_counter()
            store.add(chunk)
            times.append(time.perf_counter() - t)
        store.close()  # a held store checkpoints here: part of the load
        load_s = time.perf_counter() - start
        done.set()
    return {"peak_rss_mb": round(peak[0] / 2**20, 1), "load_s": round(load_s, 2),
            "last_batches_s": round(statistics.median(times[-3:]), 3)}


def small_batches(path: Path, repeat: int) -> dict[str, Any]:
    """What `entente code --db` does: add 64 articles at a time to the full store."""
    times = []
    with open_store(path, hold=True) as store:
        for k in range(repeat):
            batch = renamed(random_records(64, seed=1000 + k), f"new{k}-")
            start = time.perf_counter()
            store.add(batch)
            times.append((time.perf_counter() - start) * 1000)
    ms = statistics.median(times)
    return {"add_64_articles_ms": round(ms, 1), "add_64_articles_events_per_s": round(320 / ms * 1000)}


def queries(store: Any, repeat: int) -> dict[str, Any]:
    with store.connect() as con:
        base_ms, _ = timed(lambda: con.execute(BASELINE_DYAD).fetchall(), repeat)
    dyad_ms, result = timed(lambda: dyad(store, "TUR", "AZE"), repeat)
    week_ms, _ = timed(lambda: dyad(store, "TUR", "AZE", by="week", directed=True), repeat)
    trends_ms, _ = timed(lambda: trends(store, by="root"), repeat)
    network_ms, _ = timed(lambda: network(store), repeat)
    events_ms, _ = timed(lambda: list_events(store, dyad=("TUR", "AZE"), limit=50,
                                             offset=200), repeat)
    return {
        "dyad_ms": round(dyad_ms, 1), "dyad_baseline_group_by_ms": round(base_ms, 1),
        "dyad_vs_baseline": round(dyad_ms / base_ms, 2), "dyad_events": result["totals"]["events"],
        "dyad_week_directed_ms": round(week_ms, 1), "trends_by_root_ms": round(trends_ms, 1),
        "network_ms": round(network_ms, 1), "events_page_ms": round(events_ms, 1),
        "dyad_target_met": dyad_ms < 200,
    }


def report(results: dict[str, Any]) -> None:
    for key, value in results.items():
        print(f"{key:32} {value}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "store_bench.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
