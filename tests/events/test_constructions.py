"""Constructions of whole news articles, one per test, on hand-built parses (see conftest for the
row format): lexicon entries added for article-level coding, governors whose subject acts,
modality, fallback sides from the article so far, and guards against spurious events."""

from __future__ import annotations

from typing import Any


def _events(events: list[Any]) -> list[tuple[str | None, str | None, str, str]]:
    return sorted((e.source.country or e.source.org if e.source else None,
                   e.target.country or e.target.org if e.target else None, e.cameo, e.modality)
                  for e in events)


def _roots(events: list[Any]) -> list[tuple[str | None, str | None, str, str]]:
    return sorted((a, b, c[:2], m) for a, b, c, m in _events(events))


# -- lexicon ----------------------------------------------------------------------------------
def test_blocking_an_aid_package_is_a_veto(parse, actor, code):
    doc = parse("""
Hungary Hungary PROPN 2 nsubj
blocked block VERB 0 root
the the DET 5 det
EU EU PROPN 5 compound
package package NOUN 2 obj
for for ADP 7 case
Ukraine Ukraine PROPN 5 nmod
. . PUNCT 2 punct
""")
    events = code(doc, [actor(doc, "Hungary", "HUN"), actor(doc, "EU", "IGOEU", org="EU"),
                        actor(doc, "Ukraine", "UKR")])
    assert [c for _, _, c, _ in _events(events)] == ["129"]
    assert _events(events)[0][0] == "HUN" and _events(events)[0][1] in ("EU", "UKR")


def test_a_missile_launch_with_no_target_is_a_show_of_force(parse, actor, code):
    doc = parse("""
Pyongyang Pyongyang PROPN 2 nsubj
launched launch VERB 0 root
a a DET 4 det
missile missile NOUN 2 obj
. . PUNCT 2 punct
""")
    assert _events(code(doc, [actor(doc, "Pyongyang", "PRK")])) == [("PRK", None, "150", "asserted")]


def test_missiles_fired_at_something_are_no_test(parse, actor, code):
    doc = parse("""
Hezbollah Hezbollah PROPN 2 nsubj
fired fire VERB 0 root
missiles missile NOUN 2 obj
at at ADP 6 case
a a DET 6 det
post post NOUN 2 obl
. . PUNCT 2 punct
""")
    assert all(e.cameo != "150" for e in code(doc, [actor(doc, "Hezbollah", "LBNREB", country="LBN")]))


def test_declaring_a_state_of_emergency(parse, actor, code):
    doc = parse("""
Poland Poland PROPN 2 nsubj
declared declare VERB 0 root
a a DET 4 det
state state NOUN 2 obj
of of ADP 6 case
emergency emergency NOUN 4 nmod
. . PUNCT 2 punct
""")
    assert _events(code(doc, [actor(doc, "Poland", "POL")])) == [("POL", None, "1724", "asserted")]


def test_pausing_tariffs_eases_sanctions_on_their_target(parse, actor, code):
    doc = parse("""
Washington Washington PROPN 2 nsubj
paused pause VERB 0 root
Mexico Mexico PROPN 4 compound
tariffs tariff NOUN 2 obj
. . PUNCT 2 punct
""")
    assert _events(code(doc, [actor(doc, "Washington", "USA"), actor(doc, "Mexico", "MEX")])) == [
        ("USA", "MEX", "085", "asserted")]


def test_calling_an_act_unacceptable_is_a_condemnation(parse, actor, code):
    doc = parse("""
Tokyo Tokyo PROPN 2 nsubj
called call VERB 0 root
Beijing Beijing PROPN 2 obj
unacceptable unacceptable ADJ 2 xcomp
. . PUNCT 2 punct
""")
    assert _events(code(doc, [actor(doc, "Tokyo", "JPN"), actor(doc, "Beijing", "CHN")])) == [
        ("JPN", "CHN", "111", "asserted")]


def test_taking_a_dispute_to_the_security_council(parse, actor, code):
    doc = parse("""
Guyana Guyana PROPN 2 nsubj
took take VERB 0 root
the the DET 4 det
dispute dispute NOUN 2 obj
to to ADP 7 case
the the DET 7 det
UN UN PROPN 2 obl
. . PUNCT 2 punct
""")
    events = code(doc, [actor(doc, "Guyana", "GUY"), actor(doc, "UN", "IGOUN", org="UN")])
    assert _events(events) == [("GUY", "UN", "115", "asserted")]


def test_status_granted_in_the_passive_comes_from_the_objects_owner(parse, actor, code):
    doc = parse("""
Moldova Moldova PROPN 3 nsubj:pass
was be AUX 3 aux:pass
granted grant VERB 0 root
EU EU PROPN 6 compound
candidate candidate NOUN 6 compound
status status NOUN 3 obj
. . PUNCT 3 punct
""")
    events = code(doc, [actor(doc, "Moldova", "MDA"), actor(doc, "EU", "IGOEU", org="EU")])
    assert _events(events) == [("EU", "MDA", "050", "asserted")]


def test_agreeing_to_widen_sanctions_is_the_sanction(parse, actor, code):
    doc = parse("""
Ministers minister NOUN 2 nsubj
agreed agree VERB 0 root
to to PART 4 mark
widen widen VERB 2 xcomp
sanctions sanction NOUN 4 obj
against against ADP 7 case
Belarus Belarus PROPN 5 nmod
. . PUNCT 2 punct
""")
    events = code(doc, [actor(doc, "Ministers", "IGOEUGOV", org="EU", role="GOV"),
                        actor(doc, "Belarus", "BLR")])
    assert _events(events) == [("EU", "BLR", "163", "asserted")]


