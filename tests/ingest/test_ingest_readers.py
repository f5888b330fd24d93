"""Every reader: .txt, .html, .jsonl/.ndjson, .warc, their gzip variants, folders and stdin."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from entente.ingest import content_hash, read_inputs
from entente.records import Article, Failure

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"

STORY = ("Ghana and Togo reopen border\n\n"
         "ACCRA, February 8, 2024 - Ghana and Togo agreed on Thursday to reopen the Aflao crossing.\n\n"
         "Trade ministers will meet in Lomé in two weeks.")
PAGE = ("<html><head><title>Ghana and Togo reopen border | Coastal Courier</title>"
        '<meta property="og:site_name" content="Coastal Courier">'
        '<link rel="canonical" href="https://courier.example/ghana-togo"></head><body>'
        '<nav><a href="/">Home</a> <a href="/news">News</a></nav><article>'
        "<h1>Ghana and Togo reopen border</h1>"
        "<p>ACCRA, February 8, 2024 - Ghana and Togo agreed on Thursday to reopen the Aflao crossing.</p>"
        "<p>Share on Facebook</p>"
        "<p>Trade ministers will meet in Lomé in two weeks.</p></article>"
        "<footer>All rights reserved.</footer></body></html>")


def read(paths, **kw) -> list[Article | Failure]:
    return list(read_inputs([str(p) for p in paths], **kw))


def articles(items) -> list[Article]:
    items = list(items)
    assert all(isinstance(i, Article) for i in items), [i for i in items if isinstance(i, Failure)]
    return items


def test_txt_file(tmp_path):
    path = tmp_path / "ghana.txt"
    path.write_text(STORY, encoding="utf-8")
    [art] = articles(read([path]))
    assert art.id == "ghana.txt" and art.origin == str(path)
    assert art.title == "Ghana and Togo reopen border"
    assert art.text == STORY
    assert art.published == "2024-02-08"


def test_html_file_extracts_text_and_metadata(tmp_path):
    path = tmp_path / "ghana.html"
    path.write_text(PAGE, encoding="utf-8")
    [art] = articles(read([path]))
    assert art.id == "ghana.html"
    assert art.text == STORY
    assert art.source == "Coastal Courier"
    assert art.url == "https://courier.example/ghana-togo"
    assert art.removed_boilerplate == ["Share on Facebook"]
    assert "Home" not in art.text and "rights reserved" not in art.text


def test_txt_and_html_of_one_story_hash_alike(tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.htm").write_text(PAGE, encoding="utf-8")
    a, b = articles(read([tmp_path / "a.txt", tmp_path / "b.htm"]))
    assert a.content_hash == b.content_hash == content_hash(a.text)


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.expected.txt")))
def test_html_gold_fixtures(name):
    page = FIXTURES / name.replace(".expected.txt", ".html")
    [art] = articles(read([page]))
    assert art.text == (FIXTURES / name).read_text(encoding="utf-8").strip()


def test_jsonl_records_with_text_and_html(tmp_path):
    path = tmp_path / "feed.ndjson"
    rows = [
        {"id": "t1", "text": "Qatar hosted talks on Monday.", "published": "2024-03-04",
         "title": "Talks in Doha", "url": "https://x.example/1", "source": "Wire"},
        {"id": 7, "html": PAGE, "source": "Explicit Source", "published": "2024-02-09T10:00:00Z"},
        {"id": "t3", "text": "Rain fell in Athens.", "extra": {"ignored": True}},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows) + "\n\n", encoding="utf-8")
    a, b, c = articles(read([path]))
    assert (a.id, a.title, a.url, a.source, a.published) == (
        "t1", "Talks in Doha", "https://x.example/1", "Wire", "2024-03-04")
    assert a.text == "Talks in Doha\n\nQatar hosted talks on Monday." and a.origin == f"{path}:1"
    assert b.id == "7" and b.text == STORY
    assert b.source == "Explicit Source" and b.published == "2024-02-09T10:00:00Z"
    assert b.url == "https://courier.example/ghana-togo"
    assert c.text == "Rain fell in Athens." and c.origin == f"{path}:3"


def test_jsonl_with_a_byte_order_mark_and_crlf_line_ends(tmp_path):
    path = tmp_path / "windows.jsonl"
    rows = [{"id": "a", "text": "Talks one."}, {"id": "b", "text": "Talks two."}]
    path.write_bytes(b"\xef\xbb\xbf" + b"".join(json.dumps(r).encode() + b"\r\n" for r in rows))
    assert [a.id for a in articles(read([path]))] == ["a", "b"]


def test_published_argument_fills_in_only_missing_dates(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Talks were held."}) + "\n"
                    + json.dumps({"id": "b", "text": "Talks.", "published": "2021-01-02"}) + "\n")
    a, b = articles(read([path], published="2024-05-01"))
    assert (a.published, b.published) == ("2024-05-01", "2021-01-02")


def _gz(path: Path, data: bytes) -> Path:
    path.write_bytes(gzip.compress(data))
    return path


def test_gzip_variants(tmp_path):
    txt = _gz(tmp_path / "a.txt.gz", STORY.encode())
    html = _gz(tmp_path / "b.html.gz", PAGE.encode())
    jsonl = _gz(tmp_path / "c.jsonl.gz", (json.dumps({"id": "c", "text": STORY}) + "\n").encode())
    disguised = _gz(tmp_path / "d.html", PAGE.encode())  # saved gzipped without the .gz suffix
    items = articles(read([txt, html, jsonl, disguised]))
    assert [i.id for i in items] == ["a.txt.gz", "b.html.gz", "c", "d.html"]
    assert len({i.content_hash for i in items}) == 1


def test_folder_is_recursive_sorted_and_skips_hidden_and_unknown_files(tmp_path):
    root = tmp_path / "news"
    for rel in ["b.txt", "a/z.txt", "a/.draft.txt", ".git/x.txt", "notes.md", "c/d/e.txt"]:
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(f"Story {rel}\n\nTroops moved near {rel} on Monday.", encoding="utf-8")
    _gz(root / "c" / "f.html.gz", PAGE.encode())
    items = articles(read([root]))
    assert [i.id for i in items] == ["a/z.txt", "b.txt", "c/d/e.txt", "c/f.html.gz"]
    assert items[0].origin == str(root / "a" / "z.txt")


def test_stdin_jsonl_plain_and_gzipped():
    data = (json.dumps({"id": "s1", "text": "Talks were held."}) + "\n").encode()
    [a] = articles(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert a.id == "s1" and a.origin == "<stdin>:1"
    [b] = articles(read_inputs(["-"], stdin=io.BytesIO(gzip.compress(data))))
    assert b.id == "s1"


def test_inputs_keep_their_order_across_kinds(tmp_path):
    (tmp_path / "one.txt").write_text("Talks one were held.", encoding="utf-8")
    feed = tmp_path / "two.jsonl"
    feed.write_text(json.dumps({"id": "two", "text": "Talks two were held."}) + "\n")
    stdin = io.BytesIO((json.dumps({"id": "three", "text": "Talks three."}) + "\n").encode())
    items = read_inputs([str(tmp_path / "one.txt"), "-", str(feed)], stdin=stdin)
    assert [i.id for i in articles(items)] == ["one.txt", "three", "two"]


# -- WARC -----------------------------------------------------------------------------------------
def write_warc(path: Path, pages: list[tuple[str, bytes, str, str]], *, gz: bool) -> Path:
    """Write a WARC with a request record and one response per page (uri, body, type, status)."""
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=gz)
        for uri, body, ctype, status in pages:
            request = b"GET / HTTP/1.1\r\n\r\n"
            req = writer.create_warc_record(uri, "request", payload=io.BytesIO(request),
                                            length=len(request))
            writer.write_record(req)
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                            length=len(body), http_headers=headers)
            writer.write_record(rec)
    return path


PAGES = [
    ("https://courier.example/ghana-togo", PAGE.encode(), "text/html; charset=utf-8", "200 OK"),
    ("https://courier.example/logo.png", b"\x89PNG\r\n", "image/png", "200 OK"),
    ("https://courier.example/gone", b"<html><body>Not found</body></html>", "text/html", "404 Not Found"),
    ("https://courier.example/cp1252", PAGE.replace("Lomé", "Lom\u00e9").encode("cp1252"),
     "text/html; charset=windows-1252", "200 OK"),
]


@pytest.mark.parametrize("gz", [True, False])
def test_warc_reads_html_responses_only(tmp_path, gz):
    path = write_warc(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), PAGES, gz=gz)
    items = articles(read([path]))
    assert [i.id for i in items] == ["https://courier.example/ghana-togo",
                                     "https://courier.example/cp1252"]
    assert items[0].text == STORY and items[1].text == STORY
    assert items[0].url == "https://courier.example/ghana-togo"
    assert items[0].origin == f"{path}:https://courier.example/ghana-togo"
