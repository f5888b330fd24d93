"""The coding pipeline: one `Engine` per process wires the stages together.

    Article ──nlp──► Doc ──actors──► Mention[] ──quotes──► QuoteSpan[] ──events──► Event[]
                                                                           └──► ArticleRecord

The Engine loads the English pipeline, the knowledge base and the lexicon once, then codes any
number of articles. The CLI, the HTTP API and the scale-out workers all go through it, so a record
is the same whichever face produced it. A failure while coding one article becomes a `Failure`
naming the article; the batch goes on.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from entente import __version__
from entente.records import (
    Article,
    ArticleRecord,
    Failure,
    Mention,
    QuoteSpan,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

DEFAULT_BATCH = 64


def parse_published(value: str | None) -> date | None:
    """The article's publication date from an ISO date or datetime string (None when unknown or
    unparseable: relative dates then stay unresolved rather than being guessed)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


class Engine:
    """Loads every stage once and codes articles into contract records.

    Every stage is injectable (tests pass hand-built ones); by default each loads lazily from the
    package on first use.
    """

    def __init__(
        self,
        *,
        nlp: Language | None = None,
        kb: Any = None,
        resolver: Any = None,
        coder: Any = None,
        quoter: Any = None,
        coref: Any = None,
        fast: bool = False,
    ) -> None:
        self._nlp = nlp
        self._kb = kb
        self._resolver = resolver
        self._coder = coder
        self._quoter = quoter
        self._coref = coref
        self.fast = fast

    # -- stages (lazy) ------------------------------------------------------------------------
    @cached_property
    def nlp(self) -> Language:
        if self._nlp is not None:
            return self._nlp
        from entente import nlp

        return nlp.load()

    @cached_property
    def kb(self) -> Any:
        if self._kb is not None:
            return self._kb
        from entente.actors import KnowledgeBase

        return KnowledgeBase.load()

    @cached_property
    def resolver(self) -> Any:
        if self._resolver is not None:
            return self._resolver
        from entente.actors import Resolver

        return Resolver(self.kb)

    @cached_property
    def coder(self) -> Any:
        if self._coder is not None:
            return self._coder
        from entente.events import Coder

        return Coder(self.kb)

    @cached_property
    def quoter(self) -> Any:
        if self._quoter is not None:
            return self._quoter
        from entente import quotes

        return quotes.extract

    @cached_property
    def coref(self) -> Any:
        """Pronoun and short-reference resolution: extra mentions pointing at their antecedents."""
        if self._coref is not None:
            return self._coref
        from entente.quotes import coref

        return coref.resolve

    @property
    def kb_version(self) -> str | None:
        return getattr(self.kb, "version", None)

    @cached_property
    def lexicon_version(self) -> str | None:
        return getattr(getattr(self.coder, "lexicon", None), "version", None) or None

    @cached_property
    def model_version(self) -> str | None:
        meta = getattr(self.nlp, "meta", {}) or {}
        name, version = meta.get("name"), meta.get("version")
        return f"{name}-{version}" if name and version else None

    # -- coding -------------------------------------------------------------------------------
    def code(self, article: Article) -> ArticleRecord:
        """Code one article (raises on failure; `code_many` turns failures into records)."""
        doc = self.nlp(article.text)
        return self.record(article, doc)

    def record(self, article: Article, doc: Doc) -> ArticleRecord:
        """Run the stages after nlp on a parsed article and assemble its contract record."""
        ref = parse_published(article.published)
        named: list[Mention] = self.resolver.mentions(doc, ref)
        # Quote extraction resolves its own speakers' pronouns from the named mentions; the event
        # coder and the record also get the pronoun and short-reference mentions.
        mentions = named + list(self.coref(doc, named))
        quote_spans: list[QuoteSpan] = self.quoter(doc, named, article.id, published=ref)
        events = self.coder.code(doc, mentions, quote_spans, article)
        return ArticleRecord(
            article_id=article.id,
            title=article.title,
            url=article.url,
            source=article.source,
            published=article.published,
            language=article.language,
            removed_boilerplate=list(article.removed_boilerplate),
            events=list(events),
            quotes=[q.quote for q in quote_spans],
            actors=mention_records(doc, mentions),
            text=article.text,
            sentences=[(s.start_char, s.end_char) for s in doc.sents],
            author=article.author,
            content_hash=article.content_hash or None,
            entente_version=__version__,
            kb_version=self.kb_version,
            lexicon_version=self.lexicon_version,
            model_version=self.model_version,
        )

    def code_many(
        self, articles: Iterable[Article | Failure], *, batch_size: int = DEFAULT_BATCH
    ) -> Iterator[ArticleRecord | Failure]:
        """Code a stream of articles in input order; failures pass through and new ones are added.

        Parsing is batched through `nlp.pipe`; if a batch fails, its articles are retried one by one
        so that only the article at fault becomes a `Failure`.
        """
        batch: list[Article | Failure] = []
        for item in articles:
            batch.append(item)
            if len(batch) >= batch_size:
                yield from self._code_batch(batch)
                batch = []
        if batch:
            yield from self._code_batch(batch)

    def _code_batch(self, batch: list[Article | Failure]) -> Iterator[ArticleRecord | Failure]:
        todo = [a for a in batch if isinstance(a, Article)]
        try:  # a batch of failures only never loads the model
            docs = (dict(zip((id(a) for a in todo), self._pipe([a.text for a in todo]), strict=True))
                    if todo else {})
        except Exception:  # one bad text must not sink the batch: fall back to one at a time
            log.debug("batch parse failed; retrying one by one", exc_info=True)
            docs = {}
        for item in batch:
            if isinstance(item, Failure):
                yield item
                continue
            try:
                doc = docs.get(id(item))
                yield self.record(item, doc) if doc is not None else self.code(item)
            except Exception as exc:  # reported and counted, never raised
                log.debug("coding %s failed", item.id, exc_info=True)
                yield Failure(
                    origin=item.origin or item.id,
                    message=f"coding failed: {type(exc).__name__}: {exc}",
                    kind="coding",
                )

    def _pipe(self, texts: list[str]) -> Iterator[Doc]:
        from entente import nlp

        return nlp.pipe(texts, model=self.nlp, fast=self.fast)


