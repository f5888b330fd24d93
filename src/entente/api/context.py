"""What every request handler reaches through `ctx(request)`: the settings, the store, the
coder and the background jobs of this app; and `StoreDep`, the store one request reads."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from entente.api.coding import Coder
from entente.api.settings import Settings
from entente.api.tasks import JobRunner
from entente.store import Store, open_store


@dataclass
class Context:
    settings: Settings
    store: Store
    coder: Coder
    jobs: JobRunner | None  # None on a read-only server
    own_store: bool = True  # closed with the app (False when a test passed its own)

    def close(self) -> None:
        if self.jobs is not None:
            self.jobs.close()
        if self.own_store:
            self.store.close()


def ctx(request: Request) -> Context:
    context: Context = request.app.state.entente
    return context


def request_store(request: Request) -> Iterator[Store]:
    """The store one request reads. A read-only server opens the file once per request (not
    once per query, which costs an open each) and closes it when the request is done, so other
    processes can write between requests; a writable server shares its held store."""
    c = ctx(request)
    if not c.settings.read_only:
        yield c.store
        return
    with open_store(c.settings.db_path, read_only=True, hold=True,
                    timeout=c.store.timeout) as store:
        yield store


StoreDep = Annotated[Store, Depends(request_store)]
