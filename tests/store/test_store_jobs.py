"""`entente code --db`: the coding job and the store together (stub stages, no model)."""

from __future__ import annotations

import io
import json

import pytest
import spacy
from factories import table_dump

from entente.jobs import code_job
from entente.pipeline import Engine
from entente.records import Actor, Event, Evidence, Plover
from entente.store import open_store


class Resolver:
    def mentions(self, doc, ref_date):
        return []


class Coder:
    """One meeting event per sentence that says "met"."""

    def code(self, doc, mentions, quotes, article):
        out = []
        for i, sent in enumerate(doc.sents):
            for tok in sent:
                if tok.text == "met":
                    k = tok.idx - sent.start_char
                    out.append(Event(
                        id=f"{article.id}:{i}:0", sentence=i, text=sent.text,
                        source=Actor(text="Greece", country="GRC"),
                        target=Actor(text="France", country="FRA"), cameo="043", root="04",
                        quad_class=1, goldstein=2.8, plover=Plover(type="CONSULT"),
                        modality="asserted", date=article.published, date_from="published",
                        location=None, attribution=None, confidence=0.5, reciprocal=True,
                        evidence=Evidence(trigger="met", start=k, end=k + 3, rule="stub")))
        return out


@pytest.fixture(scope="module")
def engine() -> Engine:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return Engine(nlp=nlp, kb=object(), resolver=Resolver(), coder=Coder(),
                  quoter=lambda doc, mentions, article_id, **kw: [])


@pytest.fixture
def folder(tmp_path):
    lines = [{"id": f"a{i}", "text": f"Greece and France met in Athens. Report {i} by outlet {i}.",
              "published": "2021-05-04", "source": f"Outlet {i}",
              "url": f"https://o{i}.example/x"} for i in range(6)]
    path = tmp_path / "in" / "feed.jsonl"
    path.parent.mkdir()
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path.parent


def test_coding_the_same_folder_twice_leaves_every_table_unchanged(engine, folder, tmp_path):
    db = str(tmp_path / "e.duckdb")
    first = code_job([str(folder)], out=io.BytesIO(), db=db, engine=engine, err=io.StringIO())
    assert first.coded == 6
    before = table_dump(open_store(db, read_only=True))
    second = code_job([str(folder)], out=io.BytesIO(), db=db, engine=engine, err=io.StringIO())
    assert second.coded == 0 and second.duplicates == 6
    store = open_store(db, read_only=True)
    assert table_dump(store) == before
    [cluster] = store.query("SELECT num_articles, num_sources FROM clusters")
    assert cluster == {"num_articles": 6, "num_sources": 6}
    assert store.check(deep=True) == []


def test_code_job_writes_gdelt(engine, folder):
    out = io.BytesIO()
    code_job([str(folder)], out=out, fmt="gdelt", engine=engine, err=io.StringIO())
    header, row = out.getvalue().decode().splitlines()
    cells = dict(zip(header.split("\t"), row.split("\t"), strict=True))
    assert (cells["EventCode"], cells["NumArticles"], cells["SQLDATE"]) == ("043", "6", "20210504")
