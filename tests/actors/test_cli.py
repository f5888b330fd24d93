"""`entente actor`."""

from __future__ import annotations

import json

from click.testing import CliRunner

from entente.cli.actor import command


def test_actor_prints_json():
    result = CliRunner().invoke(command, ["Erdogan", "--date", "2021-08-10"])
    assert result.exit_code == 0
    actor = json.loads(result.output)
    assert (actor["code"], actor["country"], actor["id"]) == (
        "TURGOV", "TUR", "person:recep-tayyip-erdogan")


def test_actor_explain_and_misses():
    result = CliRunner().invoke(command, ["Aliyev", "--date", "2002-01-01", "--explain"])
    report = json.loads(result.output)
    assert report["chosen"] == ["person:heydar-aliyev"] and "source" in report["candidates"][0]
    miss = CliRunner().invoke(command, ["Qwxzy Blargh"])
    assert miss.exit_code == 1 and json.loads(miss.output) is None


def test_actor_rejects_bad_dates():
    from entente.errors import UsageError

    result = CliRunner().invoke(command, ["Erdogan", "--date", "2021-13-01"])
    assert isinstance(result.exception, UsageError)


def test_actor_with_a_user_file(tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text("entries:\n- {id: org:acme-risk, name: Acme Risk, country: GBR, role: BUS}\n")
    result = CliRunner().invoke(command, ["Acme Risk", "--kb", str(mine)])
    assert json.loads(result.output)["code"] == "GBRBUS"
