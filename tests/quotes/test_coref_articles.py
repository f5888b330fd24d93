"""Coreference on whole articles: the set under discussion ("the two countries", "both sides",
"the three countries'"), "each other", pronouns in the clause of a reporting verb, possessive
sector nouns ("his government"), "the Iran-backed group", and "I"/"we" inside a quote.

Docs are built by hand: `parsed("word/TAG[/lemma]@dep>head ...")` gives every token its tag,
lemma, dependency label and head (absolute index; a root is its own head); `¶` is a paragraph
break. Sentences follow from the heads.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from entente.quotes import coref
from entente.records import Actor, Mention, Quote, QuoteSpan, Speaker

VOCAB = spacy.blank("en").vocab
NO_SPACE_BEFORE = {",", ".", "'", "’", "'s", "’s", "”", "-"}
NO_SPACE_AFTER = {"“", "-"}


def parsed(spec: str) -> Doc:
    words, tags, lemmas, deps, heads = [], [], [], [], []
    for item in spec.split():
        if item == "¶":
            words.append("\n\n")
            tags.append("_SP")
            lemmas.append("\n\n")
            deps.append("dep")
            heads.append(len(words) - 2)
            continue
        token, _, rest = item.rpartition("@")
        dep, _, head = rest.partition(">")
        parts = token.split("/")
        words.append(parts[0])
        tags.append(parts[1])
        lemmas.append(parts[2] if len(parts) > 2 else parts[0].lower())
        deps.append(dep)
        heads.append(int(head))
    spaces = [i + 1 < len(words) and words[i + 1] not in NO_SPACE_BEFORE
              and w not in NO_SPACE_AFTER and "\n" not in w and words[i + 1] != "\n\n"
              for i, w in enumerate(words)]
    pos = ["SPACE" if t == "_SP" else "PRON" if t.startswith("PRP") else
           "VERB" if t.startswith("VB") else "PROPN" if t.startswith("NNP") else
           "NOUN" if t.startswith("NN") else "X" for t in tags]
    return Doc(VOCAB, words=words, spaces=spaces, tags=tags, lemmas=lemmas, deps=deps,
               heads=heads, pos=pos)


def mention(doc: Doc, start: int, end: int, type_: str, key: str, *, country: str | None = None,
            kind: str = "name", code: str | None = None, org: str | None = None,
            role: str | None = None, entity: str | None = "") -> Mention:
    span = doc[start:end]
    actor = Actor(text=span.text, name=span.text, code=code or country, country=country, org=org,
                  role=role)
    return Mention(start=start, end=end, char_start=span.start_char, char_end=span.end_char,
                   actor=actor, key=key or None, entity=key if entity == "" else entity,
                   kind=kind, type=type_)


def sector(doc: Doc, start: int, end: int, role: str) -> Mention:
    span = doc[start:end]
    return Mention(start=start, end=end, char_start=span.start_char, char_end=span.end_char,
                   actor=Actor(text=span.text, code=role, role=role), kind="nominal",
                   type="sector")


def found(doc: Doc, mentions: list[Mention], **kw) -> dict[str, list[str | None]]:
    out: dict[str, list[str | None]] = {}
    for m in coref.resolve(doc, mentions, **kw):
        out.setdefault(doc[m.start:m.end].text, []).append(m.actor.country or m.actor.org)
    return {k: sorted(v, key=str) for k, v in out.items()}


def test_the_pair_under_discussion_is_not_the_last_two_states_named() -> None:
    """Headline pair, then mediators: "the two countries" are still the headline's pair."""
    doc = parsed(
        "Armenia/NNP@nsubj>3 ,/,@punct>2 Azerbaijan/NNP@conj>0 hold/VBP@ROOT>3 talks/NNS@obj>3 ¶ "
        "Armenia/NNP@nsubj>9 and/CC@cc>8 Azerbaijan/NNP@conj>6 met/VBD/meet@ROOT>9 ./.@punct>9 "
        "Kazakhstan/NNP@nsubj>12 hosted/VBD/host@ROOT>12 them/PRP@obj>12 ./.@punct>12 "
        "Moscow/NNP@nsubj>16 brokered/VBD/broker@ROOT>16 a/DT@det>18 truce/NN@obj>16 "
        "between/IN@case>22 the/DT@det>22 two/CD@nummod>22 countries/NNS@nmod>18 ./.@punct>16")
    ms = [mention(doc, i, i + 1, "country", f"country:{c}", country=c)
          for i, c in ((0, "ARM"), (2, "AZE"), (6, "ARM"), (8, "AZE"), (11, "KAZ"))]
    ms.append(mention(doc, 15, 16, "country", "country:RUS", country="RUS", kind="metonymy"))
    assert found(doc, ms)["the two countries"] == ["ARM", "AZE"]


