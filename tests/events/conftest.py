"""Hand-built parses and mentions for the coder's unit tests (STYLE #9).

`parse(rows)` builds a spaCy Doc from CoNLL-U-like rows, one token per line:

    form  lemma  UPOS  head  deprel      (head is 1-based, 0 for the root)

so a test states the parse it relies on and does not depend on the bundled model's output.
`actor(doc, "Turkey", "TUR")` makes a Mention for the first occurrence of a phrase.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import spacy
from spacy.tokens import Doc

from entente.events import Coder, Lexicon
from entente.records import Actor, Article, Mention

TAGS = {"VERB": "VBD", "NOUN": "NN", "PROPN": "NNP", "ADJ": "JJ", "AUX": "MD", "ADP": "IN",
        "DET": "DT", "PRON": "PRP", "CCONJ": "CC", "PUNCT": ".", "PART": "RB", "NUM": "CD",
        "ADV": "RB", "SCONJ": "IN"}


@pytest.fixture(scope="session")
def vocab() -> Any:
    return spacy.blank("en").vocab


def build(vocab: Any, rows: str) -> Doc:
    words, lemmas, pos, heads, deps, tags = [], [], [], [], [], []
    for line in rows.strip().splitlines():
        parts = line.split()
        form, lemma, upos, head, dep = parts[:5]
        tag = parts[5] if len(parts) > 5 else TAGS.get(upos, "XX")
        words.append(form)
        lemmas.append(lemma)
        pos.append(upos)
        heads.append(int(head) - 1 if int(head) else len(words) - 1)
        deps.append("ROOT" if dep == "root" else dep)
        tags.append(tag)
    spaces = [not (i + 1 < len(words) and words[i + 1] in {".", ",", "'s", "?", "’s"})
              for i in range(len(words))]
    return Doc(vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags,
               lemmas=lemmas)


@pytest.fixture
def parse(vocab: Any) -> Callable[[str], Doc]:
    return lambda rows: build(vocab, rows)


def make_mention(doc: Doc, phrase: str, code: str | None, *, country: str | None = None,
                 org: str | None = None, role: str | None = None, type: str = "country",
                 kind: str = "name", occurrence: int = 0, entity: str | None = None) -> Mention:
    words = phrase.split()
    found = [i for i in range(len(doc) - len(words) + 1)
             if [t.text for t in doc[i:i + len(words)]] == words]
    start = found[occurrence]
    span = doc[start:start + len(words)]
    iso = country if country is not None else (code[:3] if code and not org else None)
    actor = Actor(text=span.text, name=phrase, code=code, country=iso, org=org, role=role,
                  id=entity or f"x:{code}")
    return Mention(start=span.start, end=span.end, char_start=span.start_char,
                   char_end=span.end_char, actor=actor, key=entity or f"x:{code}",
                   entity=entity or f"x:{code}", kind=kind, type=type)


@pytest.fixture
def actor() -> Callable[..., Mention]:
    return make_mention


class Place:
    def __init__(self, name: str, country: str, lat: float, lon: float):
        self.name, self.country, self.lat, self.lon, self.kind = name, country, lat, lon, "city"


class StubKB:
    """A knowledge base with a three-place gazetteer."""

    version = "test"

    def __init__(self) -> None:
        self.places = {"kabul": Place("Kabul", "AFG", 34.53, 69.17),
                       "nagorno-karabakh": Place("Nagorno-Karabakh", "AZE", 39.8, 46.75),
                       "kharkiv": Place("Kharkiv", "UKR", 49.99, 36.23)}

    def place(self, name: str) -> Place | None:
        return self.places.get(name.lower())


class EchoResolver:
    def actor_at(self, mention: Mention, on: Any) -> Actor:
        return mention.actor


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return Lexicon.load()


@pytest.fixture(scope="session")
def coder(lexicon: Lexicon) -> Coder:
    return Coder(StubKB(), lexicon=lexicon, resolver=EchoResolver(), coref=None)


@pytest.fixture
def code(coder: Coder) -> Callable[..., list[Any]]:
    def run(doc: Doc, mentions: list[Mention], quotes: list[Any] | None = None,
            published: str | None = "2021-08-10") -> list[Any]:
        art = Article(id="t", text=doc.text, published=published)
        return coder.code(doc, mentions, quotes or [], art)
    return run
