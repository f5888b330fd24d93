"""The hostile corpus through `entente code` (a subprocess, as a user runs it): one clear stderr
line per bad input naming the file (and line or record), every failure counted in the summary,
the exit status of the contract (0 when an article was coded, 1 when none could be, 2 for wrong
usage), and peak RSS and CPU time measured and bounded."""

from __future__ import annotations

import json
import re
from pathlib import Path

import hostile_inputs as H
import pytest
from procstats import child_env, entente_command, run

from entente.pipeline import Engine
from entente.records import Failure

SUMMARY = re.compile(r"articles read: (\d+)  coded: (\d+)  duplicates: (\d+)  failures: (\d+)")
# The trained pipeline, knowledge base and lexicon take about 300 MB; a 32 MB JSONL line buffer
# and a 10 MB article with its copies come on top.
CODE_RSS_MB = 900


def summary(stderr: str) -> tuple[int, int, int, int]:
    m = SUMMARY.search(stderr)
    assert m, stderr[-2000:]
    read, coded, dups, failures = map(int, m.groups())
    return read, coded, dups, failures


def failure_lines(stderr: str) -> list[str]:
    """The per-input lines (everything before the summary)."""
    return [line for line in stderr.splitlines()[: -3 if "store:" not in stderr else -4]
            if line.strip() and not SUMMARY.match(line) and not line.startswith(("events:",
                                                                                  "boilerplate"))]


def hostile_folder(root: Path) -> tuple[Path, dict[str, str]]:
    """A folder of hostile inputs beside good ones; returns it and, per bad file, the start of
    the message its stderr line must carry."""
    folder = root / "inputs"
    folder.mkdir()
    for name, data in {**H.encodings(), **H.nul_bytes()}.items():
        (folder / name).write_bytes(data)
    for name, text in {**H.LANGUAGES, **H.no_sentences(), "bidi.txt": H.BIDI}.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "good.txt").write_text(H.GOOD, encoding="utf-8")
    H.huge_jsonl_line(folder / "huge-line.jsonl")
    H.huge_text_line(folder / "huge-line.txt")
    H.gzip_bomb(folder / "bomb.txt.gz")
    H.gzip_bomb(folder / "bomb.jsonl.gz")
    H.warc_with_wrong_lengths(folder / "lengths.warc")
    (folder / "deep.jsonl").write_bytes(b"\n".join(H.deep_json_lines()) + b"\n")
    (folder / "deep.html").write_text(H.deep_html(), encoding="utf-8")
    (folder / "wide.html").write_text(H.page(H.BODY + "<p>x</p>" * 300_000), encoding="utf-8")
    (folder / "old.jsonl").write_text(json.dumps({"id": "old", "text": H.GOOD.replace(
        "Monday", "Monday, a day before yesterday"), "published": "0001-01-01"}) + "\n",
        encoding="utf-8")
    expected = {
        "nul-mostly.txt": "binary file (binary data)",
        "punctuation-only.txt": "no article text left once boilerplate is removed",
        "whitespace-only.txt": "empty file",
        "huge-line.jsonl:1": "line is longer than 32.0 MB",
        "huge-line.txt": "file is 100.0 MB, over the 10.0 MB limit",
        "bomb.txt.gz": "decompresses to more than 10.0 MB",
        "bomb.jsonl.gz:1": "line is longer than 32.0 MB",
        "lengths.warc:byte 631": "WARC record length does not match its content",
        "lengths.warc:byte 1897": "WARC record length does not match its content",
        "lengths.warc:byte 2848": "broken WARC record",
        "deep.jsonl:1": "not a valid input record",
        "deep.jsonl:2": "not a valid input record",
        "deep.jsonl:3": "invalid JSON: nested too deeply",
        "deep.html": "page has 2,000,014 HTML tags",
        "wide.html": "page has 600,014 HTML tags",
    }
    return folder, expected


