"""Who is speaking: the subject of a cue, as a span of tokens and then as a `Speaker`.

The subject is read off the surface first, because that is where a weak parser fails least:

    [NP] (adverbs, auxiliaries) CUE          "Prime Minister Elena Rossi said", "she also told"
    [NP] , [apposition] , CUE                "Kofi Mensah, a spokesman for the ministry, said"
    CUE [NP] (, [apposition])                "said Hassan Ali, the harbour master"
    [NP] CUE ... and CUE2                     "said ... and added that" (CUE2 shares the subject)

and the parser's `nsubj` only fills in when the surface finds nothing. When the noun phrase and
its apposition are one named and one described ("the navy commander, Admiral Peter Lindqvist"),
the named one is the speaker and the other gives the role.

A `Speaker` is then resolved within the article: a pronoun or short reference through coreference,
a surname through the person it abbreviates, and its profile (role, organisation) from
`profiles`.
"""

from __future__ import annotations

import msgspec

from entente.quotes import profiles
from entente.quotes.entities import Entity, EntityTable, clean_name
from entente.quotes.view import DocView, base_dep, is_break
from entente.records import Mention, Speaker

AUX_LEMMAS = frozenset({"have", "be", "do", "will", "would", "can", "could", "may", "might",
                        "shall", "should", "must", "also", "later", "then", "again", "once"})
WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
LINKS = frozenset({"of", "for", "at", "from", "with", "in", "and", "&"})
STOP_AFTER = frozenset({"who", "which", "that", "whose", "when", "where"})
TIME_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                        "sunday", "today", "yesterday", "tonight", "week", "month", "year",
                        "morning", "evening", "afternoon", "night"})


class Subject(msgspec.Struct, frozen=True, kw_only=True):
    """A speaker as written: its span, the apposition next to it, and its head token."""

    start: int
    end: int
    head: int
    appos: tuple[int, int] | None = None
    role_span: tuple[int, int] | None = None  # the described half of a named/described pair


# -- finding the span ------------------------------------------------------------------------


def _np_ok(view: DocView, i: int, right: int | None) -> bool:
    """Can token i extend a noun phrase leftwards (towards `right`)?"""
    doc = view.doc
    t = doc[i]
    if view.is_mark(t) or t.text == "," or t.tag_ in WH_TAGS:
        return False
    if t.text[:1].isupper() and right is not None and doc[right].text[:1].isupper() and i > 0 \
            and doc[i - 1].text[:1].isupper() and not t.is_punct:
        return True  # a joining word inside a name: Doctors Without Borders
    if t.lower_ in LINKS:
        return right is not None and view.is_np(view.doc[right]) and i > 0 and \
            view.is_noun(view.doc[i - 1])
    if view.is_verb(t) and t.tag_ not in ("VBN", "VBG"):
        return False
    return view.is_np(t) or t.tag_ in ("POS", "HYPH") or t.lower_ in ("'s", "’s", "’", "'")


def np_left(view: DocView, end: int, lo: int) -> tuple[int, int] | None:
    """The noun phrase ending just before token `end` (exclusive), not reaching before `lo`."""
    doc, a = view.doc, end
    if end - 1 >= lo and doc[end - 1].tag_ == "PRP":
        return end - 1, end  # "told Wikinews he believed": "he", not "Wikinews he"
    while a - 1 >= lo and _np_ok(view, a - 1, a if a < end else None):
        a -= 1
        if doc[a].tag_ in ("DT", "PDT", "PRP$") and not (a - 1 >= lo and doc[a - 1].lower_ in LINKS):
            break
    while a < end and (doc[a].lower_ in LINKS or doc[a].is_punct or doc[a].lower_ in TIME_WORDS
                       or doc[a].ent_type_ in ("DATE", "TIME")):
        a += 1
    if a >= end or not any(view.is_noun(doc[k]) for k in range(a, end)):
        return None
    return a, end


