"""GDELT 2.0 Event-table rows from entente's clusters (`entente export --format gdelt`).

One row per cluster, so a story carried by a hundred outlets is one row with NumArticles 100,
not a hundred rows. The column list (names, order, how each is filled) is the data file
`data/gdelt_event_columns.csv`; this module fills the columns it names and leaves the rest empty.
Actor columns come from the cluster's leading report. Not derived: AvgTone (entente measures no
tone), actor geography, and the FIPS country and ADM codes of ActionGeo (entente's locations
carry ISO3 codes and coordinates, which are written where GDELT has room for them).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from functools import cache
from importlib import resources
from io import StringIO
from typing import IO, Any

from entente.store.keys import date_range, global_event_id

_SQL = """
    SELECT c.*, e.src_code, e.src_name, e.src_country, e.src_org, e.src_role, e.tgt_code,
           e.tgt_name, e.tgt_country, e.tgt_org, e.tgt_role, a.published_day AS first_day,
           a.article_id AS first_article
    FROM clusters c
    JOIN events e ON e.event_id = c.leader_event_id
    LEFT JOIN articles a ON a.article_id = c.first_article_id
    ORDER BY c.day NULLS LAST, c.cluster_id"""


@cache
def columns() -> tuple[str, ...]:
    """The 61 column names, in order, from the package's data file."""
    text = resources.files("entente.store").joinpath("data/gdelt_event_columns.csv") \
        .read_text("utf-8")
    rows = csv.DictReader(line for line in StringIO(text) if not line.startswith("#"))
    return tuple(r["column"] for r in rows)


def _num(value: Any) -> str:
    if value is None:
        return ""
    return repr(value) if isinstance(value, float) else str(value)


def _when(day: date | None) -> dict[str, str]:
    if day is None:
        return {}
    doy = day.timetuple().tm_yday
    return {"SQLDATE": day.strftime("%Y%m%d"), "MonthYear": day.strftime("%Y%m"),
            "Year": str(day.year), "FractionDate": f"{day.year + doy / 365:.4f}"}


def _added(published: str | None) -> str:
    """YYYYMMDDHHMMSS of a publication date or datetime ("" when unknown)."""
    rng = date_range(published)
    if rng is None or rng.precision != "day" or published is None:
        return ""
    digits = "".join(ch for ch in published[10:19] if ch.isdigit())[:6]
    return rng.start.strftime("%Y%m%d") + digits.ljust(6, "0")


def _actor(prefix: str, side: str, row: dict[str, Any]) -> dict[str, str]:
    return {f"{prefix}Code": row[f"{side}_code"] or "",
            f"{prefix}Name": (row[f"{side}_name"] or "").upper(),
            f"{prefix}CountryCode": row[f"{side}_country"] or "",
            f"{prefix}KnownGroupCode": row[f"{side}_org"] or "",
            f"{prefix}Type1Code": row[f"{side}_role"] or ""}


def _geo(row: dict[str, Any]) -> dict[str, str]:
    if row["loc_name"] is None:
        return {"ActionGeo_Type": "0"}
    has_point = row["loc_lat"] is not None and row["loc_lon"] is not None
    return {"ActionGeo_Type": "4" if has_point else ("1" if row["loc_country"] else "0"),
            "ActionGeo_FullName": row["loc_name"], "ActionGeo_Lat": _num(row["loc_lat"]),
            "ActionGeo_Long": _num(row["loc_lon"])}


def gdelt_row(row: dict[str, Any]) -> dict[str, str]:
    """One cluster (a row of `_SQL`) as GDELT column → text."""
    out = {
        "GLOBALEVENTID": str(global_event_id(row["cluster_id"])),
        **_when(row["day"] or row["first_day"]),
        **_actor("Actor1", "src", row), **_actor("Actor2", "tgt", row),
        "IsRootEvent": "1" if row["in_lead"] else "0",
        "EventCode": row["cameo"], "EventBaseCode": row["base"], "EventRootCode": row["root"],
        "QuadClass": str(row["quad_class"]), "GoldsteinScale": _num(row["goldstein"]),
        "NumMentions": str(row["num_mentions"]), "NumSources": str(row["num_sources"]),
        "NumArticles": str(row["num_articles"]), "Actor1Geo_Type": "0", "Actor2Geo_Type": "0",
        **_geo(row), "DATEADDED": _added(row["first_report"]),
        "SOURCEURL": row["first_url"] or row["first_article_id"] or "",
    }
    return out


def _clean(value: str) -> str:
    return value.replace("\t", " ").replace("\n", " ").replace("\r", " ")


def rows(con: Any) -> Iterator[list[str]]:
    """Every cluster as a list of 61 cells, in a stable order (date, then cluster id)."""
    names = columns()
    cur = con.execute(_SQL)
    fields = [d[0] for d in cur.description]
    while chunk := cur.fetchmany(5000):
        for values in chunk:
            cells = gdelt_row(dict(zip(fields, values, strict=True)))
            yield [_clean(cells.get(name, "")) for name in names]


def write_tsv(con: Any, out: IO[str], *, header: bool = True) -> int:
    """Write the GDELT table as tab-separated text (GDELT's own files have no header line)."""
    count = 0
    if header:
        out.write("\t".join(columns()) + "\n")
    for cells in rows(con):
        out.write("\t".join(cells) + "\n")
        count += 1
    return count
