"""Shared fixtures.

`shared_dir` points at ../shared (training corpora, datasets, references). A user's clone has no
../shared: tests that need it skip with a clear reason; CI has it, so they run there.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ENTENTE_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent: this test needs the project's shared data (CI has it)")
    return SHARED


@pytest.fixture(scope="session")
def repo_dir() -> Path:
    return REPO
