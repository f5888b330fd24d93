"""One input record (text or HTML plus metadata) → one clean `Article`.

Precedence of metadata: a record's explicit fields, then what the page says (trafilatura), then a
wire dateline at the top of the body (dates only), then the run's `--published` default.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING

import msgspec

from entente.errors import IngestError
from entente.ingest.boilerplate import Boilerplate
from entente.ingest.text import (
    PARAGRAPH_BREAK,
    clean_paragraph,
    content_hash,
    dateline_date,
    same_text,
    split_headline,
    split_text,
)
from entente.records import Article

if TYPE_CHECKING:  # pragma: no cover
    from entente.ingest.html import Extracted

log = logging.getLogger("entente.ingest")


class InputRecord(msgspec.Struct, frozen=True, kw_only=True):
    """A contract input record (one JSONL line). Only `id` and one of `text`/`html` are required;
    other keys are ignored."""

    id: str | int
    text: str | None = None
    html: str | None = None
    published: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None


def make_article(
    *,
    id: str,
    text: str | None = None,
    html: str | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published: str | None = None,
    author: str | None = None,
    default_published: str | None = None,
    origin: str = "",
    boilerplate: Boilerplate | None = None,
) -> Article:
    """Build a clean `Article` from plain `text` or from `html` (text wins when both are given).

    Raises IngestError (naming `origin`, or the id) when there is no article text.
    """
    where = origin or str(id)
    headline, body, ex = _parts(text, html, title, url, where)  # ex: what an HTML page says
    kept, removed = (boilerplate or Boilerplate.load()).split(body)
    if not kept:
        raise IngestError("no article text left once boilerplate is removed", where=where)
    clean = PARAGRAPH_BREAK.join([headline, *kept] if headline else kept)
    return Article(
        id=str(id),
        text=clean,
        title=headline,
        url=url or (ex.url if ex else None),
        source=source or (ex.source if ex else None),
        published=(_iso(published, where) or (ex.published if ex else None)
                   or _iso(dateline_date(kept[0]), where) or _iso(default_published, where)),
        author=author or (ex.author if ex else None),
        removed_boilerplate=removed,
        content_hash=content_hash(clean),
        origin=origin,
    )


def _parts(text: str | None, html: str | None, title: str | None, url: str | None,
           where: str) -> tuple[str | None, list[str], Extracted | None]:
    """Headline, body paragraphs and (for HTML) what the page says about itself."""
    if text is not None and text.strip():
        return (*_text_parts(text, title), None)
    if html is not None and html.strip():
        from entente.ingest.html import extract_html

        try:
            extracted = extract_html(html, url=url)
        except IngestError as exc:
            raise IngestError(exc.message, where=where) from None
        return (*_text_parts_html(title, extracted.title, extracted.paragraphs), extracted)
    raise IngestError('no article text (the record needs a non-empty "text" or "html")', where=where)


def _text_parts(text: str, title: str | None) -> tuple[str | None, list[str]]:
    """Headline and body of plain text: the given title, else a headline-like first line."""
    headline = clean_paragraph(title or "") or None
    if headline is None:
        return split_headline(text)
    paragraphs, _ = split_text(text)
    while paragraphs and same_text(paragraphs[0], headline):
        paragraphs.pop(0)
    return headline, paragraphs


def _text_parts_html(title: str | None, page_title: str | None,
                     paragraphs: list[str]) -> tuple[str | None, list[str]]:
    headline = clean_paragraph(title or "") or page_title
    body = list(paragraphs)
    while body and headline and same_text(body[0], headline):
        body.pop(0)
    return headline, body


# News is dated within these years; the API takes the same range. Year 1 or 9999 is a broken feed,
# and resolving "yesterday" or a clustering window against it overflows Python's dates.
NEWS_YEARS = (1000, 2999)


def _iso(value: str | None, where: str) -> str | None:
    """`value` when it is an ISO date or datetime in NEWS_YEARS; otherwise None, with a warning."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        log.warning("%s: ignoring published %r: not an ISO date (YYYY-MM-DD)", where, value)
        return None
    if not NEWS_YEARS[0] <= day.year <= NEWS_YEARS[1]:
        log.warning("%s: ignoring published %r: not a news date (years %d-%d)", where, value,
                    *NEWS_YEARS)
        return None
    return value


def article_from_record(record: InputRecord, *, origin: str, default_published: str | None,
                        boilerplate: Boilerplate) -> Article:
    """An `Article` from one decoded input record."""
    return make_article(
        id=str(record.id), text=record.text, html=record.html, title=record.title,
        url=record.url, source=record.source, published=record.published, author=record.author,
        default_published=default_published, origin=origin, boilerplate=boilerplate,
    )
