"""The article's entities as the attribution rules see them.

The actor resolver links mentions of the same real-world actor through `Mention.entity`. This
module groups mentions by entity and adds what attribution needs on top: a canonical name ("Paul
Iddon" for "Iddon"), a gender for pronoun agreement (first names and honorifics from the data
files), and a per-article speaker profile (role and organisation, see `profiles`).

It also backs the resolver up: a person the resolver missed but the parser names (an NER PERSON
span, or proper nouns led by a known first name or an honorific) becomes a fallback mention here,
and a lone surname is linked to the earlier full name that ends with it. Fallback mentions are
used to name speakers and sources; they are never returned to the event coder as actor mentions.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from entente.quotes.lexicon import Lexicon
from entente.records import Actor, Mention

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

NER_TYPES = {"PERSON": "person", "ORG": "org", "GPE": "country", "NORP": "sector", "LOC": "place"}
ROLE_WORDS = 4  # the longest role phrase, in words, that a name may start with
COLLECTIVE = frozenset({"group", "org", "igo", "media", "country", "sector"})


class Entity:
    """One real-world actor of the article (mutable while the table is built)."""

    __slots__ = ("gender", "id", "mentions", "name", "org", "plural", "role", "type")

    def __init__(self, id: str, type: str | None) -> None:
        self.id = id
        self.type = type
        self.name: str | None = None
        self.gender: str | None = None  # f | m | n | None when unknown
        self.role: str | None = None
        self.org: str | None = None
        self.plural = False
        self.mentions: list[Mention] = []

    @property
    def is_person(self) -> bool:
        return self.type == "person"

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Entity({self.id!r}, {self.type}, {self.name!r}, {self.gender}, {self.role!r}, {self.org!r})"


def entity_id(m: Mention) -> str:
    return m.entity or m.key or f"span:{m.start}-{m.end}"


def clean_name(text: str, lex: Lexicon) -> str:
    """A person's or organisation's name without leading articles, honorifics, role words and a
    trailing possessive ("President Carlos Mendes" -> "Carlos Mendes", "Stratfor's" -> "Stratfor")."""
    words = re.sub(r"(’s|'s|’|')$", "", text.strip()).split()
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    while len(words) > 1:
        if words[0] in lex.honorifics:
            words = words[1:]
            continue
        lower = [w.lower() for w in words[:ROLE_WORDS]]
        n = next((n for n in range(min(len(lower), len(words) - 1), 0, -1)
                  if tuple(lower[:n]) in lex.role_set), 0)
        if not n:
            break
        words = words[n:]
    # "Police spokesman Mariusz Ciarka", "Iranian President Massoud Rahimi": the name is what
    # follows the last title phrase, when that is all capitalised
    lower = [w.lower() for w in words]
    for end in range(len(words) - 1, 0, -1):
        if any(tuple(lower[s:end]) in lex.role_set for s in range(max(0, end - ROLE_WORDS), end)) \
                and all(w[:1].isupper() or w.lower() in lex.name_particles for w in words[end:]):
            return " ".join(words[end:])
    return " ".join(words)


class EntityTable:
    """Mentions grouped into entities, with token lookup (see the module docstring)."""

    def __init__(self, doc: Doc, mentions: Iterable[Mention], lex: Lexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.entities: dict[str, Entity] = {}
        self.mentions: list[Mention] = []
        self._at: dict[int, list[Mention]] = {}
        self._alias: dict[str, str] = {}  # merged entity id -> the id it was merged into
        self._names: dict[tuple[str, int], str] = {}  # (entity id, mentions) -> full name
        given = sorted(mentions, key=lambda m: (m.start, -m.end))
        for m in given:
            self.add(m)
        fallback = self._fallback(given)
        self._fallback_ids = {id(m) for m in fallback}
        for m in fallback:
            self.add(m)
        self._join_adjacent()
        self._link_surnames()
        for e in self.entities.values():
            self._describe(e)

    # -- building ------------------------------------------------------------------------------
    def add(self, m: Mention, entity: str | None = None) -> Entity:
        eid = entity or entity_id(m)
        e = self.entities.get(eid)
        if e is None:
            e = self.entities[eid] = Entity(eid, m.type)
        elif e.type is None:
            e.type = m.type
        e.mentions.append(m)
        self.mentions.append(m)
        for i in range(m.start, m.end):
            self._at.setdefault(i, []).append(m)
        return e

    def _fallback(self, given: list[Mention]) -> list[Mention]:
        """Person and organisation mentions the resolver did not make (NER spans and proper-noun
        runs led by a known first name or an honorific)."""
        taken = {i for m in given for i in range(m.start, m.end)}
        persons = {i for m in given if m.type == "person" for i in range(m.start, m.end)}
        out: list[Mention] = []
        runs = self._name_runs()
        spans: list[tuple[int, int, str | None]] = [
            (self._run_start(e.start) if e.label_ == "PERSON" else e.start,
             self._run_end(e.start, e.end), NER_TYPES[e.label_])
            for e in self.doc.ents if e.label_ in NER_TYPES]
        spans += self._org_runs()
        spans += self._groups_of_people()
        mine: set[int] = set()
        for n, (start, end, type_) in enumerate(runs + spans):
            # a first-name-led run beats a resolver mention that is not a person ("Peter" as org)
            blocked = persons if n < len(runs) else taken
            if any(i in blocked or i in mine for i in range(start, end)):
                continue
            while start < end and self.doc[start].lower_ in ("the", "a", "an"):
                start += 1
            while end > start and self.doc[end - 1].tag_ == "POS":
                end -= 1
            if start >= end:
                continue
            span = self.doc[start:end]
            text = span.text
            out.append(Mention(start=start, end=end, char_start=span.start_char,
                               char_end=span.end_char, kind="name", type=type_,
                               actor=Actor(text=text, name=clean_name(text, self.lex))))
            mine.update(range(start, end))
        return out + self._org_extensions(given, mine)

    def _org_extensions(self, given: list[Mention], mine: set[int]) -> list[Mention]:
        """An organisation whose name a resolver mention only begins: "Norwegian Refugee" +
        "Council", "United Nations refugee" + "agency". The whole phrase becomes an organisation
        (the resolver's shorter mention stays, as a modifier)."""
        doc, out = self.doc, []
        for m in given:
            j = m.end
            while j < len(doc) and j < m.end + 3 and doc[j].tag_ in ("NN", "NNS", "NNP", "NNPS"):
                j += 1
                if doc[j - 1].lower_ in self.lex.org_nouns:
                    break
            if j == m.end or doc[j - 1].lower_ not in self.lex.org_nouns or \
                    any(k in mine for k in range(m.end, j)):
                continue
            span = doc[m.start:j]
            out.append(Mention(start=m.start, end=j, char_start=span.start_char,
                               char_end=span.end_char, kind="name", type="org",
                               actor=Actor(text=span.text, name=clean_name(span.text, self.lex))))
        return out

    def _name_runs(self) -> list[tuple[int, int, str | None]]:
        """Runs of proper nouns that look like a person's name: from a known first name, or from
        right after an honorific ("Mr Adeyemi"), to the end of the capitalised run
        ("Turkish President Recep Tayyip Erdoğan" gives "Recep Tayyip Erdoğan")."""
        doc, i = self.doc, 0
        out: list[tuple[int, int, str | None]] = []
        while i < len(doc):
            if not _capitalised(doc[i].text):
                i += 1
                continue
            j = i
            while j < len(doc) and self._in_name(j, i):
                j += 1
            prev = doc[i - 1].text if i else ""
            if prev in self.lex.honorifics and j > i:
                out.append((i, j, "person"))
            else:
                for k in range(i, j - 1):
                    if doc[k].text.casefold() in self.lex.first_names:
                        out.append((k, j, "person"))
                        break
            i = max(j, i + 1)
        return out

    def _in_name(self, j: int, start: int) -> bool:
        """Whether token j continues a name that starts at `start` (capitalised words, and
        particles or hyphens between them: "Ziad al - Eryani")."""
        doc, t = self.doc, self.doc[j]
        if j > start and t.is_sent_start:
            return False
        if t.lower_ in self.lex.name_particles or t.text == "-":
            return j > start and j + 1 < len(doc) and (
                _capitalised(doc[j + 1].text) or doc[j + 1].text == "-")
        return _capitalised(t.text) and t.tag_ != "POS" and t.text not in self.lex.honorifics \
            and not t.is_punct

    def _run_start(self, start: int) -> int:
        """Extend an NER person span left over capitalised words that are not titles."""
        doc = self.doc
        while start > 0 and not doc[start].is_sent_start and _capitalised(doc[start - 1].text) \
                and doc[start - 1].tag_ in ("NNP", "NNPS") and \
                tuple([doc[start - 1].lower_]) not in self.lex.role_set and \
                doc[start - 1].text not in self.lex.honorifics and doc[start - 1].ent_type_ != "NORP":
            start -= 1
        return start

    def _run_end(self, start: int, end: int) -> int:
        """Extend an NER span over the rest of its capitalised run ("Recep Tayyip" + "Erdoğan")."""
        doc = self.doc
        if not _capitalised(doc[start].text):
            return end
        while end < len(doc) and self._in_name(end, start):
            end += 1
        return end

    def _org_runs(self) -> list[tuple[int, int, str | None]]:
        """Runs of two or more capitalised words with no known first name, as organisations
        ("Meridian Institute", "Doctors Without Borders"); small joining words are allowed."""
        doc, i = self.doc, 0
        out: list[tuple[int, int, str | None]] = []
        joiners = ("of", "and", "for", "without", "&")
        while i < len(doc):
            if not _capitalised(doc[i].text) or doc[i].tag_ in ("DT", "PRP", "PRP$"):
                i += 1
                continue
            j = i + 1
            while j < len(doc) and not doc[j].is_sent_start and (
                    (_capitalised(doc[j].text) and doc[j].tag_ != "POS") or
                    (doc[j].lower_ in joiners and j + 1 < len(doc) and _capitalised(doc[j + 1].text))):
                j += 1
            words = [t for t in doc[i:j] if _capitalised(t.text)]
            if len(words) >= 2 and not any(t.ent_type_ in ("DATE", "TIME") for t in doc[i:j]):
                org = any(t.lower_ in self.lex.org_nouns for t in doc[i:j]) or \
                    any(t.lower_ in joiners for t in doc[i:j])
                out.append((i, j, "org" if org else None))  # unknown: a person or a body
            i = j
        return out

    def _groups_of_people(self) -> list[tuple[int, int, str | None]]:
        """Plural nouns of people ("hundreds of farmers", "residents of the village") as
        collective actors, so that "they" has something to point to."""
        doc = self.doc
        out: list[tuple[int, int, str | None]] = []
        for t in doc:
            if t.tag_ not in ("NNS", "NNPS") or t.lower_ not in self.lex.person_nouns:
                continue
            start, end = t.i, t.i + 1
            while start > 0 and doc[start - 1].tag_ in ("JJ", "CD"):
                start -= 1
            if start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].tag_ in ("NNS", "CD"):
                start -= 2
            if end + 1 < len(doc) and doc[end].lower_ in ("of", "in", "from"):
                k = end + 1 + (doc[end + 1].tag_ == "DT")
                if k < len(doc) and doc[k].tag_ in ("NN", "NNP"):
                    end = k + 1
            out.append((start, end, "sector"))
        return out

    def _join_adjacent(self) -> None:
        """Two person mentions side by side are one name split by the resolver."""
        people = sorted((m for m in self.mentions if m.type == "person" and m.kind != "pronoun"),
                        key=lambda m: m.start)
        for a, b in itertools.pairwise(people):
            ea, eb = self.entity(a), self.entity(b)
            if b.start == a.end and ea is not eb:
                self._merge(eb, ea)

    def _link_surnames(self) -> None:
        """Merge repeated full names, and a one-word name into the latest earlier person whose
        name ends (or, for East Asian order, starts) with that word. A one-word fallback mention
        merges whatever NER called it ("Iddon" tagged GPE is still Paul Iddon); a resolver
        mention only when it is a person."""
        for e in sorted(self.entities.values(), key=lambda e: min(m.start for m in e.mentions)):
            if e.id not in self.entities:
                continue
            fallback = all(id(m) in self._fallback_ids for m in e.mentions)
            if not (e.is_person or fallback):
                continue
            first = min(e.mentions, key=lambda m: m.start)
            words = clean_name(first.actor.text, self.lex).split()
            target = self._earlier_person(e, words, first.start)
            if target is not None and (len(words) == 1 or target.id.startswith("span:")
                                       or e.id.startswith("span:")):
                self._merge(e, target)

    def _earlier_person(self, e: Entity, words: list[str], before: int) -> Entity | None:
        target = None
        for other in self.entities.values():
            if other is e or not other.is_person:
                continue
            parts = self._full_name(other).split()
            same = words == parts or (len(words) == 1 and len(parts) > 1 and
                                      words[0] in (parts[-1], parts[0]))
            if same and min(m.start for m in other.mentions) < before:
                target = other
        return target

    def _full_name(self, e: Entity) -> str:
        key = (e.id, len(e.mentions))
        if key not in self._names:
            self._names[key] = max((clean_name(m.actor.text, self.lex) for m in e.mentions), key=len)
        return self._names[key]

    def _merge(self, src: Entity, dst: Entity) -> None:
        for m in src.mentions:
            dst.mentions.append(m)
        dst.mentions.sort(key=lambda m: m.start)
        del self.entities[src.id]
        self._alias[src.id] = dst.id

    # -- describing ----------------------------------------------------------------------------
    def _describe(self, e: Entity) -> None:
        if e.is_person:  # a resolver span may stop short of the surname: "President Carlos"
            names = [clean_name(self.doc[m.start:self._run_end(m.end - 1, m.end)].text, self.lex)
                     for m in e.mentions if m.kind in ("name", "title")]
            names += [m.actor.name for m in e.mentions if m.actor.name and m.kind != "pronoun"]
        else:
            names = [clean_name(m.actor.text, self.lex) for m in e.mentions if m.kind == "name"] \
                or [clean_name(m.actor.text, self.lex) for m in e.mentions]
        e.name = max(names, key=lambda n: (len(n.split()), len(n))) if names else None
        if e.is_person:
            e.gender = self._gender(e)
        elif e.type in COLLECTIVE:
            e.gender = "n"
        e.plural = e.type in ("group", "sector") and any(
            self.doc[m.end - 1].tag_ in ("NNS", "NNPS") for m in e.mentions)

    def _gender(self, e: Entity) -> str | None:
        for m in e.mentions:
            prev = self.doc[m.start - 1].text if m.start else ""
            g = self.lex.honorifics.get(prev) or self.lex.honorifics.get(m.actor.text.split()[0])
            if g in ("f", "m"):
                return g
        if e.name:
            for word in e.name.split()[:2]:
                g = self.lex.first_names.get(word.casefold())
                if g:
                    return g
        return None

    # -- lookup --------------------------------------------------------------------------------
    def entity(self, m: Mention) -> Entity:
        """The entity a mention belongs to (added as a new entity when unknown)."""
        eid = entity_id(m)
        eid = self._alias.get(eid, eid)
        return self.entities.get(eid) or self._find(m)

    def _find(self, m: Mention) -> Entity:
        for e in self.entities.values():
            if any(x is m for x in e.mentions):
                return e
        return self.add(m)

    def person_named(self, words: list[str], before: int) -> Entity | None:
        """The person entity called `words` ("Paul Iddon", or just "Iddon") with a mention
        starting at or before token `before` (the latest such), or None."""
        if not words:
            return None
        found: tuple[int, Entity] | None = None
        for e in self.entities.values():
            if not e.name or not (e.is_person or len(words) == 1):
                continue
            parts = e.name.split()
            if words != parts and not (len(words) == 1 and len(parts) > 1 and
                                       words[0] in (parts[-1], parts[0])):
                continue
            if e.type is not None and not e.is_person and \
                    not any(m.type == "person" for m in e.mentions):
                continue
            first = min(m.start for m in e.mentions)
            if first <= before and (found is None or first > found[0]):
                found = (first, e)
        return found[1] if found else None

    def at(self, i: int) -> list[Mention]:
        """Mentions covering token i, longest first."""
        return sorted(self._at.get(i, []), key=lambda m: m.start - m.end)

    def best_at(self, i: int) -> Mention | None:
        """The mention covering token i that best names an actor (a person first, then longest)."""
        found = self.at(i)
        if not found:
            return None
        return min(found, key=lambda m: (m.type != "person", m.start - m.end))

    def before(self, i: int, window: int) -> list[Mention]:
        """Mentions ending at or before token i that start within `window` tokens, latest first."""
        return sorted((m for m in self.mentions if m.end <= i and m.start >= i - window),
                      key=lambda m: -m.start)


def _capitalised(text: str) -> bool:
    return bool(text) and text[0].isupper() and any(c.islower() for c in text)
