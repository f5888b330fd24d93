"""`entente doctor`: is this installation able to code news, and is a store sound?

    checks = diagnose(db="events.duckdb")   # list[Check], in a fixed order
    healthy(checks)                         # False when a required check failed

Each check loads what `entente code` would load, the way it loads it (the packaged files, the
user's ENTENTE_KB_PATH files, the store opened read-only), and reports what it found: a failed
check says what is wrong and what to do. Optional extras (Dask, Playwright) are reported as
information only and never make the installation unhealthy.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Sequence
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import msgspec

from entente.errors import EntenteError

__all__ = ["Check", "diagnose", "healthy"]

# entente needs the Python that pyproject.toml's requires-python names.
MIN_PYTHON = (3, 11)
# Files a working installation ships (relative to the `entente` package). A wheel built without
# its data, or a checkout with a half-copied model, misses one of these first.
PACKAGE_DATA = (
    "data/contract.schema.json",
    "ingest/data/boilerplate.yaml",
    "ingest/data/boilerplate.schema.json",
    "actors/kb/MANIFEST.yaml",
    "actors/kb/countries.yaml",
    "events/data/codebook.csv",
    "events/lexicon/verbs.yaml",
    "events/lexicon/nouns.yaml",
    "nlp/model/config.cfg",
    "nlp/model/meta.json",
    "quotes/data/cues.yaml",
    "store/data/gdelt_event_columns.csv",
    "web/templates/base.html",
)
# Optional extras: (import name, distribution, what it gives).
EXTRAS = (
    ("dask", "dask", "entente code --dask (install entente[dask])"),
    ("playwright", "playwright", "browser tests of the dashboard (dev extra)"),
)
_SHOWN = 5  # problems named in one message


class Check(msgspec.Struct, frozen=True, kw_only=True):
    """One check: `ok` with a message saying what was found, or not ok with what to `fix`.
    `required=False` checks are information (optional extras)."""

    name: str
    ok: bool
    message: str
    fix: str | None = None
    required: bool = True


def healthy(checks: Sequence[Check]) -> bool:
    """True when every required check passed."""
    return all(c.ok for c in checks if c.required)


def diagnose(db: str | Path | None = None, *, deep: bool = False,
             load_model: Callable[[], Any] | None = None) -> list[Check]:
    """Every check, in order; `db` adds the store's (opened read-only, integrity-checked, every
    article rebuilt with `deep`). `load_model` replaces `entente.nlp.load` (tests)."""
    checks = [check_python(), check_package_data(), check_model(load_model),
              check_knowledge_base(), check_lexicon()]
    if db is not None:
        checks.append(check_store(db, deep=deep))
    checks += [check_extra(*extra) for extra in EXTRAS]
    return checks


def _guarded(name: str, run: Callable[[], Check], fix: str) -> Check:
    """`run()`, with an expected entente error (or any other) reported as a failed check."""
    try:
        return run()
    except EntenteError as exc:
        where = f"{exc.where}: " if exc.where else ""
        return Check(name=name, ok=False, message=where + exc.message, fix=exc.hint or fix)
    except Exception as exc:  # doctor must report, not crash, whatever is broken
        return Check(name=name, ok=False, message=f"{type(exc).__name__}: {exc}", fix=fix)


def check_python() -> Check:
    found = ".".join(map(str, sys.version_info[:3]))
    need = ".".join(map(str, MIN_PYTHON))
    if sys.version_info[:2] >= MIN_PYTHON:
        return Check(name="python", ok=True, message=f"Python {found}")
    return Check(name="python", ok=False, message=f"Python {found} is older than {need}",
                 fix=f"install entente into a Python {need} or newer environment")


def check_package_data() -> Check:
    root = resources.files("entente")
    missing = [p for p in PACKAGE_DATA if not root.joinpath(p).is_file()]
    if missing:
        return Check(name="package data", ok=False,
                     message=f"missing: {', '.join(missing[:_SHOWN])}"
                             + (f" and {len(missing) - _SHOWN} more" if len(missing) > _SHOWN else ""),
                     fix="reinstall entente (pip install --force-reinstall entente)")
    return Check(name="package data", ok=True, message=f"{len(PACKAGE_DATA)} data files present")


def check_model(load_model: Callable[[], Any] | None = None) -> Check:
    def run() -> Check:
        from entente import nlp

        language = (load_model or nlp.load)()
        doc = language("Turkey and Greece met in Ankara on Tuesday.")
        if not len(doc):
            return Check(name="model", ok=False, message="the English pipeline gave no tokens",
                         fix="reinstall entente")
        import spacy

        meta = language.meta
        size = _folder_mb(nlp.MODEL_DIR)
        return Check(name="model", ok=True,
                     message=f"{meta.get('name', '?')} {meta.get('version', '?')}, {size:.1f} MB, "
                             f"spaCy {spacy.__version__}; {', '.join(language.pipe_names)}")

    return _guarded("model", run, "reinstall entente, or rebuild the model with `make model`")


def _folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def check_knowledge_base() -> Check:
    def run() -> Check:
        from entente.actors import KnowledgeBase
        from entente.actors.kb import ENV_VAR
        from entente.actors.lint import lint

        kb = KnowledgeBase.load()
        problems = lint(kb)
        if problems:
            more = f" (and {len(problems) - _SHOWN} more)" if len(problems) > _SHOWN else ""
            return Check(name="knowledge base", ok=False,
                         message=f"{len(problems)} problems: " + "; ".join(problems[:_SHOWN]) + more,
                         fix=f"correct the entries named (files in {ENV_VAR} are yours to edit)")
        return Check(name="knowledge base", ok=True,
                     message=f"version {kb.version}, {len(kb.entries):,} entries, lint clean")

    return _guarded("knowledge base", run,
                    "check the files named in ENTENTE_KB_PATH, or reinstall entente")


def check_lexicon() -> Check:
    def run() -> Check:
        from entente.events import Lexicon, codebook

        lexicon = Lexicon.load()
        book = codebook.load()
        codes = {c for p in lexicon.patterns
                 for c in (p.code, p.negated_code, p.joint_code, p.state_code) if c}
        unknown = sorted(codes - set(book.codes))
        if unknown:
            return Check(name="event lexicon", ok=False,
                         message=f"codes not in the codebook: {', '.join(unknown[:_SHOWN])}",
                         fix="reinstall entente (the lexicon and codebook disagree)")
        return Check(name="event lexicon", ok=True,
                     message=f"version {lexicon.version}, {len(lexicon.patterns):,} patterns; "
                             f"codebook of {len(book):,} CAMEO codes")

    return _guarded("event lexicon", run, "reinstall entente")


def check_store(db: str | Path, *, deep: bool = False) -> Check:
    fix = "restore the store from a backup, or build it again with `entente code --db` / `entente load`"

    def run() -> Check:
        from entente.store import open_store

        with open_store(db, read_only=True, timeout=5) as store:
            problems = store.check(deep=deep)
            counts = store.counts()
        if problems:
            more = f" (and {len(problems) - _SHOWN} more)" if len(problems) > _SHOWN else ""
            return Check(name="store", ok=False, fix=fix,
                         message=f"{db}: {len(problems)} integrity problems: "
                                 + "; ".join(problems[:_SHOWN]) + more)
        kind = "deep check" if deep else "integrity check"
        return Check(name="store", ok=True,
                     message=f"{db}: {counts.get('articles', 0):,} articles, "
                             f"{counts.get('events', 0):,} events; {kind} passed")

    return _guarded("store", run, fix)


def check_extra(module: str, distribution: str, gives: str) -> Check:
    if importlib.util.find_spec(module) is None:
        return Check(name=module, ok=False, required=False, message=f"not installed: {gives}",
                     fix=f"pip install {distribution} if you need it")
    try:
        version = metadata.version(distribution)
    except metadata.PackageNotFoundError:
        version = "?"
    return Check(name=module, ok=True, required=False, message=f"{version}: {gives}")
