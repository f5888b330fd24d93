"""HTML → headline, body paragraphs and metadata, with trafilatura.

trafilatura finds the main text (dropping navigation, share buttons, tag lists, sidebars and
footers) and the metadata: title (og:title before <title>, site suffixes removed), publication date
(htmldate, from markup only: `extensive_search` is off so that a date merely mentioned in the text
is never taken for the publication date), site name, canonical URL and author. We read its XML body
tree rather than its plain text, so that paragraph breaks are exact: one paragraph per <p>, heading
or list item, and a double line break inside a paragraph splits it.
"""

from __future__ import annotations

import logging
from copy import deepcopy
from datetime import date
from typing import Any

import msgspec

from entente.errors import IngestError
from entente.ingest.text import clean_paragraph, fold, looks_like_headline, split_text

# trafilatura logs "discarding data" warnings for pages without a main text; ingest reports those
# itself as failures, so keep the library quiet unless the application configures logging.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

_SKIP_TAGS = {"graphic", "table", "ref", "code"}


class Extracted(msgspec.Struct, frozen=True, kw_only=True):
    """What one HTML page holds: headline, body paragraphs (without the headline) and metadata."""

    title: str | None
    paragraphs: list[str]
    url: str | None = None
    source: str | None = None
    published: str | None = None
    author: str | None = None


def _config() -> Any:
    from trafilatura.settings import DEFAULT_CONFIG

    config = deepcopy(DEFAULT_CONFIG)
    # Sizes are checked by ingest's own limits before the page gets here.
    config.set("DEFAULT", "MAX_FILE_SIZE", str(2**40))
    config.set("DEFAULT", "MIN_FILE_SIZE", "1")
    return config


_CONFIG: Any = None


def extract_html(html: str, *, url: str | None = None) -> Extracted:
    """Extract the article from one page; raises IngestError when the page holds none."""
    global _CONFIG
    import trafilatura

    if _CONFIG is None:
        _CONFIG = _config()
    doc: Any = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True, config=_CONFIG,
        date_extraction_params={"original_date": True, "extensive_search": False,
                                "max_date": date.today().isoformat(),
                                "outputformat": "%Y-%m-%d"},
    )
    if doc is None or doc.body is None:
        raise IngestError("no article text found in the page")
    blocks = list(_blocks(doc.body))
    headline, paragraphs = _headline(clean_paragraph(doc.title or ""), blocks)
    if not paragraphs:
        raise IngestError("no article text found in the page (only a title)"
                          if headline else "no article text found in the page")
    return Extracted(
        title=headline,
        paragraphs=paragraphs,
        url=doc.url or None,
        source=clean_paragraph(doc.sitename or "") or None,
        published=doc.date or None,
        author=clean_paragraph(doc.author or "") or None,
    )


def _blocks(body: Any) -> Any:
    """(heading level or 0, paragraph) for every text block of trafilatura's body tree, in order."""
    for el in body:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP_TAGS:
            continue
        items = [i for i in el if i.tag == "item"] if tag == "list" else [el]
        for item in items:
            for lb in item.iter("lb"):
                lb.tail = "\n" + (lb.tail or "")
            paragraphs, _ = split_text("".join(item.itertext()))
            level = _heading_level(el) if tag == "head" else 0
            for p in paragraphs:
                yield level, p


def _heading_level(el: Any) -> int:
    rend = str(el.get("rend") or "")
    return int(rend[1]) if len(rend) == 2 and rend[0] == "h" and rend[1].isdigit() else 6


def _headline(title: str, blocks: list[tuple[int, str]]) -> tuple[str | None, list[str]]:
    """The headline and the body. A leading <h1> is the displayed headline; a leading lower heading
    is, when it matches the page's title (or there is no title). Otherwise the page's title is.
    Body paragraphs repeating the headline are dropped."""
    headline = title or None
    level = blocks[0][0] if blocks else 0
    lead = blocks[0][1] if blocks else ""
    displayed = level == 1 and looks_like_headline(lead) and len(lead.split()) >= 3
    if displayed or (level and (not title or _similar(lead, title))):
        headline = blocks[0][1]
        blocks = blocks[1:]
    paragraphs = [p for _, p in blocks]
    while paragraphs and headline and _similar(paragraphs[0], headline):
        paragraphs.pop(0)
    return headline, paragraphs


def _similar(a: str, b: str) -> bool:
    """Same text once folded, or one nearly all of the other (a title with a site-name suffix)."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return False
    short, long_ = sorted((fa, fb), key=len)
    return short == long_ or (len(short) >= 12 and len(short) >= 0.6 * len(long_) and short in long_)
