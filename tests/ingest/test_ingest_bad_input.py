"""Bad input: each problem is ONE Failure naming the file (and line or record), and the batch goes
on; nothing raises. Memory stays bounded by the size limits."""

from __future__ import annotations

import gzip
import io
import json
import logging
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from entente.ingest import Limits, read_inputs
from entente.ingest import readers as readers_module
from entente.records import Article, Failure

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
GOOD = "Talks resume in Doha\n\nQatar hosted talks between the two sides on Monday."


def run(paths, **kw) -> tuple[list[Failure], list[Article]]:
    """Read `paths` followed by one good file, which must always come through."""
    items = list(read_inputs([*map(str, paths)], **kw))
    return ([i for i in items if isinstance(i, Failure)],
            [i for i in items if isinstance(i, Article)])


def line(f: Failure) -> str:
    """The line the CLI prints for a failure."""
    return f"{f.origin}: {f.message}"


@pytest.fixture
def good(tmp_path) -> Path:
    path = tmp_path / "zz-good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


def one_failure(paths, good, **kw) -> Failure:
    failures, arts = run([*paths, good], **kw)
    assert [a.id for a in arts] == ["zz-good.txt"], failures
    assert len(failures) == 1, failures
    return failures[0]


def test_missing_path(tmp_path, good):
    f = one_failure([tmp_path / "nope.txt"], good)
    assert line(f) == f"{tmp_path / 'nope.txt'}: no such file or folder"


