"""Sector nouns in context: "the junta", "soldiers", "riot police", "the opposition", "rebels"
written without a country take the country the text is about.

    Warsaw has deployed 15,000 *soldiers* to the frontier.        POL MIL (the paragraph's country)
    *Riot police* used pepper spray and detained 20 people.        GEO COP (the article's country)
    The *junta* revoked military cooperation agreements with Paris.   NER GOV (the article's)

Only the sectors listed in `context_sectors` (sectors.yaml) take part: state bodies, the opposition
and armed groups; the nouns of `context_exclude` (weapons, local officials, diplomats) never do. Civilians, refugees and migrants are left to the event's location (the event
coder's rule), and experts, media, companies and NGOs have no country of their own.

The country is, in this order:

1. the owner's: the noun is the object of a verb of owning or commanding (`context_owner_verbs`:
   "Warsaw *deployed* soldiers", "France, which *has* 1,500 troops", "Vucic *put* the army on
   alert") whose subject names a country (needs the parser);
2. for a state's own body (government, army, police, courts, parliament, intelligence), the
   paragraph's: every other actor mention of the paragraph (countries, capitals, demonyms, office
   holders, groups; not places, which say where, not who) names one and the same country, no
   international organisation, and no place of the noun's sentence lies in another country;
3. the article's: one country has at least `DOMINANT_SHARE` of the article's actor mentions (the
   headline counts twice), at least `DOMINANT_RATIO` times as many as the next actor, and at
   least `DOMINANT_MIN` (a sentence or two is no article).

Otherwise the noun keeps no country. A noun after a possessive ("his government", "its troops")
is left to coreference, which gives the owner's country, and so is one that says it is someone
else's (`context_foreign`: "foreign troops", "a regional force").

A person the knowledge base does not know, introduced by a state title alone ("Government
spokesman Patrick Muyaya"), takes the country the same way (the paragraph's or the article's).

A noun given its country this way keeps `kind == "nominal"`, `type == "sector"`, `key` and `entity`
None (a person: `key` None): that combination with a country marks an inferred country, less
certain than a named one, for the event coder's confidence.
"""

from __future__ import annotations

from typing import Any

import msgspec

from entente.records import Mention

DOMINANT_SHARE = 0.4
DOMINANT_RATIO = 2.0
HEADLINE_WEIGHT = 2.0
DOMINANT_MIN = 4.0
# The paragraph's actor is a state's own body; rebels and the opposition near a state are as
# often its enemies from elsewhere, so they take only the article's country (or an owner's).
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
_POSSESSIVES = {"his", "her", "its", "their", "our", "my", "your", "whose"}
_STATE_KINDS = {"name", "demonym", "metonymy", "title", "place"}


def in_context(kb: Any, doc: Any, mentions: list[Mention]) -> list[Mention]:
    """The mentions, with a country for the sector nouns that have none (see the docstring)."""
    todo = [n for n, m in enumerate(mentions) if _wants_country(kb, doc, m)]
    if not todo:
        return mentions
    para = _paragraphs(doc)
    actors = [(para[m.start], key, m.kind) for m in mentions if (key := _actor_key(m))]
    dominant = _dominant([(p, k) for p, k, _ in actors])
    out = list(mentions)
    for n in todo:
        m = mentions[n]
        owner = _owner(doc, m, mentions) if m.type == "sector" else None
        found = owner if owner is not None and _owns(kb, doc, m) else None
        if found is None and m.actor.role in _STATE_SECTORS:
            found = _paragraph_country(doc, m, mentions, actors, para)
        if found is None:
            found = dominant
        if found is not None:
            out[n] = _placed(m, found)
    return out


def _paragraph_country(doc: Any, m: Mention, mentions: list[Mention],
                       actors: list[tuple[int, str, str]], para: list[int]) -> str | None:
    """The one actor of the noun's paragraph, unless its sentence happens somewhere else
    ("Gunmen kidnapped two Chinese engineers in southern Pakistan": not China's)."""
    here = {k for p, k, kind in actors if p == para[m.start] and kind != "place"}
    if len(here) != 1:
        return None
    found = here.pop()
    places = [x for x in mentions if x.kind == "place" and x.actor.country not in (None, found)
              and para[x.start] == para[m.start]]
    if places:  # only then find the sentence (costly)
        sent = doc[m.start].sent
        if any(sent.start <= x.start < sent.end for x in places):
            return None
    return found


