"""The `Store`: a DuckDB file of coded articles, their events and the clusters across them.

See the package docstring (`entente.store`) for the concurrency design.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from entente.errors import StoreError, StoreIntegrityError
from entente.records import ArticleRecord
from entente.store import rows as rowmod
from entente.store import schema

MEMORY = ":memory:"
DEFAULT_TIMEOUT = 30.0
_BACKOFF = (0.005, 0.5)  # first and longest wait between attempts to open a busy file
_CORRUPT = ("not a valid duckdb database", "corrupt", "checksum", "invalid block",
            "failed to read", "serialization error")
_BUSY = ("could not set lock", "conflicting lock", "different configuration")
# A write the file system refused: a full disk, a file size limit, a read-only mount.
_NO_WRITE = ("could not write", "no space left", "file too large", "read-only file system",
             "permission denied", "cannot write")
# Every store connection is sandboxed: DuckDB may touch its own database file and nothing else
# (no reading or writing other files, no extensions, no ATTACH). The store never needs more:
# Parquet goes through pyarrow and exports through Python. So a user's SELECT (`entente sql`,
# the API) cannot reach past the store, whichever connection runs it.
CONFIG = {"enable_external_access": False}


@dataclass
class AddResult:
    """What one `Store.add` did, by article."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    clusters: int = 0


def _is(exc: BaseException, needles: Sequence[str]) -> bool:
    text = str(exc).lower()
    return any(n in text for n in needles)


