"""The coder on hand-built parses: one construction per test (see conftest for the row format)."""

from __future__ import annotations

from entente.records import Attribution, Quote, QuoteSpan


def _one(events, cameo_root=None):
    assert len(events) == 1, [(e.source, e.target, e.cameo) for e in events]
    ev = events[0]
    if cameo_root:
        assert ev.root == cameo_root
    return ev


def _dyad(ev):
    return (ev.source.country if ev.source else None, ev.target.country if ev.target else None)


SIGNED = """
Erdoğan Erdoğan PROPN 4 nsubj
and and CCONJ 3 cc
Aliyev Aliyev PROPN 1 conj
signed sign VERB 0 root
the the DET 6 det
declaration declaration NOUN 4 obj
in in ADP 8 case
June June PROPN 4 obl
. . PUNCT 4 punct
"""


def test_coordinated_subjects_sign_once_per_pair(parse, actor, code):
    doc = parse(SIGNED)
    ev = _one(code(doc, [actor(doc, "Erdoğan", "TURGOV", country="TUR"),
                         actor(doc, "Aliyev", "AZEGOV", country="AZE")]), "05")
    assert ev.cameo == "057" and ev.reciprocal
    assert {ev.source.code, ev.target.code} == {"TURGOV", "AZEGOV"}
    assert ev.modality == "asserted"
    assert (ev.date, ev.date_from) == ("2021-06", "text")
    assert ev.text[ev.evidence.start:ev.evidence.end] == ev.evidence.trigger == "signed"
    assert ev.evidence.rule == "sign_agreement"
    assert ev.id == "t:0:0"
    assert 0 < ev.confidence <= 1
    assert ev.plover.type == "SUPPORT" and ev.quad_class == 1 and ev.goldstein == 8.0


def test_passive_voice_takes_the_agent_as_source(parse, actor, code):
    doc = parse("""
The the DET 2 det
treaty treaty NOUN 4 nsubj:pass
was be AUX 4 aux:pass
signed sign VERB 0 root
by by ADP 6 case
Greece Greece PROPN 4 obl:agent
and and CCONJ 8 cc
France France PROPN 6 conj
. . PUNCT 4 punct
""")
    ev = _one(code(doc, [actor(doc, "Greece", "GRC"), actor(doc, "France", "FRA")]), "05")
    assert set(_dyad(ev)) == {"GRC", "FRA"} and ev.reciprocal


def test_coordinated_targets_give_one_event_each(parse, actor, code):
    doc = parse("""
Russia Russia PROPN 2 nsubj
supplies supply VERB 0 root VBZ
arms arm NOUN 2 obj
to to ADP 6 case
both both CCONJ 6 cc:preconj
Azerbaijan Azerbaijan PROPN 2 obl
and and CCONJ 8 cc
Armenia Armenia PROPN 6 conj
. . PUNCT 2 punct
""")
    events = code(doc, [actor(doc, "Russia", "RUS"), actor(doc, "Azerbaijan", "AZE"),
                        actor(doc, "Armenia", "ARM")])
    assert sorted(_dyad(e) for e in events) == [("RUS", "ARM"), ("RUS", "AZE")]
    assert {e.cameo for e in events} == {"072"}
    assert not any(e.reciprocal for e in events)


def test_nominal_event_between_two_actors(parse, actor, code):
    doc = parse("""
Talks talk NOUN 6 nsubj
between between ADP 3 case
Serbia Serbia PROPN 1 nmod
and and CCONJ 5 cc
Kosovo Kosovo PROPN 3 conj
ended end VERB 0 root
. . PUNCT 6 punct
""")
    ev = _one(code(doc, [actor(doc, "Serbia", "SRB"), actor(doc, "Kosovo", "XKX")]), "04")
    assert set(_dyad(ev)) == {"SRB", "XKX"} and ev.reciprocal


