"""The one vendored chart library: pinned by hash, licensed, served from the package only."""

from __future__ import annotations

import hashlib
import re

import pytest

from entente.web import ECHARTS, ECHARTS_VERSION, STATIC

# sha256 of dist/echarts.min.js of echarts 5.6.0 from the npm registry (scripts/vendor_echarts.sh)
ECHARTS_SHA256 = "bf4a223524e40b77c304bec67e1222cf551f14880cf42c69dc046558e11c07b1"


def test_the_vendored_file_is_the_pinned_release():
    data = (STATIC / ECHARTS).read_bytes()
    assert hashlib.sha256(data).hexdigest() == ECHARTS_SHA256
    assert f"echarts-{ECHARTS_VERSION}.min.js" == ECHARTS


def test_its_licence_and_notice_are_next_to_it():
    licence = (STATIC / f"echarts-{ECHARTS_VERSION}.LICENSE.txt").read_text()
    assert "Apache License" in licence and "Version 2.0" in licence
    assert "Apache ECharts" in (STATIC / f"echarts-{ECHARTS_VERSION}.NOTICE.txt").read_text()


def test_the_vendoring_script_pins_the_same_release(repo_dir):
    script = (repo_dir / "scripts" / "vendor_echarts.sh").read_text()
    assert f'VERSION="${{VERSION:-{ECHARTS_VERSION}}}"' in script and ECHARTS_SHA256 in script
    assert "npm pack" in script


def test_only_one_chart_library_is_vendored():
    assert sorted(p.name for p in STATIC.glob("*.min.js")) == [ECHARTS]


@pytest.mark.parametrize("url", ["/", "/dyad/TUR/AZE", "/network"])
def test_pages_load_scripts_from_the_package_never_a_cdn(client, url):
    html = client.get(url).text
    sources = re.findall(r'<script[^>]*\bsrc="([^"]+)"', html)
    assert f"/static/{ECHARTS}" in sources
    assert all(s.startswith("/static/") for s in sources)
    assert "cdn" not in html.lower()


def test_the_static_files_are_served(client):
    r = client.get(f"/static/{ECHARTS}")
    assert r.status_code == 200 and r.headers["content-type"].startswith(
        ("application/javascript", "text/javascript"))
    assert hashlib.sha256(r.content).hexdigest() == ECHARTS_SHA256
    assert client.get("/static/entente.css").status_code == 200
