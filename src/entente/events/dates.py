"""Event dates from the text, resolved against the publication date.

`find(text, published)` returns every date expression in a sentence with its character span and
its value as an ISO string at the precision the text gives: "2021" (year), "2021-06" (month) or
"2021-06-15" (day). Relative expressions ("last month", "on Tuesday", "yesterday") need the
publication date; without one their value is None, never a guess.

Past is the default reading: a bare month name or weekday is the most recent one not after the
publication date ("in June" in an August article is this June; in a May article, last June). With
`future=True` (the event is announced: "talks will begin on Saturday") it is the next one.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import msgspec

__all__ = ["DateMatch", "find", "resolve"]

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

_MONTH = (r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
          r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_REL = r"(?P<rel>last|this|next|earlier\s+this|later\s+this|early\s+this|late\s+last|earlier\s+last)"
_UNIT = r"(?P<unit>year|month|week)"
_NUM = r"(?P<num>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"

# Ordered: the first pattern that matches at a position wins (longest forms first).
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("dmy", re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b")),
    ("my", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b")),
    ("monthrel", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b", re.I)),
    ("dm", re.compile(rf"\b{_DAY}\s+{_MONTH}(?!\w)")),
    ("md", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*(?:%|percent|per|million|billion|people))")),
    ("relunit", re.compile(rf"\b{_REL}\s+{_UNIT}\b", re.I)),
    ("ago", re.compile(rf"\b{_NUM}\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.I)),
    ("relmonth", re.compile(rf"\b(?P<rel>last|this|next)\s+{_MONTH}", re.I)),
    ("relweekday", re.compile(rf"\b(?P<rel>last|this|next)\s+{_WEEKDAY}\b", re.I)),
    ("weekday", re.compile(rf"\b{_WEEKDAY}(?:'s)?\b")),
    ("word", re.compile(r"\b(?P<word>yesterday|today|tonight|overnight|this morning|"
                        r"this afternoon|this evening|last night)\b", re.I)),
    ("year", re.compile(rf"\b{_YEAR}(?:['’]s)?\b(?!\s*(?:%|percent|people|-))")),
    ("month", re.compile(rf"\b(?:early\s+|mid-?|late\s+)?{_MONTH}(?:['’]s)?(?![\w-])")),
]
# Prepositions after which a year is not when the event happened ("by 2050", "until Friday").
# "since 2015" is when a lasting event began, its date (docs/ARTICLE_GOLD.md 5.1).
_NOT_EVENT_TIME = {"by", "until", "till", "before", "after", "from", "through", "to"}


class DateMatch(msgspec.Struct, frozen=True, kw_only=True):
    """One date expression: character span in the text, and its resolved value (or None)."""

    start: int
    end: int
    text: str
    value: str | None
    precision: str  # "year" | "month" | "day"
    relative: bool = False


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_of(m: int, ref: date, future: bool) -> str:
    year = ref.year
    if future and m < ref.month:
        year += 1
    elif not future and m > ref.month:
        year -= 1
    return f"{year:04d}-{m:02d}"


def _day_of(m: int, d: int, ref: date, future: bool) -> str | None:
    """The latest such day not after `ref` (past) or the earliest not before it (future)."""
    years = (ref.year, ref.year + 1) if future else (ref.year, ref.year - 1)
    for year in years:
        day = _valid(year, m, d)
        if day is not None and (day >= ref if future else day <= ref):
            return day.isoformat()
    return None


def _weekday(wd: int, ref: date, future: bool, rel: str = "") -> str:
    if future or rel == "next":
        delta = (wd - ref.weekday()) % 7 or (7 if rel == "next" else 0)
        return (ref + timedelta(days=delta)).isoformat()
    delta = (ref.weekday() - wd) % 7
    if rel == "last" and delta == 0:
        delta = 7
    return (ref - timedelta(days=delta)).isoformat()


def _shift_month(ref: date, months: int) -> str:
    n = ref.year * 12 + ref.month - 1 + months
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


def _relunit(rel: str, unit: str, ref: date) -> tuple[str, str]:
    step = -1 if rel.endswith("last") else 1 if rel == "next" else 0
    if unit == "year":
        return f"{ref.year + step:04d}", "year"
    if unit == "month":
        return _shift_month(ref, step), "month"
    monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=step)
    return f"{monday.year:04d}-{monday.month:02d}", "month"


def _ago(num: str, unit: str, ref: date) -> tuple[str, str]:
    n = NUMBERS.get(num.lower()) or int(num)
    unit = unit.lower()
    if unit == "day":
        return (ref - timedelta(days=n)).isoformat(), "day"
    if unit == "week":
        d = ref - timedelta(weeks=n)
        return f"{d.year:04d}-{d.month:02d}", "month"
    if unit == "month":
        return _shift_month(ref, -n), "month"
    return f"{ref.year - n:04d}", "year"


def _word(word: str, ref: date) -> tuple[str, str]:
    w = word.lower()
    if w in ("yesterday", "last night"):
        return (ref - timedelta(days=1)).isoformat(), "day"
    return ref.isoformat(), "day"


def _absolute(kind: str, g: dict[str, str | None]) -> tuple[str | None, str]:
    year = int(g["year"] or 0)
    if kind == "year":
        return f"{year:04d}", "year"
    mnum = g.get("mnum")
    month = int(mnum) if mnum else MONTHS[(g.get("month") or "").lower()]
    if kind == "my":
        return f"{year:04d}-{month:02d}", "month"
    day = _valid(year, month, int(g["day"] or 0))
    return (day.isoformat() if day else None), "day"


def resolve(kind: str, g: dict[str, str | None], ref: date | None,
            future: bool = False) -> tuple[str | None, str, bool]:
    """Value, precision and whether it was relative, for one matched expression."""
    if kind in ("iso", "dmy", "mdy", "my", "year"):
        value, precision = _absolute(kind, g)
        return value, precision, False
    month = MONTHS.get((g.get("month") or "").lower().rstrip("."), 0)
    precision = "day" if kind in ("dm", "md", "weekday", "relweekday", "word") else "month"
    if kind in ("ago", "relunit"):
        precision = {"day": "day", "year": "year"}.get((g.get("unit") or "").lower(), "month")
    if ref is None:
        return None, precision, True
    if kind in ("dm", "md"):
        return _day_of(month, int(g["day"] or 0), ref, future), "day", True
    if kind == "month":
        return _month_of(month, ref, future), "month", True
    if kind == "monthrel":  # "in July last year": that month of the year before
        step = {"last": -1, "next": 1}.get((g["rel"] or "").lower(), 0)
        return f"{ref.year + step:04d}-{month:02d}", "month", True
    if kind == "relmonth":
        rel = (g["rel"] or "").lower()
        return _month_of(month, ref, future=rel == "next"), "month", True
    if kind in ("weekday", "relweekday"):
        wd = WEEKDAYS[(g["weekday"] or "").lower()]
        return _weekday(wd, ref, future, (g.get("rel") or "").lower()), "day", True
    if kind == "relunit":
        value, precision = _relunit(" ".join((g["rel"] or "").lower().split()), (g["unit"] or "").lower(), ref)
        return value, precision, True
    if kind == "ago":
        value, precision = _ago(g["num"] or "1", g["unit"] or "day", ref)
        return value, precision, True
    value, precision = _word(g.get("word") or "", ref)
    return value, precision, True


def find(text: str, published: date | None, future: bool = False,
         anchors: bool = False) -> list[DateMatch]:
    """Every date expression in `text`, left to right, without overlaps. `anchors`: also the
    ones a preposition makes no event time ("after June 2020"), which may still date a "when"
    clause that follows them."""
    taken = bytearray(len(text))  # characters already inside a match: linear, not pairwise
    out: list[DateMatch] = []
    for kind, rx in _PATTERNS:
        for m in rx.finditer(text):
            start, end = m.span()
            if any(taken[start:end]):
                continue
            g = m.groupdict()
            if kind == "month" and _is_may_modal(text, m):
                continue
            taken[start:end] = b"\x01" * (end - start)
            if _word_before(text, start) in _NOT_EVENT_TIME and not anchors:
                continue  # "by 2050", "until Friday": not when the event happened
            try:
                value, precision, relative = resolve(kind, g, published, future)
            except (OverflowError, ValueError):  # "yesterday" in year 1: no such date
                value, precision, relative = None, "day", True
            out.append(DateMatch(start=start, end=end, text=m.group(0), value=_in_calendar(value),
                                 precision=precision, relative=relative))
    return sorted(out, key=lambda d: d.start)


def _in_calendar(value: str | None) -> str | None:
    """An ISO value only for years 1-9999 (relative dates near the calendar's ends run off it)."""
    if value is None:
        return None
    year = value.split("-", 1)[0] if not value.startswith("-") else ""
    return value if len(year) == 4 and year.isdigit() and year != "0000" else None


def _word_before(text: str, start: int) -> str:
    words = text[max(0, start - 64):start].split()  # the last word only: never the whole text
    return words[-1].lower().strip(",;:(") if words else ""


def _is_may_modal(text: str, m: re.Match[str]) -> bool:
    """"may" the modal verb is not the month (only capitalised "May" not starting a clause is)."""
    word = m.group("month")
    if word.lower() != "may":
        return False
    if word != "May":
        return True
    i = m.start()
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i == 0 or text[i - 1] in '.?!"“'
