"""Browser tests: uvicorn on a free localhost port over a store of synthetic records, driven by
Playwright (from PyPI) with Debian's chromium. No browser is ever downloaded: without
/usr/bin/chromium the tests skip (`make test` installs it through apt in its `browsers` target).

Screenshots go to tests/artifacts/ (git-ignored) for a human to look at.
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "store"))
sys.path.insert(0, str(HERE.parent / "api"))

from webdata import all_records  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = HERE.parent / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def base_url(tmp_path_factory) -> Iterator[str]:
    """The dashboard over a fresh store, served by uvicorn from a thread of this process."""
    import uvicorn

    from entente.api import create_app
    from entente.api.settings import LOCAL_HOSTS
    from entente.store import open_store

    path = tmp_path_factory.mktemp("browser") / "browser.duckdb"
    with open_store(path) as store:
        store.add(all_records())
    app = create_app(path, allowed_hosts=LOCAL_HOSTS)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           ws="none", lifespan="on"))
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def context(tmp_path_factory) -> Iterator[Any]:
    """One chromium with a fresh user-data dir for the whole session."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (`make browsers`) to run "
                    "the browser tests; no browser is downloaded")
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=ARGS,
            viewport={"width": 1280, "height": 900})
        ctx.set_default_timeout(15_000)
        yield ctx
        ctx.close()


class Watched:
    """A page that records console errors, failed requests and dialogs (a script that ran)."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.problems: list[str] = []
        page.on("console", lambda m: self.problems.append(f"console {m.type}: {m.text}")
                if m.type == "error" else None)
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url}"))
        page.on("dialog", lambda d: (self.problems.append(f"dialog: {d.message}"), d.dismiss()))


@pytest.fixture
def page(context) -> Iterator[Watched]:
    watched = Watched(context.new_page())
    yield watched
    watched.page.close()
    assert watched.problems == []


@pytest.fixture(scope="session")
def shots() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
