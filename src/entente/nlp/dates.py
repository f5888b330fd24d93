"""DATE rules: spaCy Matcher patterns read from nlp/data/dates.yaml (see that file's schema)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import msgspec
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from entente.errors import ModelError
from entente.nlp.gazetteer import read_yaml

DIGIT = re.compile(r"[0-9]")


class DatePatterns(msgspec.Struct, frozen=True):
    patterns: dict[str, list[list[dict[str, Any]]]]
    bare_year_blockers: frozenset[str]
    validate: dict[str, str] = {}
    anchors: frozenset[str] = frozenset()
    source: str = ""

    @classmethod
    def load(cls, data_dir: Path) -> DatePatterns:
        path = data_dir / "dates.yaml"
        data = read_yaml(path)
        sets = data.get("sets", {})
        patterns = {name: [expand(tok, sets, f"{path}: pattern {name}") for tok in toks]
                    for name, toks in data.get("patterns", {}).items()}
        validate = {str(k): str(v) for k, v in (data.get("validate") or {}).items()}
        for name, rx in validate.items():
            if name not in patterns:
                raise ModelError(f"validate names an unknown pattern {name!r}", where=str(path))
            try:
                re.compile(rx)
            except re.error as exc:
                raise ModelError(f"bad regular expression for {name!r}: {exc}",
                                 where=str(path)) from exc
        anchors: set[str] = set()
        for word in data.get("anchors", ()):
            found = _resolve(str(word), sets, f"{path}: anchors")
            anchors.update(w.lower() for w in (found if isinstance(found, list) else [found]))
        return cls({k: [v] for k, v in patterns.items()},
                   frozenset(data.get("bare_year_blockers", ())), validate, frozenset(anchors),
                   str(path))

    def regions(self, doc: Doc) -> list[Doc | Span]:
        """The sentences that can hold a date (an anchor word or a number), or the whole doc
        when it has no sentence boundaries yet."""
        if not self.anchors or not doc.has_annotation("SENT_START"):
            return [doc]
        strings, text = doc.vocab.strings, doc.text
        anchor = {strings[w] for w in self.anchors}
        hot = [lw in anchor for lw in doc.to_array("LOWER").tolist()]
        return [s for s in doc.sents
                if any(hot[s.start:s.end]) or DIGIT.search(text, s.start_char, s.end_char)]

    def matcher(self, vocab: Vocab) -> Matcher:
        m = Matcher(vocab, validate=True)
        for name, pats in self.patterns.items():
            try:
                m.add(name, pats)
            except (ValueError, KeyError) as exc:
                raise ModelError(f"bad DATE pattern {name!r}: {exc}", where=self.source) from exc
        return m

    def valid(self, name: str, span: Span) -> bool:
        """The match passes its pattern's `validate` expression (if any) and is not blocked."""
        rx = self.validate.get(name)
        return (rx is None or re.fullmatch(rx, span.text) is not None) and not self.blocked(span)

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
