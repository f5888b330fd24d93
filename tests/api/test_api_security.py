"""Token rules, host guard, protective headers, static files only from the package, and
`entente serve` refusing to listen beyond localhost without a token."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from entente.api import create_app, is_loopback
from entente.cli import cli
from entente.errors import UsageError

JSON = {"content-type": "application/json"}
BODY = json.dumps({"id": "a", "text": "Headline\n\nBody."})
POSTS = ["/v1/code", "/v1/articles"]


@pytest.mark.parametrize("path", POSTS)
def test_a_local_server_without_a_token_takes_writes(make_client, path):
    assert make_client().post(path, content=BODY, headers=JSON).status_code in (200, 202)


@pytest.mark.parametrize("path", POSTS)
@pytest.mark.parametrize(("auth", "says"), [
    (None, "needs the server's token"),
    ("Bearer wrong", "wrong token"),
    ("Basic czNjcjN0", "needs the server's token"),
    ("Bearer", "needs the server's token"),
])
def test_writes_need_the_token_when_there_is_one(make_client, path, auth, says):
    client = make_client(token="s3cr3t")
    headers = {**JSON, **({"authorization": auth} if auth else {})}
    r = client.post(path, content=BODY, headers=headers)
    assert r.status_code == 401, r.text
    assert says in r.json()["error"]["message"]
    assert r.headers["www-authenticate"] == "Bearer"
    assert client.get("/v1/status").json()["counts"]["articles"] == 0


@pytest.mark.parametrize("path", POSTS)
def test_the_right_token_is_let_through(make_client, path):
    client = make_client(token="s3cr3t", public=True)
    r = client.post(path, content=BODY, headers={**JSON, "authorization": "Bearer s3cr3t"})
    assert r.status_code in (200, 202), r.text


def test_reads_stay_open_when_there_is_a_token(make_client):
    client = make_client(token="s3cr3t", public=True)
    assert client.get("/v1/events").status_code == 200
    assert client.get("/").status_code == 200


def test_a_public_server_needs_a_token(tmp_path):
    with pytest.raises(UsageError, match="needs a token"):
        create_app(tmp_path / "x.duckdb", public=True)
    with pytest.raises(UsageError, match="empty"):
        create_app(tmp_path / "x.duckdb", token="  ")


@pytest.mark.parametrize(("host", "local"), [
    ("127.0.0.1", True), ("localhost", True), ("::1", True), ("[::1]", True),
    ("127.0.0.2", True), ("0.0.0.0", False), ("::", False), ("192.168.1.5", False),
    ("example.org", False)])
def test_loopback_addresses(host, local):
    assert is_loopback(host) is local


def test_serve_refuses_to_listen_beyond_localhost_without_a_token(tmp_path, monkeypatch):
    import uvicorn

    started = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: started.append(kw))
    monkeypatch.delenv("ENTENTE_TOKEN", raising=False)
    db = str(tmp_path / "s.duckdb")
    result = CliRunner().invoke(cli, ["serve", "--db", db, "--host", "0.0.0.0"])
    assert result.exit_code != 0 and not started
    assert "needs a token" in str(result.exception) + result.output
    result = CliRunner().invoke(cli, ["serve", "--db", db, "--host", "0.0.0.0"],
                                env={"ENTENTE_TOKEN": "from-env"})
    assert result.exit_code == 0, result.output
    assert started[-1]["host"] == "0.0.0.0"


def test_serve_read_only_needs_an_existing_store(tmp_path, monkeypatch):
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: None)
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.duckdb"),
                                      "--read-only"])
    assert result.exit_code != 0 and "no store" in str(result.exception)


def test_a_local_server_answers_only_for_local_host_names(store_path):
    app = create_app(store_path, read_only=True, allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://localhost:8000") as client:
        assert client.get("/v1/status").status_code == 200
        r = client.get("/v1/status", headers={"host": "attacker.example"})
    assert r.status_code == 400 and "attacker.example" in r.json()["error"]["message"]


def test_responses_carry_protective_headers(client):
    r = client.get("/")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-frame-options"] == "DENY"


def test_pages_are_escaped(client):
    from urllib.parse import quote

    from webdata import EVIDENCE_ID

    html = client.get("/article/" + quote(EVIDENCE_ID)).text
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#39;x&#39;)" in html
