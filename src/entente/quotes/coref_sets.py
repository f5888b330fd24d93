"""Coreference of sets and of first persons (the `entente.quotes.coref` rules that read a whole
article): "the two countries", "both sides", "the three countries'", "the neighbours", "the two
leaders" and "each other" name the set under discussion; "his government" is the owner's; "I"/"we"
inside a direct quote is its speaker.

The set under discussion is, in this order: a coordination of that many actors in the reference's
sentence ("between itself and Russia amid the two countries' competition"), or as the subject of
the previous one ("Turkey and Azerbaijan met. The two countries ..."); else the most salient actors
of the article so far (`Sets.ranked`: every mention counts, the headline twice, subjects and the
last two sentences more). Mediators (the agents of broker, mediate, host, ...: "talks brokered by
Saudi Arabia and the United States") and the subject acting on the reference ("China would support
the two countries") are never members. A country stands for its office holders, capitals and
demonyms ("Maduro and Ali ... the two countries"); a group or organisation for itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import msgspec

from entente.quotes.entities import Entity
from entente.quotes.lexicon import Reference
from entente.quotes.view import QUOTE_CHARS, DocView, base_dep
from entente.records import Mention, QuoteSpan

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from entente.quotes.coref import Coref

# Verbs whose agent stands between the parties, not among them ("talks brokered by X", "X, which
# hosted the delegations"): a mediator is never one of "both sides".
MEDIATING = frozenset({"broker", "mediate", "host", "facilitate", "sponsor", "chair", "oversee",
                       "supervise", "moderate", "guarantee", "monitor", "arbitrate"})
# Salience weights for the set under discussion (see `Sets.ranked`).
HEADLINE_WEIGHT = 2.0
SUBJECT_BONUS = 0.5
RECENT_BONUS = 0.5
MODIFIER_WEIGHT = 0.5
POSSESSIVE_FORMS = frozenset({"his", "her", "its", "their"})
REFLEXIVES = frozenset({"itself", "themselves", "himself", "herself"})


class Sets:
    """The set rules over one Coref's view and entity table."""

    def __init__(self, coref: Coref) -> None:
        self.c = coref
        self.view = coref.view
        self.table = coref.table

    def members(self, start: int, ref: Reference, n: int) -> list[Entity]:
        """The `n` actors a plural reference points to: a coordination of `n` of them as the
        subject of this or the previous sentence ("Turkey and Azerbaijan met ... the two
        countries"); else the `n` most salient in the article so far (`ranked`), leaving
        out mediators ("talks brokered by Saudi Arabia and the United States ... both parties")
        and the subject acting on the reference ("China would support the two countries")."""
        units = self.units_before(start, ref)
        banned = self._mediators(units) | self._acting_on(start, units)
        explicit = self._coordinated_set(start, n, units, banned)
        if explicit:
            return explicit
        ranked = self.ranked(start, units, banned)
        if ref.types == {"person"} and n == 2:
            ranked = self._by_country(start, ref, ranked, banned) or ranked
        return ranked[:n] if len(ranked) >= n else []

    def _by_country(self, start: int, ref: Reference, people: list[Entity],
                    banned: set[str]) -> list[Entity]:
        """For "the two leaders" / "both leaders" with no coordination to point to: the most
        salient leader of each of the two most salient countries, so that a mediator or host
        named often ("talks hosted by Anwar ... Anwar said ...") does not displace a party whose
        country the article is about ("Trump phoned both leaders": Thailand's and Cambodia's)."""
        as_country = msgspec.structs.replace(ref, types=frozenset({"country"}))
        countries = self.ranked(start, self.units_before(start, as_country), banned)
        out: list[Entity] = []
        for c in countries:
            iso = next((m.actor.country for m in c.mentions if m.actor.country), None)
            pick = next((p for p in people if p not in out and iso is not None
                         and any(m.actor.country == iso for m in p.mentions)), None)
            if pick is not None:
                out.append(pick)
            if len(out) == 2:
                return out
        return []

    def units_before(self, start: int, ref: Reference) -> list[tuple[Mention, str, Entity]]:
        """(mention, unit, entity) for every actor mention before `start` that may be a member:
        a country stands for its office holders, capitals and demonyms ("the two countries" after
        "Maduro and Ali"), a group or an organisation for itself, a person (for "the two
        leaders") for themself."""
        out = []
        for m in self.table.mentions:
            if m.end > start or m.kind == "place" or (m.kind == "nominal" and m.entity is None) \
                    or (m.kind == "pronoun" and self.view.lowers[m.start] not in REFLEXIVES):
                continue  # "between itself and Russia" counts; other pronouns repeat a name
            e = self.table.entity(m)
            unit = self._unit(m, e, ref)
            if unit is not None:
                out.append((m, unit, e))
        return out

    @staticmethod
    def _unit(m: Mention, e: Entity, ref: Reference) -> str | None:
        if ref.types == {"person"}:
            return e.id if e.is_person and m.kind != "nominal" else None
        country = m.actor.country
        if e.type in ("country", "person") or m.kind == "metonymy":
            if country:
                return f"country:{country}"
            return e.id if e.type == "country" else None
        if ref.types == {"country"}:
            return None
        if e.type == "group":
            return m.key or e.id
        if e.type == "igo" and m.actor.org:
            return f"org:{m.actor.org}"
        return None

    def ranked(self, start: int, units: list[tuple[Mention, str, Entity]],
                      banned: set[str]) -> list[Entity]:
        """Units by salience: every mention counts 1 (a demonym before a noun 0.5), twice in the
        headline of a longer text, plus SUBJECT_BONUS as a subject and RECENT_BONUS in this or
        the previous sentence. Each unit is represented by its most frequent entity."""
        view = self.view
        here = view.sent_index(start)
        several = view.para_index(len(view.doc) - 1) > 0
        score: dict[str, float] = {}
        reps: dict[str, dict[str, int]] = {}
        ents: dict[str, Entity] = {}
        for m, unit, e in units:
            if unit in banned:
                continue
            w = MODIFIER_WEIGHT if self.c._modifier(m) else 1.0
            if several and view.para_index(m.start) == 0:
                w *= HEADLINE_WEIGHT
            if self.c._is_subject(m):
                w += SUBJECT_BONUS
            if here - view.sent_index(m.start) <= 1:
                w += RECENT_BONUS
            score[unit] = score.get(unit, 0.0) + w
            counts = reps.setdefault(unit, {})
            counts[e.id] = counts.get(e.id, 0) + (2 if m.kind in ("name", "metonymy") else 1)
            ents[e.id] = e
        order = sorted(score, key=lambda u: -score[u])
        return [ents[u] if u in ents else ents[max(reps[u], key=lambda i: reps[u][i])]
                for u in order]

    def _coordinated_set(self, start: int, n: int, units: list[tuple[Mention, str, Entity]],
                         banned: set[str]) -> list[Entity]:
        """The latest coordination of exactly `n` units ("A and B", "A, B and C"): in this
        sentence ("between itself and Russia amid the two countries' competition"), or in the
        previous one as its subject ("Turkey and Azerbaijan met. The two countries ...")."""
        here = self.view.sent_index(start)
        low = here - 1
        near = [(m, u, e) for m, u, e in units if self.view.sent_index(m.start) >= low]
        near.sort(key=lambda x: x[0].start)
        best: list[tuple[Mention, str, Entity]] = []
        group: list[tuple[Mention, str, Entity]] = []
        for item in near:
            if group and self._joined(group[-1][0], item[0]):
                group.append(item)
            else:
                group = [item]
            members = list(dict.fromkeys(u for _, u, _ in group))
            if len(members) == n and not set(members) & banned and (
                    self.view.sent_index(group[0][0].start) == here or
                    any(self.c._is_subject(m) for m, _, _ in group)):
                best = list(group)
        out: dict[str, Entity] = {}
        for _, u, e in best:
            out.setdefault(u, self.table.entities.get(u) or e)  # the country itself, if named
        return list(out.values())

    def _joined(self, a: Mention, b: Mention) -> bool:
        between = [t.lower_ for t in self.view.doc[a.end:b.start]]
        return between in ([","], ["and"], [",", "and"]) or self.c._conjoined(a, b)

    def _mediators(self, units: list[tuple[Mention, str, Entity]]) -> set[str]:
        """Units that broker, mediate or host: the subject or "by" agent of such a verb, the
        noun a "which/who brokered" clause hangs on, "EU-mediated"."""
        doc = self.view.doc
        out = set()
        for m, unit, _ in units:
            if m.end + 1 < len(doc) and doc[m.end].text == "-" and \
                    doc[m.end + 1].lemma_.lower() in MEDIATING:
                out.add(unit)
                continue
            verb = self._verb_of_agent(doc[m.end - 1])
            if verb is not None and verb.lemma_.lower() in MEDIATING:
                out.add(unit)
        return out

    @staticmethod
    def _verb_of_agent(tok: Token) -> Token | None:
        """The verb whose agent `tok` heads: its subject, its "by" phrase, or the noun its
        "which/who" relative clause hangs on."""
        while tok.dep_ == "conj" and tok.head is not tok:
            tok = tok.head  # "brokered by Saudi Arabia and *the United States*"
        dep = tok.dep_
        if dep.startswith("nsubj") and not dep.endswith("pass"):
            return tok.head
        if any(c.lower_ == "by" for c in tok.children) and dep in ("obl", "obl:agent", "agent"):
            return tok.head
        if dep == "pobj" and tok.head.lower_ == "by":
            return tok.head.head
        for c in tok.children:
            if c.dep_ in ("relcl", "acl:relcl") and any(
                    g.dep_.startswith("nsubj") and g.tag_ in ("WDT", "WP") for g in c.children):
                return c
        return None

    def _acting_on(self, start: int, units: list[tuple[Mention, str, Entity]]) -> set[str]:
        """The units of the subject of the verb the reference is a direct argument of ("China
        would continue to support *the two countries*", "the Council called on *both sides*")."""
        doc = self.view.doc
        if not self.view.parsed:
            return set()
        head = doc[start]
        while head.head is not head and head.head.i >= start and head.head.i < start + 4 and \
                head.head.tag_.startswith("NN"):
            head = head.head  # the reference's own head noun
        if base_dep(head) not in ("obj", "iobj", "obl", "dobj", "pobj"):
            return set()
        verb = head.head if base_dep(head) != "pobj" else head.head.head
        for _ in range(3):
            subjects = [c for c in verb.children if base_dep(c) == "nsubj"]
            if subjects:
                return {u for m, u, _ in units for s in subjects if m.start <= s.i < m.end}
            if base_dep(verb) not in ("xcomp", "conj") or verb.head is verb:
                return set()
            verb = verb.head
        return set()

    def reciprocal(self, i: int) -> None:
        """"Both parties have accused *each other*": every member of the clause's plural subject
        (a set reference, a coordination, "they" for two), one mention each."""
        doc = self.view.doc
        sent = self.view.sents[self.view.sent_index(i)]
        subjects: list[Entity] = []
        if self.view.parsed:
            pair = doc[i] if doc[i + 1].head.i == i else doc[i + 1]
            verb = pair.head
            while (verb.tag_.startswith("NN") or verb.tag_ == "IN") and verb.head is not verb:
                verb = verb.head  # "... of violating *each other*" hangs on a noun
            for subj in self.c._subjects(verb):
                for h in (subj, *(c for c in subj.children if base_dep(c) == "conj")):
                    subjects += [self.table.entity(m) for m in self.table.at(h.i)
                                 if m.key or m.entity]
        if len(set(map(id, subjects))) < 2:  # no parse, or no plural subject: the latest pair
            before = [m for m in self.c.out if sent.start <= m.start < i and m.end <= i]
            spans: dict[tuple[int, int], list[Entity]] = {}
            for m in before:
                spans.setdefault((m.start, m.end), []).append(self.table.entity(m))
            subjects = next((es for es in reversed(spans.values()) if len(es) >= 2), [])
        for e in dict.fromkeys(subjects):
            self.c._emit(i, i + 2, e, "pronoun")


