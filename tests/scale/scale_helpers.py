"""A light Engine and small corpora for the scale-out tests (imported by worker processes too).

The light engine tokenizes with spaCy's blank English pipeline and codes one event for every
"signed" token, so orchestration tests run in milliseconds per article; it raises on "BOOM" (a
coder bug, which must become a counted failure) and, once per marker file, kills its own process
on "KILLME" (a worker dying mid-shard).
"""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import spacy

from entente.pipeline import Engine
from entente.records import Actor, Event, Evidence, Plover

ENGINE = "scale_helpers:light_engine"


class StubResolver:
    def mentions(self, doc, ref_date):
        return []


class StubCoder:
    def code(self, doc, mentions, quotes, article):
        if "BOOM" in doc.text:
            raise RuntimeError("simulated coder bug")
        if "KILLME" in doc.text:
            _kill_once(article)
        events = []
        for i, sent in enumerate(doc.sents):
            for tok in sent:
                if tok.text == "signed":
                    start = tok.idx - sent.start_char
                    events.append(Event(
                        id=f"{article.id}:{i}:{len(events)}", sentence=i, text=sent.text,
                        source=Actor(text=sent[0].text), target=None, cameo="057", root="05",
                        quad_class=1, goldstein=8.0, plover=Plover(type="AGREE"),
                        modality="asserted", date=article.published, date_from="published",
                        location=None, attribution=None, confidence=0.5,
                        evidence=Evidence(trigger="signed", start=start, end=start + 6,
                                          rule="stub")))
        return events


def _kill_once(article) -> None:
    """SIGKILL this process the first time (a marker next to the input remembers it)."""
    source = article.origin.rsplit(":", 1)[0]
    marker = Path(source).parent / f".killed-{article.id}"
    if not marker.exists():
        marker.write_text(str(os.getpid()))
        os.kill(os.getpid(), signal.SIGKILL)


def light_engine(config=None) -> Engine:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return Engine(nlp=nlp, kb=object(), resolver=StubResolver(), coder=StubCoder(),
                  quoter=lambda doc, mentions, article_id, published=None: [],
                  coref=lambda doc, mentions: [],
                  fast=bool(config and config.fast))


def article(i: int, *, signed: bool = True, extra: str = "") -> dict:
    verb = "signed" if signed else "discussed"
    return {"id": f"a{i:04d}", "published": f"2021-0{1 + i % 9}-1{i % 10}",
            "title": f"Story {i}",
            "text": f"Story {i}\n\nGreece and France {verb} pact number {i} in Athens. "
                    f"Officials met again on day {i}.{extra}"}


def write_jsonl(path: Path, records: list[dict | str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def corpus(root: Path, files: int = 4, per_file: int = 6) -> list[str]:
    """`files` JSONL files of articles; file 1 repeats an article of file 0 (a duplicate across
    files) and holds a copy within itself, file 2 a bad line and a coder failure."""
    paths = []
    n = 0
    for f in range(files):
        records: list[dict | str] = []
        for _ in range(per_file):
            records.append(article(n, signed=n % 3 != 0))
            n += 1
        if f == 1:
            records.append({**article(0, signed=False), "id": "copy-of-a0000"})
            records.append({**records[0], "id": "copy-in-file-1"})
        if f == 2:
            records.insert(2, "{not json")
            records.append({**article(900), "text": "BOOM goes the coder."})
        paths.append(str(write_jsonl(root / f"feed-{f}.jsonl", records)))
    return paths


def reference(engine, inputs) -> list[bytes]:
    """JSONL lines of a single-process `code_job` over `inputs` (what shards must reproduce)."""
    import io

    from entente.jobs import code_job

    out, err = io.BytesIO(), io.StringIO()
    code_job(list(inputs), out=out, engine=engine, err=err)
    return out.getvalue().splitlines()
