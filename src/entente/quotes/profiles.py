"""Speaker profiles: who a person is in this article (role and organisation).

Newswire introduces a source once and then uses the surname or a pronoun, so the profile is built
from every mention of the entity and reused for every later quote:

* a title before the name: "analyst Paul Iddon", "UN Secretary-General Antonio Ferreira",
  "Northbridge Analytics' chief economist Peter Lindqvist";
* an apposition after it: "Emily Hawthorne, Stratfor's senior analyst at RANE",
  "Kofi Mensah, a spokesman for the interior ministry";
* an apposition before it: "the navy commander, Admiral Peter Lindqvist";
* "X of/at Y": "Yuki Tanaka of the Pacific Forum";
* an outlet in the frame: "wrote for Forbes Magazine" (see `note_outlet`).

The role is the longest role phrase from `data/roles.yaml`; the organisation is the possessor of
the role ("Stratfor's"), else the object of at/of/for/with after it. Country names are not
organisations ("Kenya's President" has no org).
"""

from __future__ import annotations

from entente.quotes.entities import Entity, EntityTable
from entente.quotes.view import CLAUSE_END, DocView

ORG_PREPS = ("at", "of", "for", "with")
NOT_ORG_TYPES = frozenset({"country", "place", "sector", "person"})


def describe(view: DocView, table: EntityTable, e: Entity) -> None:
    """Fill `e.role` and `e.org` from the context of its name mentions (first found wins)."""
    if not e.is_person:
        return
    for m in sorted(e.mentions, key=lambda m: m.start):
        if m.kind not in ("name", "title"):
            continue
        name_start = _name_start(view, table, m.start, m.end)
        title_start, title = _title_before(view, table, name_start)
        for found in (_apposition_after(view, table, m.end),
                      _apposition_before(view, table, title_start),
                      title,
                      _of_org(view, table, m.end)):
            role, org = found
            e.role = e.role or role
            e.org = e.org or org
        if e.role and e.org:
            return


def role_in(view: DocView, start: int, end: int) -> tuple[int, int, str] | None:
    """The longest role phrase inside tokens [start, end): (start, end, lower-case role).

    Matching is on the words, so a tokenised hyphen still matches ("Secretary - General")."""
    doc, best = view.doc, None
    for i in range(start, end):
        words: list[str] = []
        for k in range(i, min(end, i + 8)):
            t = doc[k]
            if t.text == "-" and words:
                words[-1] += "-"
                continue
            if words and words[-1].endswith("-"):
                words[-1] += t.lower_
            else:
                words.append(t.lower_)
            role = view.lex.role_set.get(tuple(words))
            if role and (best is None or k + 1 - i >= best[1] - best[0]):
                best = (i, k + 1, role)  # the longest; of equals, the last (the phrase's head)
    return best


def profile_of_np(view: DocView, table: EntityTable, start: int, end: int) -> tuple[str | None, str | None]:
    """Role and organisation described by a noun phrase ("Stratfor's senior analyst at RANE")."""
    found = role_in(view, start, end)
    if found is None:
        return None, None
    r_start, r_end, role = found
    org = _possessor(view, table, start, r_start) or _org_after(view, table, r_end, end)
    return role, org


def org_name(view: DocView, start: int, end: int) -> str | None:
    """An organisation's name from tokens [start, end): no article, no outlet suffix
    ("the Forbes Magazine" -> "Forbes")."""
    doc = view.doc
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"):
        end -= 1
    words = [t.text for t in doc[start:end]]
    for suffix in view.lex.outlet_suffixes:
        n = len(suffix)
        if len(words) > n and tuple(w.lower() for w in words[-n:]) == suffix:
            words = words[:-n]
            break
    return " ".join(words) or None


def org_span(view: DocView, start: int, hi: int) -> int:
    """End of an organisation's name starting at `start`: capitalised words and common nouns,
    joined by of/and when a capitalised word follows ("American University of Beirut")."""
    doc, i = view.doc, start
    while i < hi:
        t = doc[i]
        if t.lower_ in ("the", "a", "an") and i == start:
            i += 1
            continue
        if t.lower_ in ("of", "and", "&") and i + 1 < hi and doc[i + 1].text[:1].isupper() and i > start:
            i += 1
            continue
        if t.is_punct and t.text not in ("-", "&", "."):
            break
        if not (view.is_noun(t) or t.tag_ in ("JJ", "NNP", "NNPS", "HYPH", "CD")) or \
                view.is_verb(t) or t.ent_type_ in ("DATE", "TIME"):
            break
        i += 1
    return i


def note_outlet(view: DocView, e: Entity, verb: int, lo: int, hi: int) -> None:
    """Record "wrote for Forbes Magazine" as the speaker's organisation."""
    if e.org or (view.doc[verb].lemma_.lower() not in view.lex.affiliation_verbs and \
            view.doc[verb].lower_ not in ("wrote", "writes", "writing", "reported")):
        return
    doc = view.doc
    for i in range(verb + 1, min(hi, verb + 6)):
        if doc[i].lower_ == "for" and i + 1 < hi:
            end = org_span(view, i + 1, hi)
            e.org = org_name(view, i + 1, end)
            return
        if doc[i].text in CLAUSE_END or doc[i].text == ",":
            return


