"""Inputs that are hostile by their size or shape rather than their bytes: a million tiny
articles, sentences packed with dates, long articles full of names. Each stage must stay near
linear: a quadratic path turns one odd article into hours of an unattended run.

Bounds are on CPU time (`cpu_budget`, or the child's own CPU time), not wall time. The CI variant
of the many-articles test reads 100,000 articles; ENTENTE_HOSTILE_FULL=1 reads the million (and
codes 100,000 into a store), which takes minutes.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date

import hostile_inputs as H
import pytest
from procstats import cpu_budget, run

FULL = os.environ.get("ENTENTE_HOSTILE_FULL") == "1"
MANY = 1_000_000 if FULL else 100_000

READ_AND_DEDUP = """
import json, sys
from entente.ingest import read_inputs
from entente.jobs import dedup
from entente.records import Article
counts = {"articles": 0, "failures": 0, "duplicates": 0}
def dup(article, first):
    counts["duplicates"] += 1
for item in dedup(read_inputs([sys.argv[1]]), on_duplicate=dup):
    counts["articles" if isinstance(item, Article) else "failures"] += 1
print(json.dumps(counts))
"""


@pytest.mark.slow
def test_many_tiny_articles_through_the_reader_and_dedup(tmp_path):
    path = H.write_lines(tmp_path / "tiny.jsonl", H.tiny_articles(MANY))
    result = run([sys.executable, "-c", READ_AND_DEDUP, str(path)], timeout=1800)
    assert result.returncode == 0, result.stderr[-2000:]
    counts = json.loads(result.stdout)
    assert counts == {"articles": MANY - MANY // 10, "failures": 0, "duplicates": MANY // 10}
    # per article: a few microseconds of CPU and about 200 bytes of dedup memory
    assert result.cpu_seconds < MANY / 5_000, result.cpu_seconds
    assert result.peak_rss_mb < 100 + MANY * 300 / 1e6, result.peak_rss_mb


CODE = """
import json, sys
sys.path.insert(0, sys.argv[1])
from lightengine import light_engine
from entente.jobs import code_job
summary = code_job([sys.argv[2]], out_path=sys.argv[3], db=sys.argv[4] or None,
                   engine=light_engine())
print(json.dumps({"coded": summary.coded, "duplicates": summary.duplicates,
                  "failures": summary.failures}))
"""


@pytest.mark.slow
def test_many_tiny_articles_through_entente_code(tmp_path):
    """With the light engine (blank tokenizer, stub stages): the coding loop, the writer and,
    on demand, the store."""
    n = 100_000 if FULL else 10_000
    path = H.write_lines(tmp_path / "tiny.jsonl", H.tiny_articles(n))
    out, db = tmp_path / "out.jsonl", (str(tmp_path / "s.duckdb") if FULL else "")
    faults = str(H.__file__).replace("hostile/hostile_inputs.py", "faults")
    result = run([sys.executable, "-c", CODE, faults, str(path), str(out), db], timeout=3600)
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout) == {"coded": n - n // 10, "duplicates": n // 10,
                                         "failures": 0}
    ids = [json.loads(line)["article_id"] for line in out.read_text().splitlines()]
    assert ids == [f"t{i}" for i in range(n) if i % 10 != 9]  # input order, each once
    assert result.peak_rss_mb < 400, result.peak_rss_mb


# -- quadratic paths in the coder's stages -------------------------------------------------------
def test_a_sentence_packed_with_dates_is_read_in_linear_time():
    from entente.events.dates import find

    text = "Turkey attacked Syria on " + " ".join(["2020"] * 16000) + "."
    with cpu_budget(2):
        found = find(text, date(2021, 5, 5))
    assert len(found) == 16000


def test_dates_are_attached_to_tokens_in_linear_time(monkeypatch):
    import spacy
    from spacy.tokens import Doc

    from entente.events import timing
    from entente.events.dates import DateMatch

    n = 5000
    words = ["2020"] * n
    doc = Doc(spacy.blank("en").vocab, words=words, sent_starts=[True] + [False] * (n - 1))
    matches = [DateMatch(start=5 * i, end=5 * i + 4, text="2020", value="2020", precision="year")
               for i in range(n)]
    monkeypatch.setattr(timing, "find", lambda text, published, future: matches)
    with cpu_budget(3):
        attached = timing.sentence_dates(doc[:], date(2021, 5, 5), False)
    assert len(attached) == n


def test_affiliations_of_a_long_article_in_near_linear_time():
    import spacy
    from spacy.tokens import Doc

    from entente.actors import KnowledgeBase
    from entente.actors.affiliation import add_affiliations
    from entente.records import Actor, Mention

    kb = KnowledgeBase.load()
    unit = ["Forbes", "analyst", "Paul", "Iddon", "said", "."]
    n = 300
    doc = Doc(spacy.blank("en").vocab, words=unit * n)
    mentions = []
    for i in range(n):
        at = 6 * i
        chars = doc[at].idx
        mentions.append(Mention(start=at, end=at + 1, char_start=chars, char_end=chars + 6,
                                actor=Actor(text="Forbes", name="Forbes", code="USAMED"),
                                key="media:forbes", type="media", kind="name"))
        p = doc[at + 2].idx
        mentions.append(Mention(start=at + 2, end=at + 4, char_start=p, char_end=p + 10,
                                actor=Actor(text="Paul Iddon", name="Paul Iddon"),
                                key=None, type="person", kind="name", entity=f"p{i}"))
    with cpu_budget(2):
        out = add_affiliations(kb, doc, mentions, date(2021, 5, 5))
    assert len(out) == 2 * n


@pytest.mark.parametrize("ref", [date(1, 1, 1), date(9999, 12, 31)])
def test_relative_dates_near_the_ends_of_the_calendar(ref):
    import re

    from entente.events.dates import find

    text = ("It happened yesterday, last year, next week, on Monday, in June, on June 5, two "
            "years ago, 12 months ago, next month, last month and next Friday.")
    iso = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
    for future in (False, True):
        for m in find(text, ref, future):
            assert m.value is None or (iso.match(m.value) and m.value[:4] != "0000"), m


def test_a_name_behind_thousands_of_articles_does_not_crash_the_resolver():
    from entente.actors import resolve

    with cpu_budget(3):
        resolve("the " * 5000 + "Turkey")
