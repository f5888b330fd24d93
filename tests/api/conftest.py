"""API tests: one synthetic store built per session, an app (TestClient) over it for the read
endpoints, and fresh apps over fresh stores for the write endpoints."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "store"))
sys.path.insert(0, str(HERE))

from fastapi.testclient import TestClient  # noqa: E402
from webdata import all_records  # noqa: E402

from entente.api import ApiLimits, create_app  # noqa: E402
from entente.records import Article, ArticleRecord, Failure  # noqa: E402
from entente.store import open_store  # noqa: E402


@pytest.fixture(scope="session")
def records() -> list[ArticleRecord]:
    return all_records()


@pytest.fixture(scope="session")
def store_path(tmp_path_factory, records) -> Path:
    path = tmp_path_factory.mktemp("api") / "api.duckdb"
    with open_store(path) as store:
        store.add(records)
    return path


@pytest.fixture(scope="session")
def client(store_path) -> Iterator[TestClient]:
    """A read-only server over the shared store (no test may write through it)."""
    app = create_app(store_path, read_only=True)
    with TestClient(app) as c:
        yield c


class FakeEngine:
    """Codes an article into a record holding just its text (the plumbing under test is the
    API's; the real Engine is exercised by the model-marked test)."""

    def __init__(self) -> None:
        self.calls = 0

    def code_many(self, items: Any) -> Iterator[ArticleRecord | Failure]:
        for item in items:
            self.calls += 1
            if isinstance(item, Failure):
                yield item
            elif "FAIL" in item.text:
                yield Failure(origin=item.origin, message="coding failed: boom", kind="coding")
            else:
                yield self.record(item)

    @staticmethod
    def record(a: Article) -> ArticleRecord:
        return ArticleRecord(article_id=a.id, title=a.title, url=a.url, source=a.source,
                             published=a.published, text=a.text,
                             sentences=[(0, len(a.text))], content_hash=a.content_hash,
                             entente_version="0.1.0", kb_version="fake")


@pytest.fixture
def fake_engine() -> FakeEngine:
    return FakeEngine()


@pytest.fixture
def make_client(tmp_path, fake_engine) -> Iterator[Callable[..., TestClient]]:
    """A fresh app over a fresh store file: make_client(token=..., limits=..., ...)."""
    opened: list[TestClient] = []

    def make(**kw: Any) -> TestClient:
        kw.setdefault("engine", fake_engine)
        kw.setdefault("limits", ApiLimits())
        app = create_app(tmp_path / f"w{len(opened)}.duckdb", **kw)
        c = TestClient(app, raise_server_exceptions=False)
        c.__enter__()
        opened.append(c)
        return c

    yield make
    for c in opened:
        c.__exit__(None, None, None)
