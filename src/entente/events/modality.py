"""Modality: did the text say the event happened, that it did not, or that it might?

`assess(token, cues)` starts at the event's outermost word (the governor when there is one:
"*refused* to send", "has no *plans* to") and climbs the clauses that govern it, looking for

* negation: "not", "never", "n't", "no" (on a noun: "no plans"), or a negating verb above the
  clause ("*denied* that", "*failed* to", "*dismissed* reports that");
* hypothesis: a modal (could, may, might, should, must, can), "would" outside reported speech,
  a conditional ("if", "unless", "whether"), a verb of prediction or fear above the clause
  ("analysts *expect* X to", "*fear* that"), an adjective like "unlikely"/"possible", or a
  question mark ending the sentence;
* the future: will, shall, 'll, "going to", and "would" inside reported speech ("said Turkey
  would build") — an announced intent, which the coder codes as asserted intent (03x).

Negation wins over hypothesis. The climb stops at a reporting verb (what a speaker says is
judged on its own words, "said X attacked" is asserted) and at clause kinds that do not pass
modality down (relative clauses, "when"/"after" clauses).
"""

from __future__ import annotations

from typing import NamedTuple

from entente.events import syntax as sx
from entente.events.lexicon import Cues
from entente.events.syntax import Token
from entente.records import Modality

__all__ = ["Assessment", "assess", "assess_own"]

CLIMB_VERB = ("xcomp", "conj", "obl", "advcl")
CLIMB_NOUN = ("obj", "nsubj:pass", "nsubj", "xcomp")
PASSING_MARKS = (None, "by", "to", "in", "through", "without")


class Assessment(NamedTuple):
    modality: Modality
    future: bool
    cue: str | None
    reported: bool  # the clause is the content of a reporting verb


def _own(node: Token, cues: Cues, reported: bool) -> tuple[str | None, bool, str | None]:
    """Modality signalled on the node itself: (negated|hypothetical|None, future, cue word)."""
    found: str | None = None
    future = False
    cue = None
    for c in node.children:
        d, w = sx.dep(c), sx.lemma(c)
        low = c.lower_
        if d in ("advmod", "neg", "det", "cc:preconj", "case") and (w in cues.negators or low in cues.negators):
            if d == "case" and low != "without":
                continue
            if sx.lemma(node) in cues.litotes:
                continue  # "would not hesitate to": no negation of what follows
            return "negated", future, c.text
        if d in ("aux", "aux:pass"):
            if low in ("will", "'ll", "shall", "wo") or w in ("will", "shall"):
                future = True
            elif low in ("would", "'d"):
                if reported:
                    future = True
                else:
                    found, cue = "hypothetical", c.text
            elif w in cues.modals or low in cues.modals:
                found, cue = "hypothetical", c.text
        if d == "mark" and (w in cues.conditional_marks or low in cues.conditional_marks):
            found, cue = "hypothetical", c.text
    if _going_to(node):
        future = True
    neg = _negated_subject(node, cues)
    if neg is not None:
        return "negated", future, neg
    return found, future, cue


def assess_own(node: Token, cues: Cues) -> str | None:
    """The modality marked on the word itself only (its own negators, modals, subject)."""
    return _own(node, cues, reported=False)[0]


def _negated_subject(node: Token, cues: Cues) -> str | None:
    """A negative subject negates its clause: "*Neither* Kinshasa nor Kigali wants a war",
    "*No* country will sign", "*Nobody* in Warsaw wants that"."""
    for s in sx.kids(node, *sx.SUBJ, *sx.PASS_SUBJ):
        if s.lower_ in ("nobody", "none", "neither", "nothing", "noone", "no-one"):
            return s.text
        for c in s.children:
            if c.i < s.i and c.lower_ in ("neither", "no"):
                return c.text
    return None


def _going_to(node: Token) -> bool:
    head = node.head
    return (sx.dep(node) == "xcomp" and head != node and sx.lemma(head) == "go"
            and head.tag_ == "VBG")


def _is_reported(node: Token, cues: Cues) -> bool:
    """Is this clause the content of a reporting verb ("said (that) X ...", "X ..., Y said")?"""
    for a in [node, *sx.ancestors(node, 6)]:
        if any(sx.dep(c) == "parataxis" and sx.lemma(c) in cues.reporting_verbs for c in a.children):
            return True
        head = sx.head_of(a)
        if head == a:
            return False
        if sx.dep(a) in ("ccomp", "parataxis") and sx.lemma(head) in cues.reporting_verbs:
            return True
        if sx.dep(a) not in ("conj", "xcomp", "advcl", "obl", "obj", "acl"):
            return False
    return False


def assess(node: Token, cues: Cues, in_quote: bool = False) -> Assessment:
    """The modality of the event whose outermost word is `node`."""
    reported = in_quote or _is_reported(node, cues)
    hypothetical: str | None = None
    future = False
    for _ in range(8):
        found, fut, cue = _own(node, cues, reported)
        future = future or fut
        if found == "negated":
            return Assessment("negated", future, cue, reported)
        if found and not hypothetical:
            hypothetical = cue
        step = _climb(node, cues)
        if step is None:
            break
        kind, nxt = step
        if kind == "negated":
            return Assessment("negated", future, sx.lemma(nxt), reported)
        if kind == "hypothetical" and not hypothetical:
            hypothetical = sx.lemma(nxt)
        if kind == "stop":
            break
        node = nxt
    if hypothetical is None and node.sent.text.rstrip().rstrip("\"”’'").endswith("?"):
        hypothetical = "?"
    if hypothetical is not None:
        return Assessment("hypothetical", future, hypothetical, reported)
    return Assessment("asserted", future, None, reported)


def _climb(node: Token, cues: Cues) -> tuple[str, Token] | None:
    """One step up: ("climb"|"negated"|"hypothetical"|"stop", the governing word) or None."""
    head = sx.head_of(node)
    if head == node:
        return None
    d, hl = sx.dep(node), sx.lemma(head)
    hw = set(sx.words(head))  # "plotting" → plot: a weak lemmatiser must not hide the verb
    if d in ("ccomp", "xcomp", "csubj", "acl") or (d == "advcl" and sx.case_word(node) == "that"):
        if hw & set(cues.negating_verbs):
            return "negated", head
        if hw & set(cues.hypothetical_verbs) or (head.pos_ == "ADJ" and hl in cues.hypothetical_adjectives):
            return "hypothetical", head
        if sx.is_nominal(head) and d in ("acl", "ccomp"):
            # "reports *that* ...", "plans to ...": the content of a noun shares its fate
            # ("denied reports that X had bombed": negated)
            return "climb", head
        if hl in cues.reporting_verbs and d != "xcomp":
            return "stop", head
        if d == "ccomp":
            return "stop", head
        return "climb", head
    if d == "advcl":
        mark = sx.case_word(node)
        if mark in ("if", "unless", "whether"):
            return "hypothetical", head
        return ("climb", head) if mark in PASSING_MARKS else ("stop", head)
    if d == "conj" and not sx.kids(node, *sx.SUBJ):
        if sx.lemma(node) in cues.reporting_verbs and sx.kids(node, "ccomp"):
            return None  # "denied that ... and *warned* that ...": a clause of its own
        return "climb", head
    if d == "obl" and sx.is_verbal(node):
        return "climb", head
    if d in CLIMB_NOUN and sx.is_nominal(node):
        if hl in cues.negating_verbs:
            return "negated", head
        if d == "nsubj" and head.pos_ == "ADJ" and hl in cues.hypothetical_adjectives:
            return "hypothetical", head  # "a new agreement was *unlikely*"
        return "climb", head
    return None
