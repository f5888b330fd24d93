"""API hardening: a seeded store, TestClient apps over it with the light engine, and a real
`entente serve` (uvicorn) on loopback for the tests that need sockets (slow clients, bursts).

The real server is the command users run, so its uvicorn settings are the ones under test; it
never loads the trained model, because no request sent to it holds a codable article (coding
requests are refused before the engine, or hold only bad records).
"""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
for folder in ("hostile", "faults"):
    if str(TESTS / folder) not in sys.path:
        sys.path.insert(0, str(TESTS / folder))

import httpx  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from hardening_values import ODD_IDS, TOKEN  # noqa: E402
from lightengine import light_engine  # noqa: E402

from entente.api import create_app  # noqa: E402
from entente.jobs import code_job  # noqa: E402


def seed_lines() -> list[dict]:
    lines = [{"id": f"a{i}", "text": f"Greece and France met in Athens. Report {i} on talks.",
              "published": f"2021-05-{1 + i % 28:02d}", "source": f"Outlet {i % 3}"}
             for i in range(30)]
    lines += [{"id": odd, "text": f"Greece and France met in Nice. Odd id number {n}.",
               "published": "2021-06-01", "source": "Odd"} for n, odd in enumerate(ODD_IDS)]
    return lines


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hardening")
    feed = folder / "feed.jsonl"
    feed.write_text("".join(json.dumps(line) + "\n" for line in seed_lines()), encoding="utf-8")
    db = folder / "seed.duckdb"
    summary = code_job([str(feed)], out=io.BytesIO(), db=str(db), engine=light_engine(),
                       err=io.StringIO())
    assert summary.coded == len(seed_lines())
    return db


@pytest.fixture
def fresh_db(tmp_path, seeded_db) -> Path:
    """A copy of the seeded store that a test may write to."""
    path = tmp_path / "store.duckdb"
    path.write_bytes(seeded_db.read_bytes())
    return path


@pytest.fixture
def make_client(fresh_db) -> Iterator[Callable[..., TestClient]]:
    """make_client(token=..., public=..., limits=...): a TestClient over a writable copy of the
    seeded store, coding with the light engine; server errors come back as responses."""
    clients: list[TestClient] = []

    def make(**kw) -> TestClient:
        kw.setdefault("engine", light_engine())
        client = TestClient(create_app(fresh_db, **kw), raise_server_exceptions=False)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for c in clients:
        c.__exit__(None, None, None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    proc: subprocess.Popen[bytes]
    url: str
    host: str
    port: int
    token: str | None
    log: list[bytes] = field(default_factory=list)  # the server's standard error, drained

    def alive(self) -> bool:
        return self.proc.poll() is None

    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        line = next(x for x in status.splitlines() if x.startswith("VmRSS:"))
        return int(line.split()[1]) / 1024

    def client(self, **kw) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30, **kw)


def start_server(db: Path, *, host: str = "127.0.0.1", token: str | None = TOKEN,
                 cache_dir: Path) -> Server:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("ENTENTE_DEBUG", "ENTENTE_TOKEN")}
    env["ENTENTE_CACHE_DIR"] = str(cache_dir)
    if token:
        env["ENTENTE_TOKEN"] = token
    proc = subprocess.Popen(
        [sys.executable, "-c", "from entente.cli import main; main()", "serve", "--db", str(db),
         "--host", host, "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "server died")
        try:
            if httpx.get(f"{url}/v1/status", timeout=2).status_code == 200:
                server = Server(proc=proc, url=url, host=host, port=port, token=token)
                threading.Thread(target=drain, args=(proc, server.log), daemon=True).start()
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError("the server did not answer within 60 s")


def drain(proc: subprocess.Popen[bytes], into: list[bytes]) -> None:
    """Read the server's standard error as it comes: a pipe nobody reads fills at 64 KB and then
    blocks the server's next log line, and with it the whole event loop."""
    assert proc.stderr is not None
    try:
        for line in iter(proc.stderr.readline, b""):
            into.append(line)
            del into[:-200]  # the last lines are enough to debug with
    except (OSError, ValueError):  # closed by stop_server
        return


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=20)
    if proc.stderr is not None:
        proc.stderr.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory, seeded_db) -> Iterator[Server]:
    """`entente serve` on 127.0.0.1 with a token, over a copy of the seeded store."""
    folder = tmp_path_factory.mktemp("served")
    db = folder / "served.duckdb"
    db.write_bytes(seeded_db.read_bytes())
    srv = start_server(db, cache_dir=folder)
    yield srv
    assert srv.alive(), "the server died during the tests"
    stop_server(srv.proc)
