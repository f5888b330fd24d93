"""Citation chains: whom the speaker relies on ("X said, citing Y").

Sources are read from a quote's frame, nearest first:

    X said, citing Emily Hawthorne, Stratfor's analyst        -> person, with her profile
    X said, citing a Jamestown Foundation article published in June
                                                              -> publication "Jamestown Foundation",
                                                                 date 2021-06 (published 2021-08-10)
    citing a Reuters report that quoted two Western diplomats -> Reuters (publication), then
                                                                 two Western diplomats (person)
    citing an article by Mariam Tsereteli in Foreign Policy   -> publication "Mariam Tsereteli",
                                                                 org Foreign Policy
    According to Y, X said, C                                 -> Y as a source of X's quote

The name of a publication is its author or publisher: a proper-noun modifier ("a UNICEF survey"),
an organisation-like modifier ("a central bank forecast"), or "by/from/of Y"; with none of these
the phrase itself ("intelligence reports", "a draft statement"). `kind` is person, organisation or
publication; an outlet cited by name ("citing Reuters") is a publication.
"""

from __future__ import annotations

from datetime import date

from entente.quotes import dates, profiles, speakers
from entente.quotes.entities import EntityTable, clean_name
from entente.quotes.view import DocView
from entente.records import Cited

AUTHOR_PREPS = frozenset({"by", "from", "of"})
MAX_CHAIN = 4


def citing_starts(view: DocView, lo: int, hi: int, skip: tuple[int, int]) -> list[int]:
    """Tokens just after each "citing"/"quoting" in [lo, hi), outside the content `skip`."""
    doc, out = view.doc, []
    for j in range(lo, hi):
        if skip[0] <= j < skip[1]:
            continue
        if view.is_citing(doc[j]):
            out.append(j + 1)
    return out


def chain(view: DocView, table: EntityTable, start: int, hi: int,
          published: date | None) -> list[Cited]:
    """The sources named from token `start` on: the cited phrase, then any source it relays."""
    out: list[Cited] = []
    for _ in range(MAX_CHAIN):
        np = speakers.np_right(view, start, hi)
        if np is None:
            break
        cited, nxt = _one(view, table, np, hi, published)
        if cited is not None:
            out.append(cited)
        if nxt is None:
            break
        start = nxt
    return out


def source(view: DocView, table: EntityTable, np: tuple[int, int], hi: int,
           published: date | None) -> tuple[Cited | None, tuple[int, int] | None]:
    """One source phrase as a `Cited`, and the span that names its author (for a speaker)."""
    cited, _ = _one(view, table, np, hi, published)
    if cited is None or cited.kind != "publication" or not _is_publication(view, np):
        return cited, None
    return cited, _author_span(view, np, hi)


def _is_publication(view: DocView, np: tuple[int, int]) -> bool:
    head = view.doc[speakers.head_of(view, *np)]
    return head.lemma_.lower() in view.lex.publication_nouns or \
        head.lower_.rstrip("s") in view.lex.publication_nouns


def _one(view: DocView, table: EntityTable, np: tuple[int, int], hi: int,
         published: date | None) -> tuple[Cited | None, int | None]:
    head = speakers.head_of(view, *np)
    after = _after_np(view, np, hi)
    if _is_publication(view, np):
        return _publication(view, np, head, after, hi, published)
    kind, name, role, org = _who(view, table, np)
    return Cited(name=name, role=role, org=org, kind=kind), None


def _publication(view: DocView, np: tuple[int, int], head: int, after: int, hi: int,
                 published: date | None) -> tuple[Cited, int | None]:
    doc = view.doc
    author = _author_span(view, np, hi)
    name = profiles.org_name(view, *author) if author else None
    name = name or view.text_of(*_drop_det(view, np[0], np[1]))
    org, when, relay = None, None, None
    k = after
    while k < hi:
        t = doc[k]
        if t.lower_ == "in" and k + 1 < hi and doc[k + 1].text[:1].isupper() and \
                doc[k + 1].ent_type_ not in ("DATE",) and org is None and author is not None:
            end = profiles.org_span(view, k + 1, hi)
            org, k = profiles.org_name(view, k + 1, end), end
            continue
        if t.lemma_.lower() in view.lex.published_verbs or t.lower_ in ("from", "dated"):
            when = dates.find(view, k + 1, min(hi, k + 6), published) or when
        if t.lower_ in ("that", "which") and k + 1 < hi and \
                (doc[k + 1].lemma_.lower() in view.lex.relay or doc[k + 1].lower_ in ("quoted", "cited")):
            relay = k + 2
            break
        if t.text == "," and k + 1 < hi and doc[k + 1].lower_ not in ("published", "issued"):
            break
        k += 1
    return Cited(name=name, kind="publication", org=org, date=when), relay


def _author_span(view: DocView, np: tuple[int, int], hi: int) -> tuple[int, int] | None:
    """The words that name a publication's author: modifiers before its head, or by/from/of Y."""
    doc = view.doc
    head = speakers.head_of(view, *np)
    start, _ = _drop_det(view, np[0], head)
    mods = [k for k in range(start, head) if doc[k].lower_ not in view.lex.publication_modifiers]
    if mods:
        s, e = mods[0], mods[-1] + 1
        if any(view.is_name(doc[k]) or doc[k].text[:1].isupper() for k in range(s, e)) or \
                doc[e - 1].lower_ in view.lex.org_nouns:
            return s, e
    for k in range(head + 1, min(hi, head + 8)):
        t = doc[k]
        if t.text == "," or view.is_finite(t) or t.lower_ in ("that", "which"):
            break
        if t.lower_ in AUTHOR_PREPS and k + 1 < hi and (k == head + 1 or t.lower_ == "by"):
            end = profiles.org_span(view, k + 1, hi)
            if end > k + 1:
                return k + 1, end
    return None


def _after_np(view: DocView, np: tuple[int, int], hi: int) -> int:
    return np[1]


def _who(view: DocView, table: EntityTable, np: tuple[int, int]) -> tuple[str, str, str | None, str | None]:
    """Kind, name, role and organisation of a cited person or organisation."""
    doc = view.doc
    subject = speakers.Subject(start=np[0], end=np[1], head=speakers.head_of(view, *np))
    _mention, entity = speakers.find_entity(view, table, subject)
    text = view.text_of(*_drop_det(view, *np))
    head = doc[subject.head]
    if entity is not None and entity.is_person:
        profiles.describe(view, table, entity)
        return "person", entity.name or clean_name(text, view.lex), entity.role, entity.org
    if entity is not None and entity.type == "media":
        return "publication", entity.name or text, None, None
    if head.lower_ in view.lex.person_nouns or head.lemma_.lower() in view.lex.person_nouns:
        role, org = profiles.profile_of_np(view, table, *np)
        return "person", text, role, org
    if entity is not None:
        return "organisation", entity.name or text, None, None
    if doc[np[0]].text.casefold() in view.lex.first_names:
        return "person", clean_name(text, view.lex), None, None
    return "organisation", clean_name(text, view.lex), None, None


def _drop_det(view: DocView, start: int, end: int) -> tuple[int, int]:
    doc = view.doc
    while start < end - 1 and doc[start].lower_ in ("a", "an", "the"):
        start += 1
    return start, end