def test_mediators_are_not_both_parties() -> None:
    """"talks brokered by Saudi Arabia and the United States ... Both parties accused each other"
    are the army and the RSF, and "each other" is that pair too."""
    doc = parsed(
        "The/DT@det>1 army/NN@nsubj>5 and/CC@cc>4 the/DT@det>4 RSF/NNP@conj>1 "
        "signed/VBD/sign@ROOT>5 a/DT@det>7 truce/NN@obj>5 after/IN@case>9 talks/NNS@obl>5 "
        "brokered/VBN/broker@acl>9 by/IN@case>12 Saudi/NNP@obl:agent>10 and/CC@cc>14 "
        "America/NNP@conj>12 ./.@punct>5 "
        "Both/DT@det>17 parties/NNS@nsubj>18 accused/VBD/accuse@ROOT>18 each/DT@obj>18 "
        "other/JJ@fixed>19 ./.@punct>18")
    ms = [mention(doc, 0, 2, "country", "country:SDN#MIL", country="SDN", kind="demonym"),
          mention(doc, 4, 5, "group", "group:rsf", country="SDN"),
          mention(doc, 12, 13, "country", "country:SAU", country="SAU"),
          mention(doc, 14, 15, "country", "country:USA", country="USA")]
    got = coref.resolve(doc, ms)
    parties = {m.entity for m in got if doc[m.start:m.end].text == "Both parties"}
    other = {m.entity for m in got if doc[m.start:m.end].text == "each other"}
    assert parties == other == {"country:SDN#MIL", "group:rsf"}


def test_the_subject_acting_on_the_pair_is_not_in_it() -> None:
    """China is the most salient, but it supports the two countries: Saudi Arabia and Iran."""
    doc = parsed(
        "Saudi/NNP@nsubj>1 met/VBD/meet@ROOT>1 Iran/NNP@obj>1 ./.@punct>1 "
        "China/NNP@nsubj>5 spoke/VBD/speak@ROOT>5 ./.@punct>5 "
        "China/NNP@nsubj>9 will/MD@aux>9 support/VB@ROOT>9 the/DT@det>12 two/CD@nummod>12 "
        "countries/NNS@obj>9 ./.@punct>9")
    ms = [mention(doc, i, i + 1, "country", f"country:{c}", country=c)
          for i, c in ((0, "SAU"), (2, "IRN"), (4, "CHN"), (7, "CHN"))]
    assert found(doc, ms)["the two countries"] == ["IRN", "SAU"]


