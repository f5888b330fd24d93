"""Lint of the attribution data files (entente/quotes/data): schema, duplicates, values."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from entente.errors import KnowledgeBaseError
from entente.quotes import lexicon
from entente.quotes.lexicon import ACTOR_TYPES, DATA, FILES, VERB_CLASSES, regular_forms


def copy_data(tmp_path: Path) -> Path:
    for name in FILES:
        shutil.copy(DATA / name, tmp_path / name)
    return tmp_path


def test_packaged_data_loads_and_is_versioned(lex: lexicon.Lexicon) -> None:
    assert lex.version == lexicon.load().version
    assert len(lex.version) == 12
    assert lex.verb("said", "say").cls == "speech"
    assert lex.verb("told", "tell").cls == "address"


@pytest.mark.parametrize("name", [n for n in FILES if n.endswith(".yaml")])
def test_yaml_files_have_a_schema_comment_and_no_duplicate_keys(name: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    assert text.startswith("#"), f"{name} must open with its schema comment"
    lexicon.read_yaml(DATA / name)  # raises on duplicate keys


def test_verbs_have_known_classes_and_lower_case_forms() -> None:
    data = lexicon.read_yaml(DATA / "cues.yaml")
    for lemma, spec in data["verbs"].items():
        assert lemma == lemma.lower() and spec["class"] in VERB_CLASSES
        assert all(f == f.lower() for f in spec.get("forms", []))


def test_roles_are_lower_case_and_unique() -> None:
    roles = lexicon.read_yaml(DATA / "roles.yaml")["roles"]
    assert roles == [r.lower() for r in roles]
    assert len(roles) == len(set(roles))


def test_short_references_name_known_actor_types() -> None:
    refs = lexicon.read_yaml(DATA / "nominals.yaml")["references"]
    for ref in refs:
        assert set(ref["types"]) <= ACTOR_TYPES
        assert ref["count"] in (1, 2)


def test_first_names_are_capitalised_and_gendered(lex: lexicon.Lexicon) -> None:
    rows = [line.split(",") for line in (DATA / "first_names.csv").read_text().splitlines()
            if line and not line.startswith("#")][1:]
    assert rows and all(name[:1].isupper() and g in ("f", "m") for name, g in rows)
    assert lex.first_names["emily"] == "f" and lex.first_names["paul"] == "m"


def test_regular_forms_follow_spelling_rules() -> None:
    assert regular_forms("deny") == {"deny", "denies", "denied", "denying"}
    assert regular_forms("note") == {"note", "notes", "noted", "noting"}
    assert regular_forms("stress") == {"stress", "stresses", "stressed", "stressing"}


def test_duplicate_key_is_reported_with_file_and_line(tmp_path: Path) -> None:
    base = copy_data(tmp_path)
    path = base / "pronouns.yaml"
    path.write_text(path.read_text() + "he: {person: 3, number: sg, gender: m, case: subj}\n")
    with pytest.raises(KnowledgeBaseError, match=r"pronouns\.yaml:\d+.*duplicate key 'he'"):
        lexicon.load(base)


def test_unknown_verb_class_is_reported(tmp_path: Path) -> None:
    base = copy_data(tmp_path)
    data = yaml.safe_load((base / "cues.yaml").read_text())
    data["verbs"]["mumble"] = {"class": "whisper"}
    (base / "cues.yaml").write_text("# schema\n" + yaml.safe_dump(data))
    with pytest.raises(KnowledgeBaseError, match=r"cues\.yaml \(verbs\.mumble\)"):
        lexicon.load(base)


def test_bad_first_name_row_names_its_line(tmp_path: Path) -> None:
    base = copy_data(tmp_path)
    with (base / "first_names.csv").open("a") as fh:
        fh.write("Zora,x\n")
    with pytest.raises(KnowledgeBaseError, match=r"first_names\.csv:\d+"):
        lexicon.load(base)


def test_duplicate_list_entry_is_reported(tmp_path: Path) -> None:
    base = copy_data(tmp_path)
    path = base / "roles.yaml"
    path.write_text(path.read_text().replace("  - analyst\n", "  - analyst\n  - analyst\n", 1))
    with pytest.raises(KnowledgeBaseError, match="duplicate entries"):
        lexicon.load(base)


def test_candidate_words_cover_verb_forms_and_source_phrases(lex: lexicon.Lexicon) -> None:
    words = lex.candidate_words()
    assert {"said", "told", "according", "citing", "believes"} <= words
