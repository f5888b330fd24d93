"""Fixtures of the scale-out tests: a light engine in this process, a small corpus, and the
single-process reference run every sharded run must reproduce."""

from __future__ import annotations

import io

import pytest
import scale_helpers as h

from entente.jobs import code_job


@pytest.fixture(scope="session")
def light():
    return h.light_engine()


@pytest.fixture
def feeds(tmp_path):
    return h.corpus(tmp_path / "in")


def reference(engine, inputs) -> list[bytes]:
    """JSONL lines of a single-process `code_job` over `inputs` (what shards must reproduce)."""
    out, err = io.BytesIO(), io.StringIO()
    code_job(list(inputs), out=out, engine=engine, err=err)
    return out.getvalue().splitlines()


@pytest.fixture
def expected(light, feeds):
    return reference(light, feeds)
