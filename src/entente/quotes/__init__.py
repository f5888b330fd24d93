"""Quotes, attribution chains and coreference: "according to whom".

    spans = entente.quotes.extract(doc, mentions, article_id, published=date(2021, 8, 10))
    extra = entente.quotes.coref.resolve(doc, mentions)   # pronoun and short-reference mentions

`extract` finds direct quotes (any quotation marks, several sentences or paragraphs, speaker
before, after or in the middle), mixed quotes and indirect speech with a reporting verb or
"according to"; resolves each speaker within the article (pronouns, surnames, titles, roles,
outlets) and the chain of sources the speaker cites. See entente/quotes/README.md for the policy
on quoted words that are not speech (scare quotes, titles) and for the offsets.

`quotes_for_article` runs the stages an `Engine` holds (parse, actors, quotes) on one `Article`,
for `entente quotes`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from entente.quotes import coref
from entente.quotes.extract import extract
from entente.records import Article, QuoteSpan

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["coref", "extract", "quotes_for_article"]


def quotes_for_article(engine: Any, article: Article) -> tuple[Doc, list[QuoteSpan]]:
    """Parse an article with the engine's pipeline, find its actors, and extract its quotes."""
    from entente.pipeline import parse_published

    doc = engine.nlp(article.text)
    ref = parse_published(article.published)
    mentions = engine.resolver.mentions(doc, ref)
    return doc, extract(doc, mentions, article.id, published=ref)
