"""Run a command in a subprocess and measure what it cost: peak RSS and CPU seconds.

The command runs as the grandchild of a small fresh interpreter (`_WRAPPER`) that reaps it with
`os.wait4` and reports its resource usage. Linux carries a process's peak RSS across `exec` (the
forked copy of the parent counts), so a command forked straight from a pytest process that holds
the trained model would report that process's 700 MB; forked from a freshly exec'd interpreter it
reports its own peak (plus the ~10 MB of that interpreter at most). CPU time,
not wall time, is what bounds are asserted on: on a busy shared machine the wall clock measures
the neighbours. A wall-clock `timeout` still stops a hung child (it is killed, and the result
says so).
"""

from __future__ import annotations

import json
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


# argv: fd to report on, then the command. Exit status and signals are passed through.
_WRAPPER = r"""
import json, os, signal, sys
fd, cmd = int(sys.argv[1]), sys.argv[2:]
pid = os.fork()
if pid == 0:
    os.close(fd)
    try:
        os.execvp(cmd[0], cmd)
    finally:
        os._exit(127)
for s in (signal.SIGINT, signal.SIGTERM):
    signal.signal(s, lambda n, f: os.kill(pid, n))
_, status, ru = os.wait4(pid, 0)
os.write(fd, json.dumps([ru.ru_maxrss, ru.ru_utime + ru.ru_stime]).encode())
os.close(fd)
code = os.waitstatus_to_exitcode(status)
if code < 0:
    signal.signal(-code, signal.SIG_DFL)
    os.kill(os.getpid(), -code)
os._exit(code)
"""


def _drain(stream: IO[bytes], into: list[bytes]) -> None:
    for chunk in iter(lambda: stream.read(1 << 16), b""):
        into.append(chunk)


def run(cmd: list[str], *, timeout: float, env: dict[str, str] | None = None,
        cwd: str | Path | None = None, stdin: bytes | None = None,
        preexec_fn: object = None) -> Result:
    """Run `cmd`, collect its output, and reap it with its own resource usage."""
    report_r, report_w = os.pipe()
    proc = subprocess.Popen([sys.executable, "-c", _WRAPPER, str(report_w), *cmd],
                            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd,
                            preexec_fn=preexec_fn, pass_fds=(report_w,),  # type: ignore[arg-type]
                            start_new_session=True)
    os.close(report_w)
    out: list[bytes] = []
    err: list[bytes] = []
    report: list[bytes] = []
    with os.fdopen(report_r, "rb") as report_stream:
        readers = [threading.Thread(target=_drain, args=(proc.stdout, out), daemon=True),
                   threading.Thread(target=_drain, args=(proc.stderr, err), daemon=True),
                   threading.Thread(target=_drain, args=(report_stream, report), daemon=True)]
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
                os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, stop)
        timer.start()
        try:
            for t in readers:
                t.join()
            proc.wait()
        finally:
            timer.cancel()
            for stream in (proc.stdout, proc.stderr):
                if stream is not None:
                    stream.close()
    maxrss_kb, cpu = json.loads(b"".join(report)) if report else (0, 0.0)
    return Result(returncode=proc.returncode, stdout=b"".join(out),
                  stderr=b"".join(err).decode("utf-8", "replace"),
                  peak_rss_mb=maxrss_kb / 1024, cpu_seconds=cpu, timed_out=fired.is_set())


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
