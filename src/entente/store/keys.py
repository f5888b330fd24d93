"""Small, pure derivations the store indexes on: date ranges, actor and source keys, ids.

They live in one place because the loader, the clusterer and the exporters must agree on them
exactly (a cluster id computed at load time is recomputed by `Store.check()`).
"""

from __future__ import annotations

import calendar
import hashlib
from datetime import date
from functools import lru_cache
from typing import Literal, NamedTuple
from urllib.parse import urlsplit

from entente.records import Actor

Precision = Literal["day", "month", "year"]


class DateRange(NamedTuple):
    """The days an ISO date string can mean: "2021-06" is every day of June 2021."""

    precision: Precision
    start: date
    end: date


def date_range(value: str | None) -> DateRange | None:
    """Parse an ISO date at whatever precision it has ("2021", "2021-06", "2021-06-15", or a
    datetime, whose date part counts); None when absent or unparseable (never guessed)."""
    if not value:
        return None
    text = value.strip()
    try:
        if len(text) == 4 and text.isdigit():
            year = int(text)
            return DateRange("year", date(year, 1, 1), date(year, 12, 31))
        if len(text) == 7 and text[4] == "-":
            year, month = int(text[:4]), int(text[5:7])
            last = calendar.monthrange(year, month)[1]
            return DateRange("month", date(year, month, 1), date(year, month, last))
        day = date.fromisoformat(text[:10])
    except ValueError:
        return None
    return DateRange("day", day, day)


def published_day(value: str | None) -> date | None:
    """The calendar day of an article's `published` (date or datetime), None when unknown."""
    rng = date_range(value)
    return rng.start if rng is not None and rng.precision == "day" else None


def actor_key(actor: Actor | None) -> str | None:
    """The key an actor is counted under in dyads and clusters: its state (ISO3) when it has one,
    else its organisation (NATO, UN), else its CAMEO code, else its name. Different articles code
    the same actor at different depths ("TURGOV", "TURMIL"); counting by state lets them meet."""
    if actor is None:
        return None
    for value in (actor.country, actor.org, actor.code, actor.name):
        if value:
            return value.strip().upper()
    return None


def source_key(source: str | None, url: str | None, article_id: str) -> str:
    """Who published an article, for counting distinct sources: its `source`, else the host of its
    URL, else the article itself (an unknown source counts as one source per article)."""
    if source and source.strip():
        return source.strip().casefold()
    if url:
        host = urlsplit(url).hostname or ""
        host = host.removeprefix("www.")
        if host:
            return host
    return f"article:{article_id}"


def digest(text: str, length: int = 16) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


@lru_cache(maxsize=1 << 16)
def cluster_id(leader_event_id: str) -> str:
    """A cluster is named after its leader (the event it grew from): stable while the cluster
    gains later reports, and the same whatever order the articles were loaded in."""
    return "c" + digest(leader_event_id)


def global_event_id(cid: str) -> int:
    """GDELT's GLOBALEVENTID must be an integer: 52 bits of the cluster id's hash (exact in a
    double, so spreadsheet and JSON readers keep every digit)."""
    return int(hashlib.sha256(cid.encode("utf-8")).hexdigest()[:13], 16)
