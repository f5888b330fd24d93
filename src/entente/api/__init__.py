"""The HTTP API and dashboard server: `create_app(db_path, token=None, ...)` builds a FastAPI app.

    /v1/...              JSON API (see /docs, /openapi.json): code, events, clusters, articles,
                         actors, quotes, dyads, trends, network, search, jobs
    /, /dyad/A/B, ...    pages (entente.web), each with a JSON twin (/dyad/A/B.json)
    /static/...          the packaged CSS, JS and vendored ECharts

Modules: `app` (factory), `routes` (reads), `writes` (POSTs and the token), `params` (shared
query parameters), `queries` (look-ups beyond entente.analysis), `coding` and `tasks` (coding
and background loading), `body` (size-limited bodies), `errors` (JSON for every exception),
`settings` (token rules and limits). `entente serve` runs it with uvicorn.
"""

from __future__ import annotations

from entente.api.app import create_app
from entente.api.settings import ApiLimits, is_loopback

__all__ = ["ApiLimits", "create_app", "is_loopback"]
