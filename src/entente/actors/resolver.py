"""The resolver: every actor mention in a Doc, resolved on a date.

    resolver = Resolver(KnowledgeBase.load())
    mentions = resolver.mentions(doc, date(2021, 8, 10))     # list[Mention]
    resolver.actor_at(mentions[0], date(2010, 5, 1))         # the same mention on another date
    resolver.resolve("Erdogan", date(2021, 8, 10))           # Actor(code="TURGOV", ...)

Steps: knowledge-base names and sector nouns (PhraseMatcher) -> unknown organisations whose
names hold known words (orgs) -> unknown persons (NER, given names) -> surnames linked to full names -> phrases (demonym + sector, title + person, ...) ->
entries chosen in context and resolved on the date -> affiliations of persons -> sector nouns
with no country take the country in focus (context).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from entente.actors.affiliation import add_affiliations
from entente.actors.build import build_mention
from entente.actors.choose import choose
from entente.actors.compose import compose
from entente.actors.context import in_context
from entente.actors.matcher import Matcher
from entente.actors.orgs import org_names
from entente.actors.persons import add_unknown_persons, link
from entente.actors.pieces import from_hits, named_entries
from entente.records import Actor, Mention


class Resolver:
    """Finds and resolves actor mentions with one knowledge base (thread-compatible, not
    thread-safe while it builds its matcher for a new vocabulary)."""

    def __init__(self, kb: Any, *, nlp: Any = None) -> None:
        self.kb = kb
        self._nlp = nlp
        self._matchers: dict[int, Matcher] = {}

    def matcher(self, vocab: Any) -> Matcher:
        """The matcher for a vocabulary (built on first use, then cached)."""
        m = self._matchers.get(id(vocab))
        if m is None or m.vocab is not vocab:
            m = self._matchers[id(vocab)] = Matcher(self.kb, vocab)
        return m

    def mentions(self, doc: Any, ref_date: date | None) -> list[Mention]:
        """Every actor mention in `doc`, resolved on `ref_date` (None: the knowledge base's
        `as_of` date), in text order."""
        kb, day = self.kb, ref_date or self.kb.as_of
        pieces = from_hits(doc, self.matcher(doc.vocab)(doc), kb)
        pieces = org_names(doc, pieces, kb)
        pieces = add_unknown_persons(doc, pieces, kb)
        pieces = link(doc, pieces, kb, day)
        context = named_entries(kb, pieces)
        built = [build_mention(kb, doc, phrase, day, context)
                 for phrase in compose(doc, pieces, kb)]
        found = add_affiliations(kb, doc, [m for m in built if m is not None], day)
        return in_context(kb, doc, found)

    def actor_at(self, mention: Mention, on: date | None) -> Actor:
        """The mention's actor on another date (the event's): office holders change, groups
        change sector; a name the knowledge base does not know stays as it is."""
        if mention.key is None:
            return mention.actor
        role = mention.sector if mention.type != "person" else None
        if mention.kind == "metonymy" and role is None:
            role = mention.actor.role
        return self.kb.actor(mention.key, on or self.kb.as_of, text=mention.actor.text, role=role)

    def resolve(self, text: str, on: date | None = None) -> Actor | None:
        """The actor one string names ("Erdogan", "Turkish military", "the Kremlin")."""
        day = on or self.kb.as_of
        aliases = self.kb.lookup(text)
        if aliases:
            choice = choose(self.kb, aliases, text, day=day)
            if choice.entry is not None:
                role = choice.alias.role if choice.alias else None
                return self.kb.actor(choice.entry.id, day, text=text.strip(), role=role)
        found = self.mentions(self.tokenizer(text), day)
        if not any(m.key for m in found) and text.islower():
            found = self.mentions(self.tokenizer(text.title()), day) or found
        if not found:
            return None
        best = max(found, key=lambda m: (m.end - m.start, m.key is not None))
        return best.actor

    def tokenizer(self, text: str) -> Any:
        """A Doc of `text` from a blank English pipeline (tokens only; no model needed)."""
        if self._nlp is None:
            import spacy

            self._nlp = spacy.blank("en")
        return self._nlp.make_doc(text)