# -- governors --------------------------------------------------------------------------------
def test_a_demand_is_the_act_of_who_demands(parse, actor, code):
    doc = parse("""
Niamey Niamey PROPN 2 nsubj
demanded demand VERB 0 root
that that SCONJ 6 mark
French French ADJ 5 amod
forces force NOUN 6 nsubj
leave leave VERB 2 ccomp
. . PUNCT 2 punct
""")
    events = code(doc, [actor(doc, "Niamey", "NER"), actor(doc, "French forces", "FRAMIL",
                                                           country="FRA", kind="demonym")])
    assert _roots(events) == [("NER", "FRA", "10", "asserted")]


def test_an_appeal_to_an_indirect_object(parse, actor, code):
    doc = parse("""
Turkey Turkey PROPN 2 nsubj
urged urge VERB 0 root
Iran Iran PROPN 2 iobj
to to PART 5 mark
keep keep VERB 2 xcomp
calm calm ADJ 5 xcomp
. . PUNCT 2 punct
""")
    assert _roots(code(doc, [actor(doc, "Turkey", "TUR"), actor(doc, "Iran", "IRN")])) == [
        ("TUR", "IRN", "02", "asserted")]


def test_telling_someone_that_is_reported_speech_not_a_demand(parse, actor, code):
    doc = parse("""
Paris Paris PROPN 2 nsubj
told tell VERB 0 root
Beirut Beirut PROPN 2 iobj
that that SCONJ 7 mark
it it PRON 7 nsubj
was be AUX 7 cop
ready ready ADJ 2 ccomp
to to PART 9 mark
send send VERB 7 xcomp
aid aid NOUN 9 obj
to to ADP 12 case
Lebanon Lebanon PROPN 9 obl
. . PUNCT 2 punct
""")
    events = code(doc, [actor(doc, "Paris", "FRA"), actor(doc, "Beirut", "LBN"),
                        actor(doc, "it", "FRA", kind="pronoun"), actor(doc, "Lebanon", "LBN")])
    assert all(e.root != "10" for e in events)
    assert ("FRA", "LBN", "03") in {(a, b, c[:2]) for a, b, c, _ in _events(events)}


def test_talks_due_to_resume_are_scheduled_not_guessed(parse, actor, code):
    doc = parse("""
Belgrade Belgrade PROPN 5 nsubj
and and CCONJ 3 cc
Pristina Pristina PROPN 1 conj
are be AUX 5 cop
due due ADJ 0 root
to to PART 7 mark
resume resume VERB 5 xcomp
talks talk NOUN 7 obj
. . PUNCT 5 punct
""")
    events = code(doc, [actor(doc, "Belgrade", "SRB"), actor(doc, "Pristina", "XKX")])
    assert events and all(e.modality == "asserted" for e in events)


def test_ordering_ones_own_forces_is_the_act(parse, actor, code):
    doc = parse("""
Moscow Moscow PROPN 2 nsubj
ordered order VERB 0 root
troops troop NOUN 2 obj
to to PART 5 mark
withdraw withdraw VERB 2 xcomp
from from ADP 7 case
Kherson Kherson PROPN 5 obl
. . PUNCT 2 punct
""")
    events = code(doc, [actor(doc, "Moscow", "RUS"), actor(doc, "Kherson", "UKR")])
    assert _roots(events) == [("RUS", "UKR", "08", "asserted")]


# -- modality ---------------------------------------------------------------------------------
def test_neither_nor_subject_negates(parse, actor, code):
    doc = parse("""
Neither neither CCONJ 2 cc:preconj
Kinshasa Kinshasa PROPN 5 nsubj
nor nor CCONJ 4 cc
Kigali Kigali PROPN 2 conj
wants want VERB 0 root
war war NOUN 5 obj
. . PUNCT 5 punct
""")
    events = code(doc, [actor(doc, "Kinshasa", "COD"), actor(doc, "Kigali", "RWA")])
    assert events and all(e.modality == "negated" for e in events)


def test_would_not_rule_out_is_hypothetical(parse, actor, code):
    doc = parse("""
Washington Washington PROPN 4 nsubj
would would AUX 4 aux
not not PART 4 advmod
rule rule VERB 0 root
out out ADP 4 compound:prt
sanctions sanction NOUN 4 obj
on on ADP 8 case
Tehran Tehran PROPN 6 nmod
. . PUNCT 4 punct
""")
    events = code(doc, [actor(doc, "Washington", "USA"), actor(doc, "Tehran", "IRN")])
    assert _roots(events) == [("USA", "IRN", "16", "hypothetical")]