def _utcnow() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """A DuckDB event store; build it with `open_store`."""

    def __init__(self, path: str | Path, *, read_only: bool = False, hold: bool | None = None,
                 timeout: float = DEFAULT_TIMEOUT, clock: Callable[[], str] = _utcnow):
        self.path = str(path)
        self.read_only = read_only
        self.timeout = timeout
        self._clock = clock
        self.hold = True if self.path == MEMORY else bool(hold)
        self._db: duckdb.DuckDBPyConnection | None = None
        self._lock = threading.Lock()  # guards cursor creation on a held connection
        self._write_lock = threading.RLock()  # one writing transaction at a time per Store
        self._prepared = False
        if self.read_only and self.path != MEMORY and not Path(self.path).exists():
            raise StoreError("no store here", where=self.path,
                             hint="create one with `entente load` or `entente code --db`")
        if self.hold:
            self._db = self._open()
        with self.connect():
            pass  # opens, checks and (when writable) creates or migrates the schema

    # -- connections ---------------------------------------------------------------------------
    def _open(self) -> duckdb.DuckDBPyConnection:
        """A new connection, retried with backoff while another process holds the file."""
        deadline = time.monotonic() + self.timeout
        wait = _BACKOFF[0]
        while True:
            try:
                if self.path == MEMORY:
                    return duckdb.connect(MEMORY, config=dict(CONFIG))
                return duckdb.connect(self.path, read_only=self.read_only, config=dict(CONFIG))
            except duckdb.Error as exc:
                if _is(exc, _CORRUPT):
                    raise StoreIntegrityError(f"not a usable DuckDB store: {exc}",
                                              where=self.path) from None
                if _is(exc, ("permission denied", "operation not permitted", "read-only file")):
                    raise StoreError(f"cannot open: {exc}", where=self.path,
                                     hint="the store is not writable here: give write access, "
                                          "or read it with a read-only command") from None
                if not _is(exc, _BUSY):
                    raise StoreError(f"cannot open: {exc}", where=self.path) from None
                if time.monotonic() + wait > deadline:
                    raise StoreError(f"busy for {self.timeout:.0f} s: {exc}", where=self.path,
                                     hint="another process is writing; try again") from None
                time.sleep(wait)
                wait = min(wait * 2, _BACKOFF[1])

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for one unit of work: a fresh cursor on the held database (one per
        thread: DuckDB connections are not thread-safe, cursors are cheap), or a short-lived
        connection that releases the file as soon as the work is done."""
        if self.hold:
            if self._db is None:
                raise StoreError("store is closed", where=self.path)
            with self._lock:
                con = self._db.cursor()
        else:
            con = self._open()
        try:
            con.execute("SET enable_progress_bar = false")  # a library never draws on the terminal
            if not self._prepared:
                self._prepare(con)
            yield con
        except duckdb.Error as exc:
            raise self._error(exc) from None
        finally:
            con.close()

    def _error(self, exc: duckdb.Error) -> StoreError:
        if _is(exc, _CORRUPT):
            return StoreIntegrityError(f"store is corrupt: {exc}", where=self.path,
                                       hint="restore it from a backup or re-load the records")
        if _is(exc, _NO_WRITE):
            return StoreError(f"cannot write the store: {exc}", where=self.path,
                              hint="free some space (or get write access) and run again: "
                                   "batches committed before are kept, a re-run adds the rest")
        return StoreError(f"{type(exc).__name__}: {exc}", where=self.path)

    @contextmanager
    def snapshot(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection inside one read transaction: several queries see the same data even
        while a writer commits batches."""
        with self.connect() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
            finally:
                con.execute("ROLLBACK")

    def _prepare(self, con: duckdb.DuckDBPyConnection) -> None:
        with self._write_lock:
            if self._prepared:
                return
            found = schema.current_version(con)
            if found == schema.SCHEMA_VERSION:
                self._check_tables(con)
            elif found is not None and found > schema.SCHEMA_VERSION:
                raise StoreError(f"schema version {found} is newer than this entente supports "
                                 f"({schema.SCHEMA_VERSION})", where=self.path,
                                 hint="upgrade entente")
            elif self.read_only:
                what = "empty" if found is None else f"at schema version {found}"
                raise StoreError(f"store is {what} and opened read-only", where=self.path,
                                 hint="open it once with write access (e.g. `entente load`)")
            elif found is None:
                self._transaction(con, lambda: schema.create(con, self._clock()))
            else:
                self._upgrade(con, found)
            self._prepared = True

    def _check_tables(self, con: duckdb.DuckDBPyConnection) -> None:
        have = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables "
                                          "WHERE table_schema = 'main'").fetchall()}
        missing = [t for t in schema.TABLES if t not in have]
        if missing:
            raise StoreIntegrityError(f"tables missing: {', '.join(missing)}", where=self.path)

    def _upgrade(self, con: duckdb.DuckDBPyConnection, found: int) -> None:
        def run() -> None:
            if schema.migrate(con, found, self._clock()):
                self._rederive(con)

        self._transaction(con, run)

    @staticmethod
    def _transaction(con: duckdb.DuckDBPyConnection, work: Callable[[], Any]) -> Any:
        con.execute("BEGIN TRANSACTION")
        try:
            out = work()
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
        return out

    def close(self) -> None:
        """Release the database (idempotent)."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"Store({self.path!r}, {mode}, {'held' if self.hold else 'per-operation'})"

    # -- writing -------------------------------------------------------------------------------
    def seen_hashes(self, hashes: Iterable[str], version: str | None = None) -> set[str]:
        """The content hashes among `hashes` already stored, by entente `version` when given (an
        article coded by another version is not "seen": it gets coded again)."""
        wanted = sorted({h for h in hashes if h})
        if not wanted:
            return set()
        sql = "SELECT DISTINCT content_hash FROM articles WHERE content_hash IN " \
              "(SELECT unnest(?::VARCHAR[]))"
        params: list[Any] = [wanted]
        if version is not None:
            sql += " AND entente_version = ?"
            params.append(version)
        with self.connect() as con:
            return {r[0] for r in con.execute(sql, params).fetchall()}

    def add(self, records: Sequence[ArticleRecord]) -> AddResult:
        """Store a batch in one transaction. Idempotent: a record identical to the stored one
        changes nothing; a different record under a stored article id (re-coded) replaces all of
        that article's rows. The clusters of every block the batch touches are recomputed in the
        same transaction, so readers see the old state or the new one, never half."""
        if self.read_only:
            raise StoreError("store is opened read-only; cannot add", where=self.path)
        latest: dict[str, ArticleRecord] = {}
        for record in records:  # the same article twice in a batch: the last one wins
            latest.pop(record.article_id, None)
            latest[record.article_id] = record
        if not latest:
            return AddResult()
        with self._write_lock, self.connect() as con:
            result: AddResult = self._transaction(con, lambda: self._add(con, list(latest.values())))
            return result

    def _add(self, con: duckdb.DuckDBPyConnection, records: list[ArticleRecord]) -> AddResult:
        from entente.analysis.recluster import apply_changes, changed_mentions

        ids = [r.article_id for r in records]
        stored = dict(con.execute(
            "SELECT article_id, record_hash FROM articles WHERE article_id IN "
            "(SELECT unnest(?::VARCHAR[]))", [ids]).fetchall())
        tables = rowmod.flatten(records)
        hashes = tables["articles"].column("record_hash").to_pylist()
        fresh = [i for i, (r, h) in enumerate(zip(records, hashes, strict=True))
                 if stored.get(r.article_id) != h]
        result = AddResult(unchanged=len(records) - len(fresh))
        if not fresh:
            return result
        if len(fresh) < len(records):
            tables = rowmod.flatten([records[i] for i in fresh])
        replaced = [records[i].article_id for i in fresh if records[i].article_id in stored]
        removed = changed_mentions(con, replaced)
        self._delete_articles(con, replaced)
        for name, table in tables.items():
            _insert_arrow(con, name, table)
        self._check_new_ids(con, tables)
        added = changed_mentions(con, [records[i].article_id for i in fresh])
        result.clusters = apply_changes(con, removed + added)
        result.added, result.replaced = len(fresh) - len(replaced), len(replaced)
        return result

    @staticmethod
    def _delete_articles(con: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
        """Delete every row of these articles (their clusters are the caller's business)."""
        if not ids:
            return
        for table in (*rowmod.CONTENT_TABLES, "event_clusters"):
            con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
                        [ids])

    def _check_new_ids(self, con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> None:
        for table, column in (("events", "event_id"), ("quotes", "quote_id")):
            new = tables[table].column(column).to_pylist()
            if not new:
                continue
            dup = con.execute(
                f"SELECT {column}, list(DISTINCT article_id ORDER BY article_id) FROM {table} "
                f"WHERE {column} IN (SELECT unnest(?::VARCHAR[])) GROUP BY 1 "
                f"HAVING count(*) > 1 ORDER BY 1 LIMIT 3", [new]).fetchall()
            if dup:
                where = "; ".join(f"{i} in {', '.join(arts)}" for i, arts in dup)
                raise StoreError(f"duplicate {column}: {where}", where=self.path,
                                 hint="ids must be unique (article:sentence:n); batch not stored")

    def delete(self, article_ids: Sequence[str]) -> None:
        """Remove articles and re-cluster what they were part of."""
        from entente.analysis.recluster import apply_changes, changed_mentions

        def run() -> None:
            removed = changed_mentions(con, list(article_ids))
            self._delete_articles(con, list(article_ids))
            apply_changes(con, removed)

        with self._write_lock, self.connect() as con:
            self._transaction(con, run)

    def _rederive(self, con: duckdb.DuckDBPyConnection) -> None:
        """Recompute every derived column and all clusters from the stored content (after a
        migration): rebuild each record, delete, insert again."""
        from entente.analysis.recluster import recluster_all

        records = list(self._iter_records(con, None, 1000))
        for table in rowmod.CONTENT_TABLES:
            con.execute(f"DELETE FROM {table}")
        for start in range(0, len(records), 1000):
            for name, table in rowmod.flatten(records[start:start + 1000]).items():
                _insert_arrow(con, name, table)
        recluster_all(con)

    def recluster(self) -> int:
        """Recompute every cluster (e.g. after the clustering rules changed)."""
        from entente.analysis.recluster import recluster_all

        with self._write_lock, self.connect() as con:
            n: int = self._transaction(con, lambda: recluster_all(con))
            return n

    # -- reading -------------------------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
        """Rows of one query as dicts. For the library's own SQL: values always go in `params`;
        never build `sql` from a user's text (see `entente.analysis.sql` for users' SQL)."""
        with self.connect() as con:
            return fetch_dicts(con, sql, params)

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        with self.snapshot() as con:
            return {t: int(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0])  # type: ignore[index]
                    for t in schema.TABLES}

    def records(self, article_ids: Sequence[str] | None = None, *,
                batch: int = 1000) -> Iterator[ArticleRecord]:
        """Stored articles rebuilt as contract records, by article id (all when None)."""
        with self.snapshot() as con:
            yield from self._iter_records(con, article_ids, batch)

    def record(self, article_id: str) -> ArticleRecord | None:
        return next(iter(self.records([article_id])), None)

    def _iter_records(self, con: duckdb.DuckDBPyConnection, article_ids: Sequence[str] | None,
                      batch: int) -> Iterator[ArticleRecord]:
        if article_ids is None:
            ids = [r[0] for r in con.execute(
                "SELECT article_id FROM articles ORDER BY article_id").fetchall()]
        else:
            ids = list(article_ids)
        for start in range(0, len(ids), batch):
            yield from _rebuild_batch(con, ids[start:start + batch])

    def check(self, *, deep: bool = False) -> list[str]:
        """Problems found in the store (empty when sound); see `entente.store.integrity`."""
        from entente.store.integrity import check

        with self.snapshot() as con:
            return check(con, deep=deep, rebuild=lambda ids: _rebuild_batch(con, ids))


