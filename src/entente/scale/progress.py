"""Progress bars for long coding runs (rich), quiet when standard error is not a terminal.

`RunProgress` follows a sharded run: articles read of those expected, coding rate, events,
failures, shards done, and the time left. `JobProgress` follows a single-process `code_job`
(its `progress=` callback), where the total is not known in advance. Both take an injectable
rich `Console` and clock, and draw nothing when the console is not a terminal.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from entente.scale.manifest import Counts, Manifest


def _columns(with_total: bool) -> list[Any]:
    cols: list[Any] = [TextColumn("[bold]{task.description}")]
    if with_total:
        cols += [BarColumn(), MofNCompleteColumn()]
    else:
        cols += [TextColumn("{task.completed} articles")]
    cols += [TextColumn("{task.fields[rate]:.1f}/s"),
             TextColumn("events {task.fields[events]}"),
             TextColumn("failures {task.fields[failures]}")]
    if with_total:
        cols += [TextColumn("shards {task.fields[shards]}"), TimeRemainingColumn()]
    else:
        cols += [TimeElapsedColumn()]
    return cols


class RunProgress:
    """Live totals of a sharded run; `enabled=None` draws only on a terminal."""

    def __init__(self, *, console: Console | None = None, enabled: bool | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.console = console or Console(stderr=True)
        self.enabled = self.console.is_terminal if enabled is None else enabled
        self.clock = clock
        self.per_shard: dict[str, Counts] = {}
        self.done = self.failed = self.shards = 0
        self.started = clock()
        self._bar: Progress | None = None
        self._task: Any = None

    # -- events from the runner -------------------------------------------------------------
    def begin(self, shards: int, expected: int) -> None:
        self.shards, self.started = shards, self.clock()
        if self.enabled:
            self._bar = Progress(*_columns(True), console=self.console, transient=False)
            self._bar.start()
            self._task = self._bar.add_task("coding", total=max(1, expected), rate=0.0,
                                            events=0, failures=0, shards=f"0/{shards}")

    def update(self, shard: str, counts: Counts) -> None:
        self.per_shard[shard] = counts
        self._draw()

    def shard_done(self, manifest: Manifest) -> None:
        self.done += 1
        self.per_shard[manifest.shard] = manifest.counts
        self._draw()

    def shard_failed(self, shard: str, message: str) -> None:
        self.failed += 1
        self._draw()

    def end(self) -> None:
        if self._bar is not None:
            self._draw(final=True)
            self._bar.stop()
            self._bar = None

    # -- totals ------------------------------------------------------------------------------
    def totals(self) -> Counts:
        from entente.scale.dataset import total

        return total(self.per_shard.values())

    def rate(self) -> float:
        elapsed = self.clock() - self.started
        return self.totals().read / elapsed if elapsed > 0 else 0.0

    def _draw(self, final: bool = False) -> None:
        if self._bar is None:
            return
        t = self.totals()
        task = self._bar.tasks[0]
        total = max(task.total or 1, t.read) if not final else t.read or 1
        failed = f" ({self.failed} failed)" if self.failed else ""
        self._bar.update(self._task, completed=t.read, total=total, rate=self.rate(),
                         events=t.events, failures=t.failures,
                         shards=f"{self.done}/{self.shards}{failed}")


class JobProgress:
    """A `code_job(progress=...)` callback drawing a bar without a total (single process)."""

    def __init__(self, *, console: Console | None = None, enabled: bool | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.console = console or Console(stderr=True)
        self.enabled = self.console.is_terminal if enabled is None else enabled
        self.clock = clock
        self.started = clock()
        self._bar: Progress | None = None
        self._task: Any = None

    def __enter__(self) -> JobProgress:
        if self.enabled:
            self._bar = Progress(*_columns(False), console=self.console, transient=False)
            self._bar.start()
            self._task = self._bar.add_task("coding", total=None, rate=0.0, events=0,
                                            failures=0)
        return self

    def __call__(self, summary: Any) -> None:
        if self._bar is None:
            return
        elapsed = self.clock() - self.started
        self._bar.update(self._task, completed=summary.read,
                         rate=summary.read / elapsed if elapsed > 0 else 0.0,
                         events=summary.events, failures=summary.failures)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