def test_a_warning_coordinated_with_a_denial_is_not_denied(parse, actor, code):
    doc = parse("""
Minsk Minsk PROPN 2 nsubj
denied deny VERB 0 root
that that SCONJ 5 mark
it it PRON 5 nsubj
helped help VERB 2 ccomp
them they PRON 5 obj
and and CCONJ 8 cc
warned warn VERB 5 conj
that that SCONJ 12 mark
it it PRON 12 nsubj
would would AUX 12 aux
cut cut VERB 8 ccomp
gas gas NOUN 14 compound
supplies supply NOUN 12 obj
to to ADP 16 case
Poland Poland PROPN 12 obl
. . PUNCT 2 punct
""")
    events = code(doc, [actor(doc, "Minsk", "BLR"), actor(doc, "Poland", "POL"),
                        actor(doc, "it", "BLR", kind="pronoun"),
                        actor(doc, "it", "BLR", kind="pronoun", occurrence=1)])
    threats = [e for e in events if e.root == "13"]
    assert threats and all(e.modality == "asserted" for e in threats)


def test_agreeing_not_to_use_force_is_an_intent_to_de_escalate(parse, actor, code):
    doc = parse("""
Caracas Caracas PROPN 4 nsubj
and and CCONJ 3 cc
Georgetown Georgetown PROPN 1 conj
agreed agree VERB 0 root
not not PART 7 advmod
to to PART 7 mark
use use VERB 4 xcomp
force force NOUN 7 obj
. . PUNCT 4 punct
""")
    events = code(doc, [actor(doc, "Caracas", "VEN"), actor(doc, "Georgetown", "GUY")])
    assert [(c, m) for _, _, c, m in _events(events)] == [("0356", "asserted")]
    assert events[0].reciprocal


def test_would_not_accept_is_a_rejection(parse, actor, code):
    doc = parse("""
Kabul Kabul PROPN 4 nsubj
would would AUX 4 aux
not not PART 4 advmod
accept accept VERB 0 root
Pakistan Pakistan PROPN 6 nmod:poss
restrictions restriction NOUN 4 obj
. . PUNCT 4 punct
""")
    events = code(doc, [actor(doc, "Kabul", "AFG"), actor(doc, "Pakistan", "PAK")])
    assert _roots(events) == [("AFG", "PAK", "12", "asserted")]


def test_a_conditional_step_announced_by_its_side_is_a_threat(parse, actor, code):
    doc = parse("""
Mexico Mexico PROPN 2 nsubj
said say VERB 0 root
it it PRON 5 nsubj
could could AUX 5 aux
impose impose VERB 2 ccomp
tariffs tariff NOUN 5 obj
on on ADP 8 case
Washington Washington PROPN 6 nmod
if if SCONJ 11 mark
talks talk NOUN 11 nsubj
failed fail VERB 5 advcl
. . PUNCT 2 punct
""")
    events = code(doc, [actor(doc, "Mexico", "MEX"), actor(doc, "it", "MEX", kind="pronoun",
                                                           entity="x:MEX"),
                        actor(doc, "Washington", "USA")])
    assert ("MEX", "USA", "13", "asserted") in _roots(events)


# -- parse repairs and guards ----------------------------------------------------------------
def test_a_finite_verb_coordinated_with_a_gerund_belongs_to_the_main_clause(parse, actor, code):
    doc = parse("""
Pyongyang Pyongyang PROPN 2 nsubj
accused accuse VERB 0 root
Washington Washington PROPN 2 obj
of of SCONJ 5 mark
violating violate VERB 2 advcl VBG
its its PRON 7 nmod:poss
airspace airspace NOUN 5 obj
and and CCONJ 9 cc
threatened threaten VERB 5 conj VBD
to to PART 11 mark
retaliate retaliate VERB 9 xcomp VB
. . PUNCT 2 punct
""")
    events = code(doc, [actor(doc, "Pyongyang", "PRK"), actor(doc, "Washington", "USA"),
                        actor(doc, "its", "PRK", kind="pronoun")])
    threats = [e for e in events if e.root == "13"]
    assert threats and all(e.source.country == "PRK" for e in threats)


def test_a_deal_needs_two_sides(parse, actor, code):
    doc = parse("""
Turkey Turkey PROPN 2 nsubj
signed sign VERB 0 root
the the DET 4 det
declaration declaration NOUN 2 obj
. . PUNCT 2 punct
""")
    assert code(doc, [actor(doc, "Turkey", "TUR")]) == []


def test_events_dated_before_2000_are_history(parse, actor, code):
    doc = parse("""
Russia Russia PROPN 2 nsubj
invaded invade VERB 0 root
Chechnya Chechnya PROPN 2 obj
in in ADP 5 case
1994 1994 NUM 2 obl
. . PUNCT 2 punct
""")
    assert code(doc, [actor(doc, "Russia", "RUS"), actor(doc, "Chechnya", "RUSREB",
                                                        country="RUS", role="REB")]) == []


def test_killed_in_fighting_is_one_clash_between_the_victims(parse, actor, code):
    doc = parse("""
Indian Indian ADJ 2 amod
soldiers soldier NOUN 7 nsubj:pass
and and CCONJ 5 cc
Chinese Chinese ADJ 5 amod
troops troop NOUN 2 conj
were be AUX 7 aux:pass
killed kill VERB 0 root
in in ADP 9 case
fighting fighting NOUN 7 obl
. . PUNCT 7 punct
""")
    events = code(doc, [actor(doc, "Indian soldiers", "INDMIL", country="IND", kind="demonym"),
                        actor(doc, "Chinese troops", "CHNMIL", country="CHN", kind="demonym")])
    assert _roots(events) == [("IND", "CHN", "19", "asserted")] and events[0].reciprocal


