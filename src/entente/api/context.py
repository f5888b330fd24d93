"""What every request handler reaches through `ctx(request)`: the settings, the store, the
coder and the background jobs of this app."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from entente.api.coding import Coder
from entente.api.settings import Settings
from entente.api.tasks import JobRunner
from entente.store import Store


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
