"""A full disk, a file size limit, a store that cannot be written and a corrupt store.

Each run is `entente code` through the real command line (`lightengine.py cli code ...`: option
parsing, the error handling of `entente.cli.main`, exit status) with the light engine. A failed
write is one line on standard error (no traceback, no "internal error") and a non-zero exit; the
store keeps the batches committed before, passes its deep check, and a re-run with room codes
exactly the rest: nothing lost, nothing doubled.

Root ignores file modes, so a store that cannot be written is simulated two ways: the file and its
folder made immutable (`chattr +i`, root) or read-only (`chmod`, other users) when the system
allows it, and always DuckDB's own refusal injected into `duckdb.connect` (monkeypatched).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from factories import flip_text_block
from procstats import child_env

from entente.cli import cli
from entente.doctor import Check
from entente.jobs import STORE_BATCH
from entente.store import open_store

LIGHT = str(Path(__file__).with_name("lightengine.py"))
FILLER = " Officials gave no details of the talks." * 12  # so the store grows by the batch


def feed(path: Path, n: int) -> Path:
    path.write_text("".join(json.dumps({
        "id": f"f{i:04d}", "text": f"Greece and France met in Athens on day {i}.{FILLER}",
        "published": "2021-05-04", "source": f"Outlet {i % 5}"}) + "\n" for i in range(n)),
        encoding="utf-8")
    return path


def code(*args: str, stdout=subprocess.DEVNULL, preexec=None, timeout=300):
    return subprocess.run([sys.executable, LIGHT, "cli", "code", *args, "--quiet"],
                          stdout=stdout, stderr=subprocess.PIPE, text=True, env=child_env(),
                          preexec_fn=preexec, timeout=timeout)


def one_clear_line(stderr: str, *needles: str) -> str:
    lines = [x for x in stderr.splitlines() if x.strip()]
    assert len(lines) == 1, stderr[-3000:]
    line = lines[0]
    assert line.startswith("entente: ") and "Traceback" not in stderr, line
    assert "internal error" not in line, line
    for needle in needles:
        assert needle in line, line
    return line


def stored(db: Path) -> tuple[list[str], int, list[str]]:
    with open_store(db, read_only=True) as store:
        ids = sorted(r["article_id"] for r in store.query("SELECT article_id FROM articles"))
        return ids, store.counts()["events"], store.check(deep=True)


def rerun_completes(source: Path, db: Path, out: Path, n: int) -> None:
    kept = set(stored(db)[0]) if db.exists() else set()
    before = len(kept)
    done = subprocess.run([sys.executable, LIGHT, "cli", "code", str(source), "--db", str(db),
                           "--out", str(out)], capture_output=True, text=True, env=child_env(),
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"coded: {n - before}  duplicates: {before}  failures: 0" in done.stderr
    ids, events, problems = stored(db)
    assert ids == [f"f{i:04d}" for i in range(n)] and events == n and problems == []
    written = [json.loads(x)["article_id"] for x in out.read_text().splitlines()]
    assert sorted(written) == sorted(set(ids) - kept)  # the rest, each once


# -- a full disk ----------------------------------------------------------------------------------
needs_dev_full = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")


@needs_dev_full
@pytest.mark.parametrize("fmt", ["jsonl", "gdelt"])
def test_out_on_a_full_disk_is_one_line_then_a_rerun_completes(tmp_path, fmt):
    n = 150
    source, db = feed(tmp_path / "feed.jsonl", n), tmp_path / "store.duckdb"
    failed = code(str(source), "--db", str(db), "--out", "/dev/full", "--format", fmt)
    assert failed.returncode == 1
    one_clear_line(failed.stderr, "/dev/full", "cannot write records", "No space left on device")
    ids, events, problems = stored(db)
    assert problems == [] and len(ids) == len(set(ids)) and events == len(ids)
    rerun_completes(source, db, tmp_path / "out.jsonl", n)


@needs_dev_full
def test_standard_output_on_a_full_disk_is_one_line(tmp_path):
    source, db = feed(tmp_path / "feed.jsonl", 20), tmp_path / "store.duckdb"
    with open("/dev/full", "wb") as full:
        failed = code(str(source), "--db", str(db), stdout=full)
    assert failed.returncode == 1
    one_clear_line(failed.stderr, "<stdout>", "No space left on device")
    rerun_completes(source, db, tmp_path / "out.jsonl", 20)


def small_file_limit(size: int):
    """For the child: files may grow to `size` bytes; a write past it fails with EFBIG (SIGXFSZ,
    which would kill the process, is ignored, and stays ignored across exec)."""
    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return limit


def test_store_past_a_file_size_limit_is_one_line_then_a_rerun_completes(tmp_path):
    n = 1200
    source, db = feed(tmp_path / "feed.jsonl", n), tmp_path / "store.duckdb"
    failed = code(str(source), "--db", str(db), "--out", "/dev/null",
                  preexec=small_file_limit(700_000))
    assert failed.returncode == 1
    one_clear_line(failed.stderr, str(db), "cannot write the store", "File too large")
    ids, events, problems = stored(db)
    assert problems == [] and events == len(ids) == len(set(ids))
    assert 0 < len(ids) < n and len(ids) % STORE_BATCH == 0  # whole batches, committed
    rerun_completes(source, db, tmp_path / "out.jsonl", n)


# -- a store that cannot be written ---------------------------------------------------------------
@contextmanager
def unwritable(*paths: Path) -> Iterator[None]:
    """`paths` made unwritable for this process, or the test skipped where that is impossible."""
    if os.geteuid() != 0:
        modes = [p.stat().st_mode for p in paths]
        for p in paths:
            p.chmod(0o555 if p.is_dir() else 0o444)
        try:
            yield
        finally:
            for p, mode in zip(paths, modes, strict=True):
                p.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", *map(str, paths)],
                                        capture_output=True).returncode != 0:
        pytest.skip("running as root without chattr +i: file modes do not stop root")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", *map(str, paths)], check=True)


def test_an_unwritable_store_is_one_line_and_left_as_it_was(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    source, db = feed(tmp_path / "feed.jsonl", 80), folder / "store.duckdb"
    first = code(str(feed(tmp_path / "first.jsonl", 10)), "--db", str(db), "--out", "/dev/null")
    assert first.returncode == 0, first.stderr
    before = db.read_bytes()
    with unwritable(db, folder):
        failed = code(str(source), "--db", str(db), "--out", str(tmp_path / "out.jsonl"))
        assert failed.returncode == 1
        one_clear_line(failed.stderr, str(db), "cannot open", "not writable")
        assert db.read_bytes() == before
        ids, _, problems = stored(db)  # still readable
        assert len(ids) == 10 and problems == []
    rerun_completes(source, db, tmp_path / "out.jsonl", 80)


def test_duckdb_refusing_to_write_is_one_line(tmp_path, monkeypatch, capsys):
    """DuckDB's own permission error, injected: the same one line, whoever runs the test."""
    sys.path.insert(0, str(Path(LIGHT).parent))
    from lightengine import light_engine

    import entente.pipeline
    import entente.store.core as core
    from entente.cli import main

    source, db = feed(tmp_path / "feed.jsonl", 5), tmp_path / "store.duckdb"
    real = core.duckdb.connect

    def connect(path, read_only=False, **kw):
        if not read_only and path != ":memory:":
            raise duckdb.IOException(f'IO Error: Cannot open file "{path}": Permission denied')
        return real(path, read_only=read_only, **kw)

    monkeypatch.setattr(core.duckdb, "connect", connect)
    engine = light_engine()  # built before Engine is replaced (it builds on the real one)
    monkeypatch.setattr(entente.pipeline, "Engine", lambda **kw: engine)
    with pytest.raises(SystemExit) as exit_:
        main(["code", str(source), "--db", str(db), "--out", str(tmp_path / "o.jsonl"), "-q"])
    assert exit_.value.code == 1
    one_clear_line(capsys.readouterr().err, "Permission denied", "not writable")


