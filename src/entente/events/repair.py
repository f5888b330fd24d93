"""Repairs of frequent parser slips, made on a copy of the Doc before coding.

Small parsers read "Turkey *provided* drones", "The Kremlin *rejected* suggestions", "Riyadh *cut*
ties" as noun phrases: the verb hangs on its object as a modifier (`amod`/`compound`), tagged as a
verb or even as a noun. A verb with a noun phrase of its own right before it (a subject, possibly
followed by an auxiliary or an adverb: "Aliyev has repeatedly *accused*") is no modifier: the
object is made the verb's `obj`, the subject phrase its `nsubj`. A verb-tagged modifier right after
a determiner, an adjective or a number ("the *disputed* region", "newly *elected* mayors") or a
participle after a passive auxiliary is left alone; a noun-tagged one is repaired only when it is
a past form of a lexicon verb after a name ("Riyadh *cut* ties", "Saudi Arabia has *fought*").
An adjective right after a possessive is such a subject too ("Myanmar's *military* detained").

The input Doc is never changed (other stages share it); token indices and offsets stay the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from entente.events import syntax as sx
from entente.events.syntax import Token

__all__ = ["repair"]

FINITE = frozenset({"VBD", "VBZ", "VBP"})
SKIP = frozenset({"RB", "RBR", "RBS"})
PERFECT = frozenset({"have", "has", "had", "'ve", "'d"})
PASSIVE = frozenset({"was", "were", "be", "been", "being", "is", "are", "'s", "get", "got"})
MODIFIER_DEPS = ("amod", "compound", "nmod:poss")
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON"})


class Fix(NamedTuple):
    verb: int
    noun: int
    subject: int | None
    retag: bool  # a noun-tagged verb: give it a verb tag


def repair(doc: Any, is_past_verb: Callable[[Token], bool] | None = None,
           is_verb: Callable[[Token], bool] | None = None) -> Any:
    """A copy of `doc` with verbs hung on their objects re-attached, or `doc` itself when there
    is none. `is_past_verb(token)` says whether a noun-tagged word is a past form of a lexicon
    verb (None: noun-tagged words are never repaired); `is_verb(token)` whether it is the base
    form of one (None: infinitives tagged as nouns stay nouns)."""
    fixes = [f for t in doc if (f := _verb_on_object(t, is_past_verb)) is not None]
    conjs = [(t.i, h.i) for t in doc if (h := _finite_conj_head(t)) is not None]
    clauses = [t.i for t in doc if _verb_under_subject(t)]
    retag = [t.i for t in doc if is_past_verb is not None and _noun_tagged_predicate(t, is_past_verb)]
    infinitives = [t.i for t in doc if is_verb is not None and _noun_tagged_infinitive(t, is_verb)]
    if not fixes and not conjs and not clauses and not retag and not infinitives:
        return doc
    new = doc.copy()
    for vi in infinitives:  # "Lula offered to *mediate/NN*": a `to` clause of the verb above
        v = new[vi]
        v.tag_, v.pos_ = "VB", "VERB"
        if sx.is_verbal(v.head) and sx.dep(v) in ("obl", "obj", "nmod", "advcl"):
            v.dep_ = "xcomp"
    for vi in retag:  # "Armenia and Azerbaijan *fought/NN* a war": a predicate with its subject
        new[vi].tag_, new[vi].pos_ = "VBD", "VERB"
    for vi in clauses:  # "Qatar *mediated* between ...": the verb hung on its own subject
        v = new[vi]
        n = v.head
        root = n.head.i == n.i
        v.head, v.dep_ = (v, "ROOT") if root else (n.head, n.dep_)
        n.head, n.dep_ = v, "nsubj"
        for c in list(n.children):
            if c.i > v.i and (sx.dep(c) in ("punct",) or (sx.dep(c) in ("conj", "cc")
                                                         and (sx.is_verbal(c) or sx.dep(c) == "cc"))):
                c.head = v  # the final stop, and "... and *said*": the verb's, not the noun's
    for vi, hi in conjs:
        new[vi].head = new[hi]
    for fix in fixes:
        v, n = new[fix.verb], new[fix.noun]
        if fix.retag:
            v.tag_, v.pos_ = "VBD", "VERB"
        root = n.head.i == n.i
        v_head, v_dep = (v, "ROOT") if root else (n.head, n.dep_)
        if not root and v_head.i == v.i:
            continue
        v.head = v_head
        v.dep_ = v_dep
        n.head = v
        n.dep_ = "obj"
        for c in list(n.children):  # auxiliaries and adverbs before the verb are the verb's
            if c.i < v.i and c.dep_ in ("aux", "advmod") and c.i > (fix.subject or -1):
                c.head = v
        if fix.subject is not None and fix.subject != v.i:
            s = new[fix.subject]
            s.head = v
            s.dep_ = "nsubj"
            if s.pos_ == "ADJ":  # "Myanmar's *military*": the owned adjective is the noun
                s.tag_, s.pos_ = "NN", "NOUN"
                for c in list(n.children):
                    if c.i < s.i and sx.dep(c) == "nmod:poss":
                        c.head = s
    return new


def _owned_adjective(t: Token) -> bool:
    """An adjective right after a possessive ("Myanmar's *military* detained ..."): a possessive
    owns no adjective, so it is a noun the tagger took for one (a subject)."""
    return (t.pos_ == "ADJ" and t.i >= 1 and t.doc[t.i - 1].lower_ in ("'s", "’s")
            and t.doc[t.i - 1].tag_ == "POS")


def _noun_tagged_predicate(t: Token, is_past_verb: Callable[[Token], bool]) -> bool:
    """A noun-tagged past form of a lexicon verb that heads a subject and an object."""
    return (t.tag_.startswith("NN") and bool(sx.kids(t, "nsubj")) and bool(sx.kids(t, *sx.OBJ))
            and is_past_verb(t))


def _noun_tagged_infinitive(t: Token, is_verb: Callable[[Token], bool]) -> bool:
    """A noun-tagged base form of a lexicon verb marked by an infinitive "to" (the parser gave
    "to" the clause label `mark`, which no noun takes)."""
    return (t.tag_.startswith("NN") and is_verb(t) and t.head != t
            and any(sx.dep(c) == "mark" and c.lower_ == "to" for c in t.children))


def _verb_under_subject(v: Token) -> bool:
    """A verb parsed as a clause modifying the noun before it, when that noun is the subject it
    lacks: "Qatar *mediated* between X and Y" (a finite verb as `acl` of "Qatar"), "Tens of
    thousands of Israelis *protested* against ..." (a participle as `acl` of a sentence root
    that has no verb of its own)."""
    if sx.dep(v) != "acl" or sx.kids(v, *sx.SUBJ) or v.head == v:
        return False
    if any(sx.dep(c) == "mark" for c in v.children):
        return False  # "decision *to send*", "reports *that* ...": a clause of the noun
    n = v.head
    if n.i > v.i or not sx.is_nominal(n):
        return False
    if v.tag_ in FINITE:
        return True
    if v.tag_ != "VBN" or n.head != n or sx.kids(v, "aux:pass"):
        return False
    if sx.kids(v, *sx.OBJ) and _right_after(n, v):
        # "Beijing's foreign ministry *accused* Tokyo of ... and said ...": a participle with
        # an object right after the root noun is its predicate, even with more verbs to come
        return True
    return not any(
        sx.is_verbal(t) and t.i != v.i and sx.dep(t) in ("ROOT", "conj", "ccomp", "parataxis")
        for t in n.sent)


def _right_after(n: Token, v: Token) -> bool:
    """Nothing but the noun's own phrase between it and the verb (no comma: "the ministry, set
    up in 2019, ..." is an aside)."""
    return all(n.doc[i].lower_ not in (",", "(", "—", "–") for i in range(n.i + 1, v.i))


