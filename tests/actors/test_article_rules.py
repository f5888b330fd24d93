"""Rules for whole news articles: full person names, organisations named with known words,
coordinated demonyms, the EU's "Brussels" and "the Commission", proxies, posts and appositions,
and sector nouns that take the country in focus. One short sentence (blank pipeline) or a
hand-built parse each."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.tokens import Doc

DAY = date(2023, 6, 1)


def mentions(resolver, nlp, text, day=DAY):
    doc = nlp(text)
    return [(doc.text[m.char_start:m.char_end], m.actor.code) for m in resolver.mentions(doc, day)]


def code_of(resolver, nlp, text, needle, day=DAY):
    got = [c for t, c in mentions(resolver, nlp, text, day) if t == needle]
    assert got, f"no mention {needle!r} in {mentions(resolver, nlp, text, day)}"
    return got[0]


def hand_built(blank_nlp, spec: str, ents: list[str] | None = None) -> Doc:
    """"word/TAG/lemma@dep>head ..." (heads absolute; a root is its own head)."""
    words, tags, lemmas, deps, heads = [], [], [], [], []
    for item in spec.split():
        token, _, rest = item.rpartition("@")
        dep, _, head = rest.partition(">")
        parts = token.split("/")
        words.append(parts[0])
        tags.append(parts[1])
        lemmas.append(parts[2] if len(parts) > 2 else parts[0].lower())
        deps.append(dep)
        heads.append(int(head))
    spaces = [i + 1 < len(words) and words[i + 1] not in (",", ".") for i in range(len(words))]
    return Doc(blank_nlp.vocab, words=words, spaces=spaces, tags=tags, lemmas=lemmas, deps=deps,
               heads=heads, ents=ents)


# -- persons ----------------------------------------------------------------------------------
def test_a_person_mention_covers_the_whole_name(resolver, blank_nlp):
    """NER may stop short ("Carlos" only); the title and the rest of the name still go with it."""
    doc = Doc(blank_nlp.vocab, words=["President", "Carlos", "Mendes", "said", "so", "."],
              ents=["O", "B-PERSON", "O", "O", "O", "O"])
    (m,) = [m for m in resolver.mentions(doc, DAY) if m.type == "person"]
    assert (doc[m.start:m.end].text, m.title) == ("President Carlos Mendes", "President")


@pytest.mark.parametrize(("text", "name"), [
    ("Rebel commander Jean-Pierre Mbala said his fighters would withdraw.", "Jean-Pierre Mbala"),
    ("Foreign Minister Jalil Abbas Jilani told reporters the talks were over.",
     "Jalil Abbas Jilani"),
    ("Journalist Anna Kowalska was detained in Minsk.", "Anna Kowalska"),
])
def test_known_surnames_inside_a_strangers_name_give_way(resolver, blank_nlp, text, name):
    """"Jean" (a Haitian leader's surname), "Jalil", "Abbas": parts of another person's name."""
    doc = blank_nlp(text)
    persons = [m for m in resolver.mentions(doc, DAY) if m.type == "person"]
    assert len(persons) == 1 and persons[0].key is None
    assert doc.text[persons[0].char_start:persons[0].char_end].endswith(name)


def test_secretary_general_is_a_title(resolver, blank_nlp):
    text = "UN Secretary-General António Guterres welcomed the deal."
    assert mentions(resolver, blank_nlp, text) == [
        ("UN Secretary-General António Guterres", "IGOUN")]


# -- organisations ----------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "org"), [
    ("Piotr Nowak of the Warsaw Institute for Eastern Studies said so.",
     "Warsaw Institute for Eastern Studies"),
    ("Analysts at the Centre for Black Sea Security said so.", "Centre for Black Sea Security"),
    ("The Norwegian Refugee Council said aid was blocked.", "Norwegian Refugee Council"),
])
def test_an_unknown_organisation_is_not_its_city_or_demonym(resolver, blank_nlp, text, org):
    doc = blank_nlp(text)
    found = resolver.mentions(doc, DAY)
    assert (org, None) in [(doc.text[m.char_start:m.char_end], m.actor.code) for m in found]
    assert not [m for m in found if m.actor.country]  # no POLGOV, no NORREF, no Black Sea


def test_a_states_own_body_keeps_its_state(resolver, blank_nlp):
    assert code_of(resolver, blank_nlp, "The Turkish Armed Forces said the strike hit.",
                   "Turkish Armed Forces") == "TURMIL"


def test_a_sector_word_before_an_organisation_noun_is_no_sector(resolver, blank_nlp):
    got = mentions(resolver, blank_nlp, "The United Nations refugee agency counted 5,000.")
    assert got[0][1] == "IGOUNHCR" or got[0] == ("The United Nations", "IGOUN")
    assert not [c for _, c in got if c and c.endswith("REF")]


def test_the_longer_name_wins_over_an_article_alias(resolver, blank_nlp):
    """"the Gulf" (a sea) does not cut "Gulf Clan" short."""
    doc = blank_nlp("The army kept fighting the Gulf Clan in the north.")
    assert "group:clan-del-golfo" in {m.key for m in resolver.mentions(doc, DAY)}


# -- coordination, proxies, posts -------------------------------------------------------------
@pytest.mark.parametrize(("text", "want"), [
    ("Senior Indian and Chinese military commanders met.", {"Indian": "INDMIL"}),
    ("US and British warplanes struck.", {"US": "USAMIL"}),
    ("Saudi, Iranian foreign ministers meet.", {"Saudi": "SAUGOV"}),
    ("Colombia and ELN rebels agreed a truce.", {"Colombia": "COL"}),
    ("The foreign ministers of Armenia and Azerbaijan met.", {"Azerbaijan": "AZEGOV"}),
    ("Representatives of Sudan's army signed.", {"Representatives of Sudan's army": "SDNMIL"}),
])
def test_coordinations_share_a_noun_only_when_attributive(resolver, blank_nlp, text, want):
    got = dict(mentions(resolver, blank_nlp, text))
    assert {k: got.get(k) for k in want} == want


def test_a_backer_before_a_named_group_only_modifies_it(resolver, blank_nlp):
    got = dict(mentions(resolver, blank_nlp, "Saudi Arabia fought Iran-backed Houthi rebels."))
    assert got["Iran-backed"] == "IRN" and got["Houthi rebels"] == "YEMREB"
    assert code_of(resolver, blank_nlp, "Armenian-backed forces retreated.",
                   "Armenian-backed forces") == "ARMREB"  # no group named: a proxy


def test_a_groups_spokesman_speaks_for_the_group(resolver, blank_nlp):
    got = dict(mentions(resolver, blank_nlp,
                        "A Houthi spokesman, Mohammed Abdulsalam, said the attacks would go on."))
    assert got["Houthi spokesman"] == "YEMREB" and got["Mohammed Abdulsalam"] == "YEMREB"


def test_a_seat_before_a_post_gives_its_country(resolver, blank_nlp):
    assert code_of(resolver, blank_nlp, "Kremlin spokesman Dmitry Peskov denied it.",
                   "Kremlin spokesman Dmitry Peskov") == "RUSGOV"


# -- Brussels and the Commission --------------------------------------------------------------
@pytest.mark.parametrize(("text", "needle", "code"), [
    ("EU ministers met. Brussels said it would impose measures on Pristina.", "Brussels", "IGOEU"),
    ("Brussels said the Belgian government would resign.", "Brussels", "BELGOV"),
    ("The EU held a summit in Brussels.", "Brussels", "BEL"),
    ("The Commission released funds after EU leaders met.", "The Commission", "IGOEU"),
])
def test_brussels_and_the_commission_in_the_eus_context(resolver, blank_nlp, text, needle, code):
    assert code_of(resolver, blank_nlp, text, needle) == code


def test_the_commission_names_nothing_outside_the_eus_context(resolver, blank_nlp):
    assert mentions(resolver, blank_nlp, "The Commission said the vote was fair.") == []
    assert resolver.resolve("Brussels").code == "BELGOV"  # a bare string: the default


# -- sector nouns in context ------------------------------------------------------------------
def test_a_sector_noun_takes_the_paragraphs_country(resolver, blank_nlp):
    text = "Warsaw has deployed 15,000 soldiers to the frontier."
    assert code_of(resolver, blank_nlp, text, "soldiers") == "POLMIL"


def test_a_sector_noun_takes_the_articles_country(resolver, blank_nlp):
    text = ("Georgia passes law\n\nGeorgian lawmakers adopted the bill in Tbilisi.\n\n"
            "Riot police detained 20 people, and the opposition accused the government.\n\n"
            "Moscow said nothing.")
    got = dict(mentions(resolver, blank_nlp, text))
    assert (got["Riot police"], got["opposition"], got["government"]) == (
        "GEOCOP", "GEOOPP", "GEOGOV")


@pytest.mark.parametrize(("text", "noun"), [
    ("Gunmen kidnapped two Chinese engineers in southern Pakistan.", "Gunmen"),
    ("Algeria said it would not allow foreign troops to cross.", "troops"),
    ("Russia said his government was to blame.", "government"),
    ("Iran accused the rebels.", "rebels"),
])
def test_no_country_from_context_when_the_text_says_otherwise(resolver, blank_nlp, text, noun):
    """Another place, "foreign", a possessive (coreference decides), a sentence too short to
    say what it is about (rebels are not a state's own body)."""
    assert code_of(resolver, blank_nlp, text, noun) in ("REB", "MIL", "GOV", "UAF")


def test_an_apposition_is_not_a_new_actor(resolver, blank_nlp):
    text = "The ELN, the country's largest guerrilla group, signed in Havana with Colombia."
    assert code_of(resolver, blank_nlp, text, "guerrilla group") == "REB"


def test_the_owner_of_the_noun_gives_its_country(resolver, blank_nlp):
    """"France, which has 1,500 troops in Niger": the troops are France's (a parse says whose)."""
    doc = hand_built(blank_nlp,
                     "France/NNP@nsubj>9 ,/,@punct>3 which/WDT@nsubj>3 has/VBZ/have@acl:relcl>0 "
                     "1,500/CD@nummod>5 troops/NNS@obj>3 in/IN@case>7 Niger/NNP@nmod>5 ,/,@punct>0 "
                     "said/VBD/say@ROOT>9 ./.@punct>9")
    got = {doc[m.start:m.end].text: m.actor.code for m in resolver.mentions(doc, DAY)}
    assert got["troops"] == "FRAMIL"
