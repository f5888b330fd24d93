"""What: which words of a sentence trigger events, with which pattern, through which governors.

A *frame* is one event-to-be: the trigger word and its pattern, the code, and the chain of
governors above it ("Turkey *pledged* to *send* aid": pledge → send; the frame's head is
"pledged", its trigger "send", its code the intent code 033). Frames whose head is the
complement of another frame, and event nouns that are the object of a trigger verb ("signed the
*agreement*"), are folded into the outer frame rather than coded twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from entente.events import syntax as sx
from entente.events.lexicon import Governor, Lexicon, Pattern
from entente.events.syntax import Token

__all__ = ["Frame", "frames", "ranked_patterns"]

GOV_CLAUSE_DEPS = ("xcomp", "ccomp")
GOV_NOUN_PREPS = ("to", "for", "on")
MAX_DEPTH = 4


class Frame(NamedTuple):
    head: Token                 # outermost word (a governor, or the trigger itself)
    trigger: Token              # the event word the pattern matched
    patterns: list[Pattern]     # candidate patterns at the trigger, best first (may be empty)
    governors: list[Governor]   # governors from the head down
    tokens: frozenset[int]      # every token of the chain (folded into this frame)


def _pos(t: Token) -> str | None:
    if t.tag_ in ("VBD", "VBZ", "VBP") and t.pos_ in ("ADJ", "NOUN"):
        return "verb"  # the tagger saw a finite verb where the morphologizer saw an adjective
    if t.pos_ == "ADJ":
        return "adj"
    if t.pos_ in ("NOUN", "PROPN") or (not t.pos_ and t.tag_.startswith("NN")):
        return "noun"
    if t.pos_ == "VERB" or (not t.pos_ and t.tag_.startswith("VB")):
        return "verb"
    return None


def object_words(t: Token, p: Pattern) -> set[str]:
    """The words an `object` constraint is checked against."""
    heads: list[Token] = []
    if p.pos == "verb":
        heads += sx.objects(t) + sx.kids(t, "iobj")
        if p.prep:
            heads += sx.prep_objects(t, p.prep)
        heads += [c for c in sx.prep_objects(t, "with")] if p.prep == "with" else []
        heads += sx.kids(t, "xcomp") if not heads else []
    else:
        heads.append(t)
    out: set[str] = set()
    for h in {x.i: x for hh in heads for x in sx.conjuncts(hh)}.values():
        if h != t:
            out.update(sx.words(h))
        for c in h.children:
            if sx.dep(c) in ("amod", "compound", "nmod", "flat", "nummod", "obl") or (
                    sx.dep(c) == "conj" and h == t):
                for cc in sx.conjuncts(c):
                    out.update(sx.words(cc))
                    if sx.dep(c) == "nmod":  # "expansion of *defence* ties"
                        for m in cc.children:
                            if sx.dep(m) in ("amod", "compound"):
                                out.update(w for x in sx.conjuncts(m) for w in sx.words(x))
    return out


def _static_ok(t: Token, p: Pattern, lex: Lexicon) -> bool:
    if p.passive != "any" and (p.passive == "only") != sx.is_passive(t):
        return False
    if p.intransitive and sx.kids(t, *sx.OBJ, "ccomp", "xcomp"):
        return False
    if p.particle and not _has_particle(t, p.particle):
        return False
    if p.prep and not any(_prep_is(sx.case_word(c), p.prep) for c in t.children):
        return False
    if p.without_prep and any(_prep_is(sx.case_word(c), w) for c in t.children
                              for w in p.without_prep):
        return False
    if p.object or p.without:
        words = object_words(t, p)
        if p.object and not words & lex.classes[p.object]:
            return False
        if p.without and words & lex.classes[p.without]:
            return False
    if p.subject or p.not_subject:
        subj = sx.subject(t) if not sx.is_passive(t) else sx.agent(t)
        if p.subject and (not subj or not set(sx.words(subj[0])) & lex.classes[p.subject]):
            return False
        if p.not_subject and subj and set(sx.words(subj[-1])) & lex.classes[p.not_subject]:
            return False
    if p.complement:
        comp = sx.kids(t, *GOV_CLAUSE_DEPS) + to_clauses(t)
        if not comp or not set(sx.words(comp[0])) & lex.classes[p.complement]:
            return False
    if p.not_governed_by and _governed(t, lex.classes[p.not_governed_by]):
        return False
    return not (p.governed_by and not _governed(t, lex.classes[p.governed_by]))


def _has_particle(t: Token, particle: str) -> bool:
    for c in t.children:
        if c.i > t.i and c.lower_ == particle and sx.dep(c) in ("compound:prt", "advmod", "prt"):
            return True
        if c.i > t.i and (sx.case_word(c) or "").split(" ")[0] == particle:
            return True
    return False


def _prep_is(found: str | None, wanted: str) -> bool:
    return found is not None and (found == wanted or found.split(" ")[-1] == wanted)


def _governed(t: Token, words: frozenset[str]) -> bool:
    """A noun is governed by a word class when its verb ("*held* talks", "cooperation *grows*")
    or a participle modifying it ("*growing* ties") is in the class."""
    head = t.head
    if head != t and sx.dep(t) in ("obj", "nsubj", "nsubj:pass", "obl", "nmod", "xcomp",
                                       "conj", "appos") and set(sx.words(head)) & words:
        return True
    if (sx.dep(t) == "conj" and head != t and head.head != head
            and set(sx.words(head.head)) & words):
        return True
    return any(sx.dep(c) in ("amod", "acl") and set(sx.words(c)) & words for c in t.children)


def ranked_patterns(t: Token, lex: Lexicon) -> list[Pattern]:
    """Patterns whose static constraints hold at `t`, most specific first (file order on ties)."""
    pos = _pos(t)
    if pos is None or (pos == "noun" and sx.dep(t) == "compound"):
        return []
    found = [p for p in lex.patterns_for(pos, sx.words(t)) if _static_ok(t, p, lex)]
    order = {p.id: n for n, p in enumerate(lex.patterns)}
    return sorted(found, key=lambda p: (-p.specificity, order[p.id]))


def to_clauses(t: Token) -> list[Token]:
    """Infinitive clauses a parser hangs as adverbial ("ordered the envoy *to leave*")."""
    return [c for c in sx.kids(t, "advcl") if any(
        sx.dep(m) == "mark" and m.lower_ == "to" for m in c.children)]


def _negated_word(t: Token, lex: Lexicon) -> bool:
    """"*not* hesitate", "*never* hesitated": a negator on the word itself."""
    negators = lex.cues.negators
    return any(sx.dep(c) in ("advmod", "neg") and (c.lower_ in negators or sx.lemma(c) in negators)
               for c in t.children)


def _has_modal(c: Token, modals: list[str]) -> bool:
    return any(sx.dep(a) in ("aux", "aux:pass") and a.lower_ in modals for a in c.children)


def _gerund_objects(t: Token) -> list[Token]:
    """A gerund right after the verb that the parser made an adverbial clause: "denied
    *attacking* Thai positions", "denied *violating* the truce" (the denier is the gerund's
    subject). Only right after the verb with no comma: "..., *killing* five" is an adjunct."""
    return [c for c in sx.kids(t, "advcl") if c.tag_ == "VBG" and 0 < c.i - t.i <= 2
            and not sx.kids(c, "mark", "case", *sx.SUBJ)
            and all(t.doc[i].lower_ not in (",", ";", "—") for i in range(t.i + 1, c.i))]


def complements(t: Token, g: Governor, has_event: set[int]) -> list[Token]:
    """The words that may carry the event a governor governs, best first."""
    if g.requires_modal:
        return [c for c in sx.kids(t, "ccomp", "parataxis") if _has_modal(c, g.requires_modal)]
    out: list[Token] = []
    if g.clause == "infinitive":
        out += [c for c in sx.kids(t, "xcomp") if not sx.kids(c, *sx.SUBJ)] + to_clauses(t)
        out += [c for c in sx.kids(t, *sx.OBJ) if c.i in has_event]
        return out
    if g.pos == "noun":
        # "decision *to send*", "demand *that Israel ease* ...": not a relative clause
        out += [c for c in t.children if sx.dep(c) in ("acl", "acl:relcl", "ccomp") and c.i > t.i
                and sx.is_verbal(c) and (not sx.kids(c, *sx.SUBJ) or sx.case_word(c) == "that")]
    else:
        out += sx.kids(t, *GOV_CLAUSE_DEPS) + to_clauses(t) + _gerund_objects(t)
    if g.prep:
        out += [c for c in t.children if _prep_is(sx.case_word(c), g.prep)]
        return out
    out += [c for c in sx.kids(t, *sx.OBJ) if c.i in has_event]
    for prep in GOV_NOUN_PREPS:
        out += [c for c in sx.prep_objects(t, prep) if c.i in has_event]
    return out


def _frame(t: Token, lex: Lexicon, cands: dict[int, list[Pattern]], govs: dict[int, list[Governor]],
           depth: int = 0) -> Frame | None:
    if depth > MAX_DEPTH:
        return None
    has_event = set(cands) | set(govs)
    for g in govs.get(t.i, ()):
        for c in complements(t, g, has_event):
            inner = _frame(c, lex, cands, govs, depth + 1)
            if inner is not None:
                return Frame(t, inner.trigger, inner.patterns, [g, *inner.governors],
                             inner.tokens | {t.i})
    if cands.get(t.i):
        return Frame(t, t, cands[t.i], [], frozenset({t.i}))
    if depth > 0 and sx.lemma(t) in lex.cues.light_verbs:
        # "urged both sides *to show restraint*": the event noun under a light verb is what the
        # governor asks for, not an event of its own
        for o in sx.kids(t, *sx.OBJ):
            if cands.get(o.i):
                return Frame(t, o, cands[o.i], [], frozenset({t.i, o.i}))
    for g in govs.get(t.i, ()):
        if g.alone is None:
            continue
        if g.prep and not any(_prep_is(sx.case_word(c), g.prep) for c in t.children):
            continue  # "called the launch ...": no "on", no appeal
        if g.alone_needs_clause and not (sx.kids(t, *GOV_CLAUSE_DEPS) + to_clauses(t)):
            continue
        if g.requires_modal:  # "said X must ...": a demand even when the "..." is no event
            comps = complements(t, g, has_event)
            if comps:
                return Frame(t, t, [], [g], frozenset({t.i, *(c.i for c in comps)}))
            continue
        return Frame(t, t, [], [g], frozenset({t.i}))  # "pledged joint efforts"
    return None


def frames(sent: Iterable[Token], lex: Lexicon, skip: set[int]) -> list[Frame]:
    """Every frame of a sentence, outermost first, with complements folded in."""
    tokens = [t for t in sent if t.i not in skip and not _date_word(t)]
    cands = {t.i: ps for t in tokens if (ps := ranked_patterns(t, lex))}
    govs: dict[int, list[Governor]] = {}
    for t in tokens:
        pos = _pos(t)
        if pos is not None:
            found = [g for g in lex.governors_for(pos, sx.words(t))
                     if not g.requires_negation or _negated_word(t, lex)]
            if found:
                govs[t.i] = found
    built = [f for t in tokens if (f := _frame(t, lex, cands, govs)) is not None]
    built += [Frame(f.head, f.head, cands[f.head.i], [], frozenset({f.head.i})) for f in list(built)
              if f.governors and f.governors[0].keeps_own and f.head.i in cands
              and f.trigger != f.head]
    inner = {i for f in built for i in f.tokens if i != f.head.i}
    inner |= _object_nouns(built, lex)
    kept: dict[int, Frame] = {}
    for f in built:
        if f.head.i not in inner and f.trigger.i not in kept:
            kept[f.trigger.i] = f
    return sorted(kept.values(), key=lambda f: f.head.i)


MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august",
                    "september", "october", "november", "december"})


def _date_word(t: Token) -> bool:
    """A word of a date ("brokered in *March*") is no protest march, whatever its tag."""
    return t.ent_type_ == "DATE" or (t.lower_ in MONTHS and t.text[:1].isupper()
                                      and t.lower_ != "may")


TEMPORAL = frozenset({"after", "before", "following", "during", "amid", "since", "until", "ahead"})


def _object_nouns(built: list[Frame], lex: Lexicon) -> set[int]:
    """Event nouns that are an argument of a trigger verb ("*signed* the agreement", "*pledged*
    $5m in aid", "*cut* ties over the deliveries"): the verb's event says it all. A light verb
    that only carries its noun ("*held* talks") keeps it, and so do time clauses ("after the
    clashes")."""
    light = set(lex.cues.light_verbs)
    nouns = {f.trigger.i for f in built if f.patterns and f.patterns[0].pos == "noun"}
    out: set[int] = set()
    for f in built:
        t = f.trigger
        if not f.patterns or f.patterns[0].pos != "verb":
            continue
        if set(sx.words(t)) & light and not (f.patterns[0].object or f.patterns[0].prep):
            continue
        hosted = sx.is_passive(t) and not sx.agent(t)  # "were killed *in* the fighting"
        args = sx.objects(t) + sx.kids(t, "iobj") + [
            c for c in sx.kids(t, "obl") if (sx.case_word(c) or "") not in TEMPORAL
            and not (hosted and sx.case_word(c) in ("in", "during"))]
        args += [n for o in sx.objects(t) for n in sx.kids(o, "nmod")]
        out |= {c.i for a in args for c in sx.conjuncts(a) if c.i in nouns}
    return out
