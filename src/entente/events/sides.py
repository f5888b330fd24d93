"""Who: the source and target of a frame, from the parse, the article so far, and the words.

`SideFinder.sides(frame, pattern, ctx)` fills a frame's sides from the slots its pattern names
(see `arguments` for the slot lookups): the subject and object, prepositional phrases, the
owner or the modifiers of an event noun, the subject of the verb carrying it. It then tries
the fallbacks a news article needs when the parse gives no actor:

* the actor of the governing verb for appeals and demands ("X *demanded* that Y leave");
* an earlier event the object refers to ("condemned *the launch*", see `implicit`);
* the two sides of "the two leaders" or of a rival group ("Sudan's warring generals").

Once the code is known, `fallback_targets` looks further: the actor of a response or condition
clause, of a purpose clause, the counterpart the source faces in the article, the country in
focus for domestic coercion.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

import msgspec

from entente.events import syntax as sx
from entente.events.arguments import NOUN_SOURCE_SLOTS, ActorIndex, Filler, slot_heads
from entente.events.dates import DateMatch
from entente.events.implicit import (
    Memory,
    counterpart_targets,
    implicit_targets,
    pair_fillers,
    referent_sides,
    source_keys,
)
from entente.events.lexicon import Lexicon, Pattern
from entente.events.syntax import Token
from entente.events.triggers import Frame, to_clauses
from entente.records import Actor, Article, Mention, QuoteSpan

__all__ = ["Context", "SideFinder", "Sides", "political"]

NOUN_TARGETS = ["to", "against", "on", "with", "between", "for", "into", "over"]
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
# Attacks: their target phrase, when no actor, may be a ship or a convoy at sea (no target).
ATTACK_ROOTS = frozenset({"18", "19", "20"})
# Classes of nouns that stand for the country they belong to ("shelled *villages*", "deployed
# soldiers *to the frontier*", "block *resupply missions*").
PLACE_CLASSES = ("border", "territory", "facility", "supply_lines", "property")
# Roots whose target may be named in a purpose clause ("sent bombers *to patrol X's airspace*").
# Mediation and offers to mediate (ARTICLE_GOLD 2.7): aimed at the parties.
MEDIATION_CODES = frozenset({"045", "039"})
PURPOSE_ROOTS = frozenset({"06", "07", "15"})
# Plural nouns for the two sides of a domestic conflict ("Sudan's warring *generals* sign a truce").
RIVAL_NOUNS = frozenset({"general", "generals", "faction", "factions", "rival", "rivals",
                         "party", "parties", "side", "sides", "belligerents", "camps"})
# Coercion that, told with no target, is done to the people of the country in focus by its own
# security forces ("riot police used pepper spray", "detained 20 people").
DOMESTIC_CODES = frozenset({"172", "173", "175"})
SECURITY_ROLES = frozenset({"COP", "MIL", "GOV", "JUD", "SPY"})
# Reactions to something another actor said or did, aimed at its author when the text names
# the author only inside the object ("rejected *a US offer*", "welcomed *Reagan's* statement",
# "denounced *Serbia's* suppression of ...", "rejected calls *by Belarus's rulers*").
AUTHOR_ROOTS = frozenset({"05", "11", "12"})
AUTHOR_PREPS = ("from", "by")
AUTHOR_DEPS = ("nmod:poss", "amod", "compound")
# Economic and humanitarian aid told with no recipient is sent to the country in focus ("sent
# aid to the flood-hit region": the region's country is the article's subject). Not arms or
# "support for the operation": in a conflict they go to one side, often not the one in focus.
AID_CODES = frozenset({"071", "073"})


class Sides(NamedTuple):
    sources: list[Filler]
    targets: list[Filler]


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


class SideFinder:
    """Fills the sides of frames with one lexicon."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self._light = frozenset(lexicon.cues.light_verbs)

    def fallback_targets(self, f: Frame, code: str, sides: Sides, ctx: Context) -> list[Filler]:
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
        if root in AUTHOR_ROOTS:
            # "rejected *a fresh offer from Afghanistan*", "welcomed *Reagan's* statement"
            for node in dict.fromkeys((f.head, f.trigger)):
                found = _author_targets(node, ctx, exclude) if sx.is_verbal(node) else []
                if found:
                    return found
        marks = {"10": RESPONSE_MARKS, "11": RESPONSE_MARKS, "12": RESPONSE_MARKS,
                 "13": ("if", "unless"), "14": RESPONSE_MARKS, "16": RESPONSE_MARKS}
        nodes = [f.trigger, f.head]
        if not sx.is_verbal(f.trigger) and f.trigger.head != f.trigger:
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
        if root in COUNTERPART_ROOTS and not (root in ATTACK_ROOTS and self._explicit_target(f.trigger)):
            return counterpart_targets(sides.sources, ctx.memory, f.trigger.i)
        if code[:3] in DOMESTIC_CODES or code == "17" or root == "14":
            own = _own_country(code, sides.sources, f.trigger, people=_own_prisoners(f.trigger))
            if own:
                return own
        if code[:3] in DOMESTIC_CODES:
            return _focus_filler(ctx.memory.focus(), sides.sources, f.trigger.i)
        if code[:3] == "084" and _own_prisoners(f.trigger):
            # "Nicaragua released 222 political prisoners": prisoners the text gives no country
            # are the source's own citizens (a domestic release)
            return _own_country("084", sides.sources, f.trigger, people=True)
        if _all_sides(f.trigger):
            # "China urged all sides to settle their differences": the factions of the country
            # in focus (a coup, a civil war), not a pair of states
            return _recipient_filler(ctx.memory.focus(), sides.sources, f.trigger.i)
        if code[:3] in AID_CODES:
            # "the United States announced $30 million in humanitarian assistance", "released
            # 1.8 million euros for the worst-affected districts": aid the text sends nowhere
            # goes to the country the article is about, when that is not the donor's own
            return _recipient_filler(ctx.memory.focus(), sides.sources, f.trigger.i)
        if code[:3] in MEDIATION_CODES:
            # "China offered to mediate", "Astana would not act as a mediator": between the
            # two sides of the latest two-sided event the mediator is no party to; one event,
            # as the text names neither side (ARTICLE_GOLD 2.7: the other side is optional)
            return pair_fillers(ctx.memory, f.trigger.i, exclude)[:1]
        return []

    def _explicit_target(self, t: Token) -> bool:
        """Does the text name what the event is aimed at, though no actor ("attacks *on
        commercial ships*", "fired missiles *at an army post*")? A border or a frontier is no
        such target: it stands for the neighbour behind it."""
        classes = self.lexicon.classes
        border = frozenset().union(*(classes.get(c, frozenset()) for c in PLACE_CLASSES))
        heads = sx.objects(t) if sx.is_verbal(t) else []
        heads += [c for prep in ("on", "against", "at", "into") for c in sx.prep_objects(t, prep)]
        return any(not set(sx.words(h)) & border for h in heads if sx.is_nominal(h))

    def complement_targets(self, head: Token, ctx: Context) -> list[Filler]:
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

    # -- arguments ----------------------------------------------------------------------------
    def sides(self, f: Frame, p: Pattern | None, ctx: Context) -> Sides:
        t = f.trigger
        passive = sx.is_passive(t) if sx.is_verbal(t) else False
        nominal = p.pos == "noun" if p else sx.is_nominal(t)
        acting = _acting_governor(f)
        if acting is not None and acting != t:
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
        if not sources and f.head != t:
            sources = self._fill(f.head, None, sx.is_nominal(f.head), False, ctx, role="source")
        if not sources and sx.is_verbal(t) and _pair_phrase(sx.subject(t) if not passive else []):
            sources = pair_fillers(ctx.memory, t.i)  # "the two leaders spoke by phone"
        exclude = {s.key for s in sources} | {c for s in sources
                                              if (c := s.mention.actor.country or s.mention.actor.org)}
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
        if not any(political(x.mention.actor) for x in targets) and not complete and (
                sx.is_verbal(t) or (nominal and p is not None and p.code[:2] in PURPOSE_ROOTS)):
            # "condemned *the launch*": the side of an event told before
            # ("provided support *for the operation*": on the verb that carries the noun)
            carrier = (f.head if f.head != t else t.head if sx.dep(t) == "obj" else None
                       ) if nominal else None
            targets = (implicit_targets(t, self.lexicon.classes, ctx.memory, sources)
                       or (carrier is not None and implicit_targets(
                           carrier, self.lexicon.classes, ctx.memory, sources)) or targets)
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
            targets = [Filler(msgspec.structs.replace(rival, entity=f"{rival.entity}:rival"),
                              sources[0].token, "rival")]
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
                # a different actor than the source ("massed troops along *its* border with
                # *Ukraine*": not its own)
                found = [f for f in found if f.key not in exclude
                         and (f.mention.actor.country or f.mention.actor.org) not in exclude][:1]
            if (role == "source" and slot == "poss" and found and all(f.how == "coref" for f in found)
                    and "head_subject" in slots):
                # "Seoul, Washington and Tokyo would tighten *their* cooperation": the subject
                # names the owners better than the pronoun does
                named = self._slot(t, "head_subject", passive, ctx)
                if any(political(f.mention.actor) for f in named):
                    return named
            if (role == "target" and slot == "obj" and found and not nominal
                    and not any(political(f.mention.actor) for f in found)):
                # "arrested a journalist *from the United States*": where the person is from
                origin = [x for x in _flat(ctx.actors.groups(sx.prep_objects(t, "from")))
                          if political(x.mention.actor)]
                if origin and set(sx.words(t.doc[found[0].token])) & self.lexicon.classes.get(
                        "persons", frozenset()):
                    return origin
            if any(political(f.mention.actor) for f in found):
                return found
            fallback = fallback or found  # a sector ("protesters") only if nothing better
        return fallback

    def _slot(self, t: Token, slot: str, passive: bool, ctx: Context) -> list[Filler]:
        if slot == "head_subject" or (slot == "subj" and not passive and sx.is_nominal(t)):
            return _flat(ctx.actors.groups(_head_subject(t, self._light)))
        if slot == "comp":
            return self.complement_targets(t, ctx)
        if slot == "comp_subj":
            heads = [s for c in sx.kids(t, "ccomp", "xcomp") for s in sx.kids(c, *sx.SUBJ)]
            return _flat(ctx.actors.groups(heads))
        heads = slot_heads(t, slot, passive)
        return _flat(ctx.actors.groups(heads, deep=slot.endswith("_deep")))

    def _slot_on_head(self, t: Token, slot: str, ctx: Context) -> list[Filler]:
        """A noun's target may hang on the verb that carries it ("cooperation grows *between*
        X and Y", "support proved crucial *to* X")."""
        head = t.head
        if head == t or sx.dep(t) not in ("nsubj", "obj", "nsubj:pass", "xcomp"):
            return []
        carriers = [head, *sx.kids(head, "xcomp", "acomp")]
        deep = slot.endswith("_deep")
        for c in carriers:
            found = _flat(ctx.actors.groups(sx.prep_objects(c, slot.removesuffix("_deep")), deep))
            if found:
                return found
        return []


