"""entente: political event data from news text.

Who did what to whom, when, where, and according to whom. The public API:

    >>> import entente
    >>> record = entente.code_text("Turkey and Azerbaijan signed a defence pact on Tuesday.",
    ...                            published="2021-08-10")

`code_text` and `code_articles` run the whole pipeline (ingest → nlp → actors → quotes → events);
`read_inputs` reads files the way `entente code` does; `open_store` opens a DuckDB event store.
Heavy modules (spaCy, DuckDB) load on first use, so `import entente` stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ArticleRecord",
    "Engine",
    "EntenteError",
    "Event",
    "Quote",
    "__version__",
    "code_articles",
    "code_text",
    "open_store",
    "read_inputs",
]

_LAZY = {
    "Article": "entente.records",
    "ArticleRecord": "entente.records",
    "Event": "entente.records",
    "Quote": "entente.records",
    "EntenteError": "entente.errors",
    "Engine": "entente.pipeline",
    "code_articles": "entente.pipeline",
    "code_text": "entente.pipeline",
    "read_inputs": "entente.ingest",
    "open_store": "entente.store",
}

if TYPE_CHECKING:  # pragma: no cover
    from entente.errors import EntenteError
    from entente.ingest import read_inputs
    from entente.pipeline import Engine, code_articles, code_text
    from entente.records import Article, ArticleRecord, Event, Quote
    from entente.store import open_store


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'entente' has no attribute {name!r}")
    return getattr(import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)
