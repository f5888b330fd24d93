"""DATE rules: spaCy Matcher patterns read from nlp/data/dates.yaml (see that file's schema)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
from spacy.matcher import Matcher
from spacy.tokens import Span
from spacy.vocab import Vocab

from entente.errors import ModelError
from entente.nlp.gazetteer import read_yaml

YEAR_PATTERNS = {"year"}


class DatePatterns(msgspec.Struct, frozen=True):
    patterns: dict[str, list[list[dict[str, Any]]]]
    bare_year_blockers: frozenset[str]
    source: str = ""

    @classmethod
    def load(cls, data_dir: Path) -> DatePatterns:
        path = data_dir / "dates.yaml"
        data = read_yaml(path)
        sets = data.get("sets", {})
        patterns = {name: [expand(tok, sets, f"{path}: pattern {name}") for tok in toks]
                    for name, toks in data.get("patterns", {}).items()}
        return cls({k: [v] for k, v in patterns.items()},
                   frozenset(data.get("bare_year_blockers", ())), str(path))

    def matcher(self, vocab: Vocab) -> Matcher:
        m = Matcher(vocab, validate=True)
        for name, pats in self.patterns.items():
            try:
                m.add(name, pats)
            except (ValueError, KeyError) as exc:
                raise ModelError(f"bad DATE pattern {name!r}: {exc}", where=self.source) from exc
        return m

    def blocked(self, span: Span) -> bool:
        """A lone four-digit number followed by a counted noun ("2000 troops") is not a year."""
        if len(span) != 1 or not span.text.isdigit():
            return False
        doc = span.doc
        return span.end < len(doc) and doc[span.end].lower_ in self.bare_year_blockers


def expand(token: dict[str, Any], sets: dict[str, list[str]], where: str) -> dict[str, Any]:
    """Replace "$name" references to a named set by the set's words."""
    out: dict[str, Any] = {}
    for attr, value in token.items():
        if isinstance(value, dict):
            value = {op: _resolve(v, sets, where) for op, v in value.items()}
        out[attr] = value
    return out


def _resolve(value: Any, sets: dict[str, list[str]], where: str) -> Any:
    if isinstance(value, str) and value.startswith("$"):
        if value[1:] not in sets:
            raise ModelError(f"unknown set {value!r}", where=where)
        return [str(w) for w in sets[value[1:]]]
    return value