def _political_first(fillers: list[Filler]) -> list[Filler]:
    """Among the actors of one slot, drop those with no country or organisation when others
    have one ("his Azerbaijani counterpart": the counterpart is Azerbaijani, not "his")."""
    good = [f for f in fillers if political(f.mention.actor)]
    return good if good else fillers


def _head_subject(t: Token, light: frozenset[str]) -> list[Token]:
    """For an event noun: the subject of the verb that carries it ("Turkey *imposed* sanctions",
    "workers *went on* strike"), or of the copula it is the predicate of ("Russia is one of the
    largest *suppliers*")."""
    node = t
    for _ in range(3):
        if sx.kids(node, "cop"):
            return sx.kids(node, *sx.SUBJ)
        head = node.head
        if head == node:
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


def one_mention(fillers: list[Filler]) -> bool:
    """Do the fillers all come from one mention naming several actors ("the two countries")?"""
    return len({(f.mention.start, f.mention.end) for f in fillers}) == 1 and fillers[0].how == "coref"


def each_other(t: Token) -> bool:
    """ "accused *each other*", "fired at *one another*": the sources act on one another."""
    heads = sx.objects(t) + [c for c in t.children if sx.dep(c) in sx.PREP_ARGS]
    return any((h.lower_ in ("other", "another") and any(c.lower_ in ("each", "one")
                                                         for c in h.children)) or
               (h.lower_ in ("each", "one") and any(c.lower_ in ("other", "another")
                                                  for c in h.children)) for h in heads)


