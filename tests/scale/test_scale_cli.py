"""`entente code --workers N` / `--dask`: usage checks, and one end-to-end run with the real model
that must give exactly the records of a single-process run."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from entente.cli import cli, main
from entente.records import to_json
from entente.scale import read_dataset, read_manifest


@pytest.mark.parametrize(("args", "message"), [
    (["--workers", "2", "x.jsonl"], "give --out DIR"),
    (["--workers", "2", "--out", "d", "-"], "standard input"),
    (["--workers", "2", "--out", "d", "--format", "gdelt", "x.jsonl"], "export GDELT"),
])
def test_usage_errors(args, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.jsonl").write_text('{"id": "a", "text": "Hello."}\n')
    with pytest.raises(SystemExit) as exit_:
        main(["code", *args])
    assert exit_.value.code == 2 and message in capsys.readouterr().err


def test_out_folder_needs_workers(tmp_path, capsys):
    (tmp_path / "x.jsonl").write_text('{"id": "a", "text": "Hello."}\n')
    with pytest.raises(SystemExit) as exit_:
        main(["code", str(tmp_path / "x.jsonl"), "--out", str(tmp_path)])
    assert exit_.value.code == 2 and "is a folder" in capsys.readouterr().err


@pytest.mark.model
def test_workers_give_the_records_of_one_process(repo_dir, tmp_path):
    samples = str(repo_dir / "samples")
    single = tmp_path / "single.jsonl"
    result = CliRunner().invoke(cli, ["code", samples, "--fast", "--out", str(single)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "dataset"
    result = CliRunner().invoke(cli, ["code", samples, "--fast", "--workers", "2",
                                      "--shard-mb", "0.005", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "duplicates: 1" in result.stderr and "0 failed" in result.stderr
    dataset = read_manifest(str(out))
    assert dataset.complete and len(dataset.shards) > 2
    assert [to_json(r) for r in read_dataset(str(out))] == single.read_bytes().splitlines()