def mention_records(doc: Doc, mentions: list[Mention]) -> list[Any]:
    """Contract `ActorMention`s: each mention with its sentence index and offsets in that sentence."""
    from entente.records import ActorMention

    sents = list(doc.sents)
    starts = [s.start for s in sents]
    out = []
    for m in mentions:
        i = max(0, bisect.bisect_right(starts, m.start) - 1)
        base = sents[i].start_char if sents else 0
        a = m.actor
        out.append(
            ActorMention(
                text=a.text, name=a.name, code=a.code, country=a.country, org=a.org,
                role=a.role, id=a.id, sentence=i,
                start=m.char_start - base, end=m.char_end - base,
            )
        )
    return out


_default_engine: Engine | None = None


def default_engine() -> Engine:
    """The process-wide Engine (loaded once; what `code_text` and the workers use)."""
    global _default_engine
    if _default_engine is None:
        _default_engine = Engine()
    return _default_engine


def code_text(
    text: str,
    *,
    id: str = "text",
    published: str | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    engine: Engine | None = None,
) -> ArticleRecord:
    """Code one piece of text (plain, not HTML) and return its contract record."""
    from entente.ingest import make_article

    article = make_article(
        id=id, text=text, published=published, title=title, source=source, url=url
    )
    return (engine or default_engine()).code(article)


def code_articles(
    articles: Iterable[Article | Failure], *, engine: Engine | None = None
) -> Iterator[ArticleRecord | Failure]:
    """Code a stream of `Article`s (as `read_inputs` yields them), in order."""
    return (engine or default_engine()).code_many(articles)