def test_the_mediator_of_eu_mediated_talks_is_no_party(parse, actor, code):
    doc = parse("""
EU EU PROPN 3 compound
- - PUNCT 3 punct
mediated mediate VERB 4 amod VBN
talks talk NOUN 5 nsubj
resumed resume VERB 0 root
. . PUNCT 5 punct
""")
    assert code(doc, [actor(doc, "EU", "IGOEU", org="EU")]) == []


def test_a_partner_is_no_target(parse, actor, code):
    doc = parse("""
Cuba Cuba PROPN 2 nsubj
hosts host VERB 0 root VBZ
the the DET 4 det
talks talk NOUN 2 obj
together together ADV 2 advmod
with with ADP 7 case
Norway Norway PROPN 5 obl
. . PUNCT 2 punct
""")
    events = code(doc, [actor(doc, "Cuba", "CUB"), actor(doc, "Norway", "NOR")])
    assert all(e.target is None or e.target.country != "NOR" for e in events)


def test_a_month_name_is_no_protest_march(parse, actor, code):
    doc = parse("""
China China PROPN 2 nsubj
mediated mediate VERB 0 root
in in ADP 4 case
March march NOUN 2 obl
. . PUNCT 2 punct
""")
    assert all(e.root != "14" for e in code(doc, [actor(doc, "China", "CHN")]))


def test_the_same_state_is_never_on_both_sides(parse, actor, code):
    doc = parse("""
NATO NATO PROPN 2 nsubj
sent send VERB 0 root
troops troop NOUN 2 obj
to to ADP 6 case
its its PRON 6 nmod:poss
mission mission NOUN 2 obl
. . PUNCT 2 punct
""")
    events = code(doc, [actor(doc, "NATO", "IGONATO", org="NATO", entity="igo:nato"),
                        actor(doc, "its", "IGONATO", org="NATO", kind="pronoun", entity="p:its")])
    assert all(e.target is None for e in events)


# -- sides from the article so far -------------------------------------------------------------
def test_troops_sent_to_the_frontier_face_the_earlier_adversary(parse, actor, code):
    doc = parse("""
Warsaw Warsaw PROPN 2 nsubj
accused accuse VERB 0 root
Minsk Minsk PROPN 2 obj
. . PUNCT 2 punct
Warsaw Warsaw PROPN 6 nsubj
deployed deploy VERB 0 root
soldiers soldier NOUN 6 obj
to to ADP 10 case
the the DET 10 det
frontier frontier NOUN 6 obl
. . PUNCT 6 punct
""")
    events = code(doc, [actor(doc, "Warsaw", "POL"), actor(doc, "Minsk", "BLR"),
                        actor(doc, "Warsaw", "POL", occurrence=1)])
    assert ("POL", "BLR", "15", "asserted") in _roots(events)


def test_a_protest_after_an_act_is_aimed_at_its_actor(parse, actor, code):
    doc = parse("""
Manila Manila PROPN 2 nsubj
protested protest VERB 0 root
after after SCONJ 5 mark
Beijing Beijing PROPN 5 nsubj
fired fire VERB 2 advcl
water water NOUN 7 compound
cannon cannon NOUN 5 obj
. . PUNCT 2 punct
""")
    events = code(doc, [actor(doc, "Manila", "PHL"), actor(doc, "Beijing", "CHN")])
    assert ("PHL", "CHN", "114", "asserted") in _events(events)


def test_the_two_leaders_are_the_pair_of_the_latest_meeting(parse, actor, code):
    doc = parse("""
Biden Biden PROPN 4 nsubj
and and CCONJ 3 cc
Xi Xi PROPN 1 conj
met meet VERB 0 root
. . PUNCT 4 punct
The the DET 8 det
two two NUM 8 nummod
leaders leader NOUN 9 nsubj NNS
spoke speak VERB 0 root
by by ADP 11 case
phone phone NOUN 9 obl
. . PUNCT 9 punct
""")
    events = code(doc, [actor(doc, "Biden", "USAGOV", country="USA"),
                        actor(doc, "Xi", "CHNGOV", country="CHN")])
    phone = [e for e in events if e.cameo == "041"]
    assert phone and {phone[0].source.country, phone[0].target.country} == {"USA", "CHN"}


def test_warring_generals_sign_a_truce_between_two_sides_of_one_country(parse, actor, code):
    doc = parse("""
Sudan Sudan PROPN 3 nmod:poss
warring warring ADJ 3 amod
generals general NOUN 4 nsubj NNS
signed sign VERB 0 root
a a DET 6 det
truce truce NOUN 4 obj
. . PUNCT 4 punct
""")
    events = code(doc, [actor(doc, "Sudan warring generals", "SDNMIL", country="SDN", role="MIL",
                              kind="demonym")])
    assert _roots(events) == [("SDN", "SDN", "05", "asserted")] and events[0].reciprocal


def test_the_two_countries_pulling_back_is_mutual(parse, actor, code):
    doc = parse("""
The the DET 3 det
two two NUM 3 nummod
countries country NOUN 4 nsubj
withdrew withdraw VERB 0 root
troops troop NOUN 4 obj
. . PUNCT 4 punct
""")
    pair = [actor(doc, "The two countries", "IND", kind="pronoun", entity="x:IND"),
            actor(doc, "The two countries", "CHN", kind="pronoun", entity="x:CHN")]
    events = code(doc, pair)
    assert len(events) == 1 and events[0].reciprocal and events[0].root == "08"
    assert {events[0].source.country, events[0].target.country} == {"IND", "CHN"}