def owned_noun(doc: Doc, i: int, owner: Mention, after: list[Mention]) -> Mention | None:
    """"his government", "its troops", "our forces": the sector noun after a possessive at
    token i is the owner's (a person's country, a country, an organisation); one mention over
    both words, wider than the resolver's country-less noun, so the event coder prefers it."""
    nouns = [m for m in after if m.start == i + 1 and m.kind == "nominal" and m.type == "sector"
             and m.key is None and m.entity is None and m.actor.role not in (None, "IGO")]
    a = owner.actor
    if not nouns or not (a.country or a.org):
        return None
    noun = max(nouns, key=lambda m: m.end)
    role = noun.actor.role or ""
    span = doc[i:noun.end]
    if owner.type == "group" and owner.key:  # "its fighters": the group's own
        return Mention(start=i, end=noun.end, char_start=span.start_char, char_end=span.end_char,
                       actor=msgspec.structs.replace(a, text=span.text), key=owner.key,
                       entity=owner.entity, kind="nominal", type="group")
    if a.country:
        key, etype, code = f"country:{a.country}", "country", a.country + role
    else:
        key, etype = owner.key or f"igo:{a.org}", "igo"
        code = f"IGO{a.org}" + (role if role != "IGO" else "")
    actor = msgspec.structs.replace(noun.actor, text=span.text, country=a.country, org=a.org,
                                    code=code, name=a.name if not a.country else None)
    return Mention(start=i, end=noun.end, char_start=span.start_char, char_end=span.end_char,
                   actor=actor, key=key, entity=f"{key}#{role}", kind="nominal", type=etype,
                   sector=role)