def test_three_countries_possessive_neighbours_and_leaders() -> None:
    doc = parsed(
        "Seoul/NNP@nsubj>6 ,/,@punct>2 Washington/NNP@conj>0 and/CC@cc>4 Tokyo/NNP@conj>0 "
        "will/MD@aux>6 cooperate/VB@ROOT>6 ./.@punct>6 "
        "The/DT@det>11 three/CD@nummod>10 countries/NNS@nmod:poss>12 '/POS@case>10 "
        "navies/NNS@nsubj>13 drilled/VBD/drill@ROOT>13 ./.@punct>13")
    ms = [mention(doc, i, i + 1, "country", f"country:{c}", country=c, kind="metonymy")
          for i, c in ((0, "KOR"), (2, "USA"), (4, "JPN"))]
    assert found(doc, ms)["The three countries"] == ["JPN", "KOR", "USA"]
    doc = parsed(
        "Maduro/NNP@nsubj>3 and/CC@cc>2 Ali/NNP@conj>0 met/VBD/meet@ROOT>3 ./.@punct>3 "
        "The/DT@det>7 two/CD@nummod>7 leaders/NNS@nsubj>8 agreed/VBD/agree@ROOT>8 ./.@punct>8 "
        "Relations/NNS@nsubj>14 between/IN@case>12 the/DT@det>13 neighbours/NNS@nmod>10 "
        "soured/VBD/sour@ROOT>14 ./.@punct>14")
    ms = [mention(doc, 0, 1, "person", "person:maduro", country="VEN"),
          mention(doc, 2, 3, "person", "person:ali", country="GUY")]
    got = found(doc, ms)
    assert got["The two leaders"] == ["GUY", "VEN"]
    assert got["the neighbours"] == ["GUY", "VEN"]


def test_they_in_the_clause_of_a_reporting_verb_is_its_subject() -> None:
    doc = parsed(
        "Marines/NNS@nsubj>1 waited/VBD/wait@ROOT>1 ./.@punct>1 "
        "Philippine/JJ@amod>4 officials/NNS@nsubj>5 denied/VBD/deny@ROOT>5 that/IN@mark>9 "
        "they/PRP@nsubj>9 had/VBD/have@aux>9 promised/VBN/promise@ccomp>5 Beijing/NNP@obj>9 "
        "./.@punct>5")
    ms = [sector(doc, 0, 1, "MIL"),
          mention(doc, 3, 5, "country", "country:PHL#GOV", country="PHL", kind="demonym"),
          mention(doc, 10, 11, "country", "country:CHN#GOV", country="CHN", kind="metonymy")]
    assert found(doc, ms)["they"] == ["PHL"]


def test_a_possessive_gives_its_sector_noun_the_owners_country() -> None:
    doc = parsed(
        "Kurti/NNP@nsubj>1 said/VBD/say@ROOT>1 his/PRP$@nmod:poss>3 government/NN@nsubj>5 "
        "would/MD@aux>5 stay/VB@ccomp>1 ./.@punct>1")
    ms = [mention(doc, 0, 1, "person", "person:albin-kurti", country="XKX", role="GOV",
                  code="XKXGOV"), sector(doc, 3, 4, "GOV")]
    got = [m for m in coref.resolve(doc, ms) if m.end - m.start == 2]
    assert [(doc[m.start:m.end].text, m.actor.code, m.key, m.sector) for m in got] == [
        ("his government", "XKXGOV", "country:XKX", "GOV")]


def test_the_backed_group_is_the_group_named_before() -> None:
    doc = parsed(
        "Houthi/NNP@compound>1 rebels/NNS@nsubj>2 attacked/VBD/attack@ROOT>2 ./.@punct>2 "
        "Strikes/NNS@nsubj>10 on/IN@case>9 the/DT@det>9 Iran/NNP@compound>8 -/HYPH@punct>8 "
        "backed/VBN@amod>9 group/NN@nmod>4 began/VBD/begin@ROOT>10 ./.@punct>10")
    ms = [mention(doc, 0, 2, "group", "group:houthis", country="YEM", role="REB"),
          mention(doc, 7, 11, "country", "country:IRN#REB", country="IRN", kind="demonym")]
    got = [m for m in coref.resolve(doc, ms) if m.start == 6]
    assert [(m.end, m.key) for m in got] == [(11, "group:houthis")]  # wider than the proxy


def test_a_proper_name_before_the_noun_is_another_group() -> None:
    doc = parsed(
        "Rebels/NNS@nsubj>1 fought/VBD/fight@ROOT>1 ./.@punct>1 "
        "Petro/NNP@nsubj>4 joined/VBD/join@ROOT>4 the/DT@det>7 M-19/NNP@compound>7 "
        "group/NN@obj>4 ./.@punct>4")
    ms = [mention(doc, 0, 1, "group", "group:eln", country="COL", role="REB")]
    assert "the M-19 group" not in found(doc, ms)


