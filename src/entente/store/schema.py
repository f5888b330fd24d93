"""The store's tables, their version, and the migrations between versions.

Version 3 (current) holds, per article: the article with its clean text and provenance stamps,
its sentence spans with their text (evidence stays readable), actor mentions, events (every
contract field, flattened: one column per actor/location/attribution/evidence field, plus the
derived keys the analyses group on), quotes and their citation chains; across articles: event
clusters and the event → cluster links.

There are no PRIMARY KEY constraints: DuckDB checks them on every insert, which halves bulk-load
speed and rejects delete-then-insert of the same key in one transaction. Uniqueness is enforced by
`Store.add` (one transaction per batch, ids checked before commit) and verified by `Store.check`.
There are no indexes either: DuckDB plans the store's lookups (`= ?`, `IN (SELECT unnest(?))`)
as scans with zonemaps and hash joins whatever indexes exist, while every ART index is kept in
memory, maintained on each insert and delete and written out whole at every checkpoint, so
indexes made each batch's commit and checkpoint grow with the store (bench/README.md).

Version 2 had six ART indexes (dropped by the step to 3, see above). Version 1 lacked the articles' `lexicon_version` and `model_version` stamps and hashed records
with their absent optional fields. Version 0 is the layout before versioning (no `schema_version` table, no clusters, events without
`reciprocal`/`date_precision`/keys). `migrate` brings any older store up to `SCHEMA_VERSION` inside
one transaction; the caller re-clusters afterwards when `needs_recluster` says so.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

SCHEMA_VERSION = 3

TABLES = ("articles", "sentences", "actors", "events", "quotes", "quote_cites", "clusters",
          "event_clusters")

ACTOR_FIELDS = ("text", "name", "code", "country", "org", "role", "id")


def _actor_cols(prefix: str = "") -> str:
    return ", ".join(f"{prefix}{field} VARCHAR" for field in ACTOR_FIELDS)


DDL = {
    "schema_version": """
        CREATE TABLE IF NOT EXISTS schema_version (
            version INTEGER NOT NULL, applied VARCHAR NOT NULL, note VARCHAR)""",
    "articles": """
        CREATE TABLE IF NOT EXISTS articles (
            article_id VARCHAR NOT NULL, schema VARCHAR, title VARCHAR, url VARCHAR,
            source VARCHAR, published VARCHAR, published_day DATE, language VARCHAR,
            author VARCHAR, content_hash VARCHAR, entente_version VARCHAR, kb_version VARCHAR,
            lexicon_version VARCHAR, model_version VARCHAR, text VARCHAR, removed_boilerplate VARCHAR[], source_key VARCHAR NOT NULL,
            n_sentences INTEGER, n_events INTEGER, n_quotes INTEGER, n_actors INTEGER,
            record_hash VARCHAR NOT NULL)""",
    "sentences": """
        CREATE TABLE IF NOT EXISTS sentences (
            article_id VARCHAR NOT NULL, idx INTEGER NOT NULL, char_start INTEGER,
            char_end INTEGER, text VARCHAR)""",
    "actors": f"""
        CREATE TABLE IF NOT EXISTS actors (
            article_id VARCHAR NOT NULL, seq INTEGER NOT NULL, sentence INTEGER,
            char_start INTEGER, char_end INTEGER, {_actor_cols()})""",
    "events": f"""
        CREATE TABLE IF NOT EXISTS events (
            event_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, seq INTEGER NOT NULL,
            sentence INTEGER, text VARCHAR, cameo VARCHAR, root VARCHAR, base VARCHAR,
            quad_class TINYINT, goldstein DOUBLE, plover_type VARCHAR, plover_mode VARCHAR,
            modality VARCHAR, date VARCHAR, date_from VARCHAR, date_precision VARCHAR,
            date_start DATE, date_end DATE, day DATE, day_end DATE, day_precision VARCHAR,
            {_actor_cols("src_")},
            {_actor_cols("tgt_")},
            src_key VARCHAR, tgt_key VARCHAR, pair_a VARCHAR, pair_b VARCHAR,
            loc_name VARCHAR, loc_country VARCHAR, loc_lat DOUBLE, loc_lon DOUBLE,
            has_attribution BOOLEAN, attr_speaker VARCHAR, attr_cites VARCHAR[],
            attr_quote INTEGER, trigger VARCHAR, ev_start INTEGER, ev_end INTEGER, rule VARCHAR,
            confidence DOUBLE, reciprocal BOOLEAN, in_lead BOOLEAN)""",
    "quotes": """
        CREATE TABLE IF NOT EXISTS quotes (
            quote_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, seq INTEGER NOT NULL,
            sentence INTEGER, has_speaker BOOLEAN, speaker_text VARCHAR, speaker_name VARCHAR,
            speaker_role VARCHAR, speaker_org VARCHAR, cue VARCHAR, content VARCHAR,
            direct BOOLEAN, char_start INTEGER, char_end INTEGER, n_cites INTEGER)""",
    "quote_cites": """
        CREATE TABLE IF NOT EXISTS quote_cites (
            quote_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
            name VARCHAR, role VARCHAR, org VARCHAR, kind VARCHAR, date VARCHAR)""",
    "clusters": """
        CREATE TABLE IF NOT EXISTS clusters (
            cluster_id VARCHAR NOT NULL, pair_a VARCHAR NOT NULL, pair_b VARCHAR NOT NULL,
            root VARCHAR NOT NULL, cameo VARCHAR, base VARCHAR, quad_class TINYINT,
            goldstein DOUBLE, leader_event_id VARCHAR NOT NULL, src_key VARCHAR,
            tgt_key VARCHAR, reciprocal BOOLEAN, date_precision VARCHAR, date_start DATE,
            date_end DATE, day DATE, loc_name VARCHAR, loc_country VARCHAR, loc_lat DOUBLE,
            loc_lon DOUBLE, num_mentions INTEGER, num_articles INTEGER, num_sources INTEGER,
            first_event_id VARCHAR, first_article_id VARCHAR, first_url VARCHAR,
            first_report VARCHAR, latest_report VARCHAR, in_lead BOOLEAN)""",
    "event_clusters": """
        CREATE TABLE IF NOT EXISTS event_clusters (
            event_id VARCHAR NOT NULL, cluster_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL,
            counted BOOLEAN NOT NULL, score DOUBLE)""",
}

# The indexes of versions 1 and 2, dropped by the step to 3 (see the module docstring).
OLD_INDEXES = ("articles_id", "articles_hash", "events_article", "events_id", "clusters_id",
               "event_clusters_event")


def current_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The store's schema version: None for an empty database, 0 for the unversioned layout."""
    tables = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
    if "schema_version" in tables:
        row = con.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0]) if row and row[0] is not None else 0
    return 0 if "articles" in tables else None


