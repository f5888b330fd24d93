"""Hostile requests through the app (TestClient): every answer is a small JSON error or a
correct result, never a 500 or a traceback; parameters never reach SQL or the file system as
code; the store is the same afterwards."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from hardening_values import ODD_IDS, TOKEN

from entente.api import ApiLimits

JSON = {"content-type": "application/json"}
AUTH = {"authorization": f"Bearer {TOKEN}"}
TRACE_MARKERS = ("Traceback", 'File "', "site-packages", "/src/entente/")


def assert_json_error(response, status: int | tuple[int, ...]) -> dict:
    statuses = status if isinstance(status, tuple) else (status,)
    assert response.status_code in statuses, (response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith("application/json"), response.headers
    body = response.json()
    assert set(body) == {"error"} and body["error"]["status"] == response.status_code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert not any(m in response.text for m in TRACE_MARKERS), response.text
    return body["error"]


def store_state(client: TestClient) -> tuple[dict, list]:
    """Counts and problems of the store the app holds (a second open would wait for it)."""
    store = client.app.state.entente.store
    return store.counts(), store.check(deep=True)


# -- bodies ---------------------------------------------------------------------------------------
def test_invalid_utf8_in_a_posted_record_is_repaired_as_the_cli_does(make_client):
    client = make_client()
    body = b'{"id": "b1", "text": "Greece and France met in Caf\xe9 Athens \x93today\x94."}'
    r = client.post("/v1/code", content=body, headers=JSON)
    assert r.status_code == 200, r.text
    [record] = r.json()["records"]
    assert record["text"] == "Greece and France met in Café Athens “today”."
    array = b"[" + body + b"]"
    assert client.post("/v1/code", content=array, headers=JSON).status_code == 200


@pytest.mark.parametrize("body", [
    b"[" * 1_000_000 + b"]" * 1_000_000,
    b'{"id": "d", "text": ' + b"[" * 1_000_000 + b"]" * 1_000_000 + b"}",
    b'{"a":' * 300_000 + b"1" + b"}" * 300_000,
    b'[{"id": "d", "text": "x", "deep": ' + b"[" * 1_000_000 + b"]" * 1_000_000 + b"}]",
], ids=["array", "text", "object", "in-array"])
def test_json_nested_a_million_deep(make_client, body):
    client = make_client()
    for path in ("/v1/code", "/v1/articles"):
        error = assert_json_error(client.post(path, content=body, headers=JSON), 422)
        assert "nested too deeply" in error["message"] or "Expected" in error["message"]


def test_body_size_limits(make_client):
    client = make_client(limits=ApiLimits(max_body_bytes=10_000, max_records=3))
    big = json.dumps({"id": "big", "text": "Greece met France. " * 1000}).encode()
    error = assert_json_error(client.post("/v1/code", content=big, headers=JSON), 413)
    assert "limit of 10,000 bytes" in error["message"]

    def chunks():  # no Content-Length: the body is counted as it streams
        for _ in range(100):
            yield b" " * 500

    assert_json_error(client.post("/v1/code", content=chunks(), headers=JSON), 413)
    many = "\n".join(json.dumps({"id": f"m{i}", "text": "Greece met France."}) for i in range(4))
    error = assert_json_error(client.post("/v1/code", content=many, headers=JSON), 413)
    assert "4 records in one request; the limit is 3" in error["message"]
    lying = {**JSON, "content-length": "not-a-number"}
    assert_json_error(client.post("/v1/code", content=b"{}", headers=lying), (400, 422))


@pytest.mark.parametrize(("body", "headers", "status"), [
    (b"", JSON, 422),
    (b"   \n\n ", JSON, 422),
    (b"null", JSON, 422),
    (b"42", JSON, 422),
    (b'"a string"', JSON, 422),
    (b"[1, 2, 3]", JSON, 422),
    (b"[]", JSON, 422),
    (b"{", JSON, 422),
    (b"\xff\xfe\x00\x01", JSON, 422),
    (b'{"id": "x"}', {"content-type": "text/plain"}, 415),
    (b'{"id": "x"}', {"content-type": "application/x-www-form-urlencoded"}, 415),
    (b'{"id": "x"}', {}, 415),
    (b'{"id": "", "text": "Greece met France."}', JSON, 422),
    (b'{"id": 1.5, "text": "Greece met France."}', JSON, 422),
    (b'{"id": 1' + b"0" * 5000 + b', "text": "Greece met France."}', JSON, 422),
    (b'{"text": "no id"}', JSON, 422),
    (b'{"id": "x", "text": "\\u0000\\u0000"}', JSON, 422),
    (b'{"id": "x", "html": "<p>' + b"<b>" * 200_000 + b'</p>"}', JSON, 422),
], ids=lambda v: repr(v)[:30] if isinstance(v, bytes) else None)
def test_bad_bodies_are_json_errors(make_client, body, headers, status):
    client = make_client()
    assert_json_error(client.post("/v1/code", content=body, headers=headers), status)


def test_a_mixture_of_coded_and_input_records_is_refused(make_client):
    client = make_client()
    before = store_state(client)
    body = json.dumps([{"id": "in", "text": "Greece met France."},
                       {"schema": "entente/1", "article_id": "out"}])
    assert_json_error(client.post("/v1/articles", content=body, headers=JSON), 422)
    forged = json.dumps({"schema": "entente/2", "article_id": "x"})
    assert_json_error(client.post("/v1/articles", content=forged, headers=JSON), 422)
    assert store_state(client) == before


# -- tokens ---------------------------------------------------------------------------------------
def test_writes_need_the_token_and_reads_do_not(make_client):
    client = make_client(token=TOKEN, public=True)
    body = json.dumps({"id": "t", "text": "Greece and France met in Athens."})
    for headers in ({}, {"authorization": "Bearer wrong"}, {"authorization": f"Basic {TOKEN}"},
                    {"authorization": TOKEN}, {"authorization": f"Bearer {TOKEN} extra"},
                    {"authorization": "Bearer " + "x" * 100_000}):
        for path in ("/v1/code", "/v1/articles"):
            r = client.post(path, content=body, headers={**JSON, **headers})
            assert_json_error(r, (401, 431, 400))
    assert client.post("/v1/code", content=body, headers={**JSON, **AUTH}).status_code == 200
    assert client.get("/v1/status").status_code == 200


def test_a_public_server_cannot_be_built_without_a_token(fresh_db):
    from entente.api import create_app
    from entente.errors import UsageError

    with pytest.raises(UsageError, match="needs a token"):
        create_app(fresh_db, public=True)
    with pytest.raises(UsageError, match="token is empty"):
        create_app(fresh_db, token="  ", public=True)


# -- injection through parameters ----------------------------------------------------------------
PAYLOADS = ["' OR '1'='1", "'; DROP TABLE articles; --", "%", "_", "\\", "a%_\\",
            "1; ATTACH '/tmp/x.db' AS x", "$(touch /tmp/pwned)", "{{7*7}}", "<script>x</script>",
            "../../../../etc/passwd", "..%2f..%2fetc%2fpasswd", "\x00", "ü" * 200, "\u202e"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_parameters_are_data_not_sql(make_client, payload):
    client = make_client()
    before = store_state(client)
    for path, params in [
        ("/v1/articles", {"q": payload}), ("/v1/articles", {"source": payload}),
        ("/v1/actors", {"q": payload}), ("/v1/search", {"q": payload}),
        ("/v1/quotes", {"speaker": payload, "org": payload, "cited": payload, "q": payload}),
        ("/v1/events", {"actor": payload}), ("/v1/events", {"dyad": f"{payload},FRA"}),
        ("/v1/events", {"cluster": payload}), ("/v1/events", {"from": payload}),
        ("/v1/clusters", {"actor": payload, "root": payload}),
        ("/v1/trends", {"end": payload}), ("/v1/network", {"level": payload}),
        ("/v1/overview", {"by": payload}),
    ]:
        r = client.get(path, params=params)
        if r.status_code == 200:
            data = r.json()
            if "total" in data and path in ("/v1/articles", "/v1/actors", "/v1/quotes"):
                # wildcards are literal: nothing in the seeded store contains these strings
                contained = payload in "".join(json.dumps(data["items"], ensure_ascii=False))
                assert data["total"] == 0 or contained, (path, payload, data["total"])
        else:
            assert_json_error(r, (400, 404, 422))
    assert store_state(client) == before


@pytest.mark.parametrize("odd", ODD_IDS)
def test_odd_article_ids_are_served_as_data(make_client, odd):
    client = make_client()
    from urllib.parse import quote

    r = client.get(f"/v1/articles/{quote(odd, safe='')}")
    assert r.status_code == 200, r.text
    assert r.json()["article_id"] == odd


@pytest.mark.parametrize("path", [
    "/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/..%2f..%2f..%2fetc%2fpasswd", "/static//etc/passwd", "/static/%00",
    "/v1/articles/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/v1/clusters/..%2f..%2fetc",
    "/v1/jobs/../../etc/passwd", "/v1/dyads/TUR/..%2f..", "/..%2f..%2fetc%2fpasswd",
])
def test_paths_never_reach_the_file_system(make_client, path):
    client = make_client()
    r = client.get(path)
    assert "root:x:0:0" not in r.text
    if r.status_code != 200:
        assert_json_error(r, (400, 404, 405, 422))


def test_unknown_methods_and_routes_are_json(make_client):
    client = make_client()
    for method, path in [("DELETE", "/v1/articles/a1"), ("PUT", "/v1/code"),
                         ("PATCH", "/v1/status"), ("GET", "/v1/code"), ("GET", "/v1/nope"),
                         ("POST", "/v1/status")]:
        r = client.request(method, path, headers=JSON)
        assert_json_error(r, (404, 405))


def test_host_names_other_than_local_are_refused_by_a_local_server(fresh_db):
    from entente.api import create_app
    from entente.api.settings import LOCAL_HOSTS

    client = TestClient(create_app(fresh_db, allowed_hosts=LOCAL_HOSTS),
                        raise_server_exceptions=False)
    for host in ("evil.example", "127.0.0.1.evil.example", "localhost.", "[::2]", ""):
        error = assert_json_error(client.get("/v1/status", headers={"host": host}), 400)
        assert "does not answer for host" in error["message"]
    assert client.get("/v1/status", headers={"host": "localhost:8000"}).status_code == 200
