"""The dashboard keeps answering while a batch loads into the same store (one writer thread on
the held store, readers on their own cursors: see entente.store's concurrency design)."""

from __future__ import annotations

import threading

import msgspec
from factories import random_records, renamed

from entente.api import ApiLimits

READS = ["/v1/status", "/v1/events?limit=20", "/v1/overview", "/", "/network",
         "/v1/clusters?order=articles&limit=5", "/v1/dyads/TUR/AZE"]


def test_reads_keep_answering_while_a_background_load_writes(make_client):
    client = make_client(limits=ApiLimits(load_batch=20))
    first = renamed(random_records(20, seed=3), "first-")
    client.post("/v1/articles", content=msgspec.json.encode(first),
                headers={"content-type": "application/json"})
    batch = renamed(random_records(160, seed=4), "bg-")
    job = client.post("/v1/articles", content=msgspec.json.encode(batch),
                      headers={"content-type": "application/json"}).json()

    statuses: list[int] = []
    seen: list[int] = []
    errors: list[BaseException] = []
    done = threading.Event()

    def read(offset: int) -> None:
        try:
            n = offset
            while not done.is_set():
                r = client.get(READS[n % len(READS)])
                statuses.append(r.status_code)
                if n % len(READS) == 0:
                    seen.append(r.json()["counts"]["articles"])
                n += 1
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    readers = [threading.Thread(target=read, args=(i,)) for i in range(2)]
    for t in readers:
        t.start()
    while not client.get(job["url"]).json()["done"]:
        statuses.append(client.get("/v1/events?limit=5").status_code)
    done.set()
    for t in readers:
        t.join()

    final = client.get(job["url"]).json()
    assert errors == [] and final["state"] == "done" and final["added"] == 160
    assert len(statuses) > 10 and set(statuses) == {200}
    # every count seen was a whole number of batches: a batch is seen entirely or not at all
    assert all((n - 20) % 20 == 0 for n in seen)
    assert any(20 < n < 180 for n in seen)  # and reads were answered during the load
    assert client.get("/v1/status").json()["counts"]["articles"] == 180


WRITER = """
import sys
sys.path[:0] = [{store!r}, {api!r}]
from factories import random_records, renamed
from entente.store import open_store
with open_store({path!r}) as store:
    store.add(renamed(random_records(5, seed=8), "other-process-"))
"""


def test_a_read_only_server_lets_another_process_write_between_requests(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    from fastapi.testclient import TestClient

    from entente.api import create_app
    from entente.store import open_store

    here = Path(__file__).resolve().parent
    path = tmp_path / "shared.duckdb"
    with open_store(path) as store:
        store.add(random_records(3, seed=7))
    with TestClient(create_app(path, read_only=True)) as client:
        assert client.get("/v1/status").json()["counts"]["articles"] == 3
        code = WRITER.format(store=str(here.parent / "store"), api=str(here), path=str(path))
        subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
        assert client.get("/v1/status").json()["counts"]["articles"] == 8
        assert client.get("/v1/articles/other-process-r0000000").status_code == 200
