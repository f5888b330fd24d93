"""Fixtures for the English pipeline tests: the bundled model, loaded once per session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    import entente.nlp

    return entente.nlp.load()
