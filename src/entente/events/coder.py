"""The event coder: parsed sentences + actor mentions + quotes → CAMEO/PLOVER `Event`s.

For every sentence the coder finds the frames (trigger + pattern + governors, see `triggers`),
fills their source and target (`sides`, with the slot lookups of `arguments`), decides the
modality (`modality`), the date (`timing`, `dates`), the place (`places`) and the speaker
(`attribution`), and assembles contract `Event`s with their evidence and a confidence.

A whole article is more than its sentences. The parse is repaired first where small parsers
slip (`repair`); the headline paragraph is also coded from normalised copies re-parsed with the
same pipeline, and the best-supported reading is kept (`headline`); and a `Memory` of the
events coded so far (and of the countries named) lets a sentence refer back: "condemned *the
launch*" is aimed at the launcher, "deployed troops *to the border*" at whom the source faces,
"*riot police* used pepper spray" are the police of the country in focus (`implicit`).

Actor policy: an event needs a source or a target that is a political actor (an actor with a
country or an intergovernmental organisation). Events whose two sides are both empty or both
non-political ("an explosion killed two people") are dropped. Events other than force posture,
assault, fighting and mass violence (roots 15, 18-20: `sourceless_roots` in cues.yaml) also need
a political source in the text, someone who acts: "a trip to the White House" and "voters
backed ..." are no events. Likewise, events other than comments, appeals, protests, force
posture and repression (`targetless_roots`) need a political target: "warned that the country
would pay a heavy price" with its target unfound is dropped at the end of the article. A natural force is no source ("an earthquake struck ..."). A side
that resolves to a place ("shelled areas of Kharkiv") stands for the place's country; a sector
with no country ("civilians", "protesters") takes the country of the event's location, or of
the article's focus. The same actor is never on both sides, and events the text dates before
2000 (or, in an article older than 2015, fifteen years before it) are history, not news.

Confidence starts from the pattern's prior and is lowered for each weaker link: an actor found
through a modifier, a pronoun, a place, a deep search or an earlier event, a missing side, a
governor chain, a non-asserted modality, a trigger matched on its surface form only.
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
from entente.events.arguments import ActorIndex, Filler
from entente.events.attribution import Attributed, attribute
from entente.events.dates import DateMatch
from entente.events.headline import (
    headline_sentences,
    map_event,
    renumber,
    support,
    variants,
)
from entente.events.implicit import (
    Memory,
)
from entente.events.lexicon import Lexicon, Pattern
from entente.events.modality import assess, assess_own
from entente.events.places import locate
from entente.events.repair import repair
from entente.events.sides import (
    Context,
    SideFinder,
    Sides,
    each_other,
    one_mention,
    political,
)
from entente.events.syntax import Token
from entente.events.timing import as_date, event_date, own_date, sentence_dates
from entente.events.triggers import Frame, frames
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

HOW_WEIGHT = {"direct": 1.0, "modifier": 0.95, "coref": 0.9, "place": 0.85, "deep": 0.8,
              "implicit": 0.75, "rival": 0.85}
STATE_ROLES = frozenset({"GOV", "MIL", "JUD", "LEG", "COP", "SPY", "IGO"})
# Punitive steps that, announced on a condition by their own side, are threats (ARTICLE_GOLD 4.4).
PUNITIVE_ROOTS = frozenset({"15", "16", "17", "18", "19", "20"})
# Roles that make two actors of one country two sides (government and rebels, police and
# protesters); a country-level actor with no role is the state.
DOMESTIC_SIDES = frozenset({"REB", "OPP", "CVL", "CRM", "UAF", "INS", "SEP", "LAB", "REF"})
VIOLENT_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})
# Sectors with no country of their own in the text that belong to the country in focus ("the
# junta", "riot police", "opposition leaders", "the rebels"; not refugees, media or gunmen).
FOCUS_ROLES = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "CVL", "REB", "CRM", "SPY",
                         "ELI", "LAB", "AGR", "EDU", "REL"})
# Events the text dates before this year are history lessons, not news (ARTICLE_GOLD 1.2) ...
HISTORY_BEFORE = 2000
# ... or, in an older article, this many years before its publication: a 1990 story about
# "Wednesday" or "last year" is news of its day, not history (`history_before`).
HISTORY_YEARS = 15


class Pair(NamedTuple):
    source: Filler | None
    target: Filler | None
    reciprocal: bool


def parse_published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


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
        targetless = self.cues.targetless_roots
        self._targetless = None if targetless is None else frozenset(targetless)
        self._verbs = self.lexicon.verb_words()
        self.finder = SideFinder(self.lexicon)
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
        events += self._code_sentences(doc, mentions, quotes, article, published, memory, head)
        return [e for e in events if self._has_needed_target(e)]

    def _has_needed_target(self, ev: Event) -> bool:
        """False for an event with no political target whose root needs one (cues.yaml,
        `targetless_roots`). Dropped only here, at the end of the article, so that the memory
        of earlier events (implicit arguments, "the attack") still sees them."""
        return self._targetless is None or political(ev.target) or ev.root in self._targetless

    def _code_sentences(self, doc: Any, mentions: list[Mention], quotes: Sequence[QuoteSpan],
                        article: Article, published: date | None, memory: Memory,
                        first: int = 0, last: int | None = None) -> list[Event]:
        doc = repair(doc, self._is_past_verb, lambda t: t.lower_ in self._verbs)
        index = ActorIndex(mentions, getattr(self.kb, "place", None),
                           self.lexicon.classes.get("owned_nouns", frozenset()),
                           self.lexicon.classes.get("envoy", frozenset()))
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
        best_score = support(best)
        sents = list(doc.sents)[:head]
        for v in variants(doc, head, mentions, self._verbs, self._past):
            vdoc = self.nlp(v.text)
            vmentions = self.resolver.mentions(vdoc, published)
            found = self._code_sentences(vdoc, vmentions, [], article, published, Memory())
            found = [e for e in (map_event(ev, vdoc, v, sents) for ev in found) if e]
            if support(found) > best_score:
                best, best_score = found, support(found)
        return renumber(best, article.id)

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
        sides = self._speaker_for_pronoun(f, sides, attributed)
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
        if (pattern is not None and pattern.negated_code and modality != "negated"
                and not any(political(x.mention.actor) for x in sides.targets)):
            return []  # "accepted the invitation": only its negation is an event of its own
        code, modality = self._special_modality(code, modality, f, pattern, sides, attributed)
        mutual = len(sides.sources) >= 2 and not sides.targets and (
            one_mention(sides.sources) or each_other(f.trigger)  # "the two countries pulled back"
            or code[:3] == "035")  # "X and Y agreed not to use force"
        if (pattern is not None and pattern.joint_code and not sides.targets
                and len({s.mention.actor.country or s.mention.actor.org for s in sides.sources}) >= 2):
            code, mutual = pattern.joint_code, True  # "the three countries' navies held a drill"
        complete = mutual or (pattern is not None and pattern.reciprocal and len(sides.sources) >= 2)
        if sides.sources and not complete and not any(political(x.mention.actor) for x in sides.targets):
            sides = Sides(sides.sources, self.finder.fallback_targets(f, code, sides, ctx) or sides.targets)
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
        phrase = [w for s in subj[-1:] for x in [s, *sx.kids(s, "appos", "compound", "flat")]
                  for w in sx.words(x)]
        if set(phrase) & self._non_agents:
            return None  # "a magnitude 5.9 earthquake struck": no political event
        if not f.patterns:
            sides = self.finder.sides(f, None, ctx)
            if not sides.targets:
                sides = Sides(sides.sources, self.finder.complement_targets(f.head, ctx))
            # A bare intent ("pledged joint efforts") needs someone it is addressed to.
            ok = (any(political(x.mention.actor) for x in sides.targets)
                  or sum(political(x.mention.actor) for x in sides.sources) >= 2)
            return (None, sides) if ok else None
        for p in f.patterns:
            sides = self.finder.sides(f, p, ctx)
            if p.needs_target and not sides.targets and len(_countries(sides.sources)) < 2:
                continue  # (two states building a pipeline together need no other target)
            if p.needs_source and not sides.sources:
                continue
            if p.reciprocal and len(sides.sources) + len(sides.targets) < 2:
                continue  # "the Bosnian war", "Turkey signed": a clash or a deal needs two sides
            return p, sides
        return None


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

    def _special_modality(self, code: str, modality: Modality, f: Frame, p: Pattern | None,
                          sides: Sides, attributed: Attributed | None) -> tuple[str, Modality]:
        """Three constructions where the modality changes the code:

        * a conditional punitive step announced by its own side ("Mexico would retaliate with
          tariffs *if* the measure took effect", "Brussels said it *could* impose measures on
          Pristina *if* ...") is a threat, asserted (ARTICLE_GOLD 4.4);
        * a pledge or an agreement *not* to use force ("agreed not to use force", "pledged that
          neither country would threaten ...") is an intent to de-escalate (0356), asserted;
        * a refusal told as a negated acceptance ("would not accept illegal restrictions") is
          a rejection, asserted (the pattern's `negated_code`)."""
        root = code[:2]
        if (modality == "hypothetical" and root in PUNITIVE_ROOTS and _conditional(f)
                and _own_announcement(attributed, sides)):
            new = self.lexicon.recode("threat", code)
            if new and new not in ("=", "=?", "=!", "-"):
                return new, "asserted"
        if (f.governors and f.governors[0].abstain_code and root >= "13"
                and _negated_here(f.trigger, self.cues)):
            return f.governors[0].abstain_code, "asserted"  # mutual when two agree (see below)
        if modality == "negated" and p is not None and p.negated_code and not f.governors:
            return p.negated_code, "asserted"
        return code, modality

    def _speaker_for_pronoun(self, f: Frame, sides: Sides,
                             attributed: Attributed | None) -> Sides:
        """ "Pakistani officials said *they* could expel ...", "X denied that *they* had
        promised ...": a pronoun subject the resolver left without a state is the speaker."""
        if not sides.sources or any(political(s.mention.actor) for s in sides.sources):
            return sides
        if not all(s.mention.kind == "pronoun" for s in sides.sources):
            return sides
        speaker = attributed.speaker if attributed else None
        if speaker is None or not political(speaker.actor):
            return sides
        filler = Filler(speaker, speaker.start, "coref")
        return Sides([filler], [t for t in sides.targets if t.key != filler.key])

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
        if row.root in ("14", "17", "18", "19", "20") and location is not None and location.country:
            pairs = [p if p.target is not None else p._replace(target=_place_filler(location))
                     for p in pairs]
        if (when and when[:4].isdigit() and int(when[:4]) < history_before(ctx.published)
                and date_from == "text"):
            return []  # a history lesson ("in 1994", "in September 1812"): no event
        if row.root in ("18", "19", "20") and self._sports(ctx.sent):
            return []  # "Argentina beat Brazil 2-1 in the final": sport
        focus = ctx.memory.focus()
        for pair in pairs:
            source = _localise(self._actor(pair.source, on), location, roles, focus, row.root)
            target = _localise(self._actor(pair.target, on), location, roles, focus, row.root,
                               other=source)
            if row.root == "14" and target is None:
                target = _own_government(source)
            if _same_actor(source, target, row.root) and not (pair.target and pair.target.how == "rival"):
                continue  # "NATO will deploy soldiers to *its* mission": no event between X and X
            if not (political(source) or political(target)):
                continue
            if not political(source) and row.root not in self._sourceless:
                continue  # "a trip to the White House", "voters backed": no political actor acts
            if source is None and modality != "asserted":
                continue  # "an armed attack on X would trigger ...": a generic case, no event
            if code == "016" and target is None:
                continue  # a bare denial: the denied act is the event (ARTICLE_GOLD 4.6)
            if ((p.code if p else code)[:3] in ("042", "043") and source is not None
                    and target is not None and source.country and source.country == target.country):
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

    def _sports(self, sent: Any) -> bool:
        sports = self.lexicon.classes.get("sports", frozenset())
        return any(t.lower_ in sports for t in sent)

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
            actor = self.resolver.actor_at(m, on)
        except Exception:
            actor = m.actor
        if actor is not None and _people(m, filler):
            # "Tens of thousands of *Israelis* protested": a nationality as people, not the state
            actor = msgspec.structs.replace(actor, role="CVL", code=(actor.country or "") + "CVL")
        return actor


# -- helpers ------------------------------------------------------------------------------------


def history_before(published: date | None) -> int:
    """The year before which a dated event is a history lesson: 2000 for the articles of our
    time, earlier for an article published before 2015."""
    if published is None:
        return HISTORY_BEFORE
    return min(HISTORY_BEFORE, published.year - HISTORY_YEARS)


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


def _same_actor(a: Actor | None, b: Actor | None, root: str) -> bool:
    """One actor on both sides: the same organisation; or, for a dealing between states, the
    same country (a state and its own pronoun) unless one side is a domestic party (rebels,
    opposition, civilians). Coercion and violence inside one country (police arresting a former
    prime minister) are only one actor when the text names the same entity twice."""
    if a is None or b is None:
        return False
    if a.org and a.org == b.org and not a.country and not b.country:
        return True
    if root in VIOLENT_ROOTS:
        return bool(a.id) and a.id == b.id
    return (bool(a.country) and a.country == b.country and (a.role or "") not in DOMESTIC_SIDES
            and (b.role or "") not in DOMESTIC_SIDES)


def _countries(fillers: list[Filler]) -> set[str]:
    return {c for f in fillers if (c := f.mention.actor.country or f.mention.actor.org)}


def _people(m: Mention, f: Filler) -> bool:
    """A plural nationality noun with no sector ("Israelis", "Ukrainians") names people."""
    return (m.kind == "demonym" and not m.actor.role and f.how in ("direct", "modifier")
            and m.end - m.start == 1 and m.actor.text[-1:] == "s" and m.actor.text[:1].isupper())


# Roles of a country's people: told with no target, their protest is aimed at their own government
# ("thousands marched through Mogadishu", "residents banged pots and pans in protest").
PEOPLE_ROLES = frozenset({"CVL", "LAB", "OPP", "EDU", "REL", "AGR"})


def _own_government(source: Actor | None) -> Actor | None:
    """The government of a protesting crowd whose country is known (ARTICLE_GOLD 2.4)."""
    if source is None or not source.country or source.org or source.role not in PEOPLE_ROLES:
        return None
    c = source.country
    return Actor(text=c, name=c, code=c + "GOV", country=c, role="GOV")


def _localise(actor: Actor | None, location: Location | None, roles: frozenset[str],
              focus: str | None = None, root: str = "", other: Actor | None = None) -> Actor | None:
    """A sector with no country ("civilians", "protesters") takes the country of the place where
    the event happened: "killed civilians in the Central African Republic" → CAF civilians; with
    no place, a state or domestic sector ("the junta", "riot police", "opposition leaders") takes
    the country the article is about so far."""
    if actor is None or actor.country or actor.org:
        return actor
    country = location.country if location is not None and location.country else None
    if actor.role == "REB" and country and other is not None and other.country == country:
        # "Iraqi forces raided the offices of an armed faction in Baghdad": an Iraqi faction
        return msgspec.structs.replace(actor, country=country, code=country + "REB")
    if actor.role not in roles:
        return actor
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
    if m.kind == "demonym" and not role and m.actor.text[-1:] == "s" and m.end - m.start == 1:
        return False  # "Israelis protested": people, not the state
    return role in STATE_ROLES or (m.type or "") in ("country", "igo") or (
        bool(m.actor.country) and not role)


def _same_country(a: Mention, b: Mention) -> bool:
    return bool(a.actor.country) and a.actor.country == b.actor.country


def _conditional(f: Frame) -> bool:
    """Is the event (or a clause it hangs in) conditional on an "if"/"unless" clause?"""
    for node in [f.trigger, f.head, *sx.ancestors(f.head, 2)]:
        if any(sx.case_word(c) in ("if", "unless") for c in sx.kids(node, "advcl")):
            return True
    return False


def _own_announcement(attributed: Attributed | None, sides: Sides) -> bool:
    """Does the speaker announce an act of their own side?"""
    speaker = attributed.speaker if attributed else None
    return speaker is not None and any(_same_country(speaker, s.mention) or (
        speaker.entity is not None and speaker.entity == s.mention.entity) for s in sides.sources)


def _negated_here(t: Token, cues: Any) -> bool:
    """Is the event word itself negated ("agreed *not* to use force", "*neither* country
    would threaten")?"""
    own = assess_own(t, cues)
    return own == "negated"


def _hosted_harm(f: Frame, found: list[Frame]) -> bool:
    """A passive verb with no agent whose "in"-phrase is an event of its own ("were killed in
    clashes"): the event noun carries the sides, the verb adds nothing."""
    t = f.trigger
    if not sx.is_verbal(t) or not sx.is_passive(t) or sx.agent(t):
        return False
    nouns = {fr.trigger.i for fr in found if fr.trigger != t}
    return any(c.i in nouns for c in sx.kids(t, "obl") if sx.case_word(c) in ("in", "during"))


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
