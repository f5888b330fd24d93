"""`run_sql`: one read-only query, nothing else."""

from __future__ import annotations

import pytest

from entente.analysis.sql import check_statement, run_sql
from entente.errors import UsageError
from entente.store import open_store


@pytest.mark.parametrize("sql", [
    "SELECT count(*) FROM events",
    "WITH t AS (SELECT root FROM events) SELECT root, count(*) FROM t GROUP BY 1",
    "DESCRIBE events", "SHOW TABLES", "FROM clusters LIMIT 1",
])
def test_reading_statements_are_allowed(sql):
    assert check_statement(sql) == sql


@pytest.mark.parametrize("sql, message", [
    ("DELETE FROM events", "DELETE"),
    ("DROP TABLE events", "DROP"),
    ("INSERT INTO events SELECT * FROM events", "INSERT"),
    ("UPDATE clusters SET num_articles = 0", "UPDATE"),
    ("CREATE TABLE x AS SELECT 1", "CREATE"),
    ("COPY events TO 'x.csv'", "COPY"),
    ("ATTACH 'other.duckdb'", "ATTACH"),
    ("PRAGMA version", "PRAGMA"),
    ("SELECT 1; DROP TABLE events", "exactly one"),
    ("", "no SQL"),
    ("SELEC 1", "does not parse"),
])
def test_everything_else_is_refused(sql, message):
    with pytest.raises(UsageError, match=message):
        check_statement(sql)


def test_query_runs_read_only_and_sandboxed(corpus):
    result = run_sql(corpus, "SELECT root, count(*) AS n FROM events GROUP BY 1 ORDER BY 1",
                     limit=3)
    assert result["columns"] == ["root", "n"] and len(result["rows"]) == 3
    assert result["truncated"] is True
    with pytest.raises(UsageError, match="disabled by configuration"):
        run_sql(corpus, "SELECT * FROM read_csv('/etc/hostname')")


def test_a_writable_held_store_is_sandboxed_too(tmp_path):
    from factories import story_copies

    with open_store(tmp_path / "w.duckdb", hold=True) as store:
        store.add(story_copies(2))
        with pytest.raises(UsageError, match="disabled by configuration"):
            run_sql(store, "SELECT * FROM 'elsewhere.parquet'")
        with pytest.raises(UsageError, match="INSERT"):
            run_sql(store, "INSERT INTO clusters SELECT * FROM clusters")
        assert run_sql(store, "SELECT count(*) FROM clusters")["rows"] == [[1]]
