"""The knowledge base: lint, coverage of states and leaders, places, users' files."""

from __future__ import annotations

import csv
from datetime import date, timedelta

import pytest
import yaml

from entente.actors import KnowledgeBase
from entente.actors.lint import lint
from entente.errors import KnowledgeBaseError


def test_packaged_knowledge_base_is_lint_clean(kb):
    assert lint(kb) == []


def test_roles_are_cameo_or_plover_codes(kb, shared_dir):
    ref = shared_dir / "reference"
    lines = [ln for ln in (ref / "cameo_actor_types.csv").read_text().splitlines()
             if not ln.startswith("#")]
    cameo = {row["code"] for row in csv.DictReader(lines)}
    plover_doc = yaml.safe_load((ref / "plover_event_types_modes.yaml").read_text())
    plover = set()
    for group in plover_doc["sector_codes"].values():
        if isinstance(group, dict):
            plover |= set(group)
    assert kb.roles <= cameo | plover, sorted(kb.roles - cameo - plover)
    assert {"GOV", "MIL", "REB", "OPP", "CVL", "MED", "BUS", "NGO", "IGO", "JUD", "LEG", "COP",
            "SPY", "REF", "EDU"} <= kb.roles


def test_every_un_member_observer_and_partial_state(kb):
    states = [e for e in kb.entries.values() if e.type == "country"]
    kinds = {}
    for e in states:
        kinds.setdefault(e.kind, set()).add(e.country)
        assert e.lat is not None and e.lon is not None, e.id
    assert len(kinds["member"]) == 193
    assert {"VAT", "PSE"} <= kinds["observer"]
    assert {"XKX", "TWN"} <= kinds["partial"]
    assert "ESH" in kinds["disputed"]
    assert len(kinds["territory"]) >= 30


def _leaders_on(kb, day):
    out = {}
    for e in kb.entries.values():
        for t in e.terms:
            if len(t.of) == 3 and t.office.split("-")[0] in ("hos", "hog", "leader") and t.covers(day):
                out.setdefault(t.of, []).append(e.id)
    return out


def test_every_state_has_a_head_of_state_or_government_on_the_as_of_date(kb):
    leaders = _leaders_on(kb, kb.as_of)
    states = [e.country for e in kb.entries.values()
              if e.type == "country" and e.kind in ("member", "observer", "partial")]
    missing = [s for s in states if s not in leaders]
    assert missing == []


def test_heads_of_state_and_government_cover_the_years_since_2000(kb):
    """Most days since 2000 have a known head of state or government, in almost every state
    (South Sudan exists since 2011; a few small states are listed from later; see offices/)."""
    states = [e.country for e in kb.entries.values()
              if e.type == "country" and e.kind in ("member", "observer", "partial")]
    days = [date(2000, 1, 1) + timedelta(days=d) for d in range(0, (kb.as_of - date(2000, 1, 1)).days, 91)]
    covered = {s: 0 for s in states}
    for day in days:
        for s in _leaders_on(kb, day):
            if s in covered:
                covered[s] += 1
    share = {s: n / len(days) for s, n in covered.items()}
    assert sum(share.values()) / len(share) >= 0.95
    assert sum(1 for v in share.values() if v >= 0.9) >= len(share) - 10


def test_ministers_of_the_g20_and_of_states_at_war(kb):
    today = kb.as_of
    need = ["ARG", "AUS", "BRA", "CAN", "CHN", "DEU", "FRA", "GBR", "IDN", "IND", "ITA", "JPN",
            "KOR", "MEX", "RUS", "SAU", "TUR", "USA", "ZAF", "UKR", "ISR", "IRN", "SYR", "ARM",
            "AZE", "ETH"]
    held = {(t.of, t.office) for e in kb.entries.values() for t in e.terms if t.covers(today)}
    missing = [(c, o) for c in need for o in ("fm", "dm") if (c, o) not in held]
    assert missing == []