def test_drills_held_by_several_states_are_joint(parse, actor, code):
    doc = parse("""
Seoul Seoul PROPN 4 nsubj
and and CCONJ 3 cc
Tokyo Tokyo PROPN 1 conj
held hold VERB 0 root
a a DET 6 det
drill drill NOUN 4 obj
. . PUNCT 4 punct
""")
    events = code(doc, [actor(doc, "Seoul", "KOR"), actor(doc, "Tokyo", "JPN")])
    assert len(events) == 1 and events[0].reciprocal and events[0].cameo == "062"
    assert {events[0].source.country, events[0].target.country} == {"KOR", "JPN"}


def test_an_event_in_a_when_clause_after_a_date_happened_then(parse, actor, code):
    doc = parse("""
Ties tie NOUN 2 nsubj
soured sour VERB 0 root
after after ADP 4 case
June June PROPN 2 obl
2020 2020 NUM 4 nmod
, , PUNCT 10 punct
when when ADV 10 advmod
Delhi Delhi PROPN 10 nsubj
again again ADV 10 advmod
clashed clash VERB 2 advcl
with with ADP 12 case
Beijing Beijing PROPN 10 obl
. . PUNCT 2 punct
""", )
    events = code(doc, [actor(doc, "Delhi", "IND"), actor(doc, "Beijing", "CHN")],
                  published="2024-02-21")
    clash = [e for e in events if e.root == "19"]
    assert clash and clash[0].date == "2020-06"


def test_a_verb_hung_on_its_own_subject_is_the_clause(parse, actor, code):
    doc = parse("""
Qatar Qatar PROPN 0 root
mediated mediate VERB 1 acl VBD
between between ADP 4 case
Israel Israel PROPN 2 obl
and and CCONJ 6 cc
Hamas Hamas PROPN 4 conj
. . PUNCT 1 punct
""")
    events = code(doc, [actor(doc, "Qatar", "QAT"), actor(doc, "Israel", "ISR"),
                        actor(doc, "Hamas", "PSEREB", country="PSE", role="REB")])
    assert _events(events) == [("QAT", "ISR", "045", "asserted"), ("QAT", "PSE", "045", "asserted")]


def test_a_participle_with_an_object_after_the_root_noun_is_its_predicate(parse, actor, code):
    # "Beijing's ministry accused Tokyo and said ...": the parser hung "accused" on "ministry"
    # as a reduced relative clause, and "said" as the noun's conjunct
    doc = parse("""
Beijing Beijing PROPN 2 nmod:poss
ministry ministry NOUN 0 root
accused accuse VERB 2 acl VBN
Tokyo Tokyo PROPN 3 obj
and and CCONJ 6 cc
said say VERB 2 conj VBD
so so ADV 6 advmod
. . PUNCT 2 punct
""")
    events = code(doc, [actor(doc, "Beijing", "CHN"), actor(doc, "Tokyo", "JPN")])
    assert _events(events) == [("CHN", "JPN", "112", "asserted")]


def test_a_finite_verb_the_morphologizer_calls_an_adjective(parse, actor, code):
    doc = parse("""
Belarus Belarus PROPN 2 nsubj
eased ease ADJ 0 root VBD
restrictions restriction NOUN 2 obj
on on ADP 5 case
Lithuanian Lithuanian ADJ 3 nmod
. . PUNCT 2 punct
""")
    events = code(doc, [actor(doc, "Belarus", "BLR"), actor(doc, "Lithuanian", "LTU",
                                                           kind="demonym")])
    assert [(a, b) for a, b, _, _ in _events(events)] == [("BLR", "LTU")]


def test_a_deep_target_is_another_actor_than_the_source(parse, actor, code):
    doc = parse("""
Russia Russia PROPN 2 nsubj
massed mass VERB 0 root
troops troop NOUN 2 obj
along along ADP 6 case
its its PRON 6 nmod:poss
border border NOUN 2 obl
with with ADP 8 case
Ukraine Ukraine PROPN 6 nmod
. . PUNCT 2 punct
""")
    events = code(doc, [actor(doc, "Russia", "RUS"), actor(doc, "its", "RUS", kind="pronoun",
                                                          entity="p:its"),
                        actor(doc, "Ukraine", "UKR")])
    assert _roots(events) == [("RUS", "UKR", "15", "asserted")]


def test_an_offer_to_mediate_tagged_as_a_noun_is_aimed_at_the_parties(parse, actor, code):
    # "to *mediate*/NN": the parser's `mark` on "to" shows a clause; the offer names no side, so
    # it is aimed at the two sides of the latest two-sided event (one event: ARTICLE_GOLD 2.7)
    doc = parse("""
Venezuela Venezuela PROPN 2 nsubj
clashed clash VERB 0 root VBD
with with ADP 4 case
Guyana Guyana PROPN 2 obl
and and CCONJ 7 cc
Brazil Brazil PROPN 7 nsubj
offered offer VERB 2 conj VBD
to to ADP 9 mark
mediate mediate NOUN 7 obl NN
. . PUNCT 2 punct
""")
    events = code(doc, [actor(doc, "Venezuela", "VEN"), actor(doc, "Guyana", "GUY"),
                        actor(doc, "Brazil", "BRA")])
    offers = [e for e in _events(events) if e[0] == "BRA"]
    assert len(offers) == 1 and offers[0][1] in ("VEN", "GUY") and offers[0][2] == "039"


