"""Lint of the pattern lexicon (STYLE #4): schema, references, coverage, error messages."""

from __future__ import annotations

from importlib import resources

import pytest

from entente.errors import KnowledgeBaseError
from entente.events import codebook
from entente.events.lexicon import FILES, Lexicon


def _texts() -> list[tuple[str, str]]:
    base = resources.files("entente.events.lexicon")
    return [(name, base.joinpath(name).read_text("utf-8")) for name in FILES]


def test_loads_and_has_a_version(lexicon: Lexicon) -> None:
    assert len(lexicon.patterns) > 200 and len(lexicon.governors) > 20
    assert len(lexicon.version) == 12


def test_every_root_code_is_reachable(lexicon: Lexicon) -> None:
    roots = {c[:2] for c in lexicon.codes()}
    assert roots == {f"{n:02d}" for n in range(1, 21)}


def test_every_code_has_goldstein_and_quad_class(lexicon: Lexicon) -> None:
    book = codebook.load()
    for code in lexicon.codes():
        row = book[code]
        assert -10.0 <= row.goldstein <= 10.0 and row.quad_class in (1, 2, 3, 4), code


def test_ids_are_unique_and_priors_are_probabilities(lexicon: Lexicon) -> None:
    ids = [p.id for p in lexicon.patterns] + [g.id for g in lexicon.governors]
    assert len(ids) == len(set(ids))
    assert all(0 < p.prior <= 1 for p in lexicon.patterns)
    assert all(0 < g.prior <= 1 for g in lexicon.governors)


def test_lemmas_are_lower_case_words(lexicon: Lexicon) -> None:
    for p in lexicon.patterns:
        for w in p.lemma:
            assert w == w.lower() and " " not in w, (p.id, w)


def test_no_two_patterns_are_the_same_trigger_and_constraints(lexicon: Lexicon) -> None:
    seen: dict[tuple[object, ...], str] = {}
    for p in lexicon.patterns:
        for w in p.lemma:
            key = (p.pos, w, p.particle, p.prep, p.object, p.without, p.subject, p.complement,
                   p.governed_by, p.needs_target)
            assert key not in seen, f"{p.id} duplicates {seen[key]} on {w!r}"
            seen[key] = p.id


def test_yaml_prepositions_stay_words(lexicon: Lexicon) -> None:
    """YAML 1.1 would read `on`/`no` as booleans; the loader must keep them as words."""
    assert "no" in lexicon.cues.negators
    assert any("on" in p.target for p in lexicon.patterns)


def _replace(name: str, old: str, new: str) -> list[tuple[str, str]]:
    out = []
    for n, text in _texts():
        if n == name:
            assert old in text
            text = text.replace(old, new, 1)
        out.append((n, text))
    return out


@pytest.mark.parametrize(("name", "old", "new", "message"), [
    ("verbs.yaml", 'code: "057", reciprocal: true, prior: 0.9', 'code: "999", prior: 0.9', "not in codebook"),
    ("verbs.yaml", "object: agreement, code", "object: nosuchclass, code", "unknown class"),
    ("verbs.yaml", "prior: 0.85, target: [obj, with]}", "prior: 0.85, colour: red}", "unknown field"),
    ("governors.yaml", '"04": "036"', '"04": "987"', "not in codebook"),
])
def test_broken_entries_are_reported_with_file_and_line(name: str, old: str, new: str,
                                                        message: str) -> None:
    with pytest.raises(KnowledgeBaseError) as err:
        Lexicon.from_texts(_replace(name, old, new))
    text = str(err.value)
    assert message in text and name in text


def test_duplicate_ids_in_one_file_are_rejected() -> None:
    texts = _replace("verbs.yaml", "{id: decline_comment,", "{id: deny,")
    with pytest.raises(KnowledgeBaseError, match="duplicate pattern id 'deny'"):
        Lexicon.from_texts(texts)


def test_user_file_replaces_an_entry_by_id(tmp_path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("patterns:\n  - {id: meet, pos: verb, lemma: meet, code: '046', prior: 0.5}\n")
    lex = Lexicon.load([extra])
    meet = next(p for p in lex.patterns if p.id == "meet")
    assert meet.code == "046" and meet.file.endswith("mine.yaml")