def test_possessive_decision_to_send(parse, actor, code):
    doc = parse("""
Washington Washington PROPN 3 nmod:poss
's 's PART 1 case
decision decision NOUN 9 nsubj
to to PART 5 mark
send send VERB 3 acl
troops troop NOUN 5 obj
to to ADP 8 case
Poland Poland PROPN 5 obl
angered anger VERB 0 root
Moscow Moscow PROPN 9 obj
. . PUNCT 9 punct
""")
    ev = _one(code(doc, [actor(doc, "Washington", "USAGOV", country="USA"),
                         actor(doc, "Poland", "POL"), actor(doc, "Moscow", "RUSGOV", country="RUS")]))
    assert _dyad(ev) == ("USA", "POL") and ev.root == "07"
    assert ev.evidence.rule == "g_n_decision+send_troops_to"


def test_headline_cooperation_grows_between(parse, actor, code):
    doc = parse("""
Military military ADJ 2 amod
cooperation cooperation NOUN 3 nsubj
grows grow VERB 0 root VBZ
between between ADP 5 case
Turkey Turkey PROPN 3 obl
, , PUNCT 7 punct
Azerbaijan Azerbaijan PROPN 5 conj
""")
    ev = _one(code(doc, [actor(doc, "Turkey", "TUR"), actor(doc, "Azerbaijan", "AZE")]))
    assert ev.cameo == "062" and ev.reciprocal and set(_dyad(ev)) == {"TUR", "AZE"}


NOT_SEND = """
Germany Germany PROPN 4 nsubj
will will AUX 4 aux
not not PART 4 advmod
send send VERB 0 root VB
tanks tank NOUN 4 obj
to to ADP 7 case
Ukraine Ukraine PROPN 4 obl
. . PUNCT 4 punct
"""


def test_will_not_send_is_negated_and_keeps_its_code(parse, actor, code):
    doc = parse(NOT_SEND)
    ev = _one(code(doc, [actor(doc, "Germany", "DEU"), actor(doc, "Ukraine", "UKR")]))
    assert (ev.modality, ev.cameo, _dyad(ev)) == ("negated", "072", ("DEU", "UKR"))


def test_will_send_is_an_asserted_intent(parse, actor, code):
    doc = parse(NOT_SEND.replace("not not PART 4 advmod\n", "").replace(
        " 4 ", " 3 ").replace(" 7 case", " 6 case").replace("Ukraine Ukraine PROPN 3", "Ukraine Ukraine PROPN 3"))
    ev = _one(code(doc, [actor(doc, "Germany", "DEU"), actor(doc, "Ukraine", "UKR")]))
    assert ev.modality == "asserted" and ev.root == "03" and ev.cameo == "0332"


def test_could_invade_is_hypothetical(parse, actor, code):
    doc = parse("""
Russia Russia PROPN 3 nsubj
could could AUX 3 aux
invade invade VERB 0 root VB
Ukraine Ukraine PROPN 3 obj
. . PUNCT 3 punct
""")
    ev = _one(code(doc, [actor(doc, "Russia", "RUS"), actor(doc, "Ukraine", "UKR")]), "19")
    assert ev.modality == "hypothetical"


def test_question_is_hypothetical(parse, actor, code):
    doc = parse("""
Will will AUX 3 aux
Turkey Turkey PROPN 3 nsubj
invade invade VERB 0 root VB
Syria Syria PROPN 3 obj
? ? PUNCT 3 punct
""")
    ev = _one(code(doc, [actor(doc, "Turkey", "TUR"), actor(doc, "Syria", "SYR")]), "19")
    assert ev.modality == "hypothetical"


def test_no_plans_to_send_is_a_negated_sending(parse, actor, code):
    doc = parse("""
Egypt Egypt PROPN 2 nsubj
has have VERB 0 root VBZ
no no DET 4 det
plans plan NOUN 2 obj
to to PART 6 mark
send send VERB 4 acl VB
troops troop NOUN 6 obj
to to ADP 9 case
Sudan Sudan PROPN 6 obl
. . PUNCT 2 punct
""")
    ev = _one(code(doc, [actor(doc, "Egypt", "EGY"), actor(doc, "Sudan", "SDN")]))
    assert (ev.modality, ev.root, _dyad(ev)) == ("negated", "07", ("EGY", "SDN"))