def test_of_two_subjects_a_common_noun_before_a_name_is_not_the_subject(parse, actor, code):
    # "The bloc ECOWAS urged Senegal to act": the parser made both "bloc" and "ECOWAS" subjects
    doc = parse("""
The the DET 2 det
bloc bloc NOUN 4 nsubj
ECOWAS ECOWAS PROPN 4 nsubj
urged urge VERB 0 root VBD
Senegal Senegal PROPN 4 obj
to to PART 7 mark
act act VERB 4 xcomp
. . PUNCT 4 punct
""")
    events = code(doc, [actor(doc, "ECOWAS", "IGOWAFECW", org="ECOWAS", type="org"),
                        actor(doc, "Senegal", "SEN")])
    assert [(e.source.org, e.target.country, e.root) for e in events] == [("ECOWAS", "SEN", "02")]


# -- implicit recipients and targets (the dev3 pass) -------------------------------------------
def test_humanitarian_aid_sent_nowhere_goes_to_the_country_in_focus(parse, actor, code):
    doc = parse("""
Pakistan Pakistan PROPN 2 nsubj
thanked thank VERB 0 root
Japan Japan PROPN 2 obj
. . PUNCT 2 punct
Pakistan Pakistan PROPN 6 nsubj
met meet VERB 0 root
Turkey Turkey PROPN 6 obj
. . PUNCT 6 punct
Washington Washington PROPN 10 nsubj
announced announce VERB 0 root
humanitarian humanitarian ADJ 12 amod
assistance assistance NOUN 10 obj
. . PUNCT 10 punct
""")
    events = code(doc, [actor(doc, "Pakistan", "PAK"), actor(doc, "Japan", "JPN"),
                        actor(doc, "Pakistan", "PAK", occurrence=1), actor(doc, "Turkey", "TUR"),
                        actor(doc, "Washington", "USA")])
    assert ("USA", "PAK", "07", "asserted") in _roots(events)


def test_aid_from_the_country_in_focus_gets_no_recipient(parse, actor, code):
    doc = parse("""
Pakistan Pakistan PROPN 2 nsubj
thanked thank VERB 0 root
Japan Japan PROPN 2 obj
. . PUNCT 2 punct
Islamabad Islamabad PROPN 6 nsubj
announced announce VERB 0 root
humanitarian humanitarian ADJ 8 amod
assistance assistance NOUN 6 obj
. . PUNCT 6 punct
""")
    events = code(doc, [actor(doc, "Pakistan", "PAK"), actor(doc, "Japan", "JPN"),
                        actor(doc, "Islamabad", "PAK")])
    assert not any(s == "PAK" and t == "PAK" for s, t, _, _ in _events(events))


def test_political_prisoners_with_no_country_are_the_releasers_own(parse, actor, code):
    doc = parse("""
Managua Managua PROPN 2 nsubj
released release VERB 0 root
222 222 NUM 5 nummod
political political ADJ 5 amod
prisoners prisoner NOUN 2 obj
. . PUNCT 2 punct
""")
    events = code(doc, [actor(doc, "Managua", "NIC")])
    assert ("NIC", "NIC", "08", "asserted") in _roots(events)


def test_hostages_with_no_country_are_not_the_captors_own(parse, actor, code):
    doc = parse("""
Hamas Hamas PROPN 2 nsubj
released release VERB 0 root
hostages hostage NOUN 2 obj
. . PUNCT 2 punct
""")
    events = code(doc, [actor(doc, "Hamas", "PSEREB", country="PSE")])
    assert not any(t == "PSE" for _, t, _, _ in _events(events))


def test_police_detaining_people_act_on_their_own_country(parse, actor, code):
    doc = parse("""
Belarusian belarusian ADJ 2 amod
police police NOUN 3 nsubj
detained detain VERB 0 root
people people NOUN 3 obj
. . PUNCT 3 punct
""")
    events = code(doc, [actor(doc, "Belarusian police", "BLRCOP", country="BLR", role="COP",
                              kind="demonym")])
    assert ("BLR", "BLR", "17", "asserted") in _roots(events)


def test_all_sides_are_the_factions_of_the_country_in_focus(parse, actor, code):
    doc = parse("""
UN UN PROPN 2 nsubj
condemned condemn VERB 0 root
Myanmar Myanmar PROPN 2 obj
. . PUNCT 2 punct
Japan Japan PROPN 6 nsubj
urged urge VERB 0 root
Myanmar Myanmar PROPN 6 obj
. . PUNCT 6 punct
China China PROPN 10 nsubj
urged urge VERB 0 root
all all DET 12 det
sides side NOUN 10 obj NNS
. . PUNCT 10 punct
""")
    events = code(doc, [actor(doc, "UN", "IGOUN", org="UN"), actor(doc, "Myanmar", "MMR"),
                        actor(doc, "Japan", "JPN"), actor(doc, "Myanmar", "MMR", occurrence=1),
                        actor(doc, "China", "CHN")])
    assert ("CHN", "MMR", "02", "asserted") in _roots(events)