def _finite_conj_head(v: Token) -> Token | None:
    """A finite verb with no subject coordinated with a non-finite one belongs to the clause
    above it: "accused X of *violating* its airspace and *threatened* to ...", "said it would
    not *negotiate* and *announced* counter-tariffs". The new head: the nearest finite verb
    above the non-finite one."""
    if sx.dep(v) != "conj" or sx.kids(v, *sx.SUBJ) or v.tag_ not in (*FINITE, "VBN"):
        return None
    h = v.head
    if h == v or h.i > v.i or _finite(h) or not sx.is_verbal(h):
        return None
    if v.tag_ == "VBN" and (sx.kids(v, "aux", "aux:pass") or h.tag_ != "VBG"):
        return None  # a participle only when coordinated with a gerund ("targeting ... and *called*")
    for a in sx.ancestors(h, 6):
        if _finite(a) and a.i < v.i:
            return a
    return None


def _finite(t: Token) -> bool:
    """A finite verb: a finite tag, or an auxiliary that carries tense ("had *accused*")."""
    return t.tag_ in FINITE or any(a.tag_ in FINITE or a.tag_ == "MD" for a in sx.kids(t, "aux"))


def _verb_on_object(v: Token, is_past_verb: Callable[[Token], bool] | None) -> Fix | None:
    if sx.dep(v) not in ("amod", "compound") or v.head == v:
        return None
    n = v.head
    if n.i <= v.i or not sx.is_nominal(n) or n.head.i == v.i:
        return None
    if any(sx.dep(c) in sx.SUBJ and c.i < v.i for c in v.children):
        return Fix(v.i, n.i, None, False)
    tag = v.tag_
    retag = False
    if tag not in FINITE and tag != "VBN":
        if not (tag.startswith("NN") and is_past_verb is not None and is_past_verb(v)):
            return None
        retag = True
    prev = _before(v)
    if prev is None or prev.tag_ == "WP" or (
            prev.pos_ not in NOMINAL_POS and not _owned_adjective(prev)):
        return None
    if tag == "VBN" or retag:
        aux = _aux_before(v)
        if aux in PASSIVE:
            return None
        if retag and prev.pos_ != "PROPN":
            return None  # "the *cut* ties": only a name makes a noun-tagged word a verb
    subject = _phrase_top(prev, v, n)
    if subject is None:
        return None
    return Fix(v.i, n.i, subject.i, retag)


