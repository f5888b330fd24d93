"""Run every benchmark in bench/ in sequence and print one summary (what `make bench` does).

    .venv/bin/python bench/run.py --shared ../shared [--only throughput,nlp_speed] [--quick]

Each script runs in its own process (so one's memory and loaded models do not colour the next),
with `--shared` when it takes it, under a time limit. Their own output goes to
bench/results/<name>.log; their results are read back from bench/results/<name>.json and the
headline numbers (the top-level and one-level-down numbers of each JSON) are printed as one
table, with the machine and its load average. A script that is missing, fails or times out is
reported and the others still run. bench/results/summary.json gathers everything.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"

# The stage benchmarks first, in pipeline order, then any other script found in bench/, and the
# end-to-end one last.
ORDER = ["ingest_speed", "nlp_speed", "actors_speed", "quotes_speed", "coref_gum", "coder_speed",
         "store_bench", "api_latency", "eval_public"]
LAST = "throughput"


def scripts() -> list[str]:
    found = {p.stem for p in BENCH.glob("*.py")} - {"run", LAST}
    return [n for n in ORDER if n in found] + sorted(found - set(ORDER)) + [LAST]


QUICK_ARGS: dict[str, list[tuple[str, str | None]]] = {
    "nlp_speed": [("--limit", "60"), ("--repeat", "1")],
    "actors_speed": [("--limit", "20"), ("--repeat", "1")],
    "api_latency": [("--articles", "1000"), ("--repeat", "3")],
    "coref_gum": [("--genres", "news")],
    "ingest_speed": [("--limit", "60"), ("--repeat", "1")],
    "coder_speed": [("--limit", "20"), ("--repeat", "1")],
    "quotes_speed": [("--limit", "20"), ("--repeat", "1")],
    "store_bench": [("--events", "20000"), ("--repeat", "2")],
    "eval_public": [("--limit", "50")],
    "throughput": [("--quick", None)],
}


def takes(script: Path, option: str) -> bool:
    return f'"{option}"' in script.read_text(encoding="utf-8")


def run_one(name: str, shared: Path, quick: bool, limit_s: float) -> dict[str, Any]:
    script = BENCH / f"{name}.py"
    if not script.is_file():
        return {"status": "missing"}
    cmd = [sys.executable, str(script)]
    if takes(script, "--shared"):
        cmd += ["--shared", str(shared)]
    if quick:
        for option, value in QUICK_ARGS.get(name, []):
            if takes(script, option):
                cmd += [option] if value is None else [option, value]
    RESULTS.mkdir(parents=True, exist_ok=True)
    log = RESULTS / f"{name}.log"
    start = time.perf_counter()
    try:
        with log.open("w", encoding="utf-8") as fh:
            done = subprocess.run(cmd, stdout=fh, stderr=subprocess.STDOUT, timeout=limit_s,
                                  check=False, cwd=ROOT)
        status = "ok" if done.returncode == 0 else f"failed (exit {done.returncode})"
    except subprocess.TimeoutExpired:
        status = f"timed out after {limit_s:.0f} s"
    out: dict[str, Any] = {"status": status, "seconds": round(time.perf_counter() - start, 1),
                           "log": str(log.relative_to(ROOT))}
    result = RESULTS / f"{name}.json"
    if status == "ok" and result.is_file() and result.stat().st_mtime >= time.time() - \
            out["seconds"] - 1:
        out["result"] = json.loads(result.read_text(encoding="utf-8"))
    return out


def headline(result: Any, prefix: str = "", depth: int = 0) -> list[tuple[str, Any]]:
    """The numbers of a result JSON, two levels deep, as (dotted key, value)."""
    rows: list[tuple[str, Any]] = []
    if not isinstance(result, dict):
        return rows
    for key, value in result.items():
        name = f"{prefix}{key}"
        if isinstance(value, bool | str):
            continue
        if isinstance(value, int | float):
            rows.append((name, value))
        elif isinstance(value, dict) and depth < 1:
            rows += headline(value, name + ".", depth + 1)
    return rows


def summary_table(runs: dict[str, dict[str, Any]], limit: int = 14) -> str:
    lines = [f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} now"]
    for name, run in runs.items():
        lines.append(f"\n== {name}: {run['status']}"
                     + (f" in {run['seconds']} s (log: {run['log']})" if "seconds" in run else ""))
        rows = headline(run.get("result", {}))
        for key, value in rows[:limit]:
            lines.append(f"   {key:<48} {value}")
        if len(rows) > limit:
            lines.append(f"   ... {len(rows) - limit} more in bench/results/{name}.json")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--only", help="comma-separated script names (default: all)")
    ap.add_argument("--quick", action="store_true", help="small sizes for a first look")
    ap.add_argument("--limit-s", type=float, default=3600, help="time limit per script")
    args = ap.parse_args(argv)
    names = args.only.split(",") if args.only else scripts()
    runs = {}
    for name in names:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        runs[name] = run_one(name, args.shared.resolve(), args.quick, args.limit_s)
    print(summary_table(runs))
    (RESULTS / "summary.json").write_text(json.dumps(runs, indent=1) + "\n", encoding="utf-8")
    return 0 if all(r["status"] in ("ok", "missing") for r in runs.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