def _own_country(code: str, sources: list[Filler], t: Token, people: bool = False) -> list[Filler]:
    """Domestic events told with no target are aimed at the source's own country: a coup
    ("the army seized power": its government), an arrest of someone the text gives no country
    ("detained Aung San Suu Kyi": its citizen), a protest or strike by a country's people
    ("French workers went on strike": their government)."""
    countries = {s.mention.actor.country for s in sources}
    if len(countries) != 1 or None in countries:
        return []
    country = countries.pop()
    assert country is not None
    m0 = sources[0].mention
    if code == "17":
        role = "GOV"
    elif code[:2] == "14":
        people = m0.actor.role in ("CVL", "LAB", "OPP", "EDU", "REL", "AGR") or (
            m0.kind == "demonym" and not m0.actor.role and m0.actor.text[-1:] == "s")
        if not people:
            return []
        role = "GOV"
    else:
        if not people and not any(o.pos_ == "PROPN" for o in sx.objects(t)):
            return []
        role = "CVL"
    actor = Actor(text=country, name=country, code=country + role, country=country, role=role)
    m = Mention(start=t.i, end=t.i, char_start=0, char_end=0, actor=actor, kind="implicit",
                entity=f"own:{country}:{role}")
    return [Filler(m, t.i, "implicit")]