def test_unreadable_file(tmp_path, good, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text(GOOD, encoding="utf-8")
    real_open = open

    def deny(p, *a, **kw):
        if str(p) == str(path):
            raise PermissionError(13, "Permission denied", str(p))
        return real_open(p, *a, **kw)

    monkeypatch.setattr(readers_module, "open", deny, raising=False)
    f = one_failure([path], good)
    assert line(f) == f"{path}: cannot read: Permission denied"


@pytest.mark.parametrize(("name", "data", "what"), [
    ("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
    ("photo.html", b"\x89PNG\r\n\x1a\n" + bytes(200), "a PNG image"),
    ("noise.txt", bytes(range(256)) * 40, "binary data"),
    ("zeros.txt", b"\x00" * 5000, "binary data"),
])
def test_binary_files(tmp_path, good, name, data, what):
    path = tmp_path / name
    path.write_bytes(data)
    f = one_failure([path], good)
    assert f.origin == str(path) and f"binary file ({what})" in f.message


def test_stray_nul_bytes_are_dropped_not_fatal(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes(GOOD.encode().replace(b"Qatar", b"Qa\x00tar"))
    failures, [art] = run([path])
    assert not failures and "Qatar hosted" in art.text


def test_invalid_utf8_is_repaired_as_windows_1252_with_a_warning(tmp_path, caplog):
    path = tmp_path / "legacy.txt"
    path.write_bytes("Société Générale fined\n\nThe “bank” was fined in Paris.".encode("cp1252"))
    with caplog.at_level(logging.WARNING, logger="entente.ingest"):
        failures, [art] = run([path])
    assert not failures
    assert art.text == "Société Générale fined\n\nThe “bank” was fined in Paris."
    assert f"{path}: not valid UTF-8" in caplog.text


def test_mixed_encodings_keep_the_valid_utf8(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("Erdoğan met Aliyev.".encode() + b" Caf\xe9 talks followed.")
    _, [art] = run([path])
    assert art.text == "Erdoğan met Aliyev. Café talks followed."


def test_utf16_with_bom_is_read(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(GOOD.encode("utf-16"))
    _, [art] = run([path])
    assert art.text == GOOD


def test_declared_charset_of_a_page_is_honoured(tmp_path):
    page = ('<html><head><meta charset="windows-1251"><title>Переговоры</title></head><body>'
            "<article><h1>Переговоры в Минске</h1><p>Делегации встретились в Минске в понедельник "
            "и договорились продолжить переговоры на следующей неделе.</p></article></body></html>")
    path = tmp_path / "ru.html"
    path.write_bytes(page.encode("cp1251"))
    _, [art] = run([path])
    assert art.text.startswith("Переговоры в Минске\n\nДелегации встретились")


@pytest.mark.parametrize(("name", "data"), [
    ("empty.txt", b""), ("blank.html", b"  \n\n \t"), ("empty.jsonl", b""), ("blank.ndjson", b"\n\n"),
])
def test_empty_files(tmp_path, good, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    f = one_failure([path], good)
    assert f.origin == str(path) and "empty" in f.message


def test_invalid_json_line_names_file_and_line_and_the_rest_goes_on(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Talks one."}) + "\n"
                    + '{"id": "b", "text": "unterminated\n'
                    + json.dumps({"id": "c", "text": "Talks three."}) + "\n", encoding="utf-8")
    failures, arts = run([path])
    assert [a.id for a in arts] == ["a", "c"]
    [f] = failures
    assert line(f).startswith(f"{path}:2: invalid JSON")


@pytest.mark.parametrize(("record", "expected"), [
    ({"id": "r9"}, "record 'r9': no article text"),
    ({"id": "r9", "text": "   "}, "record 'r9': no article text"),
    ({"text": "Talks."}, "not a valid input record: Object missing required field `id`"),
    ({"id": "", "text": "Talks."}, 'record has an empty "id"'),
    ({"id": "r9", "text": 5}, "not a valid input record: Expected `str | null`, got `int` - at `$.text`"),
    (["not", "an", "object"], "not a valid input record: Expected `object`, got `array`"),
    ({"id": "r9", "html": "<html><body><nav><a href='/'>Home</a></nav></body></html>"},
     "record 'r9': no article text found in the page"),
])
def test_bad_records_name_the_line_and_record(tmp_path, good, record, expected):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    f = one_failure([path], good)
    assert line(f).startswith(f"{path}:1: {expected}"), line(f)


def test_deeply_nested_json_is_one_failure(tmp_path, good):
    path = tmp_path / "deep.jsonl"
    path.write_text('{"id": "d", "x": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    f = one_failure([path], good)
    assert line(f) == f"{path}:1: invalid JSON: nested too deeply"


def test_invalid_utf8_inside_a_jsonl_line_is_repaired(tmp_path, caplog):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"id": "a", "text": "Caf\xe9 owners protested in Lyon."}\n')
    with caplog.at_level(logging.WARNING, logger="entente.ingest"):
        _, [art] = run([path])
    assert art.text == "Café owners protested in Lyon." and f"{path}:1: not valid UTF-8" in caplog.text


def test_a_page_over_the_size_limit_is_refused_with_a_clear_message(tmp_path, good):
    path = tmp_path / "huge.html"
    with open(path, "wb") as f:
        f.write(b"<html><body><p>" + b"x" * 50_000_000 + b"</p></body></html>")
    f = one_failure([path], good)
    assert line(f) == (f"{path}: file is 50.0 MB, over the 10.0 MB limit for one article "
                       "(set ENTENTE_MAX_ARTICLE_MB to raise it)")


def test_the_size_limit_is_configurable(tmp_path, good, monkeypatch):
    path = tmp_path / "page.txt"
    path.write_text(GOOD * 100, encoding="utf-8")
    f = one_failure([path], good, limits=Limits(max_article_bytes=2000))
    assert "over the 2 kB limit" in f.message
    monkeypatch.setenv("ENTENTE_MAX_ARTICLE_MB", "0.002")
    assert Limits.from_env().max_article_bytes == 2000


def test_a_bad_limit_in_the_environment_is_a_usage_error(monkeypatch):
    from entente.errors import UsageError

    monkeypatch.setenv("ENTENTE_MAX_LINE_MB", "lots")
    with pytest.raises(UsageError, match="ENTENTE_MAX_LINE_MB"):
        Limits.from_env()


def test_a_jsonl_record_over_the_size_limit(tmp_path, good):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "big", "text": "word " * 1000}) + "\n")
    f = one_failure([path], good, limits=Limits(max_article_bytes=2000))
    assert line(f).startswith(f"{path}:1: record 'big': text is over the 2 kB limit")


def test_an_over_long_jsonl_line_is_skipped_in_bounded_memory(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "long", "text": "word " * 5000}) + "\n"
                    + json.dumps({"id": "next", "text": "Talks were held."}) + "\n")
    failures, arts = run([path], limits=Limits(max_line_bytes=1000))
    assert [a.id for a in arts] == ["next"]
    [f] = failures
    assert line(f).startswith(f"{path}:1: line is longer than 1 kB")


def test_a_gzip_bomb_article_stops_at_the_limit(tmp_path, good):
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 5_000_000))
    f = one_failure([path], good, limits=Limits(max_article_bytes=100_000))
    assert f.origin == str(path) and "decompresses to more than 100 kB" in f.message


def test_a_gzip_bomb_stream_stops_on_its_expansion_ratio(tmp_path, good):
    path = tmp_path / "bomb.jsonl.gz"
    record = (json.dumps({"id": "x", "text": "Talks were held."}) + "\n").encode()
    path.write_bytes(gzip.compress(record + b"\n" * 20_000_000))
    limits = Limits(ratio_check_after=1_000_000, max_gzip_ratio=50)
    failures, arts = run([path, good], limits=limits)
    assert [a.id for a in arts] == ["x", "zz-good.txt"]
    [f] = failures
    assert f.origin.startswith(f"{path}:") and "expands more than 50 times" in f.message


