"""Events: the CAMEO/PLOVER coder.

`Coder(kb, lexicon=None).code(doc, mentions, quotes, article) -> list[Event]` codes every event
of a parsed article: who did what to whom (CAMEO code, Goldstein, QuadClass, PLOVER type),
whether the text asserts, negates or only supposes it, when, where, according to whom, and why
(trigger offsets, rule id, confidence). The patterns live in data files (`events/lexicon/`,
`Lexicon.load()`); the codebook in `events/data/codebook.csv`. `entente eval GOLD.jsonl` scores
the coder on gold sentences (see docs/EVAL.md).
"""

from __future__ import annotations

from entente.events.coder import Coder
from entente.events.lexicon import Lexicon

__all__ = ["Coder", "Lexicon"]
