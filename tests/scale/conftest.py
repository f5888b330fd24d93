"""Fixtures of the scale-out tests: a light engine in this process, a small corpus, and the
single-process reference run every sharded run must reproduce."""

from __future__ import annotations

import pytest
import scale_helpers as h


@pytest.fixture(scope="session")
def light():
    return h.light_engine()


@pytest.fixture
def feeds(tmp_path):
    return h.corpus(tmp_path / "in")


@pytest.fixture
def expected(light, feeds):
    return h.reference(light, feeds)
