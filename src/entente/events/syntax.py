"""Small questions asked of a UD dependency parse (spaCy tokens).

Labels are Universal Dependencies as the bundled parser produces them (nsubj, obj, obl,
nsubj:pass, obl:agent, conj, nmod, nmod:poss, xcomp, ccomp, advcl, acl, acl:relcl, compound,
amod, case, mark, aux, ...). Every helper tolerates a missing or partial parse: it answers
"nothing" rather than raising.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Token = Any  # spacy.tokens.Token (kept loose: tests build Docs by hand)

SUBJ = ("nsubj", "nsubj:outer", "csubj")
PASS_SUBJ = ("nsubj:pass", "csubj:pass")
AGENT = ("obl:agent",)
OBJ = ("obj", "dobj")
PREP_ARGS = ("obl", "nmod", "advcl", "obl:agent", "acl", "obl:npmod", "nmod:npmod", "xcomp",
             "obl:unmarked", "nmod:unmarked", "advmod")
CLAUSE_DEPS = ("xcomp", "ccomp", "advcl", "acl", "acl:relcl", "advcl:relcl", "csubj", "parataxis")
OBJECT_CONTROL = frozenset({
    "urge", "ask", "tell", "order", "force", "allow", "permit", "help", "invite", "encourage",
    "persuade", "press", "push", "request", "call", "instruct", "direct", "advise", "exhort",
    "implore", "beseech", "warn", "accuse", "blame", "compel", "enable", "require", "support",
    "stop", "prevent", "deter", "keep", "bar", "discourage", "dissuade",
})
# The marker of an adverbial clause whose subject is the controlling verb's object ("accused X
# *of* doing", "helped X *to* ...", "supported X *in* improving", "stopped X *from* doing").
CONTROL_MARKS = ("of", "to", "in", "from")
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})


def lemma(t: Token) -> str:
    """Lower-case lemma, falling back to the form when the pipeline has no lemmatiser."""
    return (t.lemma_ or t.text).lower()


def words(t: Token) -> tuple[str, ...]:
    """The lookup keys of a token: lemma, lower-case form, and rule-based base forms (a small
    statistical lemmatiser misses some: "condemned" → "condemne", "pledging" → "pledg")."""
    lem, low = lemma(t), t.lower_
    return tuple(w for w in dict.fromkeys([lem, low, *base_forms(low)]) if w)


def base_forms(w: str) -> list[str]:
    """Candidate base forms of an inflected English word (over-generating on purpose: they are
    only looked up in the lexicon)."""
    out: list[str] = []
    if len(w) < 4:
        return out
    if w.endswith("ied"):
        out.append(w[:-3] + "y")
    elif w.endswith("ed"):
        out += [w[:-2], w[:-1]]
        if len(w) > 5 and w[-3] == w[-4]:
            out.append(w[:-3])
    elif w.endswith("ing") and len(w) > 5:
        out += [w[:-3], w[:-3] + "e"]
        if w[-4] == w[-5]:
            out.append(w[:-4])
    elif w.endswith("ies"):
        out.append(w[:-3] + "y")
    elif w.endswith(("ches", "shes", "sses", "xes")):
        out.append(w[:-2])
    elif w.endswith("s") and not w.endswith("ss"):
        out.append(w[:-1])
    return out


def dep(t: Token) -> str:
    return t.dep_ or ""


def kids(t: Token, *deps: str) -> list[Token]:
    return [c for c in t.children if dep(c) in deps]


def kid_deps_start(t: Token, prefix: str) -> list[Token]:
    return [c for c in t.children if dep(c).split(":")[0] == prefix]


def is_verbal(t: Token) -> bool:
    return t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB")


def is_nominal(t: Token) -> bool:
    return t.pos_ in ("NOUN", "PROPN", "PRON", "NUM") or t.tag_.startswith(("NN", "PRP"))


def is_passive(t: Token) -> bool:
    """Passive voice, from the parse alone (a tagger's VBN is not enough: "Egypt sent ...")."""
    return bool(kids(t, *PASS_SUBJ, "aux:pass", *AGENT)) and not kids(t, "nsubj")


def case_word(t: Token) -> str | None:
    """The preposition (or subordinator) marking a nominal or clause: "to" for "to Kyiv",
    "out of" for "out of Kabul" (case + fixed), "by" for "by bolstering"."""
    words: list[str] = []
    for c in t.children:
        if dep(c) in ("case", "mark") and c.i < t.i:
            words += [c.lower_, *(f.lower_ for f in c.children if dep(f) == "fixed")]
    return " ".join(words) if words else None


def conjuncts(t: Token) -> list[Token]:
    """`t` and the nominals coordinated with it ("Erdoğan and Aliyev", "Turkey, Azerbaijan")."""
    out = [t]
    todo = [t]
    while todo:
        cur = todo.pop()
        for c in cur.children:
            if dep(c) == "conj" or (dep(c) == "appos" and c.pos_ == "PROPN" and t.pos_ == "PROPN"
                                     and _listed(cur, c)):
                out.append(c)
                todo.append(c)
    return sorted(out, key=lambda x: x.i)


def _listed(head: Token, other: Token) -> bool:
    """An appositive that is really a list member: "Turkey, Azerbaijan" (comma, then a name)."""
    between = head.doc[head.i + 1: other.i]
    return len(between) == 1 and between[0].text == ","


def prep_objects(t: Token, prep: str) -> list[Token]:
    """Nominals (or gerund clauses) attached to `t` by the preposition `prep` (an infinitive's
    "to" is no preposition: "extradited him to Venezuela *to stand* trial")."""
    out = []
    for c in t.children:
        if dep(c) in PREP_ARGS and _is_prep(case_word(c), prep) and not _infinitive(c):
            out.append(c)
    return out


PARTICLES = frozenset({"out", "away", "up", "back", "down", "off"})


def _is_prep(found: str | None, prep: str) -> bool:
    """ "of" is the preposition of "out of Kabul" (a particle before it), not of "instead of"."""
    if found is None:
        return False
    if found == prep:
        return True
    words = found.split(" ")
    return len(words) == 2 and words[0] in PARTICLES and words[1] == prep


def _infinitive(c: Token) -> bool:
    return any(dep(m) == "mark" and m.lower_ == "to" and (m.tag_ == "TO" or m.pos_ == "PART")
               for m in c.children if m.i < c.i)


def subject(t: Token) -> list[Token]:
    """The subject of a clause, climbing through control, coordination and relative clauses."""
    for _ in range(6):
        found = kids(t, *SUBJ)
        if len(found) > 1 and found[0].pos_ == "NOUN" and not kids(found[0], "conj"):
            # two subjects is a parser slip ("The West African bloc ECOWAS urged", "Days
            # earlier, Iran accused"): a common noun before a name is the name's description
            # or an adverbial; the subject next to the verb is the one ("Erdoğan and his
            # counterpart İlham Aliyev signed": a name first keeps its coordination)
            before = [s for s in found if s.i < t.i]
            found = [max(before, key=lambda s: s.i)] if before else found
        if found:
            return [*_headline_pair(t, found[0]), _unrelative(found[0])]
        d = dep(t)
        head = head_of(t)
        if head == t:
            return []
        if d in ("xcomp", "advcl") and lemma(head) in OBJECT_CONTROL and (
                d == "xcomp" or case_word(t) in CONTROL_MARKS):
            objs = kids(head, *OBJ) or kids(head, "iobj")
            return objs[:1] if objs else []
        if d in ("acl:relcl",) and not kids(t, *PASS_SUBJ):
            return [head]
        if d in ("xcomp", "conj", "advcl", "ccomp") or (d == "acl" and is_verbal(head)):
            if d == "ccomp":
                return []
            t = head
            continue
        if d == "acl" and t.tag_ == "VBG" and is_nominal(head):
            return [head]  # "Colonna, *visiting* Beirut", "a force *deploying* in Congo"
        if d == "acl" and t.tag_ in ("VB", "TO") and is_nominal(head):
            return []  # "decision to send": the noun's own source is used (see arguments)
        return []
    return []


def _headline_pair(verb: Token, subj: Token) -> list[Token]:
    """A parse of "Bahrain and Israel sign deal" that hangs the verb on "Bahrain" as a conjunct:
    the first name is a subject too."""
    head = verb.head
    if dep(verb) == "conj" and head != verb and head.i < subj.i and is_nominal(head):
        between = {w.lower_ for w in head.doc[head.i + 1: subj.i]}
        if between <= {"and", ","}:
            return [head]
    return []


def _unrelative(t: Token) -> Token:
    """A relative pronoun subject ("forces *that* attacked") stands for the noun it modifies."""
    if t.lower_ in RELATIVE_PRONOUNS and dep(t.head).startswith("acl"):
        return t.head.head
    return t


def objects(t: Token) -> list[Token]:
    """The direct object (the passive subject for a passive verb; the indirect object of a
    parser that labels "urged *Iran* to ..." so). A relative pronoun stands for the noun the
    clause modifies ("sanctions *which* Beijing vetoed")."""
    found = kids(t, *OBJ) or kids(t, *PASS_SUBJ) or kids(t, "iobj")
    return [_antecedent(o) for o in found]


def _antecedent(t: Token) -> Token:
    if t.lower_ in ("which", "that", "whom") and dep(t.head).startswith("acl") and t.head.head != t.head:
        return t.head.head
    return t


def agent(t: Token) -> list[Token]:
    """The agent of a passive verb ("signed *by* Greece") or of a noun ("attack by X")."""
    out = kids(t, *AGENT)
    out += [c for c in t.children if dep(c) in ("obl", "nmod") and case_word(c) == "by"]
    return out


def head_of(t: Token) -> Token:
    """The head of `t`, correcting one frequent parser slip: a "by"-gerund hung on the main verb
    when it belongs to the clause just before it ("told Iddon that Moscow would not respond ...
    *by bolstering* ties": it is *respond* that is done by bolstering)."""
    h = t.head
    if (h != t and dep(t) in ("advcl", "obl") and t.tag_ == "VBG"
            and case_word(t) == "by"):
        comps = [c for c in h.children if dep(c) == "ccomp" and c.i < t.i and is_verbal(c)]
        if comps:
            return comps[-1]
    return h


def ancestors(t: Token, limit: int = 12) -> Iterator[Token]:
    n = 0
    while t.head != t and n < limit:
        t = head_of(t)
        n += 1
        yield t


def clause_verb(t: Token) -> Token:
    """The verb a token belongs to (itself when it is one)."""
    if is_verbal(t):
        return t
    for a in ancestors(t):
        if is_verbal(a):
            return a
    return t


def span_text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    start = min(t.i for t in tokens)
    end = max(t.i for t in tokens) + 1
    return doc[start:end].text