def may_quote_first_person(view: DocView) -> bool:
    firsts = {f for f, p in view.lex.pronouns.items() if p.person == 1}
    return any(c in view.text for c in QUOTE_CHARS) and any(w in firsts for w in view.lowers)


def first_person(view: DocView, quotes: Sequence[QuoteSpan],
                 mentions: Sequence[Mention] = ()) -> list[Mention]:
    """"“We will not withdraw,” the Pakistani foreign ministry said": one mention per first-person
    pronoun inside a direct quote, carrying the quote's speaker (the innermost direct quote with
    a resolved speaker that holds the pronoun)."""
    spans = sorted((q for q in quotes if q.quote.direct and q.speaker is not None),
                   key=lambda q: q.content_end - q.content_start)
    if not spans:
        return []
    doc, out = view.doc, []
    for i, low in enumerate(view.lowers):
        p = view.lex.pronouns.get(low)
        if p is None or p.person != 1 or (view.tagged and doc[i].tag_ not in ("PRP", "PRP$")):
            continue
        q = next((q for q in spans if q.content_start <= i < q.content_end), None)
        if q is None or q.speaker is None:
            continue
        who, span = q.speaker, doc[i:i + 1]
        me = Mention(start=i, end=i + 1, char_start=span.start_char, char_end=span.end_char,
                     actor=msgspec.structs.replace(who.actor, text=span.text), key=who.key,
                     entity=who.entity, kind="pronoun", type=who.type, sector=who.sector)
        out.append(me)
        if p.case == "poss":  # "our troops": the speaker's
            owned = owned_noun(doc, i, me, [m for m in mentions if m.start == i + 1])
            if owned is not None:
                out.append(owned)
    return out