def create(con: duckdb.DuckDBPyConnection, applied: str) -> None:
    """Create every table of the current version in an empty database."""
    for ddl in DDL.values():
        con.execute(ddl)
    con.execute("INSERT INTO schema_version VALUES (?, ?, ?)",
                [SCHEMA_VERSION, applied, "created"])


def _migrate_0_to_1(con: duckdb.DuckDBPyConnection) -> None:
    """v0 had no clusters, no record hash or source key on articles, and no reciprocal flag, date
    precision or dyad keys on events. The new columns are filled by re-deriving every article."""
    con.execute(DDL["schema_version"])
    for column in ("source_key", "record_hash"):
        con.execute(f"ALTER TABLE articles ADD COLUMN IF NOT EXISTS {column} VARCHAR")
    for column, kind in (("reciprocal", "BOOLEAN DEFAULT false"),
                         ("date_precision", "VARCHAR"), ("date_start", "DATE"),
                         ("date_end", "DATE"), ("day", "DATE"), ("day_end", "DATE"),
                         ("day_precision", "VARCHAR"), ("src_key", "VARCHAR"),
                         ("tgt_key", "VARCHAR"), ("pair_a", "VARCHAR"), ("pair_b", "VARCHAR"),
                         ("in_lead", "BOOLEAN")):
        con.execute(f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {column} {kind}")
    con.execute(DDL["clusters"])
    con.execute(DDL["event_clusters"])


def _migrate_1_to_2(con: duckdb.DuckDBPyConnection) -> None:
    """Records gained `lexicon_version` and `model_version`; record hashes became insensitive to
    absent optional fields (so re-derived once here, and not again for the next such field)."""
    for column in ("lexicon_version", "model_version"):
        con.execute(f"ALTER TABLE articles ADD COLUMN IF NOT EXISTS {column} VARCHAR")


def _migrate_2_to_3(con: duckdb.DuckDBPyConnection) -> None:
    """The ART indexes go: no query used them, and keeping them made loading grow with the store
    (module docstring). Nothing derived changes."""
    for index in OLD_INDEXES:
        con.execute(f"DROP INDEX IF EXISTS {index}")


# from-version → step; each step brings the store exactly one version up.
MIGRATIONS: dict[int, Callable[[duckdb.DuckDBPyConnection], None]] = {
    0: _migrate_0_to_1, 1: _migrate_1_to_2, 2: _migrate_2_to_3}

# Versions whose migration leaves derived columns (keys, hashes, clusters) to be recomputed.
NEEDS_REDERIVE = {0, 1}


def migrate(con: duckdb.DuckDBPyConnection, found: int, applied: str) -> bool:
    """Run every step from `found` to `SCHEMA_VERSION`; True when derived data must be rebuilt."""
    rederive = False
    for version in range(found, SCHEMA_VERSION):
        MIGRATIONS[version](con)
        con.execute("INSERT INTO schema_version VALUES (?, ?, ?)",
                    [version + 1, applied, f"migrated from {version}"])
        rederive = rederive or version in NEEDS_REDERIVE
    return rederive
