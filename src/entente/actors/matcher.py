"""spaCy PhraseMatchers for every alias and sector noun of a knowledge base.

Proper names are matched with their case (ORTH: "Turkey" but not "turkey", "WHO" but not "who");
sector nouns and users' PETRARCH phrases (written in capitals) without it (LOWER). Matching is one
pass of spaCy's PhraseMatcher per Doc, not a loop over aliases.

Building the matchers needs every alias tokenised the way spaCy tokenises text. That is slow for
large user dictionaries (tens of thousands of PETRARCH phrases), so the token lists are cached on
disk, keyed by the aliases and the spaCy version, in $ENTENTE_CACHE_DIR (default
~/.cache/entente); a missing or unwritable cache only costs time.
"""

from __future__ import annotations

import hashlib
from typing import Any

import msgspec

from entente.actors import cache

NAME, LNAME, SECTOR = "ENTENTE_NAME", "ENTENTE_LNAME", "ENTENTE_SECTOR"


class Hit(msgspec.Struct, frozen=True):
    """A matched span of tokens: `label` is NAME, LNAME or SECTOR."""

    start: int
    end: int
    label: str

    @property
    def length(self) -> int:
        return self.end - self.start


class Matcher:
    """Finds knowledge-base names and sector nouns in Docs of one vocabulary."""

    def __init__(self, kb: Any, vocab: Any) -> None:
        import spacy
        from spacy.matcher import PhraseMatcher
        from spacy.tokens import Doc

        self.vocab = vocab
        cased = sorted({a.text for group in kb.aliases.values() for a in group if a.cased})
        uncased = sorted({a.text for group in kb.aliases.values() for a in group if not a.cased})
        nouns = sorted({s.text for s in kb.sectors.values()})
        words = _token_lists([cased, nouns, uncased], spacy.__version__)
        docs = [[Doc(vocab, words=w) for w in group if w] for group in words]
        self._exact = PhraseMatcher(vocab, attr="ORTH")
        self._exact.add(NAME, docs[0])
        self._lower = PhraseMatcher(vocab, attr="LOWER")
        self._lower.add(SECTOR, docs[1])
        if docs[2]:
            self._lower.add(LNAME, docs[2])

    def __call__(self, doc: Any) -> list[Hit]:
        """Every match, longest first where they overlap (a name wins a tie with a noun)."""
        strings = self.vocab.strings
        raw = [Hit(s, e, strings[m]) for m, s, e in self._exact(doc)]
        raw += [Hit(s, e, strings[m]) for m, s, e in self._lower(doc)]
        articled = {h.start for h in raw if doc[h.start].lower_ == "the"}
        return _longest(raw, articled)


def _token_lists(groups: list[list[str]], version: str) -> list[list[list[str]]]:
    """The spaCy tokens of every string, by group; read from the disk cache when possible."""
    digest = hashlib.sha256(version.encode())
    for group in groups:
        digest.update("\x1e".join(group).encode() + b"\x1d")
    name = f"patterns-{digest.hexdigest()[:20]}.msgpack"
    cached = cache.read(name, list[list[list[str]]])
    if cached is not None:
        return cached
    import spacy

    tokenizer: Any = spacy.blank("en").tokenizer
    out = [[[t.text for t in doc] for doc in tokenizer.pipe(group)] for group in groups]
    cache.write(name, out)
    cache.prune("patterns-")
    return out


def _longest(hits: list[Hit], articled: set[int] | None = None) -> list[Hit]:
    """Non-overlapping hits: longer first (a leading "the" does not count: "the Gulf" gives way
    to "Gulf Clan"), then names before nouns, then leftmost."""
    rank = {NAME: 0, LNAME: 1, SECTOR: 2}
    articled = articled or set()
    taken: set[int] = set()
    out = []
    for hit in sorted(hits, key=lambda h: (-(h.length - (h.start in articled)), rank[h.label],
                                           h.start)):
        span = set(range(hit.start, hit.end))
        if span & taken:
            continue
        taken |= span
        out.append(hit)
    return sorted(out, key=lambda h: h.start)
