"""Pronouns and short references → the actors they stand for.

    extra = coref.resolve(doc, mentions)      # only the NEW mentions; the input is not changed

`resolve` returns one `Mention` per resolved pronoun (kind "pronoun": he, she, it, they, his,
their, ...) or short reference (kind "nominal": "the president", "the group", "the ministry"), and
two mentions on the same span for "the two countries" / "both sides" (one per antecedent). Each
carries its antecedent's `actor` (with `text` set to the words as written), `key`, `type` and
`entity`, so events and quotes can treat it like a name.

The rules, in the order they are applied to each candidate antecedent:

1. agreement: he/she need a person whose gender (first name or honorific, data/first_names.csv and
   data/roles.yaml) is that one or unknown; it/its a country or organisation; they/their a group,
   an organisation, a plural or a coordination ("Turkey and Azerbaijan ... their" gives both);
   "the minister" needs a person whose role contains "minister" (data/nominals.yaml);
2. locality: an object pronoun is not its own clause's subject ("He told him");
3. preference: nearer first (sentences, then tokens), subjects before other mentions, known
   gender before unknown, and for the subject of a reporting verb the speaker of the previous
   reporting verb ("speaker continuity" in quote chains).

Pleonastic "it" ("it is likely that", "it was reported that") is left alone, and so is anything
with no agreeing antecedent in the previous three sentences: no guess is better than a wrong one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import msgspec

from entente.quotes import lexicon as lexicon_mod
from entente.quotes import profiles
from entente.quotes.coref_sets import (
    POSSESSIVE_FORMS,
    Sets,
    first_person,
    may_quote_first_person,
    owned_noun,
)
from entente.quotes.entities import COLLECTIVE, Entity, EntityTable
from entente.quotes.lexicon import Lexicon, Pronoun, Reference
from entente.quotes.view import DocView, base_dep
from entente.records import Mention, QuoteSpan

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = ["Coref", "resolve"]

WINDOW_SENTS = 3
IT_WINDOW_SENTS = 1  # "it" reaches back one sentence only: it is too often not an actor
NOMINAL_WINDOW_SENTS = 6
PLEONASTIC_NEXT = frozenset({"be", "is", "was", "'s", "’s", "seems", "seemed", "appears",
                             "appeared", "remains", "remained", "has", "had", "will", "would"})
COUNT2 = frozenset({"two", "both", "2"})
RECIPROCALS = frozenset({("each", "other"), ("one", "another")})
# Verbs that are not reporting cues but take a clause whose subject pronoun is usually their own
# subject ("X denied that it ...", "X vowed that they would ...").
STANCE_VERBS = frozenset({"deny", "insist", "warn", "claim", "admit", "acknowledge", "confirm",
                          "vow", "pledge", "promise", "threaten", "fear", "believe", "hope",
                          "expect", "argue", "reject", "concede", "maintain", "assert"})
# "the Iran-backed group": a backer before a short reference (the group is the one named before)
PROXY_WORDS = frozenset({"backed", "supported", "sponsored", "funded", "armed", "allied",
                         "aligned"})
# "the three countries", "the four nations": a set of that many ("the two"/"both" are pairs)
COUNTS = {"two": 2, "both": 2, "2": 2, "three": 3, "3": 3, "four": 4, "4": 4}
# Plural heads that name a pair with no numeral ("the neighbours", "the rivals", "the warring
# parties"): one mention per member of the pair under discussion.
UNNUMBERED_PAIRS = frozenset({"neighbour", "neighbor", "rival", "party", "side"})


def resolve(doc: Doc, mentions: list[Mention], *, lexicon: Lexicon | None = None,
            quotes: Sequence[QuoteSpan] | None = None) -> list[Mention]:
    """The extra mentions for pronouns and short references (see the module docstring), and
    for "I"/"we" inside a direct quote (its speaker). `quotes` are the article's quote spans
    (`entente.quotes.extract`); without them they are extracted here when the text has both a
    first-person pronoun and a quotation mark."""
    lex = lexicon or lexicon_mod.default()
    view = DocView(doc, lex)
    out = Coref(view, EntityTable(doc, mentions, lex)).run()
    if quotes is None and may_quote_first_person(view):
        from entente.quotes.extract import extract

        quotes = extract(doc, mentions, "coref", lexicon=lex)
    return out + first_person(view, quotes or (), mentions)


class Coref:
    """Resolves one document; new mentions are also added to the entity table, so chains work
    ("Hawthorne ... she ... her")."""

    def __init__(self, view: DocView, table: EntityTable) -> None:
        self.view = view
        self.table = table
        self.lex = view.lex
        self.out: list[Mention] = []
        self.sets = Sets(self)

    def run(self) -> list[Mention]:
        lowers, pronouns, i = self.view.lowers, self.lex.pronouns, 0
        while i < len(lowers):
            if i + 1 < len(lowers) and (lowers[i], lowers[i + 1]) in RECIPROCALS:
                self.sets.reciprocal(i)
                i += 2
                continue
            if (lowers[i] not in ("the", "both") and lowers[i] not in pronouns) or self._named_at(i):
                i += 1
                continue
            ref = self._reference_at(i)
            if ref is not None:
                self._resolve_reference(i, *ref)
                i = ref[0]
                continue
            p = pronouns.get(lowers[i])
            if p is not None and p.person == 3 and self._is_pronoun(i) and not self._pleonastic(i, p):
                self._resolve_pronoun(i, p)
            i += 1
        return self.out

    def _named_at(self, i: int) -> bool:
        """Whether token i is already in a mention that names an actor. The resolver's generic
        nominal mentions ("president" as GOV, no entity) and the entity table's groups of people
        ("two leaders") still get resolved here."""
        return any(m.key is not None or m.entity is not None or
                   (m.kind != "nominal" and m.type != "sector") for m in self.table.at(i))

    # -- pronouns ------------------------------------------------------------------------------
    def _is_pronoun(self, i: int) -> bool:
        t = self.view.doc[i]
        return not self.view.tagged or t.tag_ in ("PRP", "PRP$") or t.pos_ == "PRON"

    def _pleonastic(self, i: int, p: Pronoun) -> bool:
        doc = self.view.doc
        if doc[i].lower_ != "it" or i + 1 >= len(doc):
            return False
        if doc[i + 1].lower_ not in PLEONASTIC_NEXT and doc[i + 1].lemma_.lower() not in PLEONASTIC_NEXT:
            return False
        return any(doc[k].lower_ in ("that", "to", "whether", "if")
                   for k in range(i + 2, min(len(doc), i + 7)))

    def _resolve_pronoun(self, i: int, p: Pronoun) -> None:
        reporter = self._reporter(i, p)
        if reporter is not None:  # "Philippine officials denied that *they* had promised"
            for e in reporter:
                self._emit(i, i + 1, e, "pronoun")
            return
        neuter, speaks = p.gender in ("n", "any"), self._cue_subject_at(i)
        # "it" reaches one sentence back, unless it speaks: "It said" continues a speaker
        cands = self._candidates(i, IT_WINDOW_SENTS if p.gender == "n" and not speaks
                                 else WINDOW_SENTS)
        banned = self._clause_subject(i) if p.case == "obj" else None
        scored = []
        for m, e in cands:
            if e is banned or not self._agrees(e, p) or self._modifier(m) or \
                    (p.gender in ("m", "f") and not e.is_person and self._before_noun(m)):
                continue  # "a Waste Management spokeswoman ... she" is not Waste Management
            if p.gender == "n" and p.case != "refl" and e.type == "country" and \
                    not self._is_subject(m):
                continue  # "Turkey said it ...": a country is "it" when it was the subject
            scored.append((self._score(i, m, e, p), m, e))
        if p.gender in ("m", "f") and any(e.is_person for _, _, e in scored):
            scored = [s for s in scored if s[2].is_person]  # a known person before an unknown name
        if p.number != "sg" and p.gender == "any":
            pair = self._coordination(i)
            if pair is not None:
                for e in pair:
                    self._emit(i, i + 1, e, "pronoun")
                return
        if p.case == "refl":
            here = self.view.sent_index(i)
            local = [s for s in scored if self.view.sent_index(s[1].start) == here]
            scored = [max(local, key=lambda s: s[1].start)] if local else scored
        if scored:
            _, m, e = max(scored, key=lambda s: s[0])
            if neuter and not speaks and self._blocked(m, i, p):
                return  # "it"/"they" more likely means the plain noun subject in between
            self._emit(i, i + 1, e, "pronoun")

    def _reporter(self, i: int, p: Pronoun) -> list[Entity] | None:
        """The subject of the reporting verb whose clause the pronoun is the subject of: "Israeli
        officials said *they* did not expect", "Saudi Arabia ... called for restraint and said
        *it* was following", "Belgrade denied that *it* planned" (needs the parser). The
        reporter must agree: "it" a country or organisation, "they" anything collective or a
        coordination, "he"/"she" a person of that gender."""
        doc, view = self.view.doc, self.view
        t = doc[i]
        if not view.parsed or p.case != "subj" or base_dep(t) != "nsubj":
            return None
        clause = t.head
        if base_dep(clause) not in ("ccomp", "parataxis") or clause.head is clause:
            return None
        verb = clause.head
        if view.cue(verb) is None and verb.lemma_.lower() not in STANCE_VERBS:
            return None
        for subj in [s for s in self._subjects(verb) if s.i < i]:
            found = [m for m in self.table.at(subj.i) if m.kind != "pronoun" or m.entity]
            heads = [subj, *(c for c in subj.children if base_dep(c) == "conj")]
            ents: list[Entity] = []
            for h in heads:
                ms = [m for m in self.table.at(h.i) if m.key or m.entity]
                if ms:
                    e = self.table.entity(max(ms, key=lambda m: m.end - m.start))
                    if e not in ents:
                        ents.append(e)
            if not found or not ents:
                return None
            if len(ents) > 1:
                return ents if p.number != "sg" else None
            e = ents[0]
            if p.gender in ("m", "f"):
                ok = e.is_person and e.gender in (None, p.gender)
            elif p.gender == "n":
                ok = not e.is_person and e.type is not None
            else:
                ok = not e.is_person or e.plural
            return [e] if ok else None
        return None

    @staticmethod
    def _subjects(verb: Token) -> list[Token]:
        """A verb's subjects; a conjunct's are its first conjunct's ("X called for restraint and
        said"), a relative pronoun's the noun its clause hangs on ("X, which ... , said")."""
        for _ in range(3):
            subjects = [c for c in verb.children if base_dep(c) == "nsubj"]
            if subjects and all(c.tag_ in ("WDT", "WP") for c in subjects) and \
                    verb.dep_ in ("relcl", "acl:relcl"):
                return [verb.head]
            if subjects or base_dep(verb) != "conj" or verb.head is verb:
                return subjects
            verb = verb.head
        return []

    def _modifier(self, m: Mention) -> bool:
        """A demonym that modifies a noun ("the Afghan team") is not what a pronoun points to
        (a name before a noun still may be: "the United Nations refugee agency ... it")."""
        doc = self.view.doc
        return m.end < len(doc) and doc[m.end].tag_ in ("NN", "NNS") and \
            (m.kind == "demonym" or doc[m.end - 1].tag_ == "JJ" or doc[m.end - 1].ent_type_ == "NORP")

    def _before_noun(self, m: Mention) -> bool:
        doc = self.view.doc
        return m.end < len(doc) and doc[m.end].tag_ in ("NN", "NNS")

    def _blocked(self, m: Mention, i: int, p: Pronoun) -> bool:
        """Whether a subject noun that names no actor sits between the antecedent and the
        pronoun and agrees with it ("The report ... it", "the children ... they")."""
        doc = self.view.doc
        want = ("NN",) if p.number == "sg" else ("NNS",) if p.number == "pl" else ("NN", "NNS")
        for k in range(m.end, i):
            t = doc[k]
            if t.tag_ in want and not self.table.at(k) and self._noun_subject(k):
                return True
        return False

    def _noun_subject(self, k: int) -> bool:
        """The head noun of a subject: the parser says so, or a finite verb follows its phrase."""
        doc, view = self.view.doc, self.view
        if doc[k].dep_.startswith("nsubj"):
            return True
        j = k + 1
        if j < len(doc) and doc[j].tag_.startswith("NN"):
            return False  # not the head
        while j < len(doc) and (doc[j].tag_.startswith("RB") or doc[j].tag_ == "MD"):
            j += 1
        return j < len(doc) and view.is_finite(doc[j])

    def _agrees(self, e: Entity, p: Pronoun) -> bool:
        if e.type is None:  # a name of unknown kind: a person or a body, not a group of people
            if p.gender in ("m", "f"):  # a person only if it speaks somewhere ("X told ...")
                return e.gender in (None, p.gender) and any(self._speaks(m) for m in e.mentions)
            return p.gender == "n"
        if p.gender in ("m", "f"):
            return e.is_person and e.gender in (None, p.gender)
        if p.gender == "n":  # a group is "it" even after "Hezbollah fighters"
            return e.type in COLLECTIVE and (not e.plural or e.type == "group") and \
                e.type != "sector"
        # they / them / their
        return e.plural or e.type in ("group", "org", "igo", "media", "sector")

    def _score(self, i: int, m: Mention, e: Entity, p: Pronoun) -> float:
        view = self.view
        dist = view.sent_index(i) - view.sent_index(m.start)
        score = -3.0 * dist - 0.01 * (i - m.end)
        if self._is_subject(m):
            score += 2.0
        if p.gender in ("m", "f") and e.gender == p.gender:
            score += 2.0
        if m.kind == "name":
            score += 0.5
        if e.type is None:
            score -= 1.0  # known kinds first
        if p.number == "any" and p.gender == "any" and e.plural:
            score += 2.0  # "they" is more often people than an institution
        if self._cue_subject_at(i) and self._speaks(m):
            score += 3.0
        return score

    def _candidates(self, i: int, window: int) -> list[tuple[Mention, Entity]]:
        low = self.view.sent_index(i) - window
        out = []
        for m in self.table.mentions:
            if m.end <= i and self.view.sent_index(m.start) >= low:
                out.append((m, self.table.entity(m)))
        return out

    def _is_subject(self, m: Mention) -> bool:
        """A mention is a subject when the parser says so or a verb follows it."""
        doc, view = self.view.doc, self.view
        head = doc[m.end - 1]
        if head.dep_.startswith("nsubj"):
            return True
        k = m.end
        while k < len(doc) and (doc[k].tag_.startswith("RB") or doc[k].tag_ == "MD"):
            k += 1
        return k < len(doc) and view.is_verb(doc[k]) and doc[k].tag_ not in ("VBG", "VBN")

    def _speaks(self, m: Mention) -> bool:
        """Whether the mention is the subject (before or after) of a reporting verb."""
        doc, view = self.view.doc, self.view
        k = m.end
        while k < len(doc) and (doc[k].tag_.startswith("RB") or doc[k].text == ","):
            k += 1
        if k < len(doc) and view.cue(doc[k]) is not None:
            return True
        return m.start > 0 and view.cue(doc[m.start - 1]) is not None

    def _cue_subject_at(self, i: int) -> bool:
        doc = self.view.doc
        k = i + 1
        while k < len(doc) and doc[k].tag_.startswith("RB"):
            k += 1
        return k < len(doc) and self.view.cue(doc[k]) is not None

    def _clause_subject(self, i: int) -> Entity | None:
        """The entity of the subject of the verb governing an object pronoun ("He told him")."""
        doc, view = self.view.doc, self.view
        k = i - 1
        while k >= 0 and not view.is_verb(doc[k]):
            k -= 1
        if k < 0:
            return None
        j = k - 1
        while j >= 0 and (doc[j].tag_.startswith("RB") or doc[j].tag_ == "MD"):
            j -= 1
        found = self.table.at(j) if j >= 0 else []
        return self.table.entity(found[0]) if found else None

    def _coordination(self, i: int) -> tuple[Entity, Entity] | None:
        """Two entities joined by "and" in this or the previous sentence ("Turkey and Azerbaijan
        ... their ties"), the latest pair."""
        low = self.view.sent_index(i) - 1
        ms = sorted((m for m in self.table.mentions if m.end <= i and
                     self.view.sent_index(m.start) >= low and
                     m.kind in ("name", "title", "metonymy", "nominal")),
                    key=lambda m: (m.start, m.entity or ""))
        for a, b in zip(reversed(ms[:-1]), reversed(ms[1:]), strict=False):
            if a.kind == b.kind == "nominal" and (a.start, a.end) == (b.start, b.end):
                return self.table.entity(a), self.table.entity(b)  # "both countries ... their"
            if self._conjoined(a, b) and (self._is_subject(b) or self._is_subject(a)):
                ea, eb = self.table.entity(a), self.table.entity(b)
                if ea is not eb:
                    return ea, eb
        return None

    def _conjoined(self, a: Mention, b: Mention) -> bool:
        """"A and B", "A, and B", or the parser's conj from B's head to A's head ("Erdoğan and
        his Azerbaijani counterpart İlham Aliyev")."""
        doc = self.view.doc
        between = [t.lower_ for t in doc[a.end:b.start]]
        if between in (["and"], [",", "and"]) or (
                len(between) == 2 and between[0] == "and" and between[1] in POSSESSIVE_FORMS):
            return True  # "A and B", "Erdoğan and his (Azerbaijani counterpart İlham Aliyev)"
        head_b = doc[b.end - 1]
        return head_b.dep_ == "conj" and a.start <= head_b.head.i < a.end and "and" in between

    # -- short references ----------------------------------------------------------------------
    def _reference_at(self, i: int) -> tuple[int, Reference, str] | None:
        """(end, entry, role phrase) of a short reference starting at token i, or None.

        "the" or "both", then "two" for pairs, up to two modifiers, and a head from
        data/nominals.yaml; the phrase must end there ("the group leader" is not "the group").
        Lower-case modifiers narrow a role ("the finance minister" needs a finance minister)."""
        doc = self.view.doc
        first = doc[i].lower_
        if first not in ("the", "both"):
            return None
        j, two = i + 1, first == "both"
        if j < len(doc) and doc[j].lower_ in COUNTS:
            two, j = True, j + 1
        proxy = first == "the" and j + 3 < len(doc) and doc[j + 1].text == "-" and \
            doc[j + 2].lower_ in PROXY_WORDS and doc[j].text[:1].isupper()
        if proxy:  # "the Iran-backed group": the group named before, not its backer
            j += 3
        for k in range(j, min(j + 3, len(doc))):
            ref = self._head_ref(doc[k], two or self._unnumbered_pair(doc[k], i, j))
            if ref is not None:
                nxt = doc[k + 1] if k + 1 < len(doc) else None
                if nxt is not None and nxt.tag_ in ("NN", "NNS", "NNP", "NNPS") and \
                        not doc[k].text.endswith(("'", "’")):
                    return None  # "the two countries' navies" is still the two countries
                if not proxy and any(self._named_at(x) for x in range(i, k + 1)):
                    return None
                if any(doc[x].tag_ in ("NNP", "NNPS") for x in range(j, k)):
                    return None  # "the M-19 guerrilla group" names a group of its own
                mods = [doc[x].lower_ for x in range(j, k) if doc[x].text.islower()]
                return k + 1, ref, " ".join([*mods, doc[k].lemma_.lower()]) if mods else ""
            if doc[k].tag_ not in ("JJ", "NN", "NNP"):
                return None
        return None

    @staticmethod
    def _unnumbered_pair(tok: Token, start: int, j: int) -> bool:
        """"the neighbours", "the warring parties": a plural head of UNNUMBERED_PAIRS right
        after "the" (and at most one adjective)."""
        if tok.tag_ not in ("NNS", "NNPS") or tok.i - j > 1:
            return False
        low = tok.lower_
        return any(low in (h + "s", h + "es", h[:-1] + "ies") for h in UNNUMBERED_PAIRS)

    def _set_size(self, start: int) -> int:
        """How many antecedents a plural reference at `start` names (2 unless a numeral says)."""
        nxt = self.view.doc[start + 1] if start + 1 < len(self.view.doc) else None
        return COUNTS.get(nxt.lower_, 2) if nxt is not None else 2

    def _head_ref(self, tok: Token, two: bool) -> Reference | None:
        lower, lemma = tok.lower_, tok.lemma_.lower()
        plural = tok.tag_ in ("NNS", "NNPS")
        if plural != two:
            return None
        forms = {lower, lemma}
        if plural:
            forms |= {lower[:-1], lower[:-2], lower[:-3] + "y"}
        for ref in self.lex.references:
            if (ref.count == 2) == two and forms & ref.heads:
                return ref
        return None

    def _resolve_reference(self, start: int, end: int, ref: Reference, phrase: str) -> None:
        """The latest agreeing antecedent(s); for a pair, a coordination of two ("Azerbaijan and
        Armenia ... both countries") first, then the two latest, subjects not preferred."""
        ranked: list[tuple[float, Entity]] = []
        seen: set[str] = set()
        for m, e in self._reference_candidates(start, ref):
            if e.id in seen or not self._fits(e, ref, phrase):
                continue
            seen.add(e.id)
            dist = self.view.sent_index(start) - self.view.sent_index(m.start)
            subject = 0.5 if self._is_subject(m) and ref.count == 1 else 0.0
            ranked.append((-dist - 0.001 * (start - m.end) + subject, e))
        ranked.sort(key=lambda r: -r[0])
        chosen = [e for _, e in ranked[:ref.count]]
        if ref.count == 2:
            chosen = self.sets.members(start, ref, self._set_size(start))
        if len(chosen) >= min(ref.count, 2):
            for e in chosen:
                self._emit(start, end, e, "nominal")

    def _reference_candidates(self, start: int, ref: Reference) -> list[tuple[Mention, Entity]]:
        """Candidates latest first; for country references a person or sector mention stands for
        its country ("Turkish President Erdoğan and his Azerbaijani counterpart ... both
        countries"), and a demonym modifying a noun does not count ("Armenian groups")."""
        out = []
        for m, e in sorted(self._candidates(start, NOMINAL_WINDOW_SENTS), key=lambda c: -c[0].start):
            if self._modifier(m):
                continue
            if ref.types == {"country"} and m.actor.country and \
                    (e.type != "country" or m.kind == "demonym"):
                # "ethnic Armenian groups" is people, not Armenia: it counts only where the
                # country itself was named before
                country = self._country(m.actor.country, start)
                if country is None and m.kind == "demonym":
                    continue
                e = country or e
            typed = e.type in ref.types or (e.type is None and ref.types & {"org", "group"})
            if typed:
                out.append((m, e))
        return out

    def _country(self, iso3: str, before: int) -> Entity | None:
        for m in self.table.mentions:
            if m.key == f"country:{iso3}" and m.kind in ("name", "metonymy") and m.end <= before:
                return self.table.entity(m)
        return None

    def _pair(self, start: int, ref: Reference) -> tuple[Entity, Entity] | None:
        """The latest two agreeing entities joined by "and" in this or the previous sentence."""
        low = self.view.sent_index(start) - 1
        ms = sorted((m for m in self.table.mentions if m.end <= start and m.kind != "nominal"
                     and self.view.sent_index(m.start) >= low), key=lambda m: m.start)
        for a, b in zip(reversed(ms[:-1]), reversed(ms[1:]), strict=False):
            ea, eb = self.table.entity(a), self.table.entity(b)
            if ea is not eb and ea.type in ref.types and eb.type in ref.types and \
                    self._conjoined(a, b):
                return ea, eb
        return None

    def _fits(self, e: Entity, ref: Reference, phrase: str) -> bool:
        if ref.role is None:
            return True
        if e.is_person:
            profiles.describe(self.view, self.table, e)
            return bool(e.role) and ref.role in (e.role or "") and phrase in (e.role or "")
        return ref.role.lower() in (e.name or "").lower()

    # -- output --------------------------------------------------------------------------------
    def _emit(self, start: int, end: int, e: Entity, kind: str) -> None:
        ante = max(e.mentions, key=lambda m: (m.kind == "name", m.end - m.start))
        span = self.view.doc[start:end]
        m = Mention(start=start, end=end, char_start=span.start_char, char_end=span.end_char,
                    actor=msgspec.structs.replace(ante.actor, text=span.text), key=ante.key,
                    entity=e.id, kind=kind, type=e.type)
        self.table.add(m, entity=e.id)
        self.out.append(m)
        if kind == "pronoun" and self.view.lowers[start] in POSSESSIVE_FORMS:
            self._owned_noun(start, ante)

    def _owned_noun(self, i: int, owner: Mention) -> None:
        m = owned_noun(self.view.doc, i, owner, self.table.at(i + 1))
        if m is not None:
            self.table.add(m)
            self.out.append(m)
