"""`Store.check()`: what can be wrong in a store, each as one readable line.

Orphans (rows whose article, event or cluster is gone), counts (per-article counts against the
rows, cluster counts against their links), duplicate ids, spans outside their text, and with
`deep=True` every article rebuilt and compared with the hash taken when it was stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from entente.records import ArticleRecord
from entente.store.rows import record_hash

ORPHANS = (
    ("sentences", "article_id", "articles", "article_id"),
    ("actors", "article_id", "articles", "article_id"),
    ("events", "article_id", "articles", "article_id"),
    ("quotes", "article_id", "articles", "article_id"),
    ("quote_cites", "quote_id", "quotes", "quote_id"),
    ("event_clusters", "event_id", "events", "event_id"),
    ("event_clusters", "cluster_id", "clusters", "cluster_id"),
)

DUPLICATES = (
    ("articles", "article_id"),
    ("events", "event_id"),
    ("quotes", "quote_id"),
    ("clusters", "cluster_id"),
    ("event_clusters", "event_id"),
    ("sentences", "article_id || ':' || idx"),
)

COUNTS = (("n_sentences", "sentences"), ("n_events", "events"), ("n_quotes", "quotes"),
          ("n_actors", "actors"))

_LIMIT = 5  # examples named per problem


def _examples(rows: list[tuple[Any, ...]]) -> str:
    return ", ".join(str(r[0]) for r in rows[:_LIMIT]) + (" ..." if len(rows) > _LIMIT else "")


def _orphans(con: Any) -> Iterable[str]:
    for child, key, parent, pkey in ORPHANS:
        rows = con.execute(f"SELECT DISTINCT c.{key} FROM {child} c ANTI JOIN {parent} p "
                           f"ON c.{key} = p.{pkey} ORDER BY 1 LIMIT {_LIMIT + 1}").fetchall()
        if rows:
            yield f"{child}: rows whose {key} is not in {parent}: {_examples(rows)}"
    rows = con.execute(f"SELECT cluster_id FROM clusters c ANTI JOIN event_clusters l USING "
                       f"(cluster_id) ORDER BY 1 LIMIT {_LIMIT + 1}").fetchall()
    if rows:
        yield f"clusters: clusters without mentions: {_examples(rows)}"


def _duplicates(con: Any) -> Iterable[str]:
    for table, key in DUPLICATES:
        rows = con.execute(f"SELECT {key} FROM {table} GROUP BY 1 HAVING count(*) > 1 "
                           f"ORDER BY 1 LIMIT {_LIMIT + 1}").fetchall()
        if rows:
            yield f"{table}: duplicate {key}: {_examples(rows)}"


def _counts(con: Any) -> Iterable[str]:
    for column, table in COUNTS:
        rows = con.execute(f"""
            SELECT a.article_id, a.{column}, count(t.article_id) AS n
            FROM articles a LEFT JOIN {table} t USING (article_id)
            GROUP BY a.article_id, a.{column} HAVING a.{column} IS DISTINCT FROM count(t.article_id)
            ORDER BY 1 LIMIT {_LIMIT + 1}""").fetchall()
        if rows:
            yield (f"articles: {column} differs from the {table} rows for "
                   + ", ".join(f"{r[0]} ({r[1]} vs {r[2]})" for r in rows[:_LIMIT]))
    rows = con.execute(f"""
        SELECT c.cluster_id FROM clusters c JOIN (
            SELECT l.cluster_id, count(*) FILTER (WHERE l.counted) AS m,
                   count(DISTINCT l.article_id) FILTER (WHERE l.counted) AS a,
                   count(DISTINCT ar.source_key) FILTER (WHERE l.counted) AS s
            FROM event_clusters l JOIN articles ar USING (article_id) GROUP BY 1) k
          USING (cluster_id)
        WHERE c.num_mentions <> k.m OR c.num_articles <> k.a OR c.num_sources <> k.s
        ORDER BY 1 LIMIT {_LIMIT + 1}""").fetchall()
    if rows:
        yield f"clusters: counts differ from their mentions: {_examples(rows)}"
    rows = con.execute(f"""
        SELECT article_id FROM articles WHERE source_key IS NULL OR record_hash IS NULL
        ORDER BY 1 LIMIT {_LIMIT + 1}""").fetchall()
    if rows:
        yield f"articles: missing source key or record hash: {_examples(rows)}"


def _spans(con: Any) -> Iterable[str]:
    rows = con.execute(f"""
        SELECT e.event_id FROM events e LEFT JOIN sentences s
          ON s.article_id = e.article_id AND s.idx = e.sentence
        WHERE e.ev_start < 0 OR e.ev_end < e.ev_start
           OR e.ev_end > length(coalesce(e.text, s.text, ''))
        ORDER BY 1 LIMIT {_LIMIT + 1}""").fetchall()
    if rows:
        yield f"events: evidence offsets outside the sentence text: {_examples(rows)}"
    rows = con.execute(f"""
        SELECT s.article_id || ':' || s.idx FROM sentences s JOIN articles a USING (article_id)
        WHERE s.char_start < 0 OR s.char_end < s.char_start OR s.char_end > length(a.text)
        ORDER BY 1 LIMIT {_LIMIT + 1}""").fetchall()
    if rows:
        yield f"sentences: spans outside the article text: {_examples(rows)}"


def _deep(con: Any, rebuild: Callable[[list[str]], Iterable[ArticleRecord]]) -> Iterable[str]:
    stored = dict(con.execute("SELECT article_id, record_hash FROM articles").fetchall())
    ids = sorted(stored)
    bad: list[str] = []
    for start in range(0, len(ids), 1000):
        for record in rebuild(ids[start:start + 1000]):
            if record_hash(record) != stored[record.article_id]:
                bad.append(record.article_id)
    if bad:
        yield f"articles: rows no longer rebuild the stored record: {_examples([(b,) for b in bad])}"


def check(con: Any, *, deep: bool = False,
          rebuild: Callable[[list[str]], Iterable[ArticleRecord]] | None = None) -> list[str]:
    """Every problem found, in a fixed order ([] when the store is sound)."""
    problems = [*_orphans(con), *_duplicates(con), *_counts(con), *_spans(con)]
    if deep and rebuild is not None:
        problems.extend(_deep(con, rebuild))
    return problems
