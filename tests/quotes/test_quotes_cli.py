"""`entente quotes`: help, usage errors, the table, --json records and --gold scores."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
import pytest
from click.testing import CliRunner

from entente.cli import cli
from entente.records import Quote

TEXT = ("Aid agencies warn of famine\n\n"
        "“The harvest has failed for the third year,” said Grace Mwangi, a nurse in the camp. "
        "She said food stocks would last a week.\n\n"
        "The so-called “emergency plan” has not been funded.")


def run(*args: str) -> object:
    return CliRunner().invoke(cli, ["quotes", *args], catch_exceptions=False)


def test_help_describes_the_command() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "quotes of news articles" in result.output and "--json" in result.output


def test_no_input_is_a_usage_error() -> None:
    from entente.errors import UsageError

    with pytest.raises(UsageError, match="at least one input"):
        run()


def test_bad_published_date_is_a_usage_error(tmp_path: Path) -> None:
    from entente.errors import UsageError

    (tmp_path / "a.txt").write_text(TEXT)
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        run(str(tmp_path / "a.txt"), "--published", "10/08/2021")


@pytest.mark.model
def test_json_gives_one_contract_quote_per_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    result = run(str(tmp_path / "a.txt"), "--json")
    assert result.exit_code == 0
    quotes = [msgspec.json.decode(line, type=Quote) for line in result.output.splitlines()]
    assert [(q.id, q.speaker.name if q.speaker else None, q.direct) for q in quotes] == [
        ("a.txt:q0", "Grace Mwangi", True), ("a.txt:q1", "Grace Mwangi", False)]


@pytest.mark.model
def test_table_shows_speakers_and_content(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    result = run(str(tmp_path / "a.txt"))
    assert result.exit_code == 0
    assert "Grace Mwangi" in result.output and "2 quote(s)" in result.output


@pytest.mark.model
def test_gold_mode_prints_scores(tmp_path: Path) -> None:
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"id": "g1", "text": TEXT, "quotes": [
        {"speaker": "Grace Mwangi", "cue": "said", "content": "food stocks would last a week"}]}) + "\n")
    result = run("--gold", str(gold), "--errors")
    assert result.exit_code == 0
    assert "speaker_f1" in result.output and "spurious" in result.output  # the direct one


@pytest.mark.model
def test_json_lines_follow_the_contract_schema(tmp_path: Path) -> None:
    import jsonschema

    from entente.data import __file__ as data_init

    schema = json.loads((Path(data_init).parent / "contract.schema.json").read_text())
    quote_schema = {"$ref": "#/$defs/quote", "$defs": schema["$defs"]}
    (tmp_path / "a.txt").write_text(TEXT)
    lines = run(str(tmp_path / "a.txt"), "--json").output.splitlines()
    assert lines
    for line in lines:
        jsonschema.validate(json.loads(line), quote_schema)