def _before(v: Token) -> Token | None:
    """The word before `v`, skipping adverbs and auxiliaries ("has repeatedly accused")."""
    i = v.i - 1
    doc = v.doc
    while i >= 0 and (doc[i].tag_ in SKIP or doc[i].lower_ in PERFECT or doc[i].tag_ == "MD"):
        i -= 1
    return doc[i] if i >= 0 else None


def _aux_before(v: Token) -> str | None:
    i = v.i - 1
    doc = v.doc
    while i >= 0 and doc[i].tag_ in SKIP:
        i -= 1
    return doc[i].lower_ if i >= 0 else None


def _phrase_top(tok: Token, v: Token, n: Token) -> Token | None:
    """The top of the noun phrase ending at `tok` (left of the verb `v`): climb while the head
    stays left of the verb. None when the phrase is the object's own modifier after all (a
    determiner or an adjective sits between it and the verb)."""
    top = tok
    for _ in range(8):
        h = top.head
        if h == top or h.i >= v.i or h.i == n.i or sx.dep(top) == "conj":
            break  # a conjunct is a phrase of its own ("... to Kaliningrad, and *Russia*")
        if sx.is_verbal(h) and sx.dep(h) != "acl":
            break  # never into a clause; through a participle ("militias *allied* with X")
        top = h
    if sx.dep(top) in ("det", "case", "mark"):
        return None
    return top