def test_a_refusal_is_itself_the_event(parse, actor, code):
    doc = parse("""
Hungary Hungary PROPN 2 nsubj
refused refuse VERB 0 root
to to PART 4 mark
send send VERB 2 xcomp VB
weapons weapon NOUN 4 obj
to to ADP 7 case
Ukraine Ukraine PROPN 4 obl
. . PUNCT 2 punct
""")
    ev = _one(code(doc, [actor(doc, "Hungary", "HUN"), actor(doc, "Ukraine", "UKR")]))
    assert (ev.modality, ev.cameo, _dyad(ev)) == ("asserted", "1222", ("HUN", "UKR"))


def test_pledge_to_deepen_ties_is_an_intent(parse, actor, code):
    doc = parse("""
Japan Japan PROPN 2 nsubj
pledged pledge VERB 0 root
to to PART 4 mark
deepen deepen VERB 2 xcomp VB
security security NOUN 6 compound
ties tie NOUN 4 obj
with with ADP 8 case
Manila Manila PROPN 4 obl
. . PUNCT 2 punct
""")
    ev = _one(code(doc, [actor(doc, "Japan", "JPN"), actor(doc, "Manila", "PHLGOV", country="PHL")]))
    assert ev.root == "03" and ev.cameo == "0312" and _dyad(ev) == ("JPN", "PHL")


REPORTED = """
Kyiv Kyiv PROPN 2 nsubj
said say VERB 0 root
Russian Russian ADJ 4 amod
forces force NOUN 5 nsubj
shelled shell VERB 2 ccomp
Kharkiv Kharkiv PROPN 5 obj
. . PUNCT 2 punct
"""


def test_reported_attack_is_attributed_and_the_saying_is_not_coded(parse, actor, code):
    doc = parse(REPORTED)
    events = code(doc, [actor(doc, "Kyiv", "UKRGOV", country="UKR"), actor(doc, "Russian", "RUS")])
    ev = _one(events, "19")
    assert _dyad(ev) == ("RUS", "UKR")  # Kharkiv stands for its country
    assert ev.attribution == Attribution(speaker="Kyiv")
    assert ev.location is not None and ev.location.name == "Kharkiv"
    assert ev.location.lat == 49.99 and ev.location.country == "UKR"


def test_quote_gives_speaker_and_index(parse, actor, code):
    doc = parse(REPORTED)
    quote = Quote(id="t:q0", sentence=0, speaker=None, cites=[], cue="said",
                  content="Russian forces shelled Kharkiv", direct=False, start=10, end=40)
    span = QuoteSpan(index=0, quote=quote, content_start=2, content_end=6, cue_token=1)
    ev = _one(code(doc, [actor(doc, "Russian", "RUS")], quotes=[span]))
    assert ev.attribution is not None and ev.attribution.quote == 0


def test_denied_that_negates_the_embedded_event(parse, actor, code):
    doc = parse("""
Iran Iran PROPN 2 nsubj
denied deny VERB 0 root
that that SCONJ 5 mark
it it PRON 5 nsubj
attacked attack VERB 2 ccomp
Israel Israel PROPN 5 obj
. . PUNCT 2 punct
""")
    iran = actor(doc, "Iran", "IRN")
    it = actor(doc, "it", "IRN", kind="pronoun")
    events = code(doc, [iran, it, actor(doc, "Israel", "ISR")])
    attack = [e for e in events if e.root == "19"]
    assert len(attack) == 1 and attack[0].modality == "negated"
    assert _dyad(attack[0]) == ("IRN", "ISR")
    # a bare denial with nobody denied to is not coded on its own: the denied act is the event
    assert [e.cameo for e in events if e.root == "01"] == []


def test_the_two_countries_is_a_pair(parse, actor, code):
    doc = parse("""
The the DET 3 det
two two NUM 3 nummod
countries country NOUN 4 nsubj
signed sign VERB 0 root
an an DET 6 det
agreement agreement NOUN 4 obj
. . PUNCT 4 punct
""")
    a = actor(doc, "two countries", "TUR", kind="nominal", entity="e:TUR")
    b = actor(doc, "two countries", "AZE", kind="nominal", entity="e:AZE")
    ev = _one(code(doc, [a, b]))
    assert ev.reciprocal and set(_dyad(ev)) == {"TUR", "AZE"}


CLASHED = """
Armenia Armenia PROPN 4 nsubj
and and CCONJ 3 cc
Azerbaijan Azerbaijan PROPN 1 conj
clashed clash VERB 0 root
last last ADJ 6 amod
year year NOUN 4 obl:unmarked
in in ADP 8 case
Kabul Kabul PROPN 4 obl
. . PUNCT 4 punct
"""


