"""A user's own SQL over the store, read-only: `entente sql "SELECT ..."`.

Three locks, each enough on its own for writes: the statement must parse as exactly one
SELECT (which covers WITH, DESCRIBE, SHOW, SUMMARIZE and FROM-first queries); the store is opened
read-only; and the connection has external access off (no reading or writing files, no
extensions, no ATTACH), so a SELECT cannot reach past the store either.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from entente.errors import StoreError, UsageError

MAX_ROWS = 10_000
_SANDBOX = {"enable_external_access": False, "lock_configuration": True}


def check_statement(sql: str) -> str:
    """The statement when it is a single read-only query; `UsageError` otherwise."""
    text = sql.strip()
    if not text:
        raise UsageError("no SQL given")
    try:
        statements = duckdb.extract_statements(text)
    except duckdb.Error as exc:
        raise UsageError(f"SQL does not parse: {exc}") from None
    if len(statements) != 1:
        raise UsageError(f"give exactly one statement, got {len(statements)}")
    kind = statements[0].type
    if kind != duckdb.StatementType.SELECT:
        raise UsageError(f"only SELECT, WITH, DESCRIBE and SHOW are allowed, got {kind.name}")
    return text


def run_sql(path: str | Path, sql: str, *, limit: int = 1000) -> dict[str, Any]:
    """Run one read-only query on the store file at `path` in a sandboxed connection; returns
    column names, rows (at most `limit`) and whether more rows were cut off."""
    text = check_statement(sql)
    if not 0 < limit <= MAX_ROWS:
        raise UsageError(f"--limit must be between 1 and {MAX_ROWS}, got {limit}")
    if not Path(path).exists():
        raise StoreError("no store here", where=str(path))
    try:
        con = duckdb.connect(str(path), read_only=True, config=dict(_SANDBOX))
    except duckdb.Error as exc:
        raise StoreError(f"cannot open read-only: {exc}", where=str(path)) from None
    try:
        cur = con.execute(text)
        columns = [d[0] for d in cur.description or []]
        rows = cur.fetchmany(limit + 1)
    except duckdb.Error as exc:
        raise UsageError(f"query failed: {exc}") from None
    finally:
        con.close()
    return {"columns": columns, "rows": [list(r) for r in rows[:limit]],
            "truncated": len(rows) > limit}