# -- the four layouts ------------------------------------------------------------------------


def _name_start(view: DocView, table: EntityTable, start: int, end: int) -> int:
    """First token of the name proper inside a mention that may include its title: the
    trailing run of capitalised words that are not titles ("bank governor Julia Weber")."""
    doc, i = view.doc, end
    while i - 1 > start and doc[i - 1].text[:1].isupper() and \
            role_in(view, i - 1, i) is None and doc[i - 1].text not in view.lex.honorifics:
        i -= 1
    if i - 1 == start and doc[start].text[:1].isupper() and role_in(view, start, start + 1) is None \
            and doc[start].text not in view.lex.honorifics and doc[start].tag_ != "DT":
        i = start
    return i


def _title_before(view: DocView, table: EntityTable,
                  name_start: int) -> tuple[int, tuple[str | None, str | None]]:
    """The title right before a name, and where the title (with its possessor) starts."""
    lo = max(view.clause_start(name_start), name_start - 8)
    best = None
    for s in range(name_start - 1, lo - 1, -1):
        found = role_in(view, s, name_start)
        if found is not None and found[1] == name_start:
            best = found
    if best is None:
        return name_start, (None, None)
    org = _possessor(view, table, lo, best[0]) or _acronym_before(view, table, lo, best[0])
    start = best[0]
    while start > lo and not (view.doc[start - 1].text == "," or view.is_verb(view.doc[start - 1])):
        start -= 1
    return start, (best[2], org)


def _apposition_after(view: DocView, table: EntityTable, end: int) -> tuple[str | None, str | None]:
    doc = view.doc
    if end >= len(doc) or doc[end].text != ",":
        return None, None
    hi = view.clause_end(end)
    stop = end + 1
    while stop < hi and doc[stop].text != "," and doc[stop].lower_ not in ("who", "which") and \
            not (view.is_verb(doc[stop]) and view.cue(doc[stop]) is not None):
        stop += 1
    return profile_of_np(view, table, end + 1, stop)


def _apposition_before(view: DocView, table: EntityTable, start: int) -> tuple[str | None, str | None]:
    doc = view.doc
    if start < 2 or doc[start - 1].text != ",":
        return None, None
    lo = view.clause_start(start - 1)
    s = start - 2
    while s > lo and doc[s - 1].text != "," and not view.is_verb(doc[s - 1]):
        s -= 1
    return profile_of_np(view, table, s, start - 1)


def _of_org(view: DocView, table: EntityTable, end: int) -> tuple[str | None, str | None]:
    doc = view.doc
    if end + 1 >= len(doc) or doc[end].lower_ not in ("of", "at"):
        return None, None
    stop = org_span(view, end + 1, view.clause_end(end))
    if stop <= end + 1 or not any(doc[k].text[:1].isupper() for k in range(end + 1, stop)):
        return None, None
    return None, _org_if_not_country(view, table, end + 1, stop)


def _possessor(view: DocView, table: EntityTable, lo: int, role_start: int) -> str | None:
    """The possessor right before a role: "Stratfor's", "Northbridge Analytics'"."""
    doc = view.doc
    j = role_start - 1
    while j >= lo and doc[j].tag_ in ("JJ", "NNP", "NN") and doc[j].tag_ != "POS" and \
            not doc[j].text.endswith(("'s", "’s")) and doc[j].lower_ not in ("'", "’"):
        j -= 1  # skip modifiers of the role: "Senior Middle East and North Africa"
        if j >= lo and doc[j].lower_ == "and":
            j -= 1
    if j < lo or not (doc[j].tag_ == "POS" or doc[j].lower_ in ("'s", "’s", "'", "’")):
        return None
    end, start = j, j
    while start - 1 >= lo and (view.is_name(doc[start - 1]) or doc[start - 1].lower_ in ("of", "and")):
        start -= 1
    return _org_if_not_country(view, table, start, end) if start < end else None


def _acronym_before(view: DocView, table: EntityTable, lo: int, role_start: int) -> str | None:
    """An organisation named right before a title: "UN Secretary-General"."""
    doc = view.doc
    j = role_start - 1
    if j < lo or not view.is_name(doc[j]) or doc[j].ent_type_ == "NORP":
        return None
    start = j
    while start - 1 >= lo and view.is_name(doc[start - 1]):
        start -= 1
    return _org_if_not_country(view, table, start, j + 1)


def _org_after(view: DocView, table: EntityTable, r_end: int, end: int) -> str | None:
    doc = view.doc
    if r_end < end and doc[r_end].lower_ in ORG_PREPS:
        stop = org_span(view, r_end + 1, end)
        if stop > r_end + 1:
            return _org_if_not_country(view, table, r_end + 1, stop)
    return None


def _org_if_not_country(view: DocView, table: EntityTable, start: int, end: int) -> str | None:
    for i in range(start, end):
        for m in table.at(i):
            if m.type in NOT_ORG_TYPES and m.start <= start and m.end >= end - 1:
                return None
            if m.type in ("igo", "org", "media", "group") and m.start <= start and m.end >= end:
                return m.actor.org or org_name(view, start, end)  # the resolver knows it
        if view.doc[i].ent_type_ in ("GPE", "NORP", "DATE") and end - start == 1:
            return None
    return org_name(view, start, end)
