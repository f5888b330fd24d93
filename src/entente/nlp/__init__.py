"""entente's English pipeline.

PLACEHOLDER (to be replaced by the nlp work): a blank English pipeline with a sentencizer.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

__all__ = ["load", "pipe"]


@lru_cache(maxsize=2)
def load(path: str | None = None) -> Any:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def pipe(texts: Iterable[str], *, model: Any = None, fast: bool = False,
         batch_size: int = 64, n_process: int = 1) -> Iterator[Any]:
    nlp = model or load()
    return iter(nlp.pipe(texts, batch_size=batch_size, n_process=n_process))