# Detained people who are, with no nationality given, the detaining state's own citizens (unlike
# hostages or captives, who are usually foreigners).
OWN_PRISONERS = frozenset({"prisoner", "prisoners", "detainee", "detainees", "dissident",
                           "dissidents", "activist", "activists", "opponents", "people",
                           "protesters", "demonstrators", "students", "critics"})
# Plural nouns that, after "all", stand for every faction of a country ("urged all sides").
FACTION_NOUNS = frozenset({"sides", "parties", "factions", "actors", "stakeholders"})


def _own_prisoners(t: Token) -> bool:
    return any(o.lower_ in OWN_PRISONERS for o in sx.objects(t))


def _all_sides(t: Token) -> bool:
    """Is the verb done to "all sides" / "all parties" (its object or a "to"/"on" object)?"""
    heads = sx.objects(t) + sx.prep_objects(t, "to") + sx.prep_objects(t, "on")
    return any(h.lower_ in FACTION_NOUNS and any(c.lower_ == "all" for c in h.children)
               for h in heads)


def _recipient_filler(focus: str | None, sources: list[Filler], token: int) -> list[Filler]:
    """The country in focus as the recipient of aid from sources that all belong elsewhere."""
    if focus is None or not sources:
        return []
    if any((s.mention.actor.country or s.mention.actor.org) in (None, focus) for s in sources):
        return []
    actor = Actor(text=focus, name=focus, code=focus, country=focus)
    m = Mention(start=token, end=token, char_start=0, char_end=0, actor=actor, kind="implicit",
                entity=f"focus:{focus}")
    return [Filler(m, token, "implicit")]


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
    if (head == t or sx.dep(t) not in ("obl", "nmod") or sx.case_word(t) not in ("in", "during")
            or not sx.is_verbal(head) or not sx.is_passive(head) or sx.agent(head)):
        return []
    return sx.kids(head, *sx.PASS_SUBJ)


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


def _author_targets(t: Token, ctx: Context, exclude: set[str]) -> list[Filler]:
    """The author of the thing a reaction is aimed at: an actor that owns or modifies the verb's
    object noun, or follows it with "from"/"by" (one level down: "calls by *Belarus's* rulers")."""
    for obj in sx.objects(t):
        if not sx.is_nominal(obj):
            continue
        heads = sx.kids(obj, *AUTHOR_DEPS)
        for prep in AUTHOR_PREPS:
            for h in sx.prep_objects(obj, prep):
                heads += [h, *sx.kids(h, "nmod:poss")]
        found = [x for x in _flat(ctx.actors.groups(heads)) if political(x.mention.actor)
                 and not source_keys([x]) & exclude]
        if found:
            return found
    return []


def _flat(groups: list[list[Filler]]) -> list[Filler]:
    return [f for g in groups for f in g]


def _dedupe(fillers: list[Filler]) -> list[Filler]:
    seen: dict[str, Filler] = {}
    for f in fillers:
        seen.setdefault(f.key, f)
    return list(seen.values())


def political(actor: Actor | None) -> bool:
    """A political actor belongs to a state or is an international organisation."""
    return actor is not None and bool(actor.country or actor.org)
