"""String helpers shared by the loader, the matcher and the lint: folding, keys, slugs, dates."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

# Letters that NFKD does not decompose into an ASCII base letter.
_SPECIAL = str.maketrans({
    "ı": "i", "İ": "I", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
    "ß": "ss", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
    "ə": "a", "Ə": "A", "ʻ": "'", "’": "'", "‘": "'", "ʼ": "'",
})
_SPACES = re.compile(r"\s+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az)-(?=\w)", re.IGNORECASE)


def fold(text: str) -> str:
    """The text without diacritics ("Erdoğan" -> "Erdogan", "İlham Əliyev" -> "Ilham Aliyev")."""
    if text.isascii():
        return text
    text = text.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def key(text: str) -> str:
    """The lookup key of a name: folded, single spaces, lower case except for acronyms written in
    capitals ("WHO" is not "who", "GUAM" is not "Guam")."""
    k = _SPACES.sub(" ", fold(text).replace("’", "'")).strip()
    return k if is_acronym(k) else k.lower()


def is_acronym(text: str) -> bool:
    """"NATO", "U.N.", "ISIS": short words in capitals, matched with their case."""
    bare = text.replace(".", "").replace("-", "").replace("&", "")
    return 1 < len(bare) <= 6 and bare.isalnum() and bare.isupper() and " " not in text


def slug(text: str) -> str:
    """A stable id fragment: "Recep Tayyip Erdoğan" -> "recep-tayyip-erdogan"."""
    return _NOT_SLUG.sub("-", fold(text).lower()).strip("-")


def strip_article(name: str) -> str | None:
    """"al-Sisi" -> "Sisi" (the bare form news also uses), or None when there is no article."""
    bare = _ARABIC_ARTICLE.sub("", name)
    return bare if bare != name and bare else None


def parse_date(value: object) -> date | None:
    """An ISO date from YAML/CSV (a `date`, "2021-08-15", or empty)."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip())


def split_list(value: str | None) -> list[str]:
    """A `|`-separated CSV cell as a list of stripped, non-empty strings."""
    if not value:
        return []
    return [v.strip() for v in value.split("|") if v.strip()]


def plural(noun: str) -> str:
    """A regular English plural of the last word ("militia" -> "militias", "party" -> "parties")."""
    head, _, last = noun.rpartition(" ")
    low = last.lower()
    if low.endswith(("s", "x", "z", "ch", "sh")):
        last += "es"
    elif low.endswith("y") and low[-2:-1] not in {"a", "e", "i", "o", "u"}:
        last = last[:-1] + "ies"
    elif low.endswith("man"):
        last = last[:-3] + "men"
    else:
        last += "s"
    return f"{head} {last}" if head else last