def test_gazetteer_places(kb):
    nk = kb.place("Nagorno-Karabakh")
    assert (nk.country, nk.lat, nk.lon, nk.kind) == ("AZE", 39.8, 46.75, "conflict")
    assert kb.place("Kiev").name == "Kyiv"
    assert kb.place("Turkey").kind == "country"
    assert kb.place("Baku").kind == "capital"
    assert kb.place("Persian Gulf").country is None
    assert kb.place("Atlantis") is None


def test_version_is_a_short_stable_hash(kb):
    assert len(kb.version) == 12
    assert KnowledgeBase.load().version == kb.version


BAD_YAML = """
entries:
- {id: group:nowhere-front, name: Nowhere Front, country: XYZ, role: REB}
- {id: group:odd-role, name: Odd Role Group, country: TUR, role: ZZZ}
- {id: group:ankara-fans, name: Ankara Fans, country: TUR, role: CVL, aka: [Nowhere Front]}
"""
BAD_CSV = """of,office,name,start,end,short,aka,nat,note,id
TUR,hos,Imaginary Usurper,2020-01-01,2021-01-01,,,,,
FRA,hog,Backwards Premier,2022-05-01,2021-05-01,,,,,
"""


def test_lint_reports_each_kind_of_problem(tmp_path):
    (tmp_path / "bad.yaml").write_text(BAD_YAML)
    (tmp_path / "bad.csv").write_text(BAD_CSV)
    kb = KnowledgeBase.load(extra_paths=[tmp_path / "bad.yaml", tmp_path / "bad.csv"])
    problems = "\n".join(lint(kb))
    assert "unknown country 'XYZ'" in problems
    assert "unknown role 'ZZZ'" in problems
    assert "hos of TUR" in problems and "person:imaginary-usurper" in problems
    assert "ends (2021-05-01) before it starts" in problems
    assert "alias 'Nowhere Front' names" in problems


def test_users_files_override_and_extend(tmp_path, monkeypatch):
    mine = tmp_path / "mine.yaml"
    mine.write_text("entries:\n- {id: group:hamas, name: Hamas, country: PSE, role: GOV}\n"
                    "- {id: org:acme-research, name: Acme Research, country: GBR, role: NGO}\n")
    kb = KnowledgeBase.load(extra_paths=[mine])
    assert kb.actor("group:hamas").code == "PSEGOV"
    assert kb.lookup("Acme Research")[0].key == "org:acme-research"
    assert kb.version != KnowledgeBase.load().version
    monkeypatch.setenv("ENTENTE_KB_PATH", str(mine))
    assert KnowledgeBase.load().actor("group:hamas").code == "PSEGOV"


def test_user_person_with_terms(tmp_path):
    mine = tmp_path / "people.yaml"
    mine.write_text("entries:\n- id: person:ana-lima\n  name: Ana Lima\n  terms:\n"
                    "  - {of: BRA, office: fm, start: 2030-01-01}\n")
    kb = KnowledgeBase.load(extra_paths=[mine])
    assert kb.actor("person:ana-lima", date(2031, 1, 1)).code == "BRAGOV"
    assert kb.actor("person:ana-lima", date(2029, 1, 1)).code == "BRAELI"


def test_bad_files_name_the_file_and_line(tmp_path):
    bad = tmp_path / "broken.csv"
    bad.write_text("of,office,name,start\nTUR,hos,Someone,2020-02-30\n")
    with pytest.raises(KnowledgeBaseError, match=r"broken.csv:2: bad date"):
        KnowledgeBase.load(extra_paths=[bad])
    with pytest.raises(KnowledgeBaseError, match="no such knowledge-base file"):
        KnowledgeBase.load(extra_paths=[tmp_path / "missing.yaml"])
    odd = tmp_path / "notes.json"
    odd.write_text("{}")
    with pytest.raises(KnowledgeBaseError, match="unknown knowledge-base file type"):
        KnowledgeBase.load(extra_paths=[odd])
