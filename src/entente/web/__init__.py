"""The dashboard's faces: server-rendered pages (Jinja2) over the same functions as the API.

    templates/   one template per page, all extending base.html
    static/      entente.css, entente.js and the vendored ECharts build (version in the name,
                 licence and notice next to it; fetched by scripts/vendor_echarts.sh)
    pages.py     the page routes; every page has a JSON twin (`/dyad/TUR/AZE.json`)
    highlight.py an article's text cut into actor, trigger and quote segments
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
ECHARTS_VERSION = "5.6.0"
ECHARTS = f"echarts-{ECHARTS_VERSION}.min.js"

__all__ = ["ECHARTS", "ECHARTS_VERSION", "STATIC", "TEMPLATES"]