@pytest.mark.model
@pytest.mark.slow
def test_the_hostile_corpus_through_entente_code(tmp_path, cache_dir):
    folder, expected = hostile_folder(tmp_path)
    db = tmp_path / "store.duckdb"
    result = run(entente_command("code", str(folder), "--db", str(db), "--out",
                                 str(tmp_path / "out.jsonl")),
                 timeout=900, env=child_env(ENTENTE_CACHE_DIR=str(cache_dir)))
    assert not result.timed_out and result.returncode == 0, result.stderr[-3000:]
    lines = failure_lines(result.stderr)
    shown: dict[str, list[str]] = {}
    for line in lines:
        origin, _, message = line.partition(": ")
        shown.setdefault(origin.removeprefix(f"{folder}/"), []).append(message)
    for origin, start in expected.items():
        assert any(m.startswith(start) for m in shown.get(origin, [])), (origin, lines)
    # the gzip bomb of zeros also says why it stopped, on a line of its own
    assert any(m.startswith("stopped: gzip data expands") for m in shown["bomb.jsonl.gz:1"])
    # besides, only warnings about repaired bytes and an ignored date, each naming its input
    others = [f"{o}: {m}" for o, ms in shown.items() for m in ms if o not in expected]
    allowed = ("not valid UTF-8; invalid bytes were read as Windows-1252",
               "ignoring published '0001-01-01'", "duplicate of cp1252.txt; coded once")
    assert all(any(a in line for a in allowed) for line in others), "\n".join(others)
    assert "Traceback" not in result.stderr
    read, coded, dups, failures = summary(result.stderr)
    assert failures == len(expected) + 1  # + the bomb's "stopped" line
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert coded == len(records) and read == coded + dups + failures
    by_id = {r["article_id"]: r for r in records}
    for name in [*H.LANGUAGES, "bidi.txt", "good.txt", "no-punctuation.txt",
                 "after-the-huge-line", "old"]:
        assert name in by_id, name
    bidi = by_id["bidi.txt"]
    assert {(e["source"] or {}).get("country") for e in bidi["events"]} >= {"TUR"}, bidi["events"]
    assert by_id["old"]["published"] is None
    assert result.peak_rss_mb < CODE_RSS_MB, result.peak_rss_mb
    assert result.cpu_seconds < 240, result.cpu_seconds
    from entente.store import open_store

    with open_store(db, read_only=True) as store:
        assert store.check(deep=True) == []
        assert store.counts()["articles"] == coded


def test_nothing_codable_exits_1_without_loading_the_model(tmp_path, cache_dir):
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b"not json\n" + b"\n".join(H.deep_json_lines()) + b"\n")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    result = run(entente_command("code", str(bad), str(tmp_path / "empty.txt"),
                                 str(tmp_path / "missing.txt")),
                 timeout=300, env=child_env(ENTENTE_CACHE_DIR=str(cache_dir)))
    assert result.returncode == 1, result.stderr
    assert result.stdout == b""
    assert failure_lines(result.stderr) == [
        f"{bad}:1: invalid JSON: JSON is malformed: invalid character (byte 4)",
        f"{bad}:2: not a valid input record: Expected `object`, got `array`",
        f"{bad}:3: not a valid input record: Expected `str | null`, got `array` - at `$.text`",
        f"{bad}:4: invalid JSON: nested too deeply",
        f"{tmp_path / 'empty.txt'}: empty file",
        f"{tmp_path / 'missing.txt'}: no such file or folder",
    ]
    assert summary(result.stderr) == (6, 0, 0, 6)
    # the model is never loaded for a run with nothing to code: 0.9 s of CPU, 3.2 s with it
    assert result.cpu_seconds < 2, result.cpu_seconds


def test_a_batch_of_failures_never_loads_the_model():
    touched: list[str] = []

    class Watched(Engine):
        @property
        def nlp(self):  # type: ignore[override]
            touched.append("nlp")
            raise RuntimeError("the model would load here")

    failures = [Failure(origin=f"f{i}", message="bad", kind="ingest") for i in range(3)]
    assert list(Watched().code_many(failures)) == failures
    assert touched == []


@pytest.mark.parametrize("args", [["code", "--published", "yesterday"],
                                  ["code", "--format", "parquet"],
                                  ["code", "--no-such-option"],
                                  ["code", "--max-article-mb", "0"]])
def test_wrong_usage_exits_2_with_one_line(tmp_path, args):
    result = run(entente_command(*args), timeout=120, env=child_env(), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert 1 <= len(result.stderr_lines) <= 3, result.stderr


def test_every_failure_is_one_line_without_terminal_escapes(tmp_path):
    """File names, WARC target URIs and library messages may hold newlines and escape
    sequences (ESC [2J clears the screen): each failure is still one line, and control
    characters are shown escaped, never sent to the terminal."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "evil\n\x1b[2Jname.txt").write_bytes(b"\0" * 500)
    H.warc_with_wrong_lengths(folder / "lengths.warc")  # warcio's message quotes two lines
    uri = "http://example.com/\x1b]0;pwned\x07"
    (folder / "uri.warc").write_bytes(H.warc_record(uri, H.http_response("<html></html>")))
    result = run(entente_command("code", str(folder)), timeout=300, env=child_env())
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    lines = failure_lines(result.stderr)
    assert all(line.startswith(str(folder)) for line in lines), lines
    assert f"{folder}/evil\\n\\x1b[2Jname.txt: binary file (binary data)" in result.stderr
    assert any("uri.warc:http://example.com/\\x1b]0;pwned\\x07: " in line for line in lines)
    warc = [line for line in lines if "lengths.warc:byte 2848" in line]
    assert len(warc) == 1 and warc[0].endswith("the rest of the file is skipped"), lines