def np_right(view: DocView, start: int, hi: int) -> tuple[int, int] | None:
    """The noun phrase starting at token `start`: stops at a comma, a relative pronoun, a verb,
    a quotation mark or a time or venue adjunct ("said the minister in a statement")."""
    doc, b = view.doc, start
    while b < hi:
        t = doc[b]
        if view.is_mark(t) and b + 1 < hi and view.is_np(doc[b + 1]):
            b += 1  # quotation marks inside a phrase: the “reforms”
            continue
        if t.text == "," or view.is_mark(t) or t.lower_ in STOP_AFTER or is_break(t):
            break
        if (b > start and t.tag_ in ("DT", "PRP", "PRP$") and view.is_noun(doc[b - 1])) or \
                t.tag_ in WH_TAGS:
            break  # a new phrase starts: "told the press the officers ...", "told him we ..."
        if view.is_verb(t) and t.tag_ not in ("VBN",) and b > start:
            break
        if t.lower_ in LINKS and not _link_continues(view, b, hi):
            break
        if not (view.is_np(t) or t.lower_ in LINKS or t.tag_ in ("POS", "HYPH")):
            break
        b += 1
    while b > start and (doc[b - 1].lower_ in LINKS or doc[b - 1].is_punct):
        b -= 1
    if b <= start or not any(view.is_noun(doc[k]) for k in range(start, b)):
        return None
    return start, b


def _link_continues(view: DocView, i: int, hi: int) -> bool:
    """A preposition stays inside a speaker's phrase unless it opens a time or venue adjunct."""
    doc = view.doc
    for k in range(i + 1, min(hi, i + 4)):
        t = doc[k]
        if t.lower_ in TIME_WORDS or t.ent_type_ in ("DATE", "TIME") or \
                t.lemma_.lower() in view.lex.venue_nouns or t.lower_ in view.lex.venue_nouns:
            return False
        if view.is_noun(t):
            return True
    return False


def head_of(view: DocView, start: int, end: int) -> int:
    """The head noun of a phrase: its last noun before any linking preposition."""
    doc, head = view.doc, start
    for k in range(start, end):
        if doc[k].lower_ in LINKS and k > start:
            break
        if view.is_noun(doc[k]) or view.is_name(doc[k]):
            head = k
    return head


def subject_before(view: DocView, cue: int, lo: int) -> Subject | None:
    """The subject written before a cue (see the module docstring), or None."""
    doc, j = view.doc, cue - 1
    while j >= lo and (doc[j].tag_.startswith("RB") or (doc[j].lemma_.lower() in AUX_LEMMAS
                       and doc[j].tag_ in ("MD", "VBD", "VBZ", "VBP", "VB", "VBN", "RB"))):
        j -= 1
    if j < lo:
        return None
    if doc[j].text == ",":
        return _subject_with_parenthetical(view, j, lo)
    if doc[j].lower_ in ("who", "which", "that") and j - 1 >= lo:
        k = j - 1 if doc[j - 1].text != "," else j - 2  # "X, who told ...": X
        span = np_left(view, k + 1, lo) if k >= lo else None
        return Subject(start=span[0], end=span[1], head=head_of(view, *span)) if span else None
    span = np_left(view, j + 1, lo)
    if span is None:
        return None
    return Subject(start=span[0], end=span[1], head=head_of(view, *span))


def _subject_with_parenthetical(view: DocView, comma: int, lo: int) -> Subject | None:
    """"X, <apposition or aside>, CUE": the subject is X; an apposition also names or describes."""
    doc, p = view.doc, comma - 1
    while p > lo and doc[p].text != ",":
        p -= 1
    if p <= lo or doc[p].text != ",":
        return None
    main = np_left(view, p, lo)
    if main is None:
        return None
    inner = (p + 1, comma)
    is_appos = all(_np_ok(view, k, None) or doc[k].lower_ in LINKS for k in range(*inner))
    return pick_named(view, main, inner if is_appos else None)


def subject_after(view: DocView, cue: int, hi: int) -> Subject | None:
    """The subject written after a cue ("said Kofi Mensah, a spokesman for ..."), or None."""
    doc = view.doc
    span = np_right(view, cue + 1, hi)
    if span is None:
        return None
    appos = None
    if span[1] < hi and doc[span[1]].text == ",":
        inner = np_right(view, span[1] + 1, hi)
        appos = inner
    return pick_named(view, span, appos)


def pick_named(view: DocView, main: tuple[int, int], appos: tuple[int, int] | None) -> Subject:
    """Of a phrase and its apposition, the one that names someone is the speaker."""
    def named(span: tuple[int, int]) -> bool:
        return any(view.is_name(view.doc[k]) and profiles.role_in(view, k, k + 1) is None
                   for k in range(*span))

    if appos is not None and not named(main) and named(appos):
        return Subject(start=appos[0], end=appos[1], head=head_of(view, *appos), role_span=main)
    return Subject(start=main[0], end=main[1], head=head_of(view, *main), appos=appos,
                   role_span=appos)


