"""entente's English pipeline: a spaCy 3 pipeline trained from open corpora, shipped in the package.

    nlp = entente.nlp.load()                 # cached per process, offline
    for doc in entente.nlp.pipe(texts, fast=True):
        ...

Components (see docs/MODEL.md): tok2vec → tagger (PTB `tag_`) → morphologizer (`pos_`, `morph`) →
trainable_lemmatizer (`lemma_`) → parser (`dep_`, `head`, sentences) → ner (PERSON, ORG, LOC) →
entente_entities (GPE/LOC split, NORP, DATE and knowledge-base names, from data files). A first
component, entente_paragraphs, makes every paragraph ("\\n\\n") start a sentence, so sentences never
cross a paragraph break.

`pipe(..., fast=True)` parses fully only the sentences that can hold an event or a quote (see
`entente.nlp.fast`); the other sentences keep their tokens and boundaries.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from entente.errors import ModelError
from entente.nlp.fast import Candidate, default_candidate, fast_pipe

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["MODEL_DIR", "Candidate", "default_candidate", "load", "pipe"]

MODEL_DIR = Path(__file__).resolve().parent / "model"
DEFAULT_BATCH = 64

_cache: dict[Path, Language] = {}
_lock = threading.Lock()


def load(path: str | Path | None = None) -> Language:
    """The bundled pipeline (or the one at `path`), loaded once per process and path, offline.

    Raises `ModelError` when the folder holds no pipeline or it cannot be loaded.
    """
    where = Path(path).resolve() if path is not None else MODEL_DIR
    with _lock:
        if where not in _cache:
            _cache[where] = _load(where)
        return _cache[where]


def _load(where: Path) -> Language:
    if not (where / "config.cfg").is_file():
        raise ModelError(
            "no English pipeline found", where=str(where),
            hint="reinstall entente, or rebuild the model with `make model` (needs ../shared)",
        )
    import spacy

    from entente.nlp import components  # noqa: F401  (registers entente's factories)
    from entente.nlp.ops import use_numpy_blas

    use_numpy_blas()  # before the models are built: they keep the ops current at that time
    try:
        return spacy.load(where)
    except Exception as exc:  # spaCy raises many kinds; all mean the same thing to a user
        raise ModelError(
            f"the English pipeline cannot be loaded: {type(exc).__name__}: {exc}",
            where=str(where), hint="the model folder may be incomplete or from another spaCy",
        ) from exc


def pipe(
    texts: Iterable[str],
    *,
    model: Language | None = None,
    fast: bool = False,
    batch_size: int = DEFAULT_BATCH,
    n_process: int = 1,
    candidate: Candidate | None = None,
) -> Iterator[Doc]:
    """Parse texts in order, batched through `nlp.pipe` (n_process > 1 forks worker processes).

    With `fast=True`, only candidate sentences are fully parsed: `candidate(sentence_span)` decides
    (default: `default_candidate`, quote marks, reporting and event cue words, entity-like tokens).
    """
    nlp = model if model is not None else load()
    if fast:
        return fast_pipe(nlp, texts, candidate=candidate or default_candidate(),
                         batch_size=batch_size, n_process=n_process)
    return iter(nlp.pipe(texts, batch_size=batch_size, n_process=n_process))