# -- a corrupt store ------------------------------------------------------------------------------


@pytest.mark.parametrize("damage", ["flipped-bytes", "not-a-database", "truncated"])
def test_a_corrupt_store_is_refused_by_code_and_doctor(tmp_path, monkeypatch, damage):
    source, db = feed(tmp_path / "feed.jsonl", 100), tmp_path / "store.duckdb"
    assert code(str(source), "--db", str(db), "--out", "/dev/null").returncode == 0
    if damage == "flipped-bytes":
        flip_text_block(db)
    elif damage == "not-a-database":
        db.write_bytes(b"\x00not a store" * 5000)
    else:
        db.write_bytes(db.read_bytes()[: db.stat().st_size // 3])
    before = db.read_bytes()
    failed = code(str(source), "--db", str(db), "--out", str(tmp_path / "out.jsonl"))
    assert failed.returncode == 1
    line = one_clear_line(failed.stderr, str(db))
    assert "corrupt" in line or "not a usable DuckDB store" in line, line
    assert db.read_bytes() == before  # never written to
    monkeypatch.setattr("entente.doctor.check_model",  # the model is not under test here
                        lambda load_model=None: Check(name="model", ok=True, message="stub"))
    doctor = CliRunner().invoke(cli, ["doctor", "--db", str(db), "--json"])
    assert doctor.exit_code == 1, doctor.output
    [check] = [c for c in json.loads(doctor.output)["checks"] if c["name"] == "store"]
    assert not check["ok"] and check["fix"] and ("corrupt" in check["message"]
                                                 or "not a usable" in check["message"])
    assert db.read_bytes() == before