def _placed(m: Mention, found: str) -> Mention:
    """The mention with the country (or organisation: "NATO will deploy soldiers") found."""
    role = m.actor.role or ""
    if found.startswith("org:"):
        org = found[4:]
        actor = msgspec.structs.replace(m.actor, org=org, code=f"IGO{org}{role}")
    else:
        actor = msgspec.structs.replace(m.actor, country=found, code=found + role)
    return msgspec.structs.replace(m, actor=actor)


def _wants_country(kb: Any, doc: Any, m: Mention) -> bool:
    a = m.actor
    if a.country or a.org:
        return False
    if not (m.kind == "nominal" and m.type == "sector") and not (
            m.type == "person" and m.key is None and m.kind == "title"):
        return False  # a sector noun, or a titled person the knowledge base does not know
    if a.role not in kb.context_sectors or doc[m.start:m.end].text.lower() in kb.context_exclude:
        return False
    before = {t.lower_ for t in doc[max(0, m.start - 2):m.start]}
    if before & _POSSESSIVES or before & kb.context_foreign:
        return False
    return not _apposed(doc, m)


def _apposed(doc: Any, m: Mention) -> bool:
    """"the National Liberation Army (ELN), *the country's largest guerrilla group*,": a noun in
    apposition names the actor before it, not a new one of the country in focus."""
    if doc[m.end - 1].dep_ == "appos":
        return True
    j = m.start - 1  # back over lower-case words and a possessive: ", the country's largest"
    while j >= 0 and m.start - j <= 6 and (doc[j].is_lower or doc[j].text in ("'s", "’s")):
        j -= 1
    return j >= 0 and doc[j].text == "," and m.end < len(doc) and doc[m.end].text in (",", ")")


def _actor_key(m: Mention) -> str | None:
    """What an actor mention counts for: its country, else its organisation (an IGO)."""
    if m.kind not in _STATE_KINDS or (m.type == "person" and m.key is None):
        return None
    return m.actor.country or (f"org:{m.actor.org}" if m.actor.org else None)


def _owns(kb: Any, doc: Any, m: Mention) -> bool:
    head = doc[m.end - 1]
    return head.dep_ in ("dobj", "obj") and head.head.lemma_.lower() in kb.context_owner_verbs


def _owner(doc: Any, m: Mention, mentions: list[Mention]) -> str | None:
    """The actor key (`_actor_key`) of the subject of the verb whose object is the noun."""
    head = doc[m.end - 1]
    verb = head.head
    if head.dep_ not in ("dobj", "obj"):
        return None
    subjects = [c for c in verb.children if c.dep_.startswith("nsubj")]
    relative = verb.dep_ in ("relcl", "acl:relcl")
    if relative and all(c.tag_ in ("WDT", "WP") for c in subjects):
        subjects = []  # "France, *which* has troops": the noun the clause hangs on
    if not subjects and (relative or verb.dep_ == "conj"):
        subjects = [verb.head] if relative else [
            c for c in verb.head.children if c.dep_.startswith("nsubj")]
    for subj in subjects:
        for other in mentions:
            if other.start <= subj.i < other.end and other is not m and _actor_key(other):
                return _actor_key(other)
    return None
def _paragraphs(doc: Any) -> list[int]:
    """The paragraph index of every token (paragraphs are separated by a blank line)."""
    from spacy.attrs import IS_SPACE

    # spaCy keeps every run of whitespace longer than one space as a token of its own
    out, n = [], 0
    for i, space in enumerate(doc.to_array(IS_SPACE).tolist()):
        if space and "\n\n" in doc[i].text:
            n += 1
        out.append(n)
    return out


def _dominant(states: list[tuple[int, str]]) -> str | None:
    if not states:
        return None
    weights: dict[str, float] = {}
    several = len({p for p, _ in states}) > 1
    for p, country in states:
        weights[country] = weights.get(country, 0.0) + (
            HEADLINE_WEIGHT if p == 0 and several else 1.0)
    ranked = sorted(weights.items(), key=lambda kw: -kw[1])[:2]
    top, w = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    total = sum(weights.values())
    if w < DOMINANT_MIN:
        return None  # a sentence or two says too little about what the text is about
    return top if w >= DOMINANT_SHARE * total and w >= DOMINANT_RATIO * second else None