def subject_of_cue(view: DocView, v: int, lo: int,
                   earlier: list[Subject | None] | None = None) -> Subject | None:
    """The subject of a reporting verb, wherever it is written before the verb.

    A verb joined by "and"/"but" ("said ... and added") or a participle after a comma ("said ...,
    adding") shares the subject of the nearest reporting verb before it in the clause
    (`earlier`: the subjects of quotes already found there, latest last), else of the clause's
    first verb that has one."""
    doc, j = view.doc, v - 1
    while j >= lo and doc[j].tag_.startswith("RB"):
        j -= 1
    participle = doc[v].tag_ == "VBG" and j >= lo and doc[j].text == ","
    if not (j >= lo and (doc[j].lower_ in ("and", "but") or participle)):
        return subject_before(view, v, lo) or subject_from_parse(view, v)
    for subject in reversed(earlier or []):
        if subject is not None:
            return subject
    verbs = [k for k in range(lo, j) if view.cue(doc[k]) is not None or view.is_finite(doc[k])]
    cues = [k for k in verbs if view.cue(doc[k]) is not None]
    for k in ([cues[-1]] if participle and cues else []) + verbs:
        found = subject_before(view, k, lo)
        if found is not None:
            return found
    return subject_from_parse(view, v)


def subject_from_parse(view: DocView, cue: int) -> Subject | None:
    """The parser's subject of the cue (or of the verb it is conjoined to)."""
    tok = view.doc[cue]
    for _ in range(3):
        for child in tok.children:
            if child.dep_ == "nsubj" or (base_dep(child) == "nsubj" and child.dep_ != "nsubj:pass"):
                start = min(child.left_edge.i, child.i)
                return Subject(start=start, end=child.i + 1, head=child.i)
        if base_dep(tok) not in ("conj", "xcomp") or tok.head is tok:
            return None
        tok = tok.head
    return None


# -- resolving ------------------------------------------------------------------------------


class Resolved(msgspec.Struct, frozen=True, kw_only=True):
    speaker: Speaker
    mention: Mention | None
    entity: Entity | None


def resolve(view: DocView, table: EntityTable, subject: Subject) -> Resolved:
    """The `Speaker` for a subject span, resolved within the article."""
    text = view.text_of(subject.start, subject.end)
    mention, entity = find_entity(view, table, subject)
    role = org = None
    if entity is not None:
        profiles.describe(view, table, entity)
        if subject.role_span is not None and entity.is_person and not entity.role:
            entity.role, org0 = profiles.profile_of_np(view, table, *subject.role_span)
            entity.org = entity.org or org0
        role, org = entity.role, entity.org
        name = entity.name
    else:
        role = org = None
        if subject.role_span is not None:
            role, org = profiles.profile_of_np(view, table, *subject.role_span)
        if role is None:
            role, org = profiles.profile_of_np(view, table, subject.start, subject.end)
        name = None
    return Resolved(speaker=Speaker(text=text, name=name, role=role, org=org), mention=mention,
                    entity=entity)


def find_entity(view: DocView, table: EntityTable, subject: Subject) -> tuple[Mention | None, Entity | None]:
    """The mention and entity a subject stands for (coreference and surnames included)."""
    doc = view.doc
    head = subject.head
    if doc[head].lower_ in view.lex.pronouns or doc[subject.start].lower_ == "the" or \
            doc[subject.start].lower_ == "both":
        for m in table.at(head) + table.at(subject.start):
            if m.kind in ("pronoun", "nominal"):
                return m, table.entity(m)
    if view.is_name(doc[head]) or doc[head].text[:1].isupper():
        words = clean_name(view.text_of(subject.start, subject.end), view.lex).split()
        person = table.person_named(words, before=subject.start)
        if person is not None:
            return _mention_in(table, person, subject), person
    found = table.at(head)
    if not found:
        return None, None  # "Merkel's spokesperson" is not Merkel
    best = max(found, key=lambda m: (m.type == "person", m.end - m.start))
    return best, table.entity(best)


def _mention_in(table: EntityTable, e: Entity, subject: Subject) -> Mention | None:
    for m in e.mentions:
        if subject.start <= m.start < subject.end or m.start <= subject.head < m.end:
            return m
    return None
