"""According to whom: the speaker behind an event reported in quoted or reported speech.

An event is attributed when its trigger lies inside a quote's content (the quotes stage found
it, with the resolved speaker and citation chain), or inside the complement of a reporting verb
("Iddon *said* that ...", "Hawthorne *told* Iddon that ..."), or in a clause with "according
to X". The speaker's mention is returned too: the coder uses it to tell an actor's own
announcement ("Pakistan would retaliate, its army chief said": a threat) from a prediction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from entente.events import syntax as sx
from entente.events.arguments import ActorIndex
from entente.events.lexicon import Cues
from entente.events.syntax import Token
from entente.records import Attribution, Mention, QuoteSpan

__all__ = ["Attributed", "attribute"]


class Attributed(NamedTuple):
    attribution: Attribution
    speaker: Mention | None
    in_quote: bool


def _from_quote(q: QuoteSpan) -> Attributed:
    sp = q.quote.speaker
    name = (sp.name or sp.text) if sp is not None else None
    cites = [c.name for c in q.quote.cites]
    return Attributed(Attribution(speaker=name, cites=cites, quote=q.index), q.speaker, True)


def _reporting_head(node: Token, cues: Cues) -> Token | None:
    """The reporting verb whose complement holds `node`, if any ("Y said (that) X ...", or the
    parataxis "X ..., Y said")."""
    for a in [node, *sx.ancestors(node, 8)]:
        for c in a.children:
            if sx.dep(c) == "parataxis" and sx.lemma(c) in cues.reporting_verbs and c.i > a.i:
                return c
        head = sx.head_of(a)
        if head == a:
            return None
        if sx.dep(a) in ("ccomp", "parataxis") and sx.lemma(head) in cues.reporting_verbs:
            return head
        if sx.dep(a) in ("acl:relcl", "csubj"):
            return None
    return None


def _according_to(node: Token) -> Token | None:
    for a in [node, *sx.ancestors(node, 4)]:
        for c in a.children:
            if sx.case_word(c) in ("according to", "according"):
                return c
    return None


def attribute(trigger: Token, head: Token, quotes: Sequence[QuoteSpan], index: ActorIndex,
              cues: Cues) -> Attributed | None:
    """Attribution of the event at `trigger` (outermost word `head`), or None."""
    for q in quotes:
        if q.content_start <= trigger.i < q.content_end:
            return _from_quote(q)
    verb = _reporting_head(head, cues)
    src: Token | None = None
    if verb is not None:
        for q in quotes:
            if q.cue_token == verb.i:
                return _from_quote(q)
        subj = sx.kids(verb, *sx.SUBJ)
        src = subj[0] if subj else None
    else:
        src = _according_to(head)
    if src is None:
        return None
    fillers = index.of(src)
    mention = fillers[0].mention if fillers else None
    name = (mention.actor.name or mention.actor.text) if mention else sx.span_text(list(src.subtree))
    return Attributed(Attribution(speaker=name), mention, False)
