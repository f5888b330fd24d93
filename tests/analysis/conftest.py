"""The analysis tests build stores from the synthetic records of tests/store/factories.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))

from factories import random_records, story_copies

from entente.store import open_store


@pytest.fixture(scope="session")
def corpus_path(tmp_path_factory) -> Path:
    """A store file with the Shusha story and 400 random articles (some undated)."""
    path = tmp_path_factory.mktemp("analysis") / "corpus.duckdb"
    with open_store(path) as store:
        store.add(story_copies(10) + random_records(400, seed=11, undated=0.05))
    return path


@pytest.fixture(scope="session")
def corpus(corpus_path):
    store = open_store(corpus_path, read_only=True)
    yield store
    store.close()
