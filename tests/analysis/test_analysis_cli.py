"""The analysis and store commands, end to end on a small store."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from factories import random_records, story_copies

from entente.cli import cli, main
from entente.records import to_json


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    records = story_copies(10) + random_records(80, seed=31)
    src = folder / "in.jsonl"
    src.write_bytes(b"".join(to_json(r) + b"\n" for r in records))
    path = str(folder / "e.duckdb")
    result = CliRunner().invoke(cli, ["load", str(src), "--db", path])
    assert result.exit_code == 0 and "added: 90" in result.stderr
    return path


def test_load_is_idempotent_and_export_round_trips(db, tmp_path):
    out = tmp_path / "out.jsonl"
    run("export", "--db", db, "--format", "jsonl", "--out", str(out))
    src = tmp_path / "again.jsonl"
    src.write_bytes(out.read_bytes())
    result = CliRunner().invoke(cli, ["load", str(src), "--db", db, "--hold"])  # file held
    assert "unchanged: 90" in result.stderr
    lines = out.read_bytes().splitlines()
    assert len(lines) == 90 and [json.loads(x)["article_id"] for x in lines] == sorted(
        json.loads(x)["article_id"] for x in lines)


def test_load_reports_bad_lines_and_fails_when_nothing_loads(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["load", str(bad), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1 and f"{bad}:1: not an entente record" in result.stderr


def test_dyad_json_csv_and_plot(db, tmp_path):
    data = json.loads(run("dyad", "TUR", "AZE", "--db", db, "--json"))
    assert data["totals"]["events"] >= 10 and data["top_clusters"][0]["num_articles"] == 10
    csv_text = run("dyad", "tur", "aze", "--db", db, "--csv", "--by", "week")
    assert csv_text.splitlines()[0].startswith("period,events,q1")
    table = run("dyad", "TUR", "AZE", "--db", db, "--plot", str(tmp_path / "d.svg"))
    assert "TUR ↔ AZE" in table and (tmp_path / "d.svg").exists()


def test_trends_network_events(db, tmp_path):
    assert "items" in json.loads(run("trends", "--db", db, "--json", "--min-events", "1"))
    run("network", "--db", db, "--graphml", str(tmp_path / "g.graphml"))
    assert (tmp_path / "g.graphml").read_text().startswith("<?xml")
    page = json.loads(run("events", "--db", db, "--dyad", "TUR", "AZE", "--json",
                          "--limit", "5"))
    assert len(page["items"]) == 5 and page["next_offset"] == 5


def test_sql_and_gdelt_export(db, tmp_path):
    rows = json.loads(run("sql", "SELECT count(*) AS n FROM articles", "--db", db, "--json"))
    assert rows["rows"] == [[90]]
    out = tmp_path / "g.tsv"
    run("export", "--db", db, "--format", "gdelt", "--out", str(out))
    assert all(len(line.split("\t")) == 61 for line in out.read_text().splitlines())


def test_refused_sql_exits_2_without_a_traceback(db, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["sql", "DROP TABLE events", "--db", db])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.startswith("entente: only SELECT")


def test_missing_store_exits_1(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["dyad", "TUR", "AZE", "--db", str(tmp_path / "none.duckdb")])
    assert exit_.value.code == 1 and "no store here" in capsys.readouterr().err


def test_parquet_export_loads_into_a_new_store(db, tmp_path):
    run("export", "--db", db, "--format", "parquet", "--out", str(tmp_path / "ds"))
    other = str(tmp_path / "other.duckdb")
    result = CliRunner().invoke(cli, ["load", str(tmp_path / "ds"), "--db", other])
    assert result.exit_code == 0 and "added: 90" in result.stderr
    first = json.loads(run("sql", "SELECT count(*) AS n FROM clusters", "--db", db, "--json"))
    again = json.loads(run("sql", "SELECT count(*) AS n FROM clusters", "--db", other, "--json"))
    assert first["rows"] == again["rows"]
