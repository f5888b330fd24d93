"""Lint of the boilerplate data file: schema, ids, regexes, and each pattern's own examples."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from entente.errors import KnowledgeBaseError
from entente.ingest import Boilerplate
from entente.ingest.boilerplate import DATA_FILE, SCHEMA_FILE, read_pattern_file
from entente.ingest.text import clean_paragraph

SPEC = read_pattern_file(DATA_FILE)
IDS = [p.id for p in SPEC.patterns]


def test_data_file_validates_against_its_json_schema():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(yaml.safe_load(DATA_FILE.read_text(encoding="utf-8")), schema)


def test_ids_are_unique():
    assert len(IDS) == len(set(IDS))


@pytest.mark.parametrize("pattern", SPEC.patterns, ids=IDS)
def test_each_pattern_removes_its_examples_and_keeps_its_near_misses(pattern):
    bp = Boilerplate.load()
    for example in pattern.examples:
        assert bp.match(clean_paragraph(example)) == pattern.id, example
    for sentence in pattern.keep:
        assert bp.match(clean_paragraph(sentence)) is None, sentence


def test_news_sentences_from_every_keep_list_survive_every_pattern():
    bp = Boilerplate.load()
    kept = [s for p in SPEC.patterns for s in p.keep]
    assert kept and all(bp.match(clean_paragraph(s)) is None for s in kept)


def _write(tmp_path, body: str):
    path = tmp_path / "extra.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_a_bad_regex_names_the_file_line_and_pattern(tmp_path):
    path = _write(tmp_path, "schema: 1\npatterns:\n  - id: broken_one\n    description: x\n"
                            "    regex: '(unclosed'\n    examples: [x]\n")
    with pytest.raises(KnowledgeBaseError) as err:
        Boilerplate.load([path])
    assert f"{path}:3" in str(err.value) and "broken_one" in str(err.value)


def test_a_schema_violation_names_the_file_and_field(tmp_path):
    path = _write(tmp_path, "schema: 1\npatterns:\n  - id: no_examples\n    description: x\n"
                            "    regex: 'x'\n")
    with pytest.raises(KnowledgeBaseError) as err:
        Boilerplate.load([path])
    assert str(path) in str(err.value) and "examples" in str(err.value)


def test_a_duplicate_id_across_files_is_refused(tmp_path):
    path = _write(tmp_path, "schema: 1\npatterns:\n  - id: share_prompt\n    description: x\n"
                            "    regex: 'x'\n    examples: [x]\n")
    with pytest.raises(KnowledgeBaseError, match="defined twice"):
        Boilerplate.load([path])


def test_user_patterns_extend_the_packaged_ones(tmp_path):
    path = _write(tmp_path, "schema: 1\npatterns:\n  - id: house_promo\n    description: x\n"
                            "    regex: '^support independent journalism\\b.*'\n"
                            "    examples: [Support independent journalism today]\n")
    bp = Boilerplate.load([path])
    assert bp.match("Support independent journalism today") == "house_promo"
    assert bp.match("Share on Facebook") == "share_prompt"
