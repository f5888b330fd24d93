"""Killing the coder mid-batch loses nothing and doubles nothing.

`entente code DIR --db store.duckdb` commits the store one batch (64 records) per transaction.
A run killed at any moment (SIGKILL: no clean-up at all; SIGINT: Ctrl+C) leaves the store with
the batches committed before it, and a re-run codes exactly the rest: every article once, the
store passing its deep integrity check. The light engine (stub stages, `lightengine.py`) lets the
kill land at many points in seconds; one run uses the real CLI and the trained model.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from procstats import child_env, entente_command

from entente.jobs import STORE_BATCH
from entente.store import open_store

LIGHT = str(Path(__file__).with_name("lightengine.py"))
# Kills per run of the random-kill test; ENTENTE_FAULT_KILLS=50 for a longer run on demand.
ROUNDS = int(os.environ.get("ENTENTE_FAULT_KILLS", "4"))


def feed(path: Path, n: int) -> Path:
    path.write_text("".join(json.dumps({
        "id": f"k{i:04d}", "text": f"Greece and France met in Athens on day {i}. Story {i}.",
        "published": f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}", "source": f"Outlet {i % 9}",
    }) + "\n" for i in range(n)), encoding="utf-8")
    return path


def lines_in(path: Path) -> int:
    try:
        with open(path, "rb") as f:
            return f.read().count(b"\n")
    except FileNotFoundError:
        return 0


def start(cmd: list[str], log: Path, **kw) -> subprocess.Popen[bytes]:
    """`cmd` in the background, its standard error to `log` (a pipe nobody reads would fill
    with duplicate notices and block the child)."""
    with open(log, "ab") as err:
        return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=child_env(),
                                **kw)


def kill_after(proc: subprocess.Popen[bytes], out: Path, records: int, sig: int,
               timeout: float = 300) -> bool:
    """Send `sig` once `out` holds `records` lines; False when the run finished first."""
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        if lines_in(out) >= records:
            proc.send_signal(sig)
            break
        time.sleep(0.01)
    if proc.poll() is None and time.monotonic() >= deadline:
        proc.kill()
        proc.wait(timeout=60)
        raise AssertionError(f"the run wrote fewer than {records} records in {timeout:.0f} s")
    proc.wait(timeout=120)
    return proc.returncode != 0


def stored(db: Path) -> tuple[list[str], int, list[str]]:
    """Article ids, event count and the deep check's problems of the store at `db`."""
    with open_store(db, read_only=True) as store:
        ids = [r["article_id"] for r in store.query("SELECT article_id FROM articles")]
        events = store.counts()["events"]
        return sorted(ids), events, store.check(deep=True)


@pytest.mark.slow
def test_sigkill_at_random_points_then_rerun_loses_and_doubles_nothing(tmp_path):
    n = max(640, ROUNDS * 100)
    source = feed(tmp_path / "feed.jsonl", n)
    db, out = tmp_path / "store.duckdb", tmp_path / "out.jsonl"
    rng = random.Random(20240611 + ROUNDS)
    kills = 0
    for _ in range(ROUNDS):
        if out.exists():
            out.unlink()
        have = len(stored(db)[0]) if db.exists() else 0
        left = n - have
        if left <= STORE_BATCH + 8:
            break
        proc = start([sys.executable, LIGHT, str(source), "--db", str(db), "--out", str(out),
                      "--delay", "0.004"], tmp_path / "stderr.log")
        upto = min(left - 4, 3 * STORE_BATCH)
        killed = kill_after(proc, out, rng.randint(STORE_BATCH + 2, upto), signal.SIGKILL)
        kills += killed
        ids, events, problems = stored(db)
        assert problems == [], problems
        assert len(ids) == len(set(ids)) and events == len(ids)
        assert len(ids) >= have  # committed batches stay committed
    assert kills >= min(2, ROUNDS)
    before = len(stored(db)[0])
    done = subprocess.run([sys.executable, LIGHT, str(source), "--db", str(db), "--out", str(out)],
                          capture_output=True, text=True, timeout=600, env=child_env())
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"coded: {n - before}  duplicates: {before}  failures: 0" in done.stderr
    ids, events, problems = stored(db)
    assert ids == [f"k{i:04d}" for i in range(n)] and events == n
    assert problems == []
    with open_store(db, read_only=True) as store:
        [row] = store.query("SELECT sum(num_mentions) AS m FROM clusters")
        assert row["m"] == n  # every meeting is linked to exactly one cluster


@pytest.mark.slow
def test_ctrl_c_stops_cleanly_and_a_rerun_finishes(tmp_path):
    n = 320
    source = feed(tmp_path / "feed.jsonl", n)
    db, out = tmp_path / "store.duckdb", tmp_path / "out.jsonl"
    proc = start([sys.executable, LIGHT, str(source), "--db", str(db), "--out", str(out),
                  "--delay", "0.01"], tmp_path / "stderr.log")
    assert kill_after(proc, out, STORE_BATCH + 10, signal.SIGINT)
    ids, events, problems = stored(db)
    assert problems == [] and STORE_BATCH <= len(ids) < n and events == len(ids)
    done = subprocess.run([sys.executable, LIGHT, str(source), "--db", str(db), "--out", str(out)],
                          capture_output=True, text=True, timeout=600, env=child_env())
    assert done.returncode == 0, done.stderr
    ids, events, problems = stored(db)
    assert len(ids) == n == events and problems == []


@pytest.mark.model
@pytest.mark.slow
def test_the_real_cli_killed_mid_run_then_rerun(tmp_path):
    """`entente code DIR --db` with the trained model: killed once the first batch of 64 is
    committed, then run again to the end."""
    folder = tmp_path / "news"
    folder.mkdir()
    countries = ["Greece", "France", "Turkey", "Egypt", "Kenya", "Chile", "Japan", "Peru"]
    n = 100
    for i in range(n):
        a, b = countries[i % 8], countries[(i * 3 + 1) % 8]
        (folder / f"story{i:03d}.txt").write_text(
            f"{a} and {b} hold talks\n\n{a} and {b} met in Geneva on Tuesday, officials said. "
            f"The talks, round {i}, covered trade.", encoding="utf-8")
    db, out = tmp_path / "store.duckdb", tmp_path / "out.jsonl"
    env = child_env(ENTENTE_CACHE_DIR=str(tmp_path / "cache"))
    cmd = entente_command("code", str(folder), "--db", str(db), "--out", str(out), "--quiet")
    with open(tmp_path / "stderr.log", "wb") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env)
    assert kill_after(proc, out, STORE_BATCH + 6, signal.SIGKILL, timeout=600)
    ids, _, problems = stored(db)
    assert problems == [] and STORE_BATCH <= len(ids) < n
    first = set(ids)
    done = subprocess.run(entente_command("code", str(folder), "--db", str(db), "--out", str(out)),
                          capture_output=True, text=True, timeout=900, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"coded: {n - len(first)}  duplicates: {len(first)}  failures: 0" in done.stderr
    recoded = {json.loads(line)["article_id"] for line in out.read_text().splitlines()}
    assert not recoded & first  # committed articles are not coded again
    ids, events, problems = stored(db)
    assert ids == sorted(f"story{i:03d}.txt" for i in range(n)) and problems == []
    assert events > 0
    if os.environ.get("ENTENTE_FAULTS_VERBOSE"):
        print(f"killed after {len(first)} committed; {events} events")
