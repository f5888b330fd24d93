"""PETRARCH-format dictionaries keep working: the validation and Phoenix dictionaries are read at
test time from ../shared/conformance/petrarch2 (never copied into the repository)."""

from __future__ import annotations

from datetime import date

import pytest

from entente.actors import KnowledgeBase, Resolver
from entente.actors.petrarch import parse_code, phrase_text


def test_code_and_phrase_syntax():
    assert parse_code("TURGOV >030314", "x").start == date(2003, 3, 15)
    assert parse_code("HOB < 950601", "x").end == date(1995, 5, 31)
    rng = parse_code("HOBGOV 19950601 - 19990815", "x")
    assert (rng.start, rng.end) == (date(1995, 6, 1), date(1999, 8, 15))
    assert parse_code("USR <911226", "x").end == date(1991, 12, 25)
    assert parse_code("950601-990815", "x") is None
    assert parse_code("pse", "x").code == "PSE"
    assert phrase_text("NORTH_KOREA_") == "north korea"


@pytest.fixture(scope="module")
def validate(shared_dir, blank_nlp):
    d = shared_dir / "conformance" / "petrarch2" / "dictionaries"
    kb = KnowledgeBase.load(extra_paths=[d / "PETR.Validate.actors.txt",
                                         d / "PETR.Validate.agents.txt"])
    return kb, Resolver(kb, nlp=blank_nlp)


@pytest.mark.parametrize(("day", "code"), [
    ("2007-01-01", "HOBCIV"), ("2009-06-01", "HOBMIL"), ("2010-01-10", "ORCHOB"),
    ("2013-01-01", "HOBGOV"), ("2014-01-01", "HOBELI")])
def test_validation_date_restrictions(validate, day, code):
    _, resolver = validate
    assert resolver.resolve("SAM GAMGEE", date.fromisoformat(day)).code == code


def test_validation_synonyms_and_agents(validate, blank_nlp):
    kb, resolver = validate
    assert [resolver.resolve("Smeagol", date(y, 1, 1)).code for y in (1994, 1997, 2000)] == [
        "HOB", "HOBGOV", "HOBREB"]
    assert kb.sector("foreign minister").role == "GOV"
    assert kb.sector("congressman").role == "LEG"  # CONGRESS!PERSON! substitution
    assert kb.sector("minister of silly walks").role == "GOV"  # !MINST!_OF_SILLY_WALKS
    doc = blank_nlp("ISRAELI TROOPS entered Gaza City.")
    codes = {m.actor.text: m.actor.code for m in resolver.mentions(doc, date(2001, 1, 1))}
    assert codes["ISRAELI TROOPS"] == "ISRMIL"


@pytest.fixture(scope="module")
def phoenix(shared_dir, blank_nlp):
    d = shared_dir / "conformance" / "petrarch2" / "phoenix_dictionaries"
    kb = KnowledgeBase.load(extra_paths=[d / f"Phoenix.{n}.txt" for n in (
        "Countries.actors", "International.actors", "MilNonState.actors", "agents")])
    return kb, Resolver(kb, nlp=blank_nlp)


@pytest.mark.parametrize(("text", "day", "code"), [
    ("Carl XVI Gustaf", "2015-08-13", "SWEGOV"),   # petrarch2's own test_date_check
    ("Carl XVI Gustaf", "1972-08-13", "SWEELI"),
    ("Carl XVI Gustaf", "1901-08-13", "SWEELI"),
    ("Recep Tayyip Erdogan", "2010-01-01", "TURGOV"),
    ("Erdogan", "2001-01-01", "TURELI"),
    ("El Sisi", "2013-01-01", "EGYGOVMIL"),
    ("El Sisi", "2015-01-01", "EGYGOV"),
    ("El Sisi", "2014-05-01", "EGYELI"),
    ("Boko Haram", "2015-01-01", "NGAREB"),
    ("Solarwinds Inc", "2015-01-01", "MNCUSA"),
    ("Kiribati", "2015-01-01", "KIR"),
    ("Croatia", "1991-01-01", "YUGHRV"),
    ("Croatia", "1995-01-01", "HRV"),
    ("Turkish military", "2015-01-01", "TURMIL"),
])
def test_phoenix_dictionaries(phoenix, text, day, code):
    _, resolver = phoenix
    assert resolver.resolve(text, date.fromisoformat(day)).code == code


def test_phoenix_bad_lines_are_reported_not_fatal(phoenix):
    kb, _ = phoenix
    assert kb.warnings and all(".txt:" in w for w in kb.warnings)
