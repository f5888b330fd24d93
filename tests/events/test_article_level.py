"""Article-level mechanisms of the coder on hand-built parses: headline normalisation and
re-parsing, implicit arguments from earlier events, coordinated nationality adjectives, and the
repair of verbs parsed as modifiers (see conftest for the row format)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc

from entente.events import Coder
from entente.events.headline import headline_sentences, past_tense, variants
from entente.events.repair import repair
from entente.records import Article, Mention


def _dyads(events: list[Any]) -> list[tuple[str | None, str | None, str]]:
    return sorted((e.source.country if e.source else None,
                   e.target.country if e.target else None, e.root) for e in events)


# -- headlines --------------------------------------------------------------------------------
HEADLINE = """
Armenia Armenia PROPN 4 vocative
, , PUNCT 1 punct
Azerbaijan Azerbaijan PROPN 4 amod
hold hold NOUN 0 root NN
talks talk NOUN 4 obj NNS
"""


def test_headline_is_a_first_paragraph_with_no_final_stop(parse):
    doc = parse(HEADLINE)
    assert headline_sentences(doc) == 1
    sentence = parse(HEADLINE + ". . PUNCT 4 punct\n")
    assert headline_sentences(sentence) == 0


def test_headline_variants_coordinate_listed_actors_and_map_offsets_back(parse, actor, lexicon):
    doc = parse(HEADLINE)
    mentions = [actor(doc, "Armenia", "ARM"), actor(doc, "Azerbaijan", "AZE")]
    found = {v.name: v for v in variants(doc, 1, mentions, lexicon.verb_words(),
                                         lexicon.past_forms())}
    assert found["plain"].text == "Armenia and Azerbaijan hold talks."
    assert found["did"].text == "Armenia and Azerbaijan did hold talks."
    assert found["past"].text == "Armenia and Azerbaijan held talks."
    v = found["did"]
    start = v.text.index("hold")
    assert v.original(start, start + 4) == (doc.text.index("hold"), doc.text.index("hold") + 4)
    start = v.text.index("Azerbaijan")
    a, b = v.original(start, start + len("Azerbaijan"))
    assert doc.text[a:b] == "Azerbaijan"


def test_past_tense_spelling():
    assert [past_tense(w, {"hold": "held"}) for w in ("hold", "agree", "expel", "ban", "deny",
                                                     "block", "order")] == [
        "held", "agreed", "expelled", "banned", "denied", "blocked", "ordered"]


class _Parser:
    """A stand-in pipeline: the hand-built parse of each normalised text it is given."""

    def __init__(self, parse: Callable[[str], Doc], parses: dict[str, str]):
        self.parse, self.parses = parse, parses

    def __call__(self, text: str) -> Doc:
        return self.parse(self.parses.get(text, "x x X 0 root"))


class _Resolver:
    """Mentions for the listed names wherever they occur; actors as the mentions give them."""

    def __init__(self, actor: Callable[..., Mention], names: dict[str, str]):
        self.actor, self.names = actor, names

    def mentions(self, doc: Doc, ref: Any) -> list[Mention]:
        return [self.actor(doc, w, c) for w, c in self.names.items()
                if w in [t.text for t in doc]]

    def actor_at(self, mention: Mention, on: Any) -> Any:
        return mention.actor


def test_headline_coded_from_the_reparsed_normalised_copy(parse, actor, lexicon, coder):
    reparsed = """
Armenia Armenia PROPN 5 nsubj
and and CCONJ 3 cc
Azerbaijan Azerbaijan PROPN 1 conj
did do AUX 5 aux
hold hold VERB 0 root VB
talks talk NOUN 5 obj NNS
. . PUNCT 5 punct
"""
    nlp = _Parser(parse, {"Armenia and Azerbaijan did hold talks.": reparsed})
    resolver = _Resolver(actor, {"Armenia": "ARM", "Azerbaijan": "AZE"})
    coder = Coder(coder.kb, lexicon=lexicon, resolver=resolver, coref=None, nlp=nlp)
    doc = parse(HEADLINE)
    events = coder.code(doc, resolver.mentions(doc, None), [],
                        Article(id="h", text=doc.text, published="2024-05-15"))
    assert _dyads(events) == [("ARM", "AZE", "04")]
    ev = events[0]
    assert ev.sentence == 0 and ev.text == doc.text.strip() and ev.id == "h:0:0"
    assert ev.text[ev.evidence.start:ev.evidence.end] == ev.evidence.trigger == "talks"


# -- coordinated nationality adjectives --------------------------------------------------------
def test_coordinated_nationality_adjectives_on_one_noun_are_two_actors(parse, actor, code):
    doc = parse("""
Pakistani Pakistani ADJ 4 amod
and and CCONJ 3 cc
Afghan Afghan ADJ 4 amod
forces force NOUN 5 nsubj
clashed clash VERB 0 root
. . PUNCT 5 punct
""")
    events = code(doc, [actor(doc, "Pakistani", "PAKMIL", country="PAK", kind="demonym"),
                        actor(doc, "Afghan forces", "AFGMIL", country="AFG", kind="demonym")])
    assert _dyads(events) == [("PAK", "AFG", "19")] and events[0].reciprocal


# -- implicit arguments -------------------------------------------------------------------------
def test_condemning_the_launch_targets_the_launcher(parse, actor, code):
    doc = parse("""
