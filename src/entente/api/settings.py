"""What one server is allowed to do: its store, its token rules and its size limits.

Token rules (the same for the API and the pages):

* reads (GET) are open: the dashboard is a view of the store for whoever can reach the server;
* writes (every POST: coding and loading) need `Authorization: Bearer <token>` whenever a token is
  set, and a server reachable beyond localhost (`public`) must have one: `create_app` refuses to
  build such a server without it, so `entente serve --host 0.0.0.0` never starts open for writes;
* a local server without a token takes writes from local clients only. Browsers on other sites
  cannot post to it either: writes must be JSON or JSONL (a cross-site page cannot send those
  without a CORS preflight, which this server never grants).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

from entente.errors import UsageError

MB = 1_000_000

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


@dataclass(frozen=True)
class ApiLimits:
    """Request limits; each refusal is a 413 or 422 JSON error that names the limit."""

    max_body_bytes: int = 16 * MB  # one POST body, before any parsing
    max_records: int = 1000  # articles in one POST body
    max_pending_jobs: int = 16  # background jobs queued or running before POSTs get 503
    max_edges: int = 2000  # network edges in one answer
    load_batch: int = 500  # coded records per store transaction in a background load


@dataclass(frozen=True)
class Settings:
    db_path: str
    token: str | None = None
    public: bool = False
    read_only: bool = False
    animation: bool = True
    limits: ApiLimits = field(default_factory=ApiLimits)

    def __post_init__(self) -> None:
        if self.token is not None and not self.token.strip():
            raise UsageError("the token is empty", hint="give a long random string, or none")
        if self.public and not self.token:
            raise UsageError("a server reachable beyond localhost needs a token for its write "
                             "endpoints", hint="pass --token or set ENTENTE_TOKEN, or serve on "
                             "127.0.0.1")

    @property
    def writes_need_token(self) -> bool:
        return self.token is not None


def is_loopback(host: str) -> bool:
    """True when `host` (as given to --host) only accepts connections from this machine."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything, so it counts as public
