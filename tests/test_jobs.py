"""The `entente code` job: dedup, failures that never sink the batch, summary and exit status.

Stages are injected (a blank tokenizer and stub coder) so these tests exercise the job logic, not
the model.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import spacy

from entente.jobs import Summary, code_job, dedup
from entente.pipeline import Engine
from entente.records import Actor, Article, Event, Evidence, Failure, Plover


class StubResolver:
    def mentions(self, doc, ref_date):
        return []


class StubCoder:
    """Codes one event per sentence that contains "signed"; raises on "BOOM" (a coder bug)."""

    def code(self, doc, mentions, quotes, article):
        if "BOOM" in doc.text:
            raise RuntimeError("simulated coder bug")
        events = []
        for i, sent in enumerate(doc.sents):
            for tok in sent:
                if tok.text == "signed":
                    events.append(Event(
                        id=f"{article.id}:{i}:0", sentence=i, text=sent.text,
                        source=Actor(text="x"), target=None, cameo="057", root="05",
                        quad_class=1, goldstein=8.0, plover=Plover(type="AGREE"),
                        modality="asserted", date=None, date_from=None, location=None,
                        attribution=None, confidence=0.5,
                        evidence=Evidence(trigger="signed", start=tok.idx - sent.start_char,
                                          end=tok.idx - sent.start_char + 6, rule="stub")))
        return events


@pytest.fixture(scope="module")
def engine() -> Engine:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return Engine(nlp=nlp, kb=object(), resolver=StubResolver(), coder=StubCoder(),
                  quoter=lambda doc, mentions, article_id, published=None: [],
                  coref=lambda doc, mentions: [])


def write_jsonl(path: Path, records: list[dict]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def run(engine: Engine, inputs: list[str], **kw) -> tuple[Summary, list[dict], str]:
    out, err = io.BytesIO(), io.StringIO()
    summary = code_job(inputs, out=out, engine=engine, err=err, **kw)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    return summary, lines, err.getvalue()


def test_codes_in_input_order_with_summary(engine, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "b", "text": "Greece and France signed a pact.", "published": "2021-06-01"},
        {"id": "a", "text": "Rain fell in Athens."},
    ])
    summary, lines, _ = run(engine, [src])
    assert [r["article_id"] for r in lines] == ["b", "a"]
    assert (summary.read, summary.coded, summary.events, summary.failures) == (2, 2, 1, 0)
    assert summary.exit_status == 0
    assert lines[0]["events"][0]["evidence"]["trigger"] == "signed"


def test_duplicates_in_one_run_are_coded_once(engine, tmp_path):
    text = "Greece and France signed a pact."
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": text}, {"id": "b", "text": text}])
    summary, lines, err = run(engine, [src])
    assert [r["article_id"] for r in lines] == ["a"]
    assert summary.duplicates == 1 and summary.coded == 1
    assert "duplicate of a" in err


def test_a_failing_article_does_not_sink_the_batch(engine, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "bad", "text": "BOOM goes the coder."},
        {"id": "good", "text": "Greece and France signed a pact."},
    ])
    summary, lines, err = run(engine, [src])
    assert [r["article_id"] for r in lines] == ["good"]
    assert summary.failures == 1 and "simulated coder bug" in err
    assert summary.exit_status == 0


def test_exit_status_1_when_nothing_could_be_coded(engine, tmp_path):
    summary, lines, err = run(engine, [str(tmp_path / "missing.txt")])
    assert lines == [] and summary.failures == 1 and summary.exit_status == 1
    assert "missing.txt" in err


class FakeStore:
    def __init__(self):
        self.rows: dict[str, object] = {}
        self.closed = False

    def seen_hashes(self, hashes, version=None):
        return {r.content_hash for r in self.rows.values()} & set(hashes)

    def add(self, records):
        for r in records:
            self.rows[r.article_id] = r

    def close(self):
        self.closed = True


def test_store_is_loaded_and_rerun_adds_nothing(engine, tmp_path, monkeypatch):
    store = FakeStore()
    monkeypatch.setattr("entente.store.open_store", lambda path, **kw: store, raising=False)
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "Greece signed a pact."}])
    first, _, _ = run(engine, [src], db=str(tmp_path / "x.duckdb"))
    second, lines, _ = run(engine, [src], db=str(tmp_path / "x.duckdb"))
    assert list(store.rows) == ["a"] and store.closed
    assert (first.coded, second.coded, second.duplicates) == (1, 0, 1)
    assert second.exit_status == 0 and lines == []


def test_dedup_keeps_failures_and_order():
    items = [
        Article(id="1", text="x", content_hash="h1"),
        Failure(origin="f:2", message="bad"),
        Article(id="3", text="x", content_hash="h1"),
        Article(id="4", text="y", content_hash="h2"),
    ]
    dups = []
    out = list(dedup(items, on_duplicate=lambda a, first: dups.append((a.id, first))))
    assert [getattr(i, "id", None) or i.origin for i in out] == ["1", "f:2", "4"]
    assert dups == [("3", "1")]