def test_condemning_the_deliveries_targets_the_supplier(parse, actor, code):
    doc = parse("""
Germany Germany PROPN 2 nsubj
sent send VERB 0 root
weapons weapon NOUN 2 obj
to to ADP 5 case
Ukraine Ukraine PROPN 2 obl
. . PUNCT 2 punct
Moscow Moscow PROPN 8 nsubj
condemned condemn VERB 0 root
the the DET 10 det
deliveries delivery NOUN 8 obj
. . PUNCT 8 punct
""")
    events = code(doc, [actor(doc, "Germany", "DEU"), actor(doc, "Ukraine", "UKR"),
                        actor(doc, "Moscow", "RUS")])
    assert ("RUS", "DEU", "11", "asserted") in _roots(events)


def test_welcoming_the_decision_targets_the_author_of_any_earlier_act(parse, actor, code):
    doc = parse("""
Managua Managua PROPN 2 nsubj
released release VERB 0 root
political political ADJ 4 amod
prisoners prisoner NOUN 2 obj
. . PUNCT 2 punct
Washington Washington PROPN 7 nsubj
welcomed welcome VERB 0 root
the the DET 9 det
decision decision NOUN 7 obj
. . PUNCT 7 punct
""")
    events = code(doc, [actor(doc, "Managua", "NIC"), actor(doc, "Washington", "USA")])
    assert ("USA", "NIC", "05", "asserted") in _roots(events)


def test_a_crowd_protesting_at_no_one_protests_at_its_own_government(parse, actor, code):
    doc = parse("""
Somali somali ADJ 2 amod
protesters protester NOUN 3 nsubj
rallied rally VERB 0 root
. . PUNCT 3 punct
""")
    events = code(doc, [actor(doc, "Somali protesters", "SOMCVL", country="SOM", role="CVL",
                              kind="demonym")])
    assert ("SOM", "SOM", "14", "asserted") in _roots(events)


def test_support_for_the_operation_goes_to_the_operations_agent(parse, actor, code):
    doc = parse("""
Washington Washington PROPN 2 nsubj
struck strike VERB 0 root
Yemen Yemen PROPN 2 obj
. . PUNCT 2 punct
Canberra Canberra PROPN 6 nsubj
provided provide VERB 0 root
support support NOUN 6 obj
for for ADP 10 case
the the DET 10 det
operation operation NOUN 6 obl
. . PUNCT 6 punct
""")
    events = code(doc, [actor(doc, "Washington", "USA"), actor(doc, "Yemen", "YEM"),
                        actor(doc, "Canberra", "AUS")])
    assert ("AUS", "USA", "07", "asserted") in _roots(events)


# -- parse repairs --------------------------------------------------------------------------------
def test_an_adjective_after_a_possessive_is_the_subject_of_a_verb_hung_on_the_object(
        parse, actor, code):
    # the parser's reading of "Myanmar's military detained Aung San Suu Kyi.": "military" an
    # adjective and "detained" a participle, both modifiers of the name
    doc = parse("""
Myanmar Myanmar PROPN 5 nmod:poss
's 's PART 1 case POS
military military ADJ 5 amod
detained detain VERB 5 amod VBN
Kyi Kyi PROPN 0 root
. . PUNCT 5 punct
""")
    events = code(doc, [actor(doc, "Myanmar 's military", "MMRMIL", country="MMR", role="MIL"),
                        actor(doc, "Kyi", "MMRELI", country="MMR", role="ELI", type="person")])
    assert ("MMR", "MMR", "17", "asserted") in _roots(events)


def test_rejecting_calls_by_x_is_aimed_at_x(parse, actor, code):
    doc = parse("""
Moscow Moscow PROPN 2 nsubj
rejected reject VERB 0 root
calls call NOUN 2 obj NNS
by by ADP 5 case
Kyiv Kyiv PROPN 3 nmod
. . PUNCT 2 punct
""")
    events = code(doc, [actor(doc, "Moscow", "RUS"), actor(doc, "Kyiv", "UKR")])
    assert ("RUS", "UKR", "12", "asserted") in _roots(events)


def test_rejecting_an_offer_named_by_its_authors_demonym(parse, actor, code):
    doc = parse("""
Arafat Arafat PROPN 2 nsubj
rejected reject VERB 0 root
a a DET 5 det
US US PROPN 5 compound
offer offer NOUN 2 obj
. . PUNCT 2 punct
""")
    events = code(doc, [actor(doc, "Arafat", "PSEGOV", country="PSE", type="person"),
                        actor(doc, "US", "USA")])
    assert ("PSE", "USA", "12", "asserted") in _roots(events)


def test_a_gerund_parsed_as_an_adverbial_clause_is_what_was_denied(parse, actor, code):
    doc = parse("""
Cambodia Cambodia PROPN 2 nsubj
denied deny VERB 0 root
attacking attack VERB 2 advcl VBG
Thai thai ADJ 5 amod
positions position NOUN 3 obj NNS
. . PUNCT 2 punct
""")
    events = code(doc, [actor(doc, "Cambodia", "KHM"), actor(doc, "Thai", "THA", kind="demonym")])
    assert ("KHM", "THA", "19", "negated") in _roots(events)
    assert not any(m == "asserted" and c[:2] == "19" for _, _, c, m in _events(events))


