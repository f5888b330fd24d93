"""POST /v1/code and POST /v1/articles: body shapes, per-record failures, size limits, jobs."""

from __future__ import annotations

import json
import time

import msgspec
import pytest
from webdata import evidence_record

from entente.api import ApiLimits

JSON = {"content-type": "application/json"}
NDJSON = {"content-type": "application/x-ndjson"}


def article(i: int, text: str | None = None) -> dict:
    return {"id": f"a{i}", "text": text or f"Headline {i}\n\nBody of article number {i}.",
            "published": "2024-03-0" + str(1 + i % 9), "source": "Test Wire"}


def wait(client, job: dict, timeout: float = 30.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = client.get(job["url"]).json()
        if status["done"]:
            return status
        time.sleep(0.02)
    raise AssertionError(f"job {job['id']} did not finish: {status}")


@pytest.mark.parametrize("shape", ["object", "array", "jsonl", "pretty"])
def test_code_takes_an_object_an_array_or_jsonl(make_client, shape):
    client = make_client()
    items = [article(1), article(2)] if shape != "object" else [article(1)]
    body = {"object": json.dumps(items[0]), "array": json.dumps(items),
            "jsonl": "\n".join(json.dumps(i) for i in items) + "\n",
            "pretty": json.dumps(items, indent=2)}[shape]
    r = client.post("/v1/code", content=body, headers=JSON)
    assert r.status_code == 200, r.text
    out = r.json()
    assert [rec["article_id"] for rec in out["records"]] == [i["id"] for i in items]
    assert out["records"][0]["schema"] == "entente/1"
    assert out["records"][0]["text"].startswith("Headline 1")
    assert out["summary"] == {"read": len(items), "coded": len(items), "failures": 0}


def test_code_reports_bad_records_and_codes_the_rest(make_client):
    client = make_client()
    lines = [json.dumps(article(1)), "{not json", json.dumps({"id": "empty", "text": "  "}),
             json.dumps(article(4, "Headline\n\nFAIL in the coder")), json.dumps(article(5))]
    r = client.post("/v1/code", content="\n".join(lines), headers=NDJSON)
    assert r.status_code == 200, r.text
    out = r.json()
    assert [rec["article_id"] for rec in out["records"]] == ["a1", "a5"]
    assert [f["origin"] for f in out["failures"]] == ["request:2", "request:3", "request:4"]
    assert "invalid JSON" in out["failures"][0]["message"]
    assert out["failures"][2]["kind"] == "coding"


def test_code_answers_jsonl_when_asked(make_client):
    client = make_client()
    body = json.dumps([article(1), {"id": "x", "text": ""}, article(2)])
    r = client.post("/v1/code", content=body,
                    headers={**JSON, "accept": "application/x-ndjson"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
    lines = r.content.splitlines()
    assert [json.loads(x)["article_id"] for x in lines] == ["a1", "a2"]
    assert r.headers["x-entente-failures"] == "1"


def test_code_with_nothing_codable_is_a_422(make_client):
    r = make_client().post("/v1/code", content=json.dumps({"id": "x", "text": ""}), headers=JSON)
    assert r.status_code == 422 and "request:1" in r.json()["error"]["message"]


def test_code_uses_the_published_default(make_client):
    body = json.dumps({"id": "n", "text": "Headline\n\nNo date here."})
    r = make_client().post("/v1/code?published=2024-05-06", content=body, headers=JSON)
    assert r.json()["records"][0]["published"] == "2024-05-06"


@pytest.mark.parametrize(("body", "headers", "status", "says"), [
    ("", JSON, 422, "empty body"),
    ("hello", JSON, 422, "not JSON"),
    ("[1, 2", JSON, 422, "not a valid JSON array"),
    ("[" * 100_000 + "]" * 100_000, JSON, 422, "nested too deeply"),
    ('{"a":' * 50_000 + "1" + "}" * 50_000, JSON, 422, "nested too deeply"),
    ('{"id": 1}', {"content-type": "text/plain"}, 415, "send JSON or JSONL"),
    ('{"id": 1}', {"content-type": "application/x-www-form-urlencoded"}, 415, "send JSON"),
    ('{"id": 1}', {}, 415, "send JSON"),
])
def test_code_refuses_bodies_that_are_not_json(make_client, body, headers, status, says):
    client = make_client()
    for path in ("/v1/code", "/v1/articles"):
        r = client.post(path, content=body, headers=headers)
        assert r.status_code == status and says in r.json()["error"]["message"]


@pytest.mark.parametrize("body", [
    b'"just a string"', b"[1, 2, 3]", b'{"id": "x", "text": "\\ud800"}',
    b'[{"id": 1, "text": ' + b"[" * 5000 + b"]" * 5000 + b"}]",
    b'{"id": 123456789012345678901234567890, "text": "hi"}', b"\xff\xfe{}"])
def test_odd_bodies_never_break_the_server(make_client, body):
    client = make_client()
    for path in ("/v1/code", "/v1/articles"):
        r = client.post(path, content=body, headers=JSON)
        assert r.status_code in (200, 202, 422), (path, r.text)
        assert r.status_code != 422 or r.json()["error"]["message"]


def test_code_enforces_the_size_limits(make_client, fake_engine):
    client = make_client(limits=ApiLimits(max_body_bytes=2_000, max_records=3))
    big = json.dumps([article(1, "x" * 3_000)])
    r = client.post("/v1/code", content=big, headers=JSON)
    assert r.status_code == 413 and "2,000 bytes" in r.json()["error"]["message"]
    many = json.dumps([article(i) for i in range(4)])
    r = client.post("/v1/code", content=many, headers=JSON)
    assert r.status_code == 413 and "the limit is 3" in r.json()["error"]["message"]

    def chunks():  # no Content-Length: the limit holds while streaming
        for _ in range(10):
            yield b" " * 500

    r = client.post("/v1/code", content=chunks(), headers=JSON)
    assert r.status_code == 413
    assert fake_engine.calls == 0


def test_articles_codes_and_stores_in_the_background(make_client):
    client = make_client()
    r = client.post("/v1/articles", content=json.dumps([article(1), article(2)]), headers=JSON)
    assert r.status_code == 202, r.text
    job = r.json()
    assert r.headers["location"] == job["url"] == f"/v1/jobs/{job['id']}"
    assert job["kind"] == "code" and job["records"] == 2
    done = wait(client, job)
    assert (done["state"], done["coded"], done["added"], done["failures"]) == ("done", 2, 2, 0)
    assert client.get("/v1/articles/a1").json()["title"] == "Headline 1"
    again = wait(client, client.post("/v1/articles", content=json.dumps([article(1)]),
                                     headers=JSON).json())
    assert (again["duplicates"], again["coded"], again["added"]) == (1, 0, 0)


def test_articles_loads_coded_records_as_they_are(make_client):
    client = make_client()
    record = evidence_record()
    body = msgspec.json.encode([record])
    done = wait(client, client.post("/v1/articles", content=body, headers=JSON).json())
    assert (done["kind"], done["added"]) == ("load", 1)
    stored = client.get("/v1/articles/feeds/day%201.txt").json()
    stored.pop("clusters")
    assert stored == msgspec.json.decode(msgspec.json.encode(record))
    same = wait(client, client.post("/v1/articles", content=body, headers=JSON).json())
    assert (same["added"], same["unchanged"]) == (0, 1)


def test_articles_refuses_invalid_or_mixed_batches_whole(make_client):
    client = make_client()
    good = msgspec.json.encode(evidence_record()).decode()
    bad = json.dumps({"article_id": "x", "events": "many"})
    r = client.post("/v1/articles", content=good + "\n" + bad, headers=NDJSON)
    assert r.status_code == 422 and "record 2: not an entente record" in r.text
    r = client.post("/v1/articles", content=good + "\n" + json.dumps(article(1)), headers=NDJSON)
    assert r.status_code == 422 and "one kind per request" in r.text
    assert client.get("/v1/status").json()["counts"]["articles"] == 0


def test_articles_reports_failures_in_the_job(make_client):
    client = make_client()
    body = "\n".join([json.dumps(article(1)), json.dumps({"id": "e", "text": ""})])
    done = wait(client, client.post("/v1/articles", content=body, headers=NDJSON).json())
    assert (done["coded"], done["failures"]) == (1, 1)
    assert done["failure_messages"][0].startswith("request:2")


def test_too_many_waiting_jobs_is_a_503(make_client, monkeypatch):
    from entente.api.tasks import JobRunner

    client = make_client(limits=ApiLimits(max_pending_jobs=1))
    monkeypatch.setattr(JobRunner, "_run", lambda self, job, work: None)  # jobs never finish
    body = msgspec.json.encode([evidence_record()])
    assert client.post("/v1/articles", content=body, headers=JSON).status_code == 202
    r = client.post("/v1/articles", content=body, headers=JSON)
    assert r.status_code == 503 and "already waiting" in r.json()["error"]["message"]


def test_a_read_only_server_takes_no_articles(make_client, store_path):
    from fastapi.testclient import TestClient

    from entente.api import create_app

    with TestClient(create_app(store_path, read_only=True)) as client:
        r = client.post("/v1/articles", content=json.dumps(article(1)), headers=JSON)
    assert r.status_code == 403 and "read-only" in r.json()["error"]["message"]
