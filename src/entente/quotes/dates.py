"""Dates of cited publications ("a report published in June"), at the precision the text gives.

With the article's publication date, relative expressions resolve to ISO dates: "in June" is the
latest June not after publication ("2021-06" for an article of 2021-08-10), "last year" the year
before, "on Tuesday" the latest Tuesday on or before publication. Without it, only expressions that
carry a year resolve; anything else is returned as written, so nothing is guessed. Week-level
expressions ("last week") are too vague for a date and give None.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from entente.quotes.view import DocView

MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


def find(view: DocView, start: int, end: int, published: date | None) -> str | None:
    """The date expressed by tokens [start, end) ("in June", "last year", "on 3 May 2020")."""
    words = [t.lower_ for t in view.doc[start:end]]
    return resolve(words, published)


def resolve(words: list[str], published: date | None) -> str | None:
    """ISO date (YYYY, YYYY-MM or YYYY-MM-DD) for a short phrase, the phrase's own words when it
    names a date that cannot be placed without the publication date, or None."""
    month = next((MONTHS[w.rstrip(".")] for w in words if w.rstrip(".") in MONTHS), None)
    year = next((int(w) for w in words if YEAR.match(w)), None)
    day = next((int(w) for w in words if w.isdigit() and 1 <= int(w) <= 31), None)
    if year is not None and month is not None:
        return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
    if year is not None:
        return f"{year:04d}"
    relative = _relative(words, published)
    if relative is not None:
        return relative
    if month is not None:
        if published is None:
            return next(w for w in words if w.rstrip(".") in MONTHS).capitalize()
        y = published.year if month <= published.month else published.year - 1
        return f"{y:04d}-{month:02d}"
    weekday = next((WEEKDAYS[w] for w in words if w in WEEKDAYS), None)
    if weekday is not None and published is not None:
        back = (published.weekday() - weekday) % 7
        return (published - timedelta(days=back)).isoformat()
    return None


def _relative(words: list[str], published: date | None) -> str | None:
    if published is None:
        return None
    text = " ".join(words)
    if "last year" in text:
        return f"{published.year - 1:04d}"
    if "this year" in text or "earlier this year" in text:
        return f"{published.year:04d}"
    if "last month" in text:
        first = published.replace(day=1) - timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}"
    if "this month" in text:
        return f"{published.year:04d}-{published.month:02d}"
    if "yesterday" in text:
        return (published - timedelta(days=1)).isoformat()
    if "today" in text:
        return published.isoformat()
    return None