def test_relative_date_needs_a_publication_date(parse, actor, code):
    doc = parse(CLASHED)
    ms = [actor(doc, "Armenia", "ARM"), actor(doc, "Azerbaijan", "AZE")]
    ev = _one(code(doc, ms), "19")
    assert (ev.date, ev.date_from) == ("2020", "text")
    assert ev.location is not None and ev.location.name == "Kabul"
    ev = _one(code(doc, ms, published=None))
    assert (ev.date, ev.date_from) == (None, None)


def test_undated_event_takes_the_publication_date(parse, actor, code):
    doc = parse(NOT_SEND)
    ev = _one(code(doc, [actor(doc, "Germany", "DEU"), actor(doc, "Ukraine", "UKR")]))
    assert (ev.date, ev.date_from) == ("2021-08-10", "published")


def test_no_political_actor_no_event(parse, code):
    doc = parse("""
An an DET 2 det
explosion explosion NOUN 3 nsubj
killed kill VERB 0 root
two two NUM 5 nummod
people people NOUN 3 obj
. . PUNCT 3 punct
""")
    assert code(doc, []) == []


def test_plain_statement_is_no_event(parse, actor, code):
    doc = parse("""
France France PROPN 2 nsubj
said say VERB 0 root
the the DET 4 det
economy economy NOUN 5 nsubj
grew grow VERB 2 ccomp
. . PUNCT 2 punct
""")
    assert code(doc, [actor(doc, "France", "FRA")]) == []


def test_said_another_actor_must_is_a_demand(parse, actor, code):
    doc = parse("""
Russia Russia PROPN 2 nsubj
said say VERB 0 root
Sudan Sudan PROPN 5 nsubj
must must AUX 5 aux
return return VERB 2 ccomp VB
the the DET 7 det
helicopter helicopter NOUN 5 obj
. . PUNCT 2 punct
""")
    ev = _one(code(doc, [actor(doc, "Russia", "RUS"), actor(doc, "Sudan", "SDN")]), "10")
    assert _dyad(ev) == ("RUS", "SDN") and ev.evidence.rule == "g_say_must"


def test_headline_list_after_between_read_from_the_words(parse, actor, code):
    doc = parse("""
Military military ADJ 2 amod
cooperation cooperation NOUN 3 nsubj
grows grow VERB 0 root VBZ
between between ADP 5 case
Turkey Turkey PROPN 3 obl
, , PUNCT 9 punct
Azerbaijan Azerbaijan PROPN 9 compound
- - PUNCT 9 punct
analyst analyst NOUN 3 conj
""")
    ev = _one(code(doc, [actor(doc, "Turkey", "TUR"), actor(doc, "Azerbaijan", "AZE")]))
    assert ev.root == "06" and set(_dyad(ev)) == {"TUR", "AZE"}


def test_violence_may_have_no_known_source_but_a_visit_may_not(parse, actor, code):
    doc = parse("""
Haiti Haiti PROPN 3 nmod:poss
's 's PART 1 case
president president NOUN 5 nsubj:pass
was be AUX 5 aux:pass
assassinated assassinate VERB 0 root VBN
. . PUNCT 5 punct
""")
    ev = _one(code(doc, [actor(doc, "Haiti", "HTI")]), "18")
    assert _dyad(ev) == (None, "HTI")
    doc = parse("""
Officers officer NOUN 2 nsubj
travelled travel VERB 0 root
to to ADP 4 case
Canada Canada PROPN 2 obl
. . PUNCT 2 punct
""")
    assert code(doc, [actor(doc, "Canada", "CAN")]) == []


