"""`run_sql`: one read-only query, nothing else."""

from __future__ import annotations

import pytest

from entente.analysis.sql import check_statement, run_sql
from entente.errors import UsageError


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


def test_query_runs_read_only_and_sandboxed(corpus_path):
    result = run_sql(corpus_path, "SELECT root, count(*) AS n FROM events GROUP BY 1 "
                                  "ORDER BY 1", limit=3)
    assert result["columns"] == ["root", "n"] and len(result["rows"]) == 3
    assert result["truncated"] is True
    with pytest.raises(UsageError, match="disabled by configuration"):
        run_sql(corpus_path, "SELECT * FROM read_csv('/etc/hostname')")
