"""Run a command in a subprocess and measure what it cost: peak RSS and CPU seconds.

The child is reaped with `os.wait4`, which returns the resource usage of that one child (not the
running maximum over every child of the test process that `RUSAGE_CHILDREN` gives). CPU time,
not wall time, is what bounds are asserted on: on a busy shared machine the wall clock measures
the neighbours. A wall-clock `timeout` still stops a hung child (it is killed, and the result
says so).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    returncode: int
    stdout: bytes
    stderr: str
    peak_rss_mb: float
    cpu_seconds: float
    timed_out: bool = False

    @property
    def stderr_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


def entente_command(*args: str) -> list[str]:
    """`entente ARGS` with the interpreter running the tests (no reliance on PATH)."""
    return [sys.executable, "-c", "from entente.cli import main; main()", *args]


def child_env(**extra: str) -> dict[str, str]:
    """The test environment for a child, with ENTENTE_DEBUG unset (users' messages, not
    tracebacks) and `extra` added."""
    env = {k: v for k, v in os.environ.items() if k != "ENTENTE_DEBUG"}
    env.update(extra)
    return env


def _drain(stream: IO[bytes], into: list[bytes]) -> None:
    for chunk in iter(lambda: stream.read(1 << 16), b""):
        into.append(chunk)


def run(cmd: list[str], *, timeout: float, env: dict[str, str] | None = None,
        cwd: str | Path | None = None, stdin: bytes | None = None,
        preexec_fn: object = None) -> Result:
    """Run `cmd`, collect its output, and reap it with its own resource usage."""
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd,
                            preexec_fn=preexec_fn)  # type: ignore[arg-type]
    out: list[bytes] = []
    err: list[bytes] = []
    readers = [threading.Thread(target=_drain, args=(proc.stdout, out), daemon=True),
               threading.Thread(target=_drain, args=(proc.stderr, err), daemon=True)]
    for t in readers:
        t.start()
    if stdin is not None:
        assert proc.stdin is not None
        try:
            proc.stdin.write(stdin)
            proc.stdin.close()
        except BrokenPipeError:
            pass
    fired = threading.Event()

    def stop() -> None:
        fired.set()
        with suppress(ProcessLookupError):
            os.kill(proc.pid, signal.SIGKILL)

    timer = threading.Timer(timeout, stop)
    timer.start()
    try:
        for t in readers:
            t.join()
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Result(returncode=proc.returncode, stdout=b"".join(out),
                  stderr=b"".join(err).decode("utf-8", "replace"),
                  peak_rss_mb=usage.ru_maxrss / 1024, cpu_seconds=usage.ru_utime + usage.ru_stime,
                  timed_out=fired.is_set())


class CpuBudgetExceeded(Exception):
    """Raised inside a `cpu_budget` block that used more CPU time than it was given."""


@contextmanager
def cpu_budget(seconds: float) -> Iterator[None]:
    """Fail the block once it has used `seconds` of CPU time (this process, all threads): a
    quadratic path on a hostile input then costs the test its budget, not minutes. Main thread
    only (SIGPROF handler); pytest-timeout's SIGALRM still bounds wall time."""

    def expired(signum: int, frame: object) -> None:
        raise CpuBudgetExceeded(f"used more than {seconds:g} s of CPU time")

    previous = signal.signal(signal.SIGPROF, expired)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