_CHILD_ORDER = {"sentences": "idx", "actors": "seq", "events": "seq", "quotes": "seq",
                "quote_cites": "quote_id, idx"}


def _rebuild_batch(con: duckdb.DuckDBPyConnection, ids: list[str]) -> Iterator[ArticleRecord]:
    arts = fetch_dicts(con, "SELECT * FROM articles WHERE article_id IN "
                       "(SELECT unnest(?::VARCHAR[]))", [ids])
    parts: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for table, order in _CHILD_ORDER.items():
        for row in fetch_dicts(con, f"SELECT * FROM {table} WHERE article_id IN "
                               f"(SELECT unnest(?::VARCHAR[])) ORDER BY article_id, {order}",
                               [ids]):
            parts.setdefault(row["article_id"], {}).setdefault(table, []).append(row)
    by_id = {a["article_id"]: a for a in arts}
    for article_id in ids:
        art = by_id.get(article_id)
        if art is not None:
            mine = parts.get(article_id, {})
            yield rowmod.rebuild(art, {t: mine.get(t, []) for t in _CHILD_ORDER})


def fetch_dicts(con: duckdb.DuckDBPyConnection, sql: str,
                params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
    cur = con.execute(sql, list(params) if params is not None else None)
    names = [d[0] for d in cur.description or []]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _insert_arrow(con: duckdb.DuckDBPyConnection, table: str, data: pa.Table) -> None:
    if data.num_rows == 0:
        return
    con.register("_batch", data)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _batch")
    finally:
        con.unregister("_batch")


def open_store(path: str | Path, *, read_only: bool = False, hold: bool | None = None,
               timeout: float = DEFAULT_TIMEOUT) -> Store:
    """Open (creating or migrating when writable) the store at `path` (":memory:" for a
    throw-away one). `hold=True` keeps the file open (fast; a writer then excludes every other
    process); the default opens it per operation so other processes can use it in between."""
    return Store(path, read_only=read_only, hold=hold, timeout=timeout)
