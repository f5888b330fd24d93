"""Checked parameters shared by the analyses: dates, periods, actor keys, paging.

Every analysis builds its SQL from constant fragments chosen from the whitelists below; values
a user typed always travel as query parameters, never as SQL text.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from entente.errors import UsageError

# period name → SQL expression over the events alias `e` (whitelist: never user text)
PERIODS = {
    "day": "strftime(e.day, '%Y-%m-%d')",
    "week": "strftime(date_trunc('week', e.day), '%Y-%m-%d')",
    "month": "strftime(e.day, '%Y-%m')",
}
MODALITIES = ("asserted", "negated", "hypothetical")
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"}
MAX_LIMIT = 10_000
_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.&'-]{0,63}$")


def as_date(value: str | date | None, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{name} must be a date YYYY-MM-DD, got {value!r}") from None


def date_span(start: str | date | None, end: str | date | None) -> tuple[date | None, date | None]:
    lo, hi = as_date(start, "--from"), as_date(end, "--to")
    if lo and hi and lo > hi:
        raise UsageError(f"--from {lo} is after --to {hi}")
    return lo, hi


def period(by: str) -> str:
    if by not in PERIODS:
        raise UsageError(f"--by must be one of {', '.join(PERIODS)}, got {by!r}")
    return PERIODS[by]


def actor_key(value: str, name: str = "actor") -> str:
    """An actor as the user names it: a state (TUR), organisation (NATO) or CAMEO code (TURMIL);
    matched against events' keys and codes, upper-cased."""
    if not value or not _KEY.match(value):
        raise UsageError(f"{name} must be an actor key such as TUR, NATO or TURMIL, got {value!r}")
    return value.strip().upper()


def modality(value: str | None) -> str | None:
    if value is not None and value not in MODALITIES:
        raise UsageError(f"--modality must be one of {', '.join(MODALITIES)}, got {value!r}")
    return value


def paging(limit: int, offset: int) -> tuple[int, int]:
    if not 0 < limit <= MAX_LIMIT:
        raise UsageError(f"--limit must be between 1 and {MAX_LIMIT}, got {limit}")
    if offset < 0:
        raise UsageError(f"--offset must be 0 or more, got {offset}")
    return limit, offset


def choice(value: str, allowed: dict[str, Any] | tuple[str, ...], name: str) -> str:
    if value not in allowed:
        raise UsageError(f"{name} must be one of {', '.join(allowed)}, got {value!r}")
    return value


# "matches actor ?" for one side of an event (the `e` alias): the key covers states,
# organisations and actors without a state; the code covers finer asks such as TURMIL.
SIDE = {"src": "(e.src_key = ? OR e.src_code = ?)", "tgt": "(e.tgt_key = ? OR e.tgt_code = ?)"}


def dyad_condition(a: str, b: str, directed: bool) -> tuple[str, list[Any]]:
    """SQL (over alias `e`) and its parameters for events between `a` and `b`."""
    one = f"({SIDE['src']} AND {SIDE['tgt']})"
    if directed:
        return one, [a, a, b, b]
    return f"({one} OR {one})", [a, a, b, b, b, b, a, a]


def actor_condition(a: str) -> tuple[str, list[Any]]:
    return f"({SIDE['src']} OR {SIDE['tgt']})", [a, a, a, a]


def range_condition(lo: date | None, hi: date | None) -> tuple[str, list[Any]]:
    parts, params = [], []
    if lo is not None:
        parts.append("e.day >= ?")
        params.append(lo)
    if hi is not None:
        parts.append("e.day <= ?")
        params.append(hi)
    return (" AND ".join(parts) or "true"), params


def all_periods(first: str, last: str, by: str) -> list[str]:
    """Every period label from `first` to `last` inclusive (so a chart shows quiet periods)."""
    if by == "month":
        y, m = int(first[:4]), int(first[5:7])
        out = []
        while f"{y:04d}-{m:02d}" <= last:
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out
    step = timedelta(days=7 if by == "week" else 1)
    day, end = date.fromisoformat(first), date.fromisoformat(last)
    out = []
    while day <= end:
        out.append(day.isoformat())
        day += step
    return out


def root_names() -> dict[str, str]:
    """CAMEO code → name from the packaged codebook ({} when it is unavailable)."""
    try:
        from entente.events.codebook import load
    except ImportError:  # pragma: no cover - the events package always ships it
        return {}
    return {code: entry.name for code, entry in load().codes.items()}
