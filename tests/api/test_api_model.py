"""With the bundled model: POST /v1/code answers what `entente code` writes, and the demo store
(the bundled samples) shows every article's events and quotes with their evidence."""

from __future__ import annotations

import io
import json
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from entente.api import create_app

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def engine():
    from entente.pipeline import Engine

    return Engine()


def test_code_endpoint_answers_the_cli_records(make_client, engine, repo_dir):
    from entente.jobs import code_job

    lines = (repo_dir / "samples" / "feed.jsonl").read_bytes().splitlines()[:3]
    body = b"\n".join(lines) + b"\n"
    out = io.BytesIO()
    code_job(["-"], out=out, stdin=io.BytesIO(body), engine=engine, err=io.StringIO())
    client = make_client(engine=engine)
    r = client.post("/v1/code", content=body, headers={
        "content-type": "application/x-ndjson", "accept": "application/x-ndjson"})
    assert r.status_code == 200, r.text
    assert r.content == out.getvalue()
    assert len(r.content.splitlines()) == 3


def test_the_demo_store_shows_every_article_with_its_evidence(tmp_path, engine, repo_dir):
    from entente.jobs import code_job

    db = tmp_path / "demo.duckdb"
    summary = code_job([str(repo_dir / "samples")], db=str(db), engine=engine,
                       err=io.StringIO())
    assert summary.coded >= 10
    with TestClient(create_app(db, read_only=True)) as client:
        assert client.get("/").status_code == 200
        ids = [a["article_id"] for a in client.get("/v1/articles?limit=500").json()["items"]]
        assert len(ids) == summary.coded
        for article_id in ids:
            record = client.get("/v1/articles/" + quote(article_id)).json()
            html = client.get("/article/" + quote(article_id)).text
            for event in record["events"]:
                assert f'id="event-{event["id"]}"' in html
                assert json.dumps(event["evidence"]["trigger"])[1:-1] in html
            for q in record["quotes"]:
                assert f'id="quote-{record["quotes"].index(q)}"' in html
