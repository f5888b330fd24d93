"""`entente doctor`: a healthy installation passes; a corrupt store and a bad knowledge-base file
of the user's are flagged, each with what to fix, and the exit status says so."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from entente.cli import cli
from entente.doctor import Check, check_knowledge_base, check_store, diagnose, healthy

sys.path.insert(0, str(Path(__file__).parent / "faults"))
sys.path.insert(0, str(Path(__file__).parent / "store"))
from factories import flip_text_block
from lightengine import light_engine

from entente.jobs import code_job

BAD_KB = """entries:
- {id: group:nowhere-front, name: Nowhere Front, country: XYZ, role: REB}
"""


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ENTENTE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ENTENTE_KB_PATH", raising=False)


@pytest.fixture
def store(tmp_path) -> Path:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": f"d{i}", "text": f"Greece and France met. Day {i}.",
                                        "published": "2021-05-04"}) + "\n" for i in range(40)))
    db = tmp_path / "store.duckdb"
    summary = code_job([str(feed)], out=io.BytesIO(), db=str(db), engine=light_engine(),
                       err=io.StringIO())
    assert summary.coded == 40
    return db


def by_name(checks: list[Check]) -> dict[str, Check]:
    return {c.name: c for c in checks}


@pytest.mark.model
def test_healthy_installation_passes_every_required_check(store):
    checks = by_name(diagnose(store))
    assert [n for n, c in checks.items() if c.required and not c.ok] == []
    assert checks["model"].message.startswith("entente_en ")
    assert "lint clean" in checks["knowledge base"].message
    assert "40 articles" in checks["store"].message
    assert {"dask", "playwright"} <= set(checks) and not checks["dask"].required
    result = CliRunner().invoke(cli, ["doctor", "--db", str(store), "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["ok"] is True and {c["name"] for c in answer["checks"]} >= {"python", "store"}
    text = CliRunner().invoke(cli, ["doctor"])
    assert text.exit_code == 0 and "healthy" in text.output and "FAIL" not in text.output


def test_optional_extras_never_make_an_install_unhealthy():
    checks = [Check(name="python", ok=True, message=""),
              Check(name="dask", ok=False, message="not installed", required=False)]
    assert healthy(checks)
    assert not healthy([*checks, Check(name="store", ok=False, message="bad")])


def test_a_file_that_is_not_a_store_is_flagged(tmp_path):
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"not a database at all " * 1000)
    check = check_store(junk)
    assert not check.ok and "not a usable DuckDB store" in check.message
    assert check.fix


def test_flipped_bytes_in_the_store_are_flagged(store):
    flip_text_block(store)
    check = check_store(store, deep=True)
    assert not check.ok and "checksum" in check.message.lower(), check.message
    assert "backup" in (check.fix or "")


def test_rows_broken_behind_the_stores_back_are_flagged(store):
    con = duckdb.connect(str(store))
    con.execute("DELETE FROM articles WHERE article_id = 'd7'")
    con.close()
    check = check_store(store)
    assert not check.ok and "integrity problems" in check.message and "d7" in check.message


def test_a_missing_store_is_flagged(tmp_path):
    check = check_store(tmp_path / "nowhere.duckdb")
    assert not check.ok and "no store here" in check.message
    assert not (tmp_path / "nowhere.duckdb").exists()  # doctor never creates a store


def test_doctor_cli_exits_1_and_names_the_fix_for_a_corrupt_store(tmp_path, monkeypatch):
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"\x00garbage" * 4000)
    monkeypatch.setattr("entente.doctor.check_model",
                        lambda load_model=None: Check(name="model", ok=True, message="stub"))
    result = CliRunner().invoke(cli, ["doctor", "--db", str(junk)])
    assert result.exit_code == 1
    assert "FAIL  store" in result.output and "fix: " in result.output
    assert "Traceback" not in result.output


def test_a_bad_user_knowledge_base_file_is_flagged(tmp_path, monkeypatch):
    mine = tmp_path / "mine.yaml"
    mine.write_text(BAD_KB)
    monkeypatch.setenv("ENTENTE_KB_PATH", str(mine))
    check = check_knowledge_base()
    assert not check.ok and "unknown country 'XYZ'" in check.message
    assert "ENTENTE_KB_PATH" in (check.fix or "")


@pytest.mark.parametrize("content", [None, "entries: [unclosed\n", "entries:\n- {name: No Id}\n"],
                         ids=["missing", "broken-yaml", "no-id"])
def test_an_unreadable_user_knowledge_base_file_is_flagged(tmp_path, monkeypatch, content):
    mine = tmp_path / "mine.yaml"
    if content is not None:
        mine.write_text(content)
    monkeypatch.setenv("ENTENTE_KB_PATH", str(mine))
    check = check_knowledge_base()
    assert not check.ok and check.fix, check
    assert check.message.startswith(str(mine)), check.message  # names the file, no exception name
