"""spaCy PhraseMatchers for every alias and sector noun of a knowledge base.

Proper names are matched with their case (ORTH: "Turkey" but not "turkey", "WHO" but not "who");
sector nouns and users' PETRARCH phrases (written in capitals) without it (LOWER). Matching is one
pass of spaCy's PhraseMatcher per Doc, not a loop over aliases; building the matchers tokenises
every alias once per vocabulary (a few tenths of a second) and is cached by the Resolver.
"""

from __future__ import annotations

from typing import Any

import msgspec

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

        self.vocab = vocab
        make = spacy.blank("en", vocab=vocab).tokenizer
        cased = sorted({a.text for group in kb.aliases.values() for a in group if a.cased})
        uncased = sorted({a.text for group in kb.aliases.values() for a in group if not a.cased})
        nouns = sorted({s.text for s in kb.sectors.values()})
        self._exact = PhraseMatcher(vocab, attr="ORTH")
        self._exact.add(NAME, list(make.pipe(cased)))
        self._lower = PhraseMatcher(vocab, attr="LOWER")
        self._lower.add(SECTOR, list(make.pipe(nouns)))
        if uncased:
            self._lower.add(LNAME, list(make.pipe(uncased)))

    def __call__(self, doc: Any) -> list[Hit]:
        """Every match, longest first where they overlap (a name wins a tie with a noun)."""
        strings = self.vocab.strings
        raw = [Hit(s, e, strings[m]) for m, s, e in self._exact(doc)]
        raw += [Hit(s, e, strings[m]) for m, s, e in self._lower(doc)]
        return _longest(raw)


def _longest(hits: list[Hit]) -> list[Hit]:
    """Non-overlapping hits: longer first, then names before nouns, then leftmost."""
    rank = {NAME: 0, LNAME: 1, SECTOR: 2}
    taken: set[int] = set()
    out = []
    for hit in sorted(hits, key=lambda h: (-h.length, rank[h.label], h.start)):
        span = set(range(hit.start, hit.end))
        if span & taken:
            continue
        taken |= span
        out.append(hit)
    return sorted(out, key=lambda h: h.start)
