"""Fixtures of the actors tests: the packaged knowledge base, a resolver, and a blank English
pipeline with a sentencizer (the resolver must work without a trained model)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def kb():
    from entente.actors import KnowledgeBase

    return KnowledgeBase.load()


@pytest.fixture(scope="session")
def blank_nlp():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@pytest.fixture(scope="session")
def resolver(kb, blank_nlp):
    """One resolver for every test; its strings are tokenised with the same vocabulary as the
    sentences, so the matcher is built once."""
    from entente.actors import Resolver

    return Resolver(kb, nlp=blank_nlp)


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """The matcher's token cache goes to a temporary folder, not the user's home."""
    mp = pytest.MonkeyPatch()
    mp.setenv("ENTENTE_CACHE_DIR", str(tmp_path_factory.mktemp("entente-cache")))
    yield
    mp.undo()