Pyongyang Pyongyang PROPN 2 nsubj
fired fire VERB 0 root
missiles missile NOUN 2 obj NNS
at at ADP 5 case
Japan Japan PROPN 2 obl
. . PUNCT 2 punct
Seoul Seoul PROPN 8 nsubj
condemned condemn VERB 0 root
the the DET 10 det
launch launch NOUN 8 obj
. . PUNCT 8 punct
""")
    events = code(doc, [actor(doc, "Pyongyang", "PRK"), actor(doc, "Japan", "JPN"),
                        actor(doc, "Seoul", "KOR")])
    assert ("KOR", "PRK", "11") in _dyads(events)
    ev = next(e for e in events if e.root == "11")
    assert ev.confidence < 0.8  # an implicit side is a weaker link


def test_welcoming_the_deal_targets_its_parties(parse, actor, code):
    doc = parse("""
Sudan Sudan PROPN 4 nsubj
and and CCONJ 3 cc
Chad Chad PROPN 1 conj
signed sign VERB 0 root
a a DET 6 det
truce truce NOUN 4 obj
. . PUNCT 4 punct
Egypt Egypt PROPN 9 nsubj
welcomed welcome VERB 0 root
the the DET 11 det
deal deal NOUN 9 obj
. . PUNCT 9 punct
""")
    events = code(doc, [actor(doc, "Sudan", "SDN"), actor(doc, "Chad", "TCD"),
                        actor(doc, "Egypt", "EGY")])
    welcomed = [d for d in _dyads(events) if d[2] == "05" and d[0] == "EGY"]
    assert welcomed == [("EGY", "SDN", "05"), ("EGY", "TCD", "05")]


def test_an_indefinite_noun_refers_to_no_earlier_event(parse, actor, code):
    doc = parse("""
Sudan Sudan PROPN 2 nsubj
signed sign VERB 0 root
a a DET 4 det
truce truce NOUN 2 obj
with with ADP 6 case
Chad Chad PROPN 2 obl
. . PUNCT 2 punct
Egypt Egypt PROPN 9 nsubj
welcomed welcome VERB 0 root
a a DET 11 det
deal deal NOUN 9 obj
. . PUNCT 9 punct
""")
    events = code(doc, [actor(doc, "Sudan", "SDN"), actor(doc, "Chad", "TCD"),
                        actor(doc, "Egypt", "EGY")])
    assert all(e.target is None for e in events if e.source and e.source.country == "EGY")


# -- repairs ------------------------------------------------------------------------------------
def test_noun_tagged_past_verb_after_a_name_is_repaired(parse, actor, code):
    doc = parse("""
Riyadh Riyadh PROPN 3 compound
cut cut NOUN 3 compound NN
ties tie NOUN 0 root NNS
with with ADP 5 case
Tehran Tehran PROPN 3 nmod
. . PUNCT 3 punct
""")
    events = code(doc, [actor(doc, "Riyadh", "SAU"), actor(doc, "Tehran", "IRN")])
    assert _dyads(events) == [("SAU", "IRN", "16")]


def test_participle_after_a_determiner_stays_a_modifier(parse):
    doc = parse("""
the the DET 3 det
disputed dispute VERB 3 amod VBN
region region NOUN 0 root
. . PUNCT 3 punct
""")
    assert repair(doc, lambda t: True) is doc


def test_verb_after_its_subject_phrase_with_an_adverb_is_repaired(parse):
    doc = parse("""
The the DET 2 det
Kremlin Kremlin PROPN 5 amod
strongly strongly ADV 4 advmod
rejected reject VERB 5 amod VBN
suggestions suggestion NOUN 0 root NNS
. . PUNCT 5 punct
""")
    fixed = repair(doc, None)
    assert fixed[3].dep_ == "ROOT" and fixed[4].dep_ == "obj" and fixed[4].head.i == 3
    assert fixed[1].dep_ == "nsubj" and fixed[1].head.i == 3 and fixed[2].head.i == 3


def test_content_of_a_denied_report_is_negated(parse, actor, code):
    doc = parse("""
Ankara Ankara PROPN 2 nsubj
denied deny VERB 0 root
reports report NOUN 2 obj NNS
that that SCONJ 7 mark
Turkish Turkish ADJ 6 amod
jets jet NOUN 7 nsubj NNS
bombed bomb VERB 3 acl VBD
Armenia Armenia PROPN 7 obj
. . PUNCT 2 punct
""")
    events = code(doc, [actor(doc, "Ankara", "TUR"), actor(doc, "Turkish jets", "TURMIL",
                                                           country="TUR", kind="demonym"),
                        actor(doc, "Armenia", "ARM")])
    bombed = [e for e in events if e.root == "19"]
    assert bombed and all(e.modality == "negated" for e in bombed)