def test_where_clause_takes_place_and_date_of_the_event_it_hangs_on(parse, actor, code):
    doc = parse("""
October October PROPN 3 nmod:poss
's 's PART 1 case
clashes clash NOUN 0 root
in in ADP 6 case
the the DET 6 det
Nagorno-Karabakh Nagorno-Karabakh PROPN 3 nmod
, , PUNCT 11 punct
where where ADV 11 advmod
Turkish Turkish ADJ 10 amod
support support NOUN 11 nsubj
helped help VERB 6 acl:relcl
Azerbaijan Azerbaijan PROPN 11 obj
. . PUNCT 3 punct
""")
    events = code(doc, [actor(doc, "Turkish", "TUR"), actor(doc, "Azerbaijan", "AZE")])
    # "Turkish support" has no target of its own and is dropped (targetless_roots); "helped
    # Azerbaijan" in the same where-clause carries the clause's date and place.
    helped = [e for e in events if e.evidence.trigger == "helped"]
    assert helped, [(e.evidence.rule, _dyad(e)) for e in events]
    ev = helped[0]
    assert (ev.date, ev.date_from) == ("2020-10", "text")
    assert ev.location is not None and ev.location.name == "Nagorno-Karabakh"


def test_demonstrate_that_is_no_protest(parse, actor, code):
    doc = parse("""
Kenya Kenya PROPN 2 nsubj
demonstrated demonstrate VERB 0 root
that that SCONJ 5 mark
it it PRON 5 nsubj
works work VERB 2 ccomp VBZ
. . PUNCT 2 punct
""")
    assert code(doc, [actor(doc, "Kenya", "KEN")]) == []


def test_verb_parsed_as_adjective_is_repaired_on_a_copy(parse, actor, code):
    doc = parse("""
Turkey Turkey PROPN 2 nsubj
provided provide VERB 3 amod VBD
drones drone NOUN 0 root NNS
to to ADP 5 case
Azerbaijan Azerbaijan PROPN 3 nmod
. . PUNCT 3 punct
""")
    ev = _one(code(doc, [actor(doc, "Turkey", "TUR"), actor(doc, "Azerbaijan", "AZE")]))
    assert ev.cameo == "072" and _dyad(ev) == ("TUR", "AZE")
    assert doc[1].dep_ == "amod"  # the shared Doc is left as the parser made it


def test_would_not_hesitate_is_a_threat_and_hesitated_is_open(parse, actor, code):
    doc = parse("""
Iran Iran PROPN 4 nsubj
will will AUX 4 aux
not not PART 4 advmod
hesitate hesitate VERB 0 root
to to PART 6 mark
strike strike VERB 4 xcomp
Israel Israel PROPN 6 obj
. . PUNCT 4 punct
""")
    ev = _one(code(doc, [actor(doc, "Iran", "IRN"), actor(doc, "Israel", "ISR")]), "13")
    assert _dyad(ev) == ("IRN", "ISR") and ev.modality == "asserted"
    doc = parse("""
Germany Germany PROPN 2 nsubj
hesitated hesitate VERB 0 root VBD
to to PART 4 mark
send send VERB 2 xcomp
tanks tank NOUN 4 obj
to to ADP 7 case
Ukraine Ukraine PROPN 4 obl
. . PUNCT 2 punct
""")
    ev = _one(code(doc, [actor(doc, "Germany", "DEU"), actor(doc, "Ukraine", "UKR")]), "07")
    assert ev.modality == "hypothetical"


def test_history_is_relative_to_an_old_article(parse, actor, code):
    doc = parse("""
Iraq Iraq PROPN 2 nsubj
attacked attack VERB 0 root VBD
Iran Iran PROPN 2 obj
in in ADP 5 case
1985 1985 NUM 2 obl
. . PUNCT 2 punct
""")
    mentions = [actor(doc, "Iraq", "IRQ"), actor(doc, "Iran", "IRN")]
    assert code(doc, mentions, published="2020-05-01") == []  # a history lesson today
    ev = _one(code(doc, mentions, published="1990-05-01"), "19")  # news five years on
    assert ev.date == "1985"


def test_an_event_noun_that_is_unlikely_is_hypothetical(parse, actor, code):
    doc = parse("""
A a DET 2 det
deal deal NOUN 8 nsubj
between between ADP 4 case
Israel Israel PROPN 2 nmod
and and CCONJ 6 cc
Hamas Hamas PROPN 4 conj
is be AUX 8 cop
unlikely unlikely ADJ 0 root
. . PUNCT 8 punct
""")
    events = code(doc, [actor(doc, "Israel", "ISR"), actor(doc, "Hamas", "PSE")])
    assert events and all(e.modality == "hypothetical" for e in events)
