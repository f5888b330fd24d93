"""Bad requests get clear 4xx JSON errors, never a 500 or a traceback."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from entente.api import create_app

BAD = [
    ("/v1/events?limit=0", 422, "limit"),
    ("/v1/events?limit=501", 422, "limit"),
    ("/v1/events?limit=ten", 422, "limit"),
    ("/v1/events?offset=-1", 422, "offset"),
    ("/v1/events?from=yesterday", 422, "from"),
    ("/v1/events?from=2021-13-01", 400, "'from' must be a date"),
    ("/v1/events?from=2021-06-10&to=2021-06-01", 400, "is after"),
    ("/v1/events?modality=maybe", 422, "modality"),
    ("/v1/events?dyad=TUR", 400, "dyad must be two actor keys"),
    ("/v1/events?dyad=TUR,AZE,ARM", 400, "dyad must be two actor keys"),
    ("/v1/events?actor=%3Cscript%3E", 422, "actor"),
    ("/v1/events?root=5", 422, "root"),
    ("/v1/events?cameo=abc", 422, "cameo"),
    ("/v1/clusters?order=random", 422, "order"),
    ("/v1/clusters?min_articles=0", 422, "min_articles"),
    ("/v1/clusters/c000", 404, "no cluster"),
    ("/v1/articles/no-such-article", 404, "no article"),
    ("/v1/articles?q=" + "x" * 201, 422, "q"),
    ("/v1/dyads/TUR/%3Cx%3E", 422, "path parameter 'b'"),
    ("/v1/dyads/TUR/AZE?by=year", 422, "by"),
    ("/v1/dyads/TUR/AZE?top=0", 422, "top"),
    ("/v1/trends?window=0", 422, "window"),
    ("/v1/trends?by=colour", 422, "by"),
    ("/v1/trends?end=2021-02-30", 400, "'end' must be a date"),
    ("/v1/trends?end=0001-01-01", 422, "end"),
    ("/v1/network?level=planet", 422, "level"),
    ("/v1/network?max_edges=0", 422, "max_edges"),
    ("/v1/network?directed=perhaps", 422, "directed"),
    ("/v1/search", 400, "q must not be empty"),
    ("/v1/search?q=%20%20", 400, "q must not be empty"),
    ("/v1/jobs/nope", 404, "no job"),
    ("/v1/nothing-here", 404, "no such page or endpoint"),
    ("/dyad/TUR/AZE.json?from=2021-99-01", 400, "'from' must be a date"),
    ("/article/nope.json", 404, "no article"),
    ("/cluster/c000.json", 404, "no cluster"),
    ("/static/../pyproject.toml", 404, ""),
    ("/static/nothing.js", 404, ""),
]


@pytest.mark.parametrize(("url", "status", "says"), BAD)
def test_bad_requests_get_clear_json_errors(client, url, status, says):
    r = client.get(url)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    error = r.json()["error"]
    assert error["status"] == status and error["message"] and error["type"]
    assert says in error["message"]
    assert "Traceback" not in r.text


def test_a_wrong_method_is_a_json_405(client):
    r = client.delete("/v1/events")
    assert r.status_code == 405 and r.json()["error"]["type"] == "method_not_allowed"


def test_a_browser_gets_an_error_page(client):
    r = client.get("/dyad/TUR/AZE?from=2021-99-01", headers={"accept": "text/html"})
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/html")
    assert "&#39;from&#39; must be a date" in r.text and "Traceback" not in r.text


def test_an_unexpected_failure_is_a_500_without_a_traceback(store_path, monkeypatch):
    from entente.api import routes

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals /home/user/db")

    monkeypatch.setattr(routes, "list_events", broken)
    with TestClient(create_app(store_path, read_only=True),
                    raise_server_exceptions=False) as c:
        r = c.get("/v1/events")
    assert r.status_code == 500
    error = r.json()["error"]
    assert error["type"] == "internal_error" and "RuntimeError" in error["message"]
    assert "secret internals" not in r.text and "Traceback" not in r.text


def test_a_store_failure_is_a_json_error(store_path, monkeypatch):
    from entente.api import routes
    from entente.errors import StoreError

    def busy(*args, **kwargs):
        raise StoreError("busy for 30 s", where="x.duckdb", hint="try again")

    monkeypatch.setattr(routes, "list_events", busy)
    with TestClient(create_app(store_path, read_only=True)) as c:
        r = c.get("/v1/events")
    assert r.status_code == 503
    assert r.json()["error"] == {"status": 503, "type": "unavailable",
                                 "message": "busy for 30 s", "where": "x.duckdb",
                                 "hint": "try again"}
