"""Plain-text handling: paragraphs, headlines, datelines and the content hash.

`Article.text` is the headline (when there is one) then the body paragraphs, joined by "\\n\\n";
inside a paragraph, whitespace is one space and the text is NFC-normalised, with control and
invisible formatting characters dropped (they break tokenisation and never carry meaning in news).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date

PARAGRAPH_BREAK = "\n\n"
# A headline is short: news headlines run 5-15 words; 25 words and 200 characters leave room for
# long wire headlines while refusing a first paragraph that merely lacks a final period.
MAX_HEADLINE_WORDS = 25
MAX_HEADLINE_CHARS = 200
_HEADLINE_BAD_ENDS = (".", ",", ";", ":")
_CLOSERS = "\"'”’»)]"
# Hard-wrapped text has lines of at most this many characters (news wires wrap at 60-80), and a
# line shorter than WRAP_SHORT_LINE of the widest one that ends a sentence ends its paragraph.
MAX_WRAP_WIDTH = 120
WRAP_SHORT_LINE = 0.8
# A headline typed directly above its text is at most this share of the longest line below it.
HEADLINE_SHORTER = 0.7
_BYLINE = re.compile(r"^(by|from|posted by|written by)\s", re.I)

# Characters dropped from text: C0/C1 controls (whitespace aside, which is normalised instead), the
# zero-width space, word joiner, soft hyphen, stray byte-order marks, and the bidirectional
# marks, embeddings, overrides and isolates (invisible, and glued to a word they hide it from
# the tokenizer and the knowledge base: "\u202eTurkey" is not "Turkey").
_DROP = {c: None for c in [*range(0, 9), 11, *range(14, 32), *range(0x7F, 0xA0)]}
_DROP.update(dict.fromkeys(map(ord, "\u200b\u2060\u00ad\ufeff")))
_DROP.update(dict.fromkeys([0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
_BLANK_LINES = re.compile(r"\n(?:[^\S\n]*\n)+")
_NEWLINES = {"\r\n": "\n", "\r": "\n", "\u2029": "\n\n", "\u2028": "\n", "\f": "\n\n", "\v": "\n"}
_NONWORD = re.compile(r"[\W_]+")
# The Unicode blocks of combining diacritical marks (accents), dropped when folding.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def clean_paragraph(text: str) -> str:
    """One paragraph: NFC, control and invisible characters dropped, whitespace runs → one space."""
    text = unicodedata.normalize("NFC", text).translate(_DROP)
    return " ".join(text.split())


def _unify_newlines(text: str) -> str:
    for old, new in _NEWLINES.items():
        if old in text:
            text = text.replace(old, new)
    return text


def split_text(text: str) -> tuple[list[str], bool]:
    """Split plain text into clean paragraphs.

    When the text has blank lines, they separate paragraphs and single newlines inside a block are
    line wrapping. Without blank lines, every line is a paragraph, unless the text is hard-wrapped
    (see `_line_blocks`). Returns the paragraphs and whether the first one stood alone on its line
    (followed by a blank line, or by a new paragraph), the condition for it to be a headline.
    """
    text = _unify_newlines(text).strip()
    if _BLANK_LINES.search(text):
        blocks = _BLANK_LINES.split(text)
        first_alone = "\n" not in blocks[0].strip()
        if not first_alone and _headline_on_top(blocks[0].split("\n")):
            head, _, rest = blocks[0].partition("\n")
            blocks[:1], first_alone = [head, rest], True
    else:
        blocks, first_alone = _line_blocks(text)
    paragraphs = [p for p in map(clean_paragraph, blocks) if p]
    return paragraphs, first_alone


def _line_blocks(text: str) -> tuple[list[str], bool]:
    """Paragraphs of a text without blank lines: one per line, unless the text is hard-wrapped
    (short lines, most ending mid-sentence, as wire services and mail archives send it). Then a
    paragraph starts at an indented line when paragraphs are indented, or else after a line that
    ends a sentence well short of the wrap width."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not _hard_wrapped(lines):
        return lines, True
    indented = [line[:1].isspace() for line in lines]
    by_indent = any(indented[1:]) and not all(indented[1:])
    width = max(len(line.rstrip()) for line in lines)
    blocks = [[lines[0]]]
    for n, (prev, line, indent) in enumerate(zip(lines, lines[1:], indented[1:], strict=False)):
        if by_indent:
            new = indent
        else:
            new = ((_ends_sentence(prev) and len(prev.rstrip()) < WRAP_SHORT_LINE * width)
                   or (n == 0 and _headline_on_top(lines)))
        if new:
            blocks.append([line])
        else:
            blocks[-1].append(line)
    return ["\n".join(b) for b in blocks], len(blocks[0]) == 1


