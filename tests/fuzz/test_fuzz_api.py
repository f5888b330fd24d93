"""Fuzzing POST /v1/code: any body, content type, query and accept header gives a 2xx answer or a
small JSON 4xx error, never a 500 or a traceback.

The app codes with the light engine (tests/faults/lightengine.py: spaCy's blank tokenizer and stub
stages), so each example takes milliseconds; what is under test is the HTTP face: media types,
body limits, record splitting, UTF-8 repair, ingest of the records and the answer's encoding.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from fuzzcommon import FUZZ, news_text
from hypothesis import example, given
from hypothesis import strategies as st
from lightengine import light_engine

from entente.api import ApiLimits, create_app

TOKEN = "fuzz-token"
TRACE_MARKERS = ("Traceback", 'File "', "site-packages")
MEDIA = st.sampled_from(["application/json", "application/x-ndjson", "application/jsonl",
                         "application/json; charset=utf-8", "APPLICATION/JSON", "text/jsonl",
                         "text/plain", "multipart/form-data; boundary=x", "", "application/json;;;",
                         "application/json-seq", "\u00e9/\u00e9".encode()])
ACCEPT = st.sampled_from(["", "application/json", "application/x-ndjson", "*/*", "text/html"])
scalar = st.none() | st.booleans() | st.integers() | st.floats() | news_text
json_value = st.recursive(scalar, lambda inner: st.lists(inner, max_size=4)
                          | st.dictionaries(st.text(max_size=6), inner, max_size=4), max_leaves=10)
record = st.fixed_dictionaries(
    {"id": st.one_of(news_text, st.integers())},
    optional={k: st.one_of(news_text, json_value)
              for k in ("text", "html", "title", "published", "source", "article_id", "schema")})
body = st.one_of(
    st.binary(max_size=500),
    news_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    json_value.map(lambda v: json.dumps(v).encode()),
    record.map(lambda r: json.dumps(r).encode()),
    st.lists(record, max_size=5).map(lambda rs: json.dumps(rs).encode()),
    st.lists(st.one_of(record.map(json.dumps), news_text), max_size=5)
    .map(lambda ls: "\n".join(ls).encode("utf-8", "surrogatepass")),
)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with tempfile.TemporaryDirectory(prefix="entente-fuzz-api-") as folder:
        app = create_app(Path(folder) / "store.duckdb", token=TOKEN, engine=light_engine(),
                         limits=ApiLimits(max_body_bytes=20_000, max_records=8))
        with TestClient(app, raise_server_exceptions=False) as c:
            yield c


def check_answer(response) -> None:
    status = response.status_code
    assert 200 <= status < 300 or 400 <= status < 500, (status, response.text[:500])
    assert not any(m in response.text for m in TRACE_MARKERS), response.text[:500]
    if status >= 400:
        assert response.headers["content-type"].startswith("application/json")
        error = response.json()["error"]
        assert error["status"] == status and error["message"]
    elif response.headers["content-type"].startswith("application/json"):
        answer = response.json()
        assert answer["summary"]["coded"] == len(answer["records"]) > 0
    else:
        assert response.headers["content-type"].startswith("application/x-ndjson")
        for line in response.content.splitlines():
            assert json.loads(line)["article_id"]


@FUZZ
@given(content=body, media=MEDIA, accept=ACCEPT,
       published=st.none() | st.sampled_from(["2021-06-01", "0001-01-01", "9999-12-31",
                                              "2021-02-30", "x", ""]) | news_text,
       auth=st.sampled_from([f"Bearer {TOKEN}", "", "Bearer wrong", f"Basic {TOKEN}",
                             f"bearer {TOKEN}"]))
@example(content=b'{"id": "a", "text": "Greece and France met in Athens."}',
         media="application/json", accept="", published=None, auth=f"Bearer {TOKEN}")
@example(content=b'{"id": "a", "text": "Greece met France.", "published": "9999-12-31"}',
         media="application/json", accept="application/x-ndjson", published="0001-01-01",
         auth=f"Bearer {TOKEN}")
def test_post_code_any_body(client, content, media, accept, published, auth):
    headers = {k: v for k, v in {"content-type": media, "accept": accept,
                                 "authorization": auth}.items() if v}
    params = {"published": published} if published is not None else {}
    check_answer(client.post("/v1/code", content=content, headers=headers, params=params))
