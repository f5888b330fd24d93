"""A user's own SQL over the store, read-only: `entente sql "SELECT ..."` (and the API's twin).

Three locks, each enough on its own against writes: the statement must parse as exactly one
SELECT (which covers WITH, DESCRIBE, SHOW, SUMMARIZE and FROM-first queries); the CLI opens the
store read-only; and every store connection has DuckDB's external access off (no files, no
extensions, no ATTACH: see `entente.store.core.CONFIG`), so a SELECT cannot reach past the store.
"""

from __future__ import annotations

from typing import Any

import duckdb

from entente.errors import UsageError
from entente.store.core import Store

MAX_ROWS = 10_000


def check_statement(sql: str, con: Any = None) -> str:
    """The statement when it is a single read-only query; `UsageError` otherwise."""
    text = sql.strip()
    if not text:
        raise UsageError("no SQL given")
    try:
        statements = (con or duckdb).extract_statements(text)
    except duckdb.Error as exc:
        raise UsageError(f"SQL does not parse: {exc}") from None
    if len(statements) != 1:
        raise UsageError(f"give exactly one statement, got {len(statements)}")
    kind = statements[0].type
    if kind != duckdb.StatementType.SELECT:
        raise UsageError(f"only SELECT, WITH, DESCRIBE and SHOW are allowed, got {kind.name}")
    return text


def run_sql(store: Store, sql: str, *, limit: int = 1000) -> dict[str, Any]:
    """Run one read-only query; returns column names, rows (at most `limit`) and whether more
    rows were cut off. Safe on any store, held or not, read-only or not."""
    if not 0 < limit <= MAX_ROWS:
        raise UsageError(f"--limit must be between 1 and {MAX_ROWS}, got {limit}")
    with store.connect() as con:
        text = check_statement(sql, con)
        try:
            cur = con.execute(text)
            columns = [d[0] for d in cur.description or []]
            rows = cur.fetchmany(limit + 1)
        except duckdb.Error as exc:
            raise UsageError(f"query failed: {exc}") from None
    return {"columns": columns, "rows": [list(r) for r in rows[:limit]],
            "truncated": len(rows) > limit}