def test_first_person_inside_a_quote_is_its_speaker() -> None:
    doc = parsed(
        "“/``@punct>2 We/PRP@nsubj>2 stay/VBP/stay@ccomp>7 with/IN@case>5 our/PRP$@nmod:poss>5 "
        "troops/NNS@obl>2 ,/,@punct>2 ”/''@punct>2 Pakistan/NNP@nsubj>9 said/VBD/say@ROOT>9 "
        "./.@punct>9")
    who = mention(doc, 8, 9, "country", "country:PAK", country="PAK", code="PAK")
    ms = [who, sector(doc, 5, 6, "MIL")]
    q = QuoteSpan(index=0, quote=Quote(id="a:q0", sentence=0, speaker=Speaker(text="Pakistan"),
                                       cue="said", content="We stay with our troops", cites=[],
                                       direct=True, start=1, end=24),
                  content_start=1, content_end=6, speaker=who, cue_token=9)
    got = found(doc, ms, quotes=[q])
    assert got["We"] == ["PAK"] and got["our"] == ["PAK"] and got["our troops"] == ["PAK"]
    assert "We" not in found(doc, ms, quotes=[])


@pytest.mark.parametrize("words", ["each other", "one another"])
def test_each_other_after_a_coordination(words: str) -> None:
    first, second = words.split()
    doc = parsed(
        f"Armenia/NNP@nsubj>3 and/CC@cc>2 Azerbaijan/NNP@conj>0 accused/VBD/accuse@ROOT>3 "
        f"{first}/DT@obj>3 {second}/JJ@fixed>4 ./.@punct>3")
    ms = [mention(doc, 0, 1, "country", "country:ARM", country="ARM"),
          mention(doc, 2, 3, "country", "country:AZE", country="AZE")]
    assert found(doc, ms)[words] == ["ARM", "AZE"]


def test_both_leaders_are_the_leaders_of_the_two_countries_in_focus() -> None:
    """The mediator is named most often, but "both leaders" are Thailand's and Cambodia's."""
    doc = parsed(
        "Thailand/NNP@nsubj>3 and/CC@cc>2 Cambodia/NNP@conj>0 agreed/VBD/agree@ROOT>3 "
        "in/IN@case>5 talks/NNS@obl>3 ./.@punct>3 "
        "Anwar/NNP@nsubj>8 praised/VBD/praise@ROOT>8 Hun/NNP@obj>8 and/CC@cc>11 "
        "Phumtham/NNP@conj>9 ./.@punct>8 "
        "Anwar/NNP@nsubj>14 spoke/VBD/speak@ROOT>14 ./.@punct>14 "
        "Thailand/NNP@nsubj>17 accused/VBD/accuse@ROOT>17 Cambodia/NNP@obj>17 ./.@punct>17 "
        "Trump/NNP@nsubj>21 phoned/VBD/phone@ROOT>21 both/DT@det>23 leaders/NNS@obj>21 "
        "./.@punct>21")
    ms = [mention(doc, 0, 1, "country", "country:THA", country="THA"),
          mention(doc, 2, 3, "country", "country:KHM", country="KHM"),
          mention(doc, 7, 8, "person", "person:anwar", country="MYS"),
          mention(doc, 9, 10, "person", "person:hun-manet", country="KHM"),
          mention(doc, 11, 12, "person", "person:phumtham", country="THA"),
          mention(doc, 13, 14, "person", "person:anwar", country="MYS"),
          mention(doc, 16, 17, "country", "country:THA", country="THA"),
          mention(doc, 18, 19, "country", "country:KHM", country="KHM"),
          mention(doc, 20, 21, "person", "person:trump", country="USA")]
    assert found(doc, ms)["both leaders"] == ["KHM", "THA"]