def test_a_gerund_after_a_comma_is_an_adjunct_not_a_complement(parse, actor, code):
    doc = parse("""
Russia Russia PROPN 2 nsubj
denied deny VERB 0 root
the the DET 4 det
report report NOUN 2 obj
, , PUNCT 6 punct
accusing accuse VERB 2 advcl VBG
Ukraine Ukraine PROPN 6 obj
. . PUNCT 2 punct
""")
    events = code(doc, [actor(doc, "Russia", "RUS"), actor(doc, "Ukraine", "UKR")])
    assert ("RUS", "UKR", "11", "asserted") in _roots(events)


def test_officials_at_a_ministry_belong_to_its_country(parse, actor, code):
    doc = parse("""
Washington Washington PROPN 2 nsubj
met meet VERB 0 root
officials official NOUN 2 obj NNS
at at ADP 7 case
the the DET 7 det
Russian russian ADJ 7 amod
ministry ministry NOUN 3 nmod
. . PUNCT 2 punct
""")
    events = code(doc, [actor(doc, "Washington", "USA"),
                        actor(doc, "Russian", "RUS", kind="demonym")])
    assert ("USA", "RUS", "04", "asserted") in _roots(events)


def test_a_diplomat_summoned_from_an_embassy_the_parser_hung_on_the_verb(parse, actor, code):
    doc = parse("""
Tokyo Tokyo PROPN 2 nsubj
summoned summon VERB 0 root
a a DET 4 det
diplomat diplomat NOUN 2 obj
from from ADP 8 case
the the DET 8 det
Chinese chinese ADJ 8 amod
embassy embassy NOUN 2 obl
. . PUNCT 2 punct
""")
    events = code(doc, [actor(doc, "Tokyo", "JPN"), actor(doc, "Chinese", "CHN", kind="demonym")])
    assert ("JPN", "CHN", "11", "asserted") in _roots(events)


def test_stripping_opponents_of_citizenship_is_repression(parse, actor, code):
    doc = parse("""
Managua Managua PROPN 2 nsubj
stripped strip VERB 0 root
opponents opponent NOUN 2 obj NNS
of of ADP 6 case
their their PRON 6 nmod:poss
citizenship citizenship NOUN 3 nmod
. . PUNCT 2 punct
""")
    events = code(doc, [actor(doc, "Managua", "NIC")])
    assert ("NIC", "NIC", "17", "asserted") in _roots(events)


def test_governments_including_x_are_x(parse, actor, code):
    doc = parse("""
Several several ADJ 2 amod
governments government NOUN 7 nsubj NNS
, , PUNCT 5 punct
including including ADP 5 case
Chile Chile PROPN 2 nmod
, , PUNCT 2 punct
condemned condemn VERB 0 root
Managua Managua PROPN 7 obj
. . PUNCT 7 punct
""")
    events = code(doc, [actor(doc, "Chile", "CHL"), actor(doc, "Managua", "NIC")])
    assert ("CHL", "NIC", "11", "asserted") in _roots(events)


def test_a_gerund_noun_refers_to_the_act_told_with_its_verb(parse, actor, code):
    doc = parse("""
Managua Managua PROPN 2 nsubj
expelled expel VERB 0 root
Madrid Madrid PROPN 2 obj
. . PUNCT 2 punct
Managua Managua PROPN 6 nsubj
jailed jail VERB 0 root
opponents opponent NOUN 6 obj NNS
. . PUNCT 6 punct
Chile Chile PROPN 10 nsubj
condemned condemn VERB 0 root
the the DET 12 det
jailing jailing NOUN 10 obj
. . PUNCT 10 punct
""")
    events = code(doc, [actor(doc, "Managua", "NIC"), actor(doc, "Madrid", "ESP"),
                        actor(doc, "Managua", "NIC", occurrence=1), actor(doc, "Chile", "CHL")])
    assert ("CHL", "NIC", "11", "asserted") in _roots(events)


def test_warning_of_ones_own_response_is_a_threat_at_the_adversary(parse, actor, code):
    doc = parse("""
Washington Washington PROPN 2 nsubj
seized seize VERB 0 root
Iranian iranian ADJ 4 amod
oil oil NOUN 2 obj
. . PUNCT 2 punct
Tehran Tehran PROPN 7 nsubj
warned warn VERB 0 root
that that SCONJ 11 mark
it it PRON 11 nsubj
would would AUX 11 aux
respond respond VERB 7 ccomp
. . PUNCT 7 punct
""")
    events = code(doc, [actor(doc, "Washington", "USA"), actor(doc, "Iranian", "IRN", kind="demonym"),
                        actor(doc, "Tehran", "IRN"),
                        actor(doc, "it", "IRN", kind="pronoun", entity="x:IRN")])
    assert ("IRN", "USA", "13", "asserted") in _roots(events)


def test_a_warning_about_the_economy_is_no_threat(parse, actor, code):
    doc = parse("""
Washington Washington PROPN 2 nsubj
seized seize VERB 0 root
Iranian iranian ADJ 4 amod
oil oil NOUN 2 obj
. . PUNCT 2 punct
Tehran Tehran PROPN 7 nsubj
warned warn VERB 0 root
that that SCONJ 11 mark
prices price NOUN 11 nsubj NNS
would would AUX 11 aux
rise rise VERB 7 ccomp
. . PUNCT 7 punct
""")
    events = code(doc, [actor(doc, "Washington", "USA"), actor(doc, "Iranian", "IRN", kind="demonym"),
                        actor(doc, "Tehran", "IRN")])
    assert not any(c[:2] == "13" for _, _, c, _ in _events(events))