def _headline_on_top(lines: list[str]) -> bool:
    """Whether the first of these lines is a headline typed directly above its text (no blank line
    between): headline-like, clearly shorter than the lines that follow (a wrapped line is about
    as long as the next) and not continued by a lowercase word."""
    rest = [line.strip() for line in lines[1:] if line.strip()]
    head = lines[0].strip()
    if not rest or rest[0][:1].islower() or not looks_like_headline(head):
        return False
    return len(head) < HEADLINE_SHORTER * max(map(len, rest))


def _hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 4 or max(len(line.rstrip()) for line in lines) > MAX_WRAP_WIDTH:
        return False
    open_lines = sum(1 for line in lines[:-1] if not _ends_sentence(line))
    return open_lines >= 0.6 * (len(lines) - 1)


def _ends_sentence(line: str) -> bool:
    return line.rstrip().rstrip(_CLOSERS).endswith((".", "!", "?"))


def looks_like_headline(paragraph: str) -> bool:
    """Short, no final period or comma, not a byline."""
    words = paragraph.split()
    if not 1 <= len(words) <= MAX_HEADLINE_WORDS or len(paragraph) > MAX_HEADLINE_CHARS:
        return False
    if _BYLINE.match(paragraph):
        return False
    return not paragraph.rstrip(_CLOSERS).endswith(_HEADLINE_BAD_ENDS)


def split_headline(text: str) -> tuple[str | None, list[str]]:
    """(headline or None, body paragraphs) of plain text whose first line may be its headline."""
    paragraphs, first_alone = split_text(text)
    if len(paragraphs) > 1 and first_alone and looks_like_headline(paragraphs[0]):
        return paragraphs[0], paragraphs[1:]
    return None, paragraphs


def fold(text: str) -> str:
    """Text folded for comparison: compatibility forms, case, accents, punctuation and quote
    styles, and whitespace all folded ("Erdoğan’s" and "erdogan's" fold alike)."""
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return " ".join(_NONWORD.sub(" ", text.casefold()).split())


def content_hash(text: str) -> str:
    """sha256 hex of `text` folded (see `fold`): the same story from a .txt and an .html page, or
    from two outlets syndicating one wire copy, hashes alike once boilerplate is removed."""
    return hashlib.sha256(fold(text).encode("utf-8")).hexdigest()


def same_text(a: str, b: str) -> bool:
    """Whether two strings are the same text once folded (a headline repeated in the body)."""
    return fold(a) == fold(b)


# -- datelines ----------------------------------------------------------------------------------
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
# "NAIROBI, March 3, 2024", "AQABA, Jordan, 3 March 2024", "Kyiv (Example Wire), 2024-03-03:".
_DATELINE = re.compile(
    r"^[A-Z][\w.'’ -]{1,40}?(?:,\s*[A-Z][\w.'’ -]{1,30}?)?(?:\s*\([^)]{1,40}\))?,\s*"
    rf"(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})\.?,?\s+(?P<y2>\d{{4}})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))\b",
    re.I,
)


def dateline_date(paragraph: str) -> str | None:
    """The ISO date of a wire dateline opening `paragraph` ("NAIROBI, March 3, 2024 - ..."), or
    None. Only full dates with a year count: a bare "Tuesday" is left to the event coder."""
    m = _DATELINE.match(paragraph)
    if not m:
        return None
    if m["iso"]:
        year, month, day = map(int, m["iso"].split("-"))
    else:
        month = _MONTHS[_month_key(m["m1"] or m["m2"])]
        day, year = int(m["d1"] or m["d2"]), int(m["y1"] or m["y2"])
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_key(name: str) -> str:
    key = name.lower()
    return key[:4] if key.startswith("sept") else key[:3]
