"""A light `Engine` for reliability tests: spaCy's blank English tokenizer with a sentencizer
and stub stages, so that runs of thousands of articles, kills and faults take seconds, not the
minutes the trained model would. The plumbing under test (ingest, dedup, coding loop, writers,
store) is entente's own; only the linguistics is stubbed.

The stub coder codes one reciprocal meeting (CAMEO 043) per sentence that says "met", with real
evidence offsets, so stored articles have events, clusters and links to check.

Run as a script it is `entente code` with this engine (what the kill tests SIGKILL):

    python lightengine.py INPUT... --db store.duckdb --out out.jsonl [--delay SECONDS]
    python lightengine.py cli code INPUT... --db store.duckdb     # the real CLI, this engine

The second form runs entente's own command line (option parsing, error handling, summary, exit
status) with `entente.pipeline.Engine` replaced by this engine for the process: a test driver,
not a switch the CLI knows about.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from entente.records import Actor, Event, Evidence, Plover


class StubKB:
    version = "light"


class StubResolver:
    def mentions(self, doc: Any, ref_date: Any) -> list[Any]:
        return []


class StubCoder:
    """One meeting per sentence that says "met"; `delay` seconds per article (to be killed)."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay

    def code(self, doc: Any, mentions: Any, quotes: Any, article: Any) -> list[Event]:
        if self.delay:
            time.sleep(self.delay)
        out = []
        for i, sent in enumerate(doc.sents):
            k = sent.text.find("met")
            if k < 0:
                continue
            out.append(Event(
                id=f"{article.id}:{i}:0", sentence=i, text=sent.text,
                source=Actor(text="Greece", name="Greece", code="GRC", country="GRC"),
                target=Actor(text="France", name="France", code="FRA", country="FRA"),
                cameo="043", root="04", quad_class=1, goldstein=2.8,
                plover=Plover(type="CONSULT"), modality="asserted", date=article.published,
                date_from="published" if article.published else None, location=None,
                attribution=None, confidence=0.5, reciprocal=True,
                evidence=Evidence(trigger="met", start=k, end=k + 3, rule="stub")))
        return out


def light_engine(delay: float = 0.0) -> Any:
    import spacy

    from entente.pipeline import Engine

    Engine = getattr(Engine, "real", Engine)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return Engine(nlp=nlp, kb=StubKB(), resolver=StubResolver(), coder=StubCoder(delay),
                  quoter=lambda doc, mentions, article_id, **kw: [],
                  coref=lambda doc, mentions: [])


def run_cli(argv: list[str]) -> None:
    """`entente ARGV` with the light engine in place of the trained one."""
    import entente.pipeline
    from entente.cli import main as entente_main

    def factory(**kw: Any) -> Any:
        return light_engine()

    factory.real = entente.pipeline.Engine  # type: ignore[attr-defined]
    entente.pipeline.Engine = factory  # type: ignore[misc,assignment]
    entente_main(argv)


def main(argv: list[str] | None = None) -> int:
    """`entente code INPUT... --db DB --out OUT` with the light engine; exit status as entente's."""
    from entente.jobs import code_job

    parser = argparse.ArgumentParser()
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--db")
    parser.add_argument("--out")
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args(argv)
    summary = code_job(args.inputs, out_path=args.out, db=args.db, engine=light_engine(args.delay))
    for line in summary.lines():
        print(line, file=sys.stderr)
    return summary.exit_status


if __name__ == "__main__":
    if sys.argv[1:2] == ["cli"]:
        run_cli(sys.argv[2:])
    sys.exit(main())
