"""Progress bars: drawn on a terminal, silent otherwise."""

from __future__ import annotations

import io

from rich.console import Console

from entente.jobs import Summary
from entente.scale.manifest import Counts, Manifest, ShardConfig, Versions
from entente.scale.progress import JobProgress, RunProgress


def _console(terminal: bool) -> tuple[Console, io.StringIO]:
    buf = io.StringIO()
    return Console(file=buf, force_terminal=terminal, width=160), buf


def _manifest(name: str, counts: Counts) -> Manifest:
    return Manifest(shard=name, inputs=[], input_fingerprint="", input_bytes=0,
                    config=ShardConfig(), config_fingerprint="", versions=Versions(entente="x"),
                    counts=counts)


def test_run_progress_shows_totals_on_a_terminal():
    console, buf = _console(True)
    ticks = iter(range(0, 1000, 10))
    bar = RunProgress(console=console, clock=lambda: float(next(ticks)))
    bar.begin(2, 40)
    bar.update("part-00000", Counts(read=10, coded=9, events=4, failures=1))
    bar.shard_done(_manifest("part-00000", Counts(read=20, coded=19, events=7, failures=1)))
    bar.update("part-00001", Counts(read=5, coded=5, events=2))
    assert bar.totals().read == 25 and bar.totals().events == 9
    bar.end()
    text = buf.getvalue()
    assert "25/25" in text and "events 9" in text and "failures 1" in text
    assert "shards 1/2" in text


def test_run_progress_is_quiet_off_a_terminal():
    console, buf = _console(False)
    bar = RunProgress(console=console)
    assert not bar.enabled
    bar.begin(1, 10)
    bar.update("part-00000", Counts(read=3))
    bar.shard_failed("part-00000", "boom")
    bar.end()
    assert buf.getvalue() == "" and bar.failed == 1


def test_job_progress_follows_the_summary():
    console, buf = _console(True)
    with JobProgress(console=console) as progress:
        progress(Summary(read=12, coded=11, events=5, failures=1))
    assert "12 articles" in buf.getvalue() and "events 5" in buf.getvalue()
    console, buf = _console(False)
    with JobProgress(console=console) as progress:
        progress(Summary(read=1))
    assert buf.getvalue() == ""
