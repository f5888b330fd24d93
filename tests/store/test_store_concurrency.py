"""Readers keep answering while a writer loads (see the concurrency design in entente.store).

* one process: a held store, a background loader thread, reader threads on their own cursors;
* two processes: a writer process holding the file only per batch, a reader that opens it
  read-only per query and retries while the writer has it.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

from factories import random_records, renamed

from entente.store import BackgroundLoader, open_store


def _consistent(store) -> tuple[int, int]:
    """Articles and events seen in one snapshot, checking the snapshot is whole."""
    with store.snapshot() as con:
        articles, expected, events = con.execute(
            "SELECT count(*), coalesce(sum(n_events), 0), "
            "(SELECT count(*) FROM events) FROM articles").fetchone()
        linked = con.execute("SELECT coalesce(sum(num_mentions), 0) FROM clusters").fetchone()[0]
        counted = con.execute("SELECT count(*) FROM event_clusters WHERE counted").fetchone()[0]
    assert events == expected and linked == counted
    return articles, events


def test_readers_answer_while_a_background_loader_writes(tmp_path):
    batches = [renamed(random_records(25, seed=s), f"{s}-") for s in range(12)]
    store = open_store(tmp_path / "bg.duckdb", hold=True)
    seen: list[int] = []
    errors: list[BaseException] = []
    done = threading.Event()

    def read() -> None:
        try:
            while not done.is_set():
                seen.append(_consistent(store)[0])
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    readers = [threading.Thread(target=read) for _ in range(2)]
    for t in readers:
        t.start()
    loader = BackgroundLoader(store)
    for batch in batches:
        loader.submit(batch)
    loader.join()
    loader.close()
    done.set()
    for t in readers:
        t.join()
    assert errors == []
    assert len(seen) > 5 and all(n % 25 == 0 for n in seen)  # whole batches only
    assert _consistent(store) == (300, 1500)
    assert store.check() == []
    store.close()


WRITER = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {factories!r})
    from factories import random_records, renamed
    from entente.store import open_store
    store = open_store({path!r})
    records = random_records(200, seed=9)
    for i in range(0, 200, 20):
        store.add(records[i:i + 20])
        time.sleep(0.02)
    print("done")
""")


def test_a_reader_process_keeps_answering_while_another_process_loads(tmp_path):
    path = tmp_path / "shared.duckdb"
    open_store(path).close()
    script = WRITER.format(factories=str(Path(__file__).parent), path=str(path))
    writer = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    answers = []
    deadline = time.monotonic() + 120
    while writer.poll() is None and time.monotonic() < deadline:
        reader = open_store(path, read_only=True, timeout=60)
        answers.append(_consistent(reader)[0])
        reader.close()
    out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    assert out.strip() == "done"
    assert len(set(answers)) >= 2 and all(n % 20 == 0 for n in answers)
    assert answers == sorted(answers)
    final = open_store(path, read_only=True)
    assert _consistent(final) == (200, 1000) and final.check() == []
