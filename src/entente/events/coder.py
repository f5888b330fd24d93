"""The event coder: parsed sentences + actor mentions + quotes → CAMEO/PLOVER `Event`s.

For every sentence the coder finds the frames (trigger + pattern + governors, see `triggers`),
fills their source and target from the parse (`arguments`), decides the modality (`modality`),
the date (`dates`), the place (`places`) and the speaker (`attribution`), and assembles contract
`Event`s with their evidence and a confidence.

Actor policy: an event needs a source or a target that is a political actor (an actor with a
country or an intergovernmental organisation). Events whose two sides are both empty or both
non-political ("an explosion killed two people") are dropped. Events other than protest, force
posture, coercion and violence (roots 14, 15, 17-20: `sourceless_roots` in cues.yaml) also need
a source in the text, someone who acts: "a trip to the White House" is no visit event. A natural
force is no source ("an earthquake struck ..."). A side that resolves to a place ("shelled areas
of Kharkiv") stands for the place's country; a sector with no country ("civilians",
"protesters") takes the country of the event's location. Source and target are never the same
entity.

Confidence starts from the pattern's prior and is lowered for each weaker link: an actor found
through a modifier, a pronoun, a place or a deep search, a missing side, a governor chain, a
non-asserted modality, a trigger matched on its surface form only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cached_property
from itertools import combinations
from typing import Any, NamedTuple

import msgspec

from entente.events import codebook as cb
from entente.events import syntax as sx
from entente.events.arguments import NOUN_SOURCE_SLOTS, ActorIndex, Filler, slot_heads
from entente.events.attribution import Attributed, attribute
from entente.events.dates import DateMatch
from entente.events.headline import Variant, headline_sentences, variants
from entente.events.implicit import (
    Memory,
    counterpart_targets,
    implicit_targets,
    pair_fillers,
    referent_sides,
    source_keys,
)
from entente.events.lexicon import Lexicon, Pattern
from entente.events.modality import assess
from entente.events.places import locate
from entente.events.repair import repair
from entente.events.syntax import Token
from entente.events.timing import as_date, event_date, own_date, sentence_dates
from entente.events.triggers import Frame, frames, to_clauses
from entente.records import (
    Actor,
    Article,
    Event,
    Evidence,
    Location,
    Mention,
    Modality,
    Plover,
    QuoteSpan,
)

__all__ = ["Coder"]

NOUN_TARGETS = ["to", "against", "on", "with", "between", "for", "into", "over"]
HOW_WEIGHT = {"direct": 1.0, "modifier": 0.95, "coref": 0.9, "place": 0.85, "deep": 0.8,
              "implicit": 0.75, "linear": 0.75}
STATE_ROLES = frozenset({"GOV", "MIL", "JUD", "LEG", "COP", "SPY", "IGO"})
# Nouns that count events ("dozens of air strikes", "a series of attacks", "weeks of talks").
QUANTITIES = frozenset({"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "series",
                        "wave", "waves", "round", "rounds", "number", "string", "spate", "barrage",
                        "day", "days", "week", "weeks", "month", "months", "year", "years", "lot",
                        "couple", "pair", "set"})
# Words before "with" that make its object a partner, not a target ("together with Norway").
PARTNER_WORDS = frozenset({"together", "along", "jointly", "alongside"})
# Participles after a name that make it no party of the noun ("EU-mediated talks").
AGENT_PARTICIPLES = frozenset({"mediated", "brokered", "backed", "led", "sponsored", "hosted",
                               "based", "funded", "linked", "affiliated", "run", "allied",
                               "owned", "supported", "organised", "organized", "controlled"})
# Subordinators of the event a response answers ("protests *after* X fired", "*over* the seizure").
RESPONSE_MARKS = ("after", "over", "following", "because", "because of")
# Roots whose event, told with no target, is aimed at whom the source faces in the article.
COUNTERPART_ROOTS = frozenset({"12", "13", "15", "16", "19"})
# Roots whose target may be named in a purpose clause ("sent bombers *to patrol X's airspace*").
PURPOSE_ROOTS = frozenset({"06", "07", "15"})
# Plural nouns for the two sides of a domestic conflict ("Sudan's warring *generals* sign a truce").
RIVAL_NOUNS = frozenset({"general", "generals", "faction", "factions", "rival", "rivals",
                         "party", "parties", "side", "sides", "belligerents", "camps"})
# Roles that make two actors of one country two sides (government and rebels, police and
# protesters); a country-level actor with no role is the state.
DOMESTIC_SIDES = frozenset({"REB", "OPP", "CVL", "CRM", "UAF", "INS", "SEP", "LAB", "REF"})
VIOLENT_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})
# Coercion that, told with no target, is done to the people of the country in focus by its own
# security forces ("riot police used pepper spray", "detained 20 people").
DOMESTIC_CODES = frozenset({"172", "173", "175"})
SECURITY_ROLES = frozenset({"COP", "MIL", "GOV", "JUD", "SPY"})
# Sectors with no country of their own in the text that belong to the country in focus ("the
# junta", "riot police", "opposition leaders", "the rebels"; not refugees, media or gunmen).
FOCUS_ROLES = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "CVL", "REB", "CRM", "SPY",
                         "ELI", "LAB", "AGR", "EDU", "REL"})
# Events the text dates before this year are history lessons, not news (ARTICLE_GOLD 1.2).
HISTORY_BEFORE = 2000


class Sides(NamedTuple):
    sources: list[Filler]
    targets: list[Filler]


class Pair(NamedTuple):
    source: Filler | None
    target: Filler | None
    reciprocal: bool


class Context(NamedTuple):
    """What the coder knows about the sentence being coded."""

    sent: Any
    n: int
    article: Article
    published: date | None
    actors: ActorIndex
    quotes: Sequence[QuoteSpan]
    past_dates: list[tuple[DateMatch, Token]]
    future_dates: list[tuple[DateMatch, Token]]
    memory: Memory  # the article's events so far (implicit arguments)


def parse_published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def political(actor: Actor | None) -> bool:
    """A political actor belongs to a state or is an international organisation."""
    return actor is not None and bool(actor.country or actor.org)


def _political_first(fillers: list[Filler]) -> list[Filler]:
    """Among the actors of one slot, drop those with no country or organisation when others
    have one ("his Azerbaijani counterpart": the counterpart is Azerbaijani, not "his")."""
    good = [f for f in fillers if political(f.mention.actor)]
    return good if good else fillers


class Coder:
    """Codes events from a parsed article. `lexicon` defaults to the packaged one; `resolver`
    (for actors on the event date) defaults to `entente.actors.Resolver(kb)`; `coref` adds
    pronoun and short-reference mentions (default: `entente.quotes.coref.resolve`; None: off)."""

    def __init__(self, kb: Any, lexicon: Lexicon | None = None, resolver: Any = None,
                 coref: Any = "default", nlp: Any = "default"):
        self.kb = kb
        self._coref = _default_coref if coref == "default" else coref
        self._nlp = nlp
        self.lexicon = lexicon if lexicon is not None else Lexicon.load()
        self.codebook = cb.load()
        self._resolver = resolver
        self.cues = self.lexicon.cues
        self._light = frozenset(self.cues.light_verbs)
        self._localised = frozenset(self.cues.localised_roles)
        self._non_agents = frozenset(self.cues.non_agents)
        self._sourceless = frozenset(self.cues.sourceless_roots)
        self._verbs = self.lexicon.verb_words()
        self._past = self.lexicon.past_forms()

    @cached_property
    def resolver(self) -> Any:
        if self._resolver is not None:
            return self._resolver
        from entente.actors import Resolver

        return Resolver(self.kb)

    def _is_past_verb(self, t: Token) -> bool:
        """Is a noun-tagged word the past form of a lexicon verb ("cut", "fought", "expelled")?"""
        low = t.lower_
        irregular = self.cues.irregular
        if low in irregular:
            return irregular[low] in self._verbs
        return low.endswith("ed") and any(b in self._verbs for b in sx.base_forms(low))

    @cached_property
    def nlp(self) -> Any:
        """The pipeline that re-parses normalised headlines (None: headlines as parsed)."""
        if self._nlp != "default":
            return self._nlp
        if not hasattr(self.resolver, "mentions"):
            return None  # a stub resolver (unit tests): no mentions for a re-parsed headline
        from entente import nlp

        return nlp.load()

    # -- the article --------------------------------------------------------------------------
    def code(self, doc: Any, mentions: list[Mention], quotes: list[QuoteSpan],
             article: Article) -> list[Event]:
        published = parse_published(article.published)
        mentions = _with_coref(doc, mentions, self._coref)
        head = headline_sentences(doc) if self.nlp is not None else 0
        memory = Memory()
        events: list[Event] = []
        if head:
            events += self._code_headline(doc, head, mentions, quotes, article, published)
            memory.add(events)
            end = list(doc.sents)[head - 1].end
            memory.note([m for m in mentions if m.start < end], weight=3)
        return events + self._code_sentences(doc, mentions, quotes, article, published, memory,
                                             head)

    def _code_sentences(self, doc: Any, mentions: list[Mention], quotes: Sequence[QuoteSpan],
                        article: Article, published: date | None, memory: Memory,
                        first: int = 0, last: int | None = None) -> list[Event]:
        doc = repair(doc, self._is_past_verb)
        index = ActorIndex(mentions, getattr(self.kb, "place", None))
        skip = _inside_names(mentions)
        events: list[Event] = []
        for n, sent in enumerate(doc.sents):
            if n < first:
                continue
            if last is not None and n >= last:
                break
            memory.note([m for m in mentions if sent.start <= m.start < sent.end],
                        weight=3 if n <= first + 1 else 1)  # the headline and the lead
            ctx = Context(sent, n, article, published, index, quotes,
                          sentence_dates(sent, published, False), sentence_dates(sent, published, True),
                          memory)
            events += self.code_sentence(ctx, skip)
        return events

    def _code_headline(self, doc: Any, head: int, mentions: list[Mention],
                       quotes: Sequence[QuoteSpan], article: Article,
                       published: date | None) -> list[Event]:
        """The headline paragraph coded as parsed and as its normalised copies re-parsed (see
        `headline`); the reading with the best-supported events wins, the parse as given on a
        tie."""
        best = self._code_sentences(doc, mentions, quotes, article, published, Memory(), 0, head)
        best_score = _support(best)
        sents = list(doc.sents)[:head]
        for v in variants(doc, head, mentions, self._verbs, self._past):
            vdoc = self.nlp(v.text)
            vmentions = self.resolver.mentions(vdoc, published)
            found = self._code_sentences(vdoc, vmentions, [], article, published, Memory())
            found = [e for e in (_mapped(ev, vdoc, v, sents, article.id) for ev in found) if e]
            if _support(found) > best_score:
                best, best_score = found, _support(found)
        return _renumbered(best, article.id)

    def code_sentence(self, ctx: Context, skip: set[int]) -> list[Event]:
        found = frames(ctx.sent, self.lexicon, skip)
        nouns = {f.trigger.i for f in found if not sx.is_verbal(f.trigger)}
        own_dates = {f.trigger.i: own_date(f, ctx, nouns) for f in found}
        out: list[Event] = []
        seen: set[tuple[Any, ...]] = set()
        for f in found:
            mine: list[Event] = []
            for ev in self._frame_events(f, ctx, own_dates, found):
                key = (_dyad_key(ev.source), _dyad_key(ev.target), ev.cameo, ev.evidence.start)
                rkey = (_dyad_key(ev.target), _dyad_key(ev.source), ev.cameo, ev.evidence.start)
                if key in seen or (ev.reciprocal and rkey in seen):
                    continue
                seen.add(key)
                mine.append(msgspec_replace(ev, id=f"{ctx.article.id}:{ctx.n}:{len(out) + len(mine)}"))
            ctx.memory.add(mine)
            out += mine
        return out

    # -- one frame ----------------------------------------------------------------------------
    def _frame_events(self, f: Frame, ctx: Context, own_dates: dict[int, DateMatch | None],
                      found: list[Frame]) -> list[Event]:
        if _hosted_harm(f, found):
            return []
        chosen = self._choose(f, ctx)
        if chosen is None:
            return []
        pattern, sides = chosen
        code, base, forced = self._code(f, pattern, sides)
        if code is None:
            return []
        attributed = attribute(f.trigger, f.head, ctx.quotes, ctx.actors, self.cues)
        verdict = assess(f.head, self.cues, in_quote=bool(attributed and attributed.in_quote))
        modality: Modality = verdict.modality
        if forced == "negated" or (forced == "hypothetical" and modality == "asserted"):
            modality = forced  # type: ignore[assignment]
        if modality == "negated" and base and any(g.negation == "complement" for g in f.governors):
            code = base  # "has no plans to send troops": the sending is what did not happen
        elif modality == "negated" and base and f.governors and f.governors[0].negation == "hypothetical":
            code, modality = base, "hypothetical"  # "would not rule out sanctions"
        code, modality = self._future_code(code, modality, verdict.future, f, pattern, sides,
                                           attributed)
        if code is None:
            return []
        mutual = len(sides.sources) >= 2 and not sides.targets and (
            _one_mention(sides.sources) or _each_other(f.trigger))  # "the two countries pulled back"
        complete = mutual or (pattern is not None and pattern.reciprocal and len(sides.sources) >= 2)
        if sides.sources and not complete and not any(political(x.mention.actor) for x in sides.targets):
            sides = Sides(sides.sources, self._fallback_targets(f, code, sides, ctx) or sides.targets)
        when, date_from = event_date(f, ctx, own_dates, found, verdict.future)
        reciprocal = pattern.reciprocal if pattern else not sides.targets
        reciprocal = reciprocal or mutual
        pairs = _pairs(sides, reciprocal)
        return self._assemble(f, ctx, pattern, code, modality, pairs, when, date_from, attributed,
                              verdict.future)

    def _choose(self, f: Frame, ctx: Context) -> tuple[Pattern | None, Sides] | None:
        """The first candidate pattern whose needs are met, with its sides. A natural force as
        subject ("an earthquake *struck* Afghanistan") makes no political event."""
        subj = sx.subject(f.trigger) if sx.is_verbal(f.trigger) else []
        if subj and set(sx.words(subj[-1])) & self._non_agents:
            return None
        if not f.patterns:
            sides = self._sides(f, None, ctx)
            if not sides.targets:
                sides = Sides(sides.sources, self._complement_targets(f.head, ctx))
            # A bare intent ("pledged joint efforts") needs someone it is addressed to.
            ok = (any(political(x.mention.actor) for x in sides.targets)
                  or sum(political(x.mention.actor) for x in sides.sources) >= 2)
            return (None, sides) if ok else None
        for p in f.patterns:
            sides = self._sides(f, p, ctx)
            if p.needs_target and not sides.targets:
                continue
            if p.needs_source and not sides.sources:
                continue
            if p.reciprocal and len(sides.sources) + len(sides.targets) < 2:
                continue  # "the Bosnian war", "Turkey signed": a clash or a deal needs two sides
            return p, sides
        return None

    def _fallback_targets(self, f: Frame, code: str, sides: Sides, ctx: Context) -> list[Filler]:
        """A target the text gives only indirectly, for an event whose source is known:

        * a response names what it responds to ("Philippines protests *after Chinese coast
          guard fires* ..."): the actor of the after/over clause;
        * a conditional threat names whom it is aimed at ("would retaliate *if the measure took
          effect*"): the actor (or the author of the referred event) of the if clause;
        * a show of force, a rejection, a threat, a cut in relations or fighting with no named
          target is aimed at whom the source faces in the article (`Memory.counterpart`);
        * domestic coercion with no named target is done to the people of the country in focus.
        """
        root = code[:2]
        exclude = source_keys(sides.sources)
        marks = {"10": RESPONSE_MARKS, "11": RESPONSE_MARKS, "12": RESPONSE_MARKS,
                 "13": ("if", "unless"), "14": RESPONSE_MARKS, "16": RESPONSE_MARKS}
        nodes = [f.trigger, f.head]
        if not sx.is_verbal(f.trigger) and f.trigger.head is not f.trigger:
            nodes.append(f.trigger.head)  # "lodged a protest *after* ...": on the carrying verb
        for node in dict.fromkeys(nodes):
            for c in sx.kids(node, "advcl", "obl"):
                if sx.case_word(c) not in marks.get(root, ()):
                    continue
                for s in sx.kids(c, *sx.SUBJ):
                    found = [x for x in _flat(ctx.actors.groups([s])) if political(x.mention.actor)
                             and not source_keys([x]) & exclude]
                    found = found or referent_sides(s, self.lexicon.classes, ctx.memory, exclude)
                    if found:
                        return found
        if root in PURPOSE_ROOTS:
            # "sent bombers *to patrol Belarusian airspace*": whom the purpose clause names
            for c in to_clauses(f.trigger) + sx.kids(f.trigger, "xcomp"):
                found = [x for x in _flat(ctx.actors.groups(sx.objects(c)))
                         if political(x.mention.actor) and not source_keys([x]) & exclude]
                if found:
                    return found
        if root in COUNTERPART_ROOTS and not self._explicit_target(f.trigger):
            return counterpart_targets(sides.sources, ctx.memory, f.trigger.i)
        if code[:3] in DOMESTIC_CODES:
            return _focus_filler(ctx.memory.focus(), sides.sources, f.trigger.i)
        return []

    def _explicit_target(self, t: Token) -> bool:
        """Does the text name what the event is aimed at, though no actor ("attacks *on
        commercial ships*", "fired missiles *at an army post*")? A border or a frontier is no
        such target: it stands for the neighbour behind it."""
        border = self.lexicon.classes.get("border", frozenset())
        heads = sx.objects(t) if sx.is_verbal(t) else []
        heads += [c for prep in ("on", "against", "at", "into") for c in sx.prep_objects(t, prep)]
        return any(not set(sx.words(h)) & border for h in heads if sx.is_nominal(h))

    def _complement_targets(self, head: Token, ctx: Context) -> list[Filler]:
        """For a governor with no coded complement ("offered to lead a mission *in Haiti*",
        "threatened to cut off electricity *to Nakhichevan*"): the first actor among the
        complement clause's object and prepositional phrases."""
        for comp in sx.kids(head, "xcomp", "ccomp") + [
                c for c in sx.kids(head, "advcl") if sx.case_word(c) == "to"]:
            heads = sx.objects(comp) + [c for prep in ("to", "against", "on", "in", "with", "for")
                                        for c in sx.prep_objects(comp, prep)]
            found = _flat(ctx.actors.groups(heads))
            if found:
                return found
        return []

    def _code(self, f: Frame, p: Pattern | None,
              sides: Sides) -> tuple[str | None, str | None, str | None]:
        """The frame's code after its governors, the code before them, and a modality they
        force (or None)."""
        if p is None:
            if not f.governors:
                return None, None, None
            code = f.governors[-1].alone  # "denied that they had *promised* ...": 030, negated
            return self._governed(code, f.governors[:-1], code)
        code = p.code
        if p.state_code and any(_is_state(s.mention) for s in sides.sources):
            code = p.state_code
        return self._governed(code, f.governors, code)

    @staticmethod
    def _governed(code: str | None, governors: Sequence[Any],
                  base: str | None) -> tuple[str | None, str | None, str | None]:
        """Apply governors (innermost first) to a code: the code, the base code and a forced
        modality ("=?" hypothetical, "=!" negated)."""
        forced = None
        for g in reversed(governors):
            new = g.recode(code)
            if new is None or new == "-":
                return None, None, None
            if new == "=?":
                forced = forced or "hypothetical"
            elif new == "=!":
                forced = "negated"
            elif new != "=":
                code = new
        return code, base, forced

    def _future_code(self, code: str, modality: Modality, future: bool, f: Frame,
                     p: Pattern | None, sides: Sides,
                     attributed: Attributed | None) -> tuple[str | None, Modality]:
        """An announced future event: cooperation becomes an intent (03x); a conflict event is
        a threat when its source announced it, else a prediction (hypothetical)."""
        if not future or modality != "asserted" or code.startswith("03") or f.governors:
            return code, modality
        root = int(code[:2])
        if root < 10:
            new = self.lexicon.recode("future", code)
            return (new if new and new not in ("=", "=?", "=!", "-") else code), modality
        if root == 13:
            return code, modality
        speaker = attributed.speaker if attributed else None
        own = speaker is not None and any(_same_country(speaker, s.mention) for s in sides.sources)
        if own:
            new = self.lexicon.recode("threat", code)
            if new and new not in ("=", "=?", "=!", "-"):
                return new, modality
        return code, "hypothetical"

    # -- arguments ----------------------------------------------------------------------------
    def _sides(self, f: Frame, p: Pattern | None, ctx: Context) -> Sides:
        t = f.trigger
        passive = sx.is_passive(t) if sx.is_verbal(t) else False
        nominal = p.pos == "noun" if p else sx.is_nominal(t)
        acting = _acting_governor(f)
        if acting is not None and acting is not t:
            # "X demanded that Y leave", "X urged Y to ...": X acts, Y is the target
            sources = self._fill(acting, None, sx.is_nominal(acting),
                                 sx.is_verbal(acting) and sx.is_passive(acting), ctx, role="source")
            told = self._fill(t, None, nominal, passive, ctx, role="source") if sx.is_verbal(t) else []
            exclude = {s.key for s in sources}
            targets = self._governor_targets(f, ctx) or [x for x in told if x.key not in exclude]
            if not targets:
                targets = self._fill(t, p.target if p and p.target else None, nominal, passive,
                                     ctx, role="target", exclude=exclude)
            used = {s.token for s in sources} | {s.key for s in sources}
            targets = [x for x in targets if x.token not in used and x.key not in used]
            return Sides(_political_first(_dedupe(sources)), _political_first(_dedupe(targets)))
        sources = self._fill(t, p.source if p and p.source else None, nominal, passive, ctx,
                             role="source")
        if not sources and p is not None and p.reciprocal and nominal:
            sources = _flat(ctx.actors.groups(_victims(t)))
        if not sources and f.head is not t:
            sources = self._fill(f.head, None, sx.is_nominal(f.head), False, ctx, role="source")
        if not sources and sx.is_verbal(t) and _pair_phrase(sx.subject(t) if not passive else []):
            sources = pair_fillers(ctx.memory, t.i)  # "the two leaders spoke by phone"
        exclude = {s.key for s in sources}
        targets = self._governor_targets(f, ctx)
        if not targets:
            targets = self._fill(t, p.target if p and p.target else None, nominal, passive, ctx,
                                 role="target", exclude=exclude)
        if not targets and f.governors:
            # "rejected *Pakistan's* proposal for talks": the owner of a governing noun
            heads = [x for g in _governor_tokens(f) for x in sx.kids(g, "nmod:poss")]
            heads += [x for g in _governor_tokens(f) for o in sx.objects(g)
                      for x in sx.kids(o, "nmod:poss")]
            targets = _flat(ctx.actors.groups(heads))
        complete = p is not None and p.reciprocal and len(sources) >= 2  # "X and Y signed the deal"
        if not any(political(x.mention.actor) for x in targets) and sx.is_verbal(t) and not complete:
            # "condemned *the launch*": the side of an event told before
            targets = implicit_targets(t, self.lexicon.classes, ctx.memory, sources) or targets
        if (nominal and p is not None and p.reciprocal and not sources and not targets
                and _definite_noun(t) and sx.dep(t) in ("nsubj", "nsubj:pass")):
            # "*The negotiations* began in Caracas": the parties of the talks told before
            targets = referent_sides(t, self.lexicon.classes, ctx.memory, set())
        used = {s.token for s in sources} | {s.key for s in sources}
        targets = [x for x in targets if x.token not in used and x.key not in used]
        if (p is not None and p.reciprocal and len(sources) == 1 and not targets
                and _rivals(sources[0], t.doc)):
            # "Sudan's warring generals sign a truce": the two sides are one country's
            rival = sources[0].mention
            targets = [Filler(msgspec_replace(rival, entity=f"{rival.entity}:rival"),
                              sources[0].token, sources[0].how)]
        return Sides(_political_first(_dedupe(sources)), _political_first(_dedupe(targets)))

    def _governor_targets(self, f: Frame, ctx: Context) -> list[Filler]:
        for g, tok in zip(f.governors, _governor_tokens(f), strict=False):
            if g.target == "comp_subj":
                heads = [s for c in sx.kids(tok, "ccomp", "parataxis") for s in sx.kids(c, *sx.SUBJ)]
                found = _flat(ctx.actors.groups(heads))
                if found:
                    return found
            if g.target != "object":
                continue
            heads = sx.objects(tok) + sx.kids(tok, "iobj")
            for prep in ("on", "upon", "to"):
                heads += sx.prep_objects(tok, prep)
            found = _flat(ctx.actors.groups(heads))
            if found:
                return found
        return []

    def _fill(self, t: Token, slots: list[str] | None, nominal: bool, passive: bool,
              ctx: Context, role: str, exclude: frozenset[str] | set[str] = frozenset()
              ) -> list[Filler]:
        if slots is None:
            if role == "source":
                slots = [*NOUN_SOURCE_SLOTS, "head_subject"] if nominal else ["subj"]
            else:
                slots = NOUN_TARGETS if nominal else ["obj"]
        fallback: list[Filler] = []
        for slot in slots:
            found = self._slot(t, slot, passive, ctx)
            if nominal and slot in ("compound", "amod"):
                # "a *Kabul* car bombing": a place before an event noun says where, not who;
                # "*EU*-mediated talks": the mediator is no party
                found = [f for f in found if f.mention.kind not in ("metonymy", "place")
                         and not _agent_participle(f.mention, t.doc)]
            if role == "target" and slot == "with":
                found = [f for f in found if not _partner(f, t.doc)]
            if not found and nominal and role == "target" and slot not in ("poss", "amod", "compound"):
                found = self._slot_on_head(t, slot, ctx)
            if slot == "between" and len(found) == 1:
                found += _next_listed(ctx.actors, found[0], ctx.sent)
            if slot.endswith("_deep"):
                found = [f for f in found if f.key not in exclude][:1]
            if (role == "source" and slot == "poss" and found and all(f.how == "coref" for f in found)
                    and "head_subject" in slots):
                # "Seoul, Washington and Tokyo would tighten *their* cooperation": the subject
                # names the owners better than the pronoun does
                named = self._slot(t, "head_subject", passive, ctx)
                if any(political(f.mention.actor) for f in named):
                    return named
            if any(political(f.mention.actor) for f in found):
                return found
            fallback = fallback or found  # a sector ("protesters") only if nothing better
        return fallback

    def _slot(self, t: Token, slot: str, passive: bool, ctx: Context) -> list[Filler]:
        if slot == "head_subject" or (slot == "subj" and not passive and sx.is_nominal(t)):
            return _flat(ctx.actors.groups(_head_subject(t, self._light)))
        if slot == "comp":
            return self._complement_targets(t, ctx)
        if slot == "comp_subj":
            heads = [s for c in sx.kids(t, "ccomp", "xcomp") for s in sx.kids(c, *sx.SUBJ)]
            return _flat(ctx.actors.groups(heads))
        heads = slot_heads(t, slot, passive)
        return _flat(ctx.actors.groups(heads, deep=slot.endswith("_deep")))

    def _slot_on_head(self, t: Token, slot: str, ctx: Context) -> list[Filler]:
        """A noun's target may hang on the verb that carries it ("cooperation grows *between*
        X and Y", "support proved crucial *to* X")."""
        head = t.head
        if head is t or sx.dep(t) not in ("nsubj", "obj", "nsubj:pass", "xcomp"):
            return []
        carriers = [head, *sx.kids(head, "xcomp", "acomp")]
        deep = slot.endswith("_deep")
        for c in carriers:
            found = _flat(ctx.actors.groups(sx.prep_objects(c, slot.removesuffix("_deep")), deep))
            if found:
                return found
        return []

    # -- assembly -----------------------------------------------------------------------------
    def _assemble(self, f: Frame, ctx: Context, p: Pattern | None, code: str, modality: Modality,
                  pairs: list[Pair], when: str | None, date_from: str | None,
                  attributed: Attributed | None, future: bool) -> list[Event]:
        row = self.codebook.get(code)
        if row is None:
            return []
        on = as_date(when)
        location = locate(f.trigger, ctx.actors, self.kb) or self._target_place(pairs)
        evidence = _evidence(f, ctx.sent, p, code)
        out = []
        roles = self._localised
        if row.root in ("14", "18", "19", "20") and location is not None and location.country:
            pairs = [p if p.target is not None else p._replace(target=_place_filler(location))
                     for p in pairs]
        if when and when[:4].isdigit() and int(when[:4]) < HISTORY_BEFORE and date_from == "text":
            return []  # a history lesson ("in 1994", "in September 1812"): no event
        focus = ctx.memory.focus()
        for pair in pairs:
            source = _localise(self._actor(pair.source, on), location, roles, focus, row.root)
            target = _localise(self._actor(pair.target, on), location, roles, focus, row.root)
            if _same_actor(source, target):
                continue  # "NATO will deploy soldiers to *its* mission": no event between X and X
            if not (political(source) or political(target)):
                continue
            if not political(source) and row.root not in self._sourceless:
                continue  # "a trip to the White House", "voters backed": no political actor acts
            if source is None and modality != "asserted":
                continue  # "an armed attack on X would trigger ...": a generic case, no event
            if (code[:3] in ("042", "043") and source is not None and target is not None
                    and source.country and source.country == target.country):
                continue  # a visit or a welcome needs two countries
            conf = _confidence(f, p, pair, modality)
            out.append(Event(
                id="", sentence=ctx.n, text=ctx.sent.text, source=source, target=target,
                cameo=code, root=row.root, quad_class=row.quad_class, goldstein=row.goldstein,
                plover=Plover(type=row.plover_type, mode=row.plover_mode), modality=modality,
                date=when, date_from=date_from, location=location,  # type: ignore[arg-type]
                attribution=attributed.attribution if attributed else None, evidence=evidence,
                confidence=conf, reciprocal=pair.reciprocal,
            ))
        return out

    def _target_place(self, pairs: list[Pair]) -> Location | None:
        """A place that is the target ("shelled *Kharkiv*") is also where the event happened."""
        lookup = getattr(self.kb, "place", None)
        for pair in pairs:
            t = pair.target
            if t is not None and t.how == "place" and lookup is not None:
                place = lookup(t.mention.actor.name or t.mention.actor.text)
                if place is not None:
                    return Location(name=place.name, country=place.country, lat=place.lat,
                                    lon=place.lon)
        return None

    def _actor(self, filler: Filler | None, on: date | None) -> Actor | None:
        if filler is None:
            return None
        m = filler.mention
        if filler.how == "place" and m.actor.country:
            a = m.actor
            return Actor(text=a.text, name=a.name, code=a.country, country=a.country, id=a.id)
        try:
            return self.resolver.actor_at(m, on)
        except Exception:
            return m.actor


# -- helpers ------------------------------------------------------------------------------------
def _support(events: Sequence[Event]) -> float:
    """How well a reading of a headline is supported: political sides found, then confidence."""
    return sum(political(e.source) + political(e.target) + e.confidence / 10 for e in events)


def _mapped(ev: Event, vdoc: Any, v: Variant, sents: list[Any], article_id: str) -> Event | None:
    """An event coded on a normalised headline, with its sentence and evidence offsets moved
    into the original text."""
    vsent = list(vdoc.sents)[ev.sentence]
    start, end = v.original(vsent.start_char + ev.evidence.start, vsent.start_char + ev.evidence.end)
    for n, sent in enumerate(sents):
        if sent.start_char <= start < sent.end_char:
            a, b = start - sent.start_char, min(end, sent.end_char) - sent.start_char
            evidence = msgspec.structs.replace(ev.evidence, start=a, end=b, trigger=sent.text[a:b])
            return msgspec_replace(ev, sentence=n, text=sent.text, evidence=evidence)
    return None


def _renumbered(events: list[Event], article_id: str) -> list[Event]:
    count: dict[int, int] = {}
    out = []
    for ev in events:
        k = count.get(ev.sentence, 0)
        count[ev.sentence] = k + 1
        out.append(msgspec_replace(ev, id=f"{article_id}:{ev.sentence}:{k}"))
    return out


def msgspec_replace(ev: Event, **changes: Any) -> Event:
    return msgspec.structs.replace(ev, **changes)


def _dyad_key(a: Actor | None) -> str | None:
    """One event per frame and pair of countries (or organisations): "urged both sides" where
    both are Sudanese is one appeal to Sudan."""
    return None if a is None else (a.org or a.country or a.code or a.text)


def _place_filler(location: Location) -> Filler:
    """A protest with no named target is aimed at the authorities of the place it happens in
    ("thousands demonstrated in Kirkuk"); an attack on a thing ("attacked an oil facility in Abu
    Dhabi") is an attack on the country it stands in."""
    actor = Actor(text=location.name, name=location.name, code=location.country,
                  country=location.country)
    mention = Mention(start=0, end=0, char_start=0, char_end=0, actor=actor, kind="place",
                      type="place")
    return Filler(mention, -1, "place")


def _same_actor(a: Actor | None, b: Actor | None) -> bool:
    """One actor on both sides: the same organisation, or the same country in the same role
    (a state and its own pronoun), not two sides of a domestic conflict."""
    if a is None or b is None:
        return False
    if a.org and a.org == b.org and not a.country and not b.country:
        return True
    return (bool(a.country) and a.country == b.country and (a.role or "") == (b.role or "")
            and (a.role or "") not in DOMESTIC_SIDES)


def _localise(actor: Actor | None, location: Location | None,
              roles: frozenset[str], focus: str | None = None, root: str = "") -> Actor | None:
    """A sector with no country ("civilians", "protesters") takes the country of the place where
    the event happened: "killed civilians in the Central African Republic" → CAF civilians; with
    no place, a state or domestic sector ("the junta", "riot police", "opposition leaders") takes
    the country the article is about so far."""
    if actor is None or actor.country or actor.org or actor.role not in roles:
        return actor
    country = location.country if location is not None and location.country else None
    if country is None and actor.role in FOCUS_ROLES and (actor.role != "CVL" or root in VIOLENT_ROOTS):
        country = focus  # civilians only as the victims (or the crowd) of violence
    if not country:
        return actor
    return msgspec.structs.replace(actor, country=country, code=country + (actor.role or ""))


def _default_coref(doc: Any, mentions: list[Mention]) -> list[Mention]:
    from entente.quotes import coref

    found: list[Mention] = coref.resolve(doc, mentions)
    return found


def _with_coref(doc: Any, mentions: list[Mention], coref: Any) -> list[Mention]:
    """Add pronoun and short-reference mentions ("he", "the two countries") from the quotes
    stage's coreference, unless the resolver already gave them."""
    if coref is None or any(m.kind == "pronoun" for m in mentions):
        return mentions
    try:
        return [*mentions, *coref(doc, mentions)]
    except Exception:  # coreference is a bonus: its failure must lose no event
        return mentions


def _inside_names(mentions: Sequence[Mention]) -> set[int]:
    """Tokens inside multi-word names ("Warsaw *Pact*", "Security *Council*") trigger nothing."""
    return {i for m in mentions if m.kind == "name" and m.end - m.start > 1
            and m.type not in ("country", "person") for i in range(m.start, m.end)}


def _is_state(m: Mention) -> bool:
    role = (m.actor.role or "").upper()
    return role in STATE_ROLES or (m.type or "") in ("country", "igo") or (
        bool(m.actor.country) and not role)


def _same_country(a: Mention, b: Mention) -> bool:
    return bool(a.actor.country) and a.actor.country == b.actor.country


def _flat(groups: list[list[Filler]]) -> list[Filler]:
    return [f for g in groups for f in g]


def _dedupe(fillers: list[Filler]) -> list[Filler]:
    seen: dict[str, Filler] = {}
    for f in fillers:
        seen.setdefault(f.key, f)
    return list(seen.values())


def _head_subject(t: Token, light: frozenset[str]) -> list[Token]:
    """For an event noun: the subject of the verb that carries it ("Turkey *imposed* sanctions",
    "workers *went on* strike"), or of the copula it is the predicate of ("Russia is one of the
    largest *suppliers*")."""
    node = t
    for _ in range(3):
        if sx.kids(node, "cop"):
            return sx.kids(node, *sx.SUBJ)
        head = node.head
        if head is node:
            return []
        d = sx.dep(node)
        if d == "nmod" and sx.case_word(node) == "of" and sx.lemma(head) in QUANTITIES:
            node = head  # "carried out *dozens of* air strikes"
            continue
        carries = d in ("obj", "xcomp") or (d == "obl" and set(sx.words(head)) & light)
        if carries and sx.is_verbal(head):
            return sx.subject(head) if not sx.is_passive(head) else sx.agent(head)
        if d == "nmod" and sx.kids(head, "cop"):
            return sx.kids(head, *sx.SUBJ)
        return []
    return []


def _pair_phrase(subj: list[Token]) -> bool:
    """ "The two leaders", "both sides": a plural phrase counting two sides."""
    if not subj:
        return False
    h = subj[-1]
    return h.tag_ in ("NNS", "NNPS") and any(
        c.lower_ in ("two", "both") and sx.dep(c) in ("nummod", "det", "amod") for c in h.children)


def _rivals(f: Filler, doc: Any) -> bool:
    """Is the filler's mention a plural noun for rival sides ("warring generals", "factions")?"""
    head = doc[max(f.mention.start, f.mention.end - 1)]
    return head.lower_ in RIVAL_NOUNS and head.tag_ in ("NNS", "NNPS")


def _one_mention(fillers: list[Filler]) -> bool:
    """Do the fillers all come from one mention naming several actors ("the two countries")?"""
    return len({(f.mention.start, f.mention.end) for f in fillers}) == 1 and fillers[0].how == "coref"


def _each_other(t: Token) -> bool:
    """ "accused *each other*", "fired at *one another*": the sources act on one another."""
    heads = sx.objects(t) + [c for c in t.children if sx.dep(c) in sx.PREP_ARGS]
    return any(h.lower_ in ("other", "another") and any(c.lower_ in ("each", "one")
                                                         for c in h.children) or
               h.lower_ in ("each", "one") and any(c.lower_ in ("other", "another")
                                                  for c in h.children) for h in heads)


def _focus_filler(focus: str | None, sources: list[Filler], token: int) -> list[Filler]:
    """The people of the country in focus, as the target of domestic coercion by its own forces."""
    if focus is None or any(s.mention.actor.country or s.mention.actor.org
                            or s.mention.actor.role not in SECURITY_ROLES for s in sources):
        return []  # only a bare security sector ("riot police") is the focus country's own
    actor = Actor(text=focus, name=focus, code=focus + "CVL", country=focus, role="CVL")
    m = Mention(start=token, end=token, char_start=0, char_end=0, actor=actor, kind="implicit",
                entity=f"focus:{focus}")
    return [Filler(m, token, "implicit")]


def _definite_noun(t: Token) -> bool:
    return any(sx.dep(c) == "det" and c.lower_ in ("the", "these", "those") for c in t.children)


def _victims(t: Token) -> list[Token]:
    """ "20 Indian soldiers and four Chinese troops were killed *in* hand-to-hand *fighting*":
    the passive subject of the verb that hosts a clash noun fought in it."""
    head = t.head
    if (head is t or sx.dep(t) not in ("obl", "nmod") or sx.case_word(t) not in ("in", "during")
            or not sx.is_verbal(head) or not sx.is_passive(head) or sx.agent(head)):
        return []
    return sx.kids(head, *sx.PASS_SUBJ)


def _hosted_harm(f: Frame, found: list[Frame]) -> bool:
    """A passive verb with no agent whose "in"-phrase is an event of its own ("were killed in
    clashes"): the event noun carries the sides, the verb adds nothing."""
    t = f.trigger
    if not sx.is_verbal(t) or not sx.is_passive(t) or sx.agent(t):
        return False
    nouns = {fr.trigger.i for fr in found if fr.trigger is not t}
    return any(c.i in nouns for c in sx.kids(t, "obl") if sx.case_word(c) in ("in", "during"))


def _agent_participle(m: Mention, doc: Any) -> bool:
    """ "*EU*-mediated", "*Iran*-backed": the name is the agent of a participle."""
    i = m.end
    return (i + 1 < len(doc) and doc[i].text == "-" and doc[i + 1].lower_ in AGENT_PARTICIPLES)


def _partner(f: Filler, doc: Any) -> bool:
    """ "hosts the talks *together with* Norway": a co-agent, not a target."""
    i = f.mention.start - 1
    while i > 0 and doc[i].pos_ == "DET":
        i -= 1
    return i > 0 and doc[i].lower_ == "with" and doc[i - 1].lower_ in PARTNER_WORDS


def _acting_governor(f: Frame) -> Token | None:
    """The token of the outermost governor whose subject is the frame's actor ("*demanded*
    that Y leave", "*urged* Y to ..."), if any."""
    for g, tok in zip(f.governors, _governor_tokens(f), strict=False):
        if g.source == "governor":
            return tok
    return None


def _governor_tokens(f: Frame) -> list[Token]:
    """The tokens of a frame's governors, outermost first (the chain follows complements)."""
    out = [f.head]
    doc = f.head.doc
    rest = sorted(i for i in f.tokens if i not in (f.head.i, f.trigger.i))
    out += [doc[i] for i in rest]
    return out[: len(f.governors)]


def _next_listed(index: ActorIndex, first: Filler, sent: Any) -> list[Filler]:
    """The actor listed right after another one ("between Turkey, Azerbaijan", "between Turkey
    and Azerbaijan"), read from the words when the parse lost the coordination (headlines)."""
    doc = sent.doc
    i = first.mention.end
    while i < sent.end and doc[i].lower_ in (",", "and", "&"):
        i += 1
    if i == first.mention.end or i >= sent.end:
        return []
    return [Filler(x, i, "direct") for x in index.at(i)]


def _pairs(sides: Sides, reciprocal: bool) -> list[Pair]:
    src, tgt = sides.sources, sides.targets
    if reciprocal and not tgt and len(src) >= 2:
        return [Pair(a, b, True) for a, b in combinations(src, 2)]
    if reciprocal and not src and len(tgt) >= 2:
        return [Pair(a, b, True) for a, b in combinations(tgt, 2)]
    out = []
    sources: list[Filler | None] = list(src) or [None]
    targets: list[Filler | None] = list(tgt) or [None]
    for s in sources:
        for t in targets:
            if s is not None and t is not None and s.key == t.key:
                continue
            out.append(Pair(s, t, reciprocal and s is not None and t is not None))
    return out


def _confidence(f: Frame, p: Pattern | None, pair: Pair, modality: Modality) -> float:
    conf = p.prior if p else (f.governors[0].prior if f.governors else 0.5)
    for g in f.governors:
        conf *= 0.5 + g.prior / 2
    for side in (pair.source, pair.target):
        conf *= HOW_WEIGHT.get(side.how, 0.8) if side is not None else 0.88
    if modality != "asserted":
        conf *= 0.9
    if p is not None and sx.lemma(f.trigger) not in p.lemma:
        conf *= 0.95
    return round(min(0.99, max(0.05, conf)), 3)


def _evidence(f: Frame, sent: Any, p: Pattern | None, code: str) -> Evidence:
    base = sent.start_char
    first, last = sorted((f.head, f.trigger), key=lambda t: t.i)
    if last.i - first.i > 5:
        first = last = f.head
    start = first.idx - base
    end = last.idx + len(last.text) - base
    rule = "+".join([g.id for g in f.governors] + ([p.id] if p else []))
    return Evidence(trigger=sent.text[start:end], start=start, end=end, rule=rule or code)