def test_a_truncated_gzip_file(tmp_path, good):
    path = tmp_path / "cut.jsonl.gz"
    data = gzip.compress((json.dumps({"id": "x", "text": "Talks were held."}) + "\n").encode() * 50)
    path.write_bytes(data[: len(data) // 2])
    failures, arts = run([path, good])
    assert arts[-1].id == "zz-good.txt"
    assert failures and "cannot read further" in failures[-1].message
    assert failures[-1].origin.startswith(f"{path}:")


def test_html_with_no_article(good):
    f = one_failure([FIXTURES / "no-article.html"], good)
    assert line(f) == f"{FIXTURES / 'no-article.html'}: no article text found in the page"


def test_unsupported_file_type_and_empty_folder(tmp_path, good):
    doc = tmp_path / "report.pdf"
    doc.write_bytes(b"%PDF-1.7")
    assert "unsupported file type" in one_failure([doc], good).message
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "folder holds no files entente reads" in one_failure([empty], good).message


def test_stdin_problems():
    [f] = list(read_inputs(["-"], stdin=None))
    assert line(f) == "<stdin>: no standard input to read"

    class Tty(io.BytesIO):
        def isatty(self) -> bool:
            return True

    [f] = list(read_inputs(["-"], stdin=Tty(b"")))
    assert "standard input is a terminal" in f.message
    [f] = list(read_inputs(["-"], stdin=io.BytesIO(b"")))
    assert line(f) == "<stdin>: empty input: no JSON records"


def _warc(path: Path, bodies: list[bytes], ctype: str = "text/html") -> bytes:
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=False)
        for n, body in enumerate(bodies):
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://x.example/{n}", "response", payload=io.BytesIO(body), length=len(body),
                http_headers=headers))
    return path.read_bytes()


PAGE = (b"<html><body><article><h1>Talks resume in Doha</h1><p>Qatar hosted talks between "
        b"the two sides on Monday, officials said.</p></article></body></html>")


def test_a_warc_record_with_a_wrong_length_is_one_failure_and_the_rest_is_read(tmp_path, good):
    path = tmp_path / "broken.warc"
    data = _warc(path, [PAGE, PAGE.replace(b"Doha", b"Oslo"), PAGE.replace(b"Doha", b"Rome")])
    first = data.index(b"Content-Length: ") + len(b"Content-Length: ")
    end = data.index(b"\r\n", first)
    wrong = str(int(data[first:end]) - 40).encode()
    path.write_bytes(data[:first] + wrong + data[end:])
    failures, arts = run([path, good])
    assert [a.id for a in arts] == ["https://x.example/1", "https://x.example/2", "zz-good.txt"]
    [f] = failures
    assert line(f) == (f"{path}:byte 0: WARC record length does not match its content "
                       "(wrong Content-Length?); record skipped")


def test_a_warc_record_with_broken_headers_stops_that_file_only(tmp_path, good):
    path = tmp_path / "broken.warc"
    data = _warc(path, [PAGE, PAGE.replace(b"Doha", b"Oslo")])
    second = data.index(b"WARC/1", 10)
    path.write_bytes(data[:second] + b"GARBAGE/9.9 nonsense\r\n" + data[second + 8:])
    failures, arts = run([path, good])
    assert [a.id for a in arts] == ["https://x.example/0", "zz-good.txt"]
    [f] = failures
    assert f.origin == f"{path}:byte {second}" and "broken WARC record" in f.message


def test_a_warc_without_html_and_a_non_warc_file(tmp_path, good):
    path = tmp_path / "images.warc"
    _warc(path, [b"\x89PNG\r\n"], ctype="image/png")
    assert one_failure([path], good).message == "no HTML responses in this WARC file"
    empty = tmp_path / "empty.warc"
    empty.write_bytes(b"")
    assert one_failure([empty], good).message == "empty file"
    fake = tmp_path / "fake.warc.gz"
    fake.write_bytes(gzip.compress(b"this is not a web archive at all\n" * 10))
    f = one_failure([fake], good)
    assert line(f) == f"{fake}: not a WARC file (it does not start with a WARC/1.x record header)"


def test_a_warc_page_over_the_size_limit(tmp_path, good):
    path = tmp_path / "big.warc"
    _warc(path, [PAGE + b"<p>" + b"x" * 5000 + b"</p>"])
    f = one_failure([path], good, limits=Limits(max_article_bytes=2000))
    assert f.origin == f"{path}:https://x.example/0" and "over the 2 kB limit" in f.message
