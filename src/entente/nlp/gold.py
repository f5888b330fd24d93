"""Entity gold written inline, and its scorer (used by tests/nlp and training/evaluate.py).

A gold line is a sentence with its entities in brackets: "[Kenya|GPE] agreed on [Monday|DATE]".
Lines starting with "#" and blank lines are skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from entente.errors import ModelError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

_MARK = re.compile(r"\[([^\[\]|]+)\|([A-Z]+)\]")


class GoldSentence(msgspec.Struct, frozen=True):
    text: str
    entities: tuple[tuple[int, int, str], ...]
    where: str = ""


def parse_marked(line: str, where: str = "") -> GoldSentence:
    text, ents, pos = [], [], 0
    length = 0
    for m in _MARK.finditer(line):
        before = line[pos:m.start()]
        text.append(before)
        length += len(before)
        ents.append((length, length + len(m.group(1)), m.group(2)))
        text.append(m.group(1))
        length += len(m.group(1))
        pos = m.end()
    text.append(line[pos:])
    plain = "".join(text)
    if "[" in plain or "|" in plain:
        raise ModelError(f"unbalanced entity mark in {line!r}", where=where)
    return GoldSentence(plain, tuple(ents), where)


def read_marked(path: Path) -> list[GoldSentence]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            out.append(parse_marked(line.strip(), f"{path}:{n}"))
    return out


def score_entities(nlp: Language, gold: Iterable[GoldSentence]) -> dict[str, dict[str, float]]:
    """Exact-span precision / recall / F (in %) per label and overall ("ALL")."""
    items = list(gold)
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for item, doc in zip(items, nlp.pipe(g.text for g in items), strict=True):
        pred = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
        want = set(item.entities)
        for _, _, label in pred:
            n_pred[label] += 1
        for _, _, label in want:
            n_gold[label] += 1
        for _, _, label in pred & want:
            tp[label] += 1
    out = {}
    for label in [*sorted(set(n_gold) | set(n_pred)), "ALL"]:
        t = sum(tp.values()) if label == "ALL" else tp[label]
        p_n = sum(n_pred.values()) if label == "ALL" else n_pred[label]
        g_n = sum(n_gold.values()) if label == "ALL" else n_gold[label]
        p = t / p_n if p_n else 0.0
        r = t / g_n if g_n else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[label] = {"p": round(100 * p, 1), "r": round(100 * r, 1), "f": round(100 * f, 1),
                      "n": g_n}
    return out
