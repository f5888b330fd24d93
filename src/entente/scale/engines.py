"""One coding Engine per worker process, built once from the run's config, and its versions.

Workers (local processes or Dask workers) call `engine_for(config)` for every shard; the first
call builds and warms the Engine (model, knowledge base, lexicon), later ones reuse it. The
engine's `versions` go into every manifest, so a new model or knowledge base re-codes old shards.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from entente import __version__
from entente.errors import UsageError
from entente.scale.manifest import ShardConfig, Versions

_engines: dict[tuple[str | None, bool], Any] = {}
_versions: weakref.WeakKeyDictionary[Any, Versions] = weakref.WeakKeyDictionary()
_lock = threading.Lock()

# BLAS libraries start one thread per core in every process: with one worker per core that is
# cores² threads fighting for cores. Workers use one each (Dask's nanny does the same).
SINGLE_THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def single_threaded_blas() -> None:
    """Ask BLAS for one thread in this process (effective before numpy is first imported)."""
    for var in SINGLE_THREAD_ENV:
        os.environ.setdefault(var, "1")


@contextmanager
def single_threaded_children() -> Iterator[None]:
    """Processes started inside this block get one BLAS thread each (they inherit the
    environment when they start; a worker's own setting would come after numpy is loaded).
    The environment is restored after."""
    saved = {var: os.environ.get(var) for var in SINGLE_THREAD_ENV}
    single_threaded_blas()
    try:
        yield
    finally:
        for var, value in saved.items():
            if value is None:
                os.environ.pop(var, None)
            else:
                os.environ[var] = value


def engine_for(config: ShardConfig) -> Any:
    """The process's Engine for `config` (built and warmed on first use)."""
    key = (config.engine, config.fast)
    with _lock:
        if key not in _engines:
            _engines[key] = warm(build_engine(config))
        return _engines[key]


def build_engine(config: ShardConfig) -> Any:
    if config.engine is None:
        from entente.pipeline import Engine

        return Engine(fast=config.fast)
    module, _, name = config.engine.partition(":")
    try:
        factory = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        raise UsageError(f"cannot load engine factory {config.engine!r}: {exc}",
                         hint="give it as package.module:function") from None
    return factory(config)


def warm(engine: Any) -> Any:
    """Load every lazy stage now, so that loading is paid once per process, before the first
    shard, and the first shard's timing is coding only."""
    for stage in ("nlp", "kb", "resolver", "coder", "quoter", "coref"):
        getattr(engine, stage, None)
    return engine


def versions(engine: Any) -> Versions:
    """The versions that stamp a manifest (cached per engine)."""
    found = _versions.get(engine)
    if found is None:
        import spacy

        lexicon = getattr(getattr(engine, "coder", None), "lexicon", None)
        found = Versions(
            entente=__version__, kb=getattr(engine, "kb_version", None),
            model=model_version(engine.nlp), lexicon=getattr(lexicon, "version", None),
            spacy=spacy.__version__)
        _versions[engine] = found
    return found


def model_version(nlp: Any) -> str:
    """name-version of the pipeline plus a short hash of its files when it was loaded from disk
    (a retrained model may keep its version number)."""
    meta = getattr(nlp, "meta", {}) or {}
    label = f"{meta.get('lang', '?')}_{meta.get('name', '?')}-{meta.get('version', '?')}"
    path = getattr(nlp, "path", None)
    if path is None or not Path(path).is_dir():
        return label + "+" + ",".join(nlp.pipe_names)
    digest = hashlib.sha256()
    for file in sorted(p for p in Path(path).rglob("*") if p.is_file()):
        digest.update(file.relative_to(path).as_posix().encode())
        digest.update(file.read_bytes())
    return f"{label}+{digest.hexdigest()[:12]}"
