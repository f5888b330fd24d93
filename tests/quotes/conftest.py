"""Hand-built parses for the attribution rules (style: hand-built linguistic fixtures).

`tagged("“/`` We/PRP won/VBD ,/, ”/'' she/PRP said/VBD/say ./.")` builds a spaCy Doc from
`word/TAG[/lemma][@ENT]` tokens: spaces are inferred from punctuation, `¶` starts a new paragraph
(a "\\n\\n" whitespace token, as the real pipeline makes), sentences start after . ! ? and at
paragraphs, consecutive tokens with the same @ENT label form one entity. The rules read tags,
lemmas, sentence starts and entities; they only fall back on the dependency parse, so no heads.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import spacy
from spacy.tokens import Doc

from entente.quotes import lexicon

NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", "”", "’", "'s", "’s", "n't", "n’t", "%", ")", "'"}
NO_SPACE_AFTER = {"“", "‘", "("}
POS = {"NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "MD": "AUX", "PRP": "PRON",
       "PRP$": "PRON", "DT": "DET", "JJ": "ADJ", "IN": "ADP", "RB": "ADV", "CC": "CCONJ",
       "CD": "NUM", "TO": "PART", "POS": "PART", "WP": "PRON", "WDT": "PRON", "_SP": "SPACE"}


def _parse(spec: str) -> tuple[list[str], list[str], list[str], list[str]]:
    words, tags, lemmas, ents = [], [], [], []
    for item in spec.split():
        if item == "¶":
            words.append("\n\n")
            tags.append("_SP")
            lemmas.append("\n\n")
            ents.append("")
            continue
        item, _, ent = item.partition("@")
        parts = item.rsplit("/", 2) if item.count("/") >= 2 else item.rsplit("/", 1)
        word, tag = parts[0], parts[1]
        words.append(word)
        tags.append(tag)
        lemmas.append(parts[2] if len(parts) > 2 else word.lower())
        ents.append(ent)
    return words, tags, lemmas, ents


def _spaces(words: list[str]) -> list[bool]:
    out = []
    straight_open = False
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        if w == '"':
            straight_open = not straight_open
        space = nxt is not None and nxt != "\n\n" and w != "\n\n"
        if w in NO_SPACE_AFTER or (w == '"' and straight_open):
            space = False
        if nxt in NO_SPACE_BEFORE or (nxt == '"' and straight_open):
            space = False
        out.append(space)
    return out


def _iob(ents: list[str]) -> list[str]:
    out = []
    for i, e in enumerate(ents):
        if not e:
            out.append("O")
        else:
            out.append(("I-" if i and ents[i - 1] == e else "B-") + e)
    return out


def _sent_starts(words: list[str]) -> list[bool]:
    out, start = [], True
    for w in words:
        out.append(start and w != "\n\n")
        if w == "\n\n":
            start = True
        elif start:
            start = False
        if w in (".", "!", "?"):
            start = True
    # a closing mark right after the full stop stays in the sentence: .” she said
    for i, w in enumerate(words):
        if out[i] and w in ("”", "’", '"') and i:
            out[i] = False
            if i + 1 < len(words) and words[i + 1] != "\n\n":
                out[i + 1] = True
    return out


@pytest.fixture(scope="session")
def vocab() -> spacy.Vocab:
    return spacy.blank("en").vocab


@pytest.fixture(scope="session")
def lex() -> lexicon.Lexicon:
    return lexicon.default()


@pytest.fixture(scope="session")
def tagged(vocab: spacy.Vocab) -> Callable[[str], Doc]:
    def make(spec: str) -> Doc:
        words, tags, lemmas, ents = _parse(spec)
        return Doc(vocab, words=words, spaces=_spaces(words), tags=tags, lemmas=lemmas,
                   pos=[POS.get(t, "VERB" if t.startswith("VB") else "PUNCT") for t in tags],
                   ents=_iob(ents), sent_starts=_sent_starts(words))

    return make
