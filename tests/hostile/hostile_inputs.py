"""Generators of hostile inputs: every file is made by the tests, nothing is stored.

Each generator writes one input (or returns its bytes) and is cheap to run: big inputs are
streamed to disk in chunks (a 100 MB line never sits in memory), and gzip bombs are built from one
compressed member repeated (a gzip stream may hold many members, and every reader must go through
all of them), so a 1 GB expansion costs a few milliseconds to make.

`GOOD` is an ordinary article; tests put one beside the hostile inputs to show the batch goes on.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from pathlib import Path

MB = 1_000_000
GOOD = ("Talks resume in Doha\n\nQatar hosted talks between the two sides on Monday, officials "
        "said. Greece and France met in Athens on Tuesday to discuss the plan.")
SENTENCE = "Turkey and Azerbaijan signed a defence pact in Baku on Tuesday, officials said."
BODY = f"<p>{SENTENCE}</p><p>Greece and France met in Athens on Wednesday to discuss it.</p>"


def page(body: str, title: str = "A page") -> str:
    return f"<html><head><title>{title}</title></head><body><article>{body}</article></body></html>"


# -- big inputs, streamed -------------------------------------------------------------------------
def write_repeated(path: Path, head: bytes, unit: bytes, size: int, tail: bytes = b"") -> Path:
    """`head`, then `unit` repeated to about `size` bytes, then `tail`, written in 1 MB chunks."""
    chunk = unit * max(1, MB // len(unit))
    with open(path, "wb") as f:
        f.write(head)
        written = 0
        while written < size:
            f.write(chunk)
            written += len(chunk)
        f.write(tail)
    return path


def huge_jsonl_line(path: Path, size: int = 100 * MB) -> Path:
    """A JSONL file whose first record is one line of `size` bytes, then an ordinary record."""
    good = json.dumps({"id": "after-the-huge-line",
                       "text": GOOD + " The huge line before was skipped."}).encode() + b"\n"
    return write_repeated(path, b'{"id": "huge", "text": "', b"word ", size, b'"}\n' + good)


def huge_text_line(path: Path, size: int = 100 * MB) -> Path:
    """A .txt file that is one line of `size` bytes (no newline at all)."""
    return write_repeated(path, b"", b"word ", size)


# -- gzip bombs -----------------------------------------------------------------------------------
def gzip_member(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    return c.compress(data) + c.flush()


def gzip_bomb(path: Path, unit: bytes = b"\0", expanded: int = 1000 * MB,
              head: bytes = b"") -> Path:
    """A gzip file that expands to about `expanded` bytes of `unit` (after `head`): one 16 MB
    member repeated, about a thousand times smaller than what it expands to."""
    block = 16 * MB
    member = gzip_member(unit * (block // len(unit)))
    with open(path, "wb") as f:
        if head:
            f.write(gzip_member(head))
        for _ in range(max(1, expanded // block)):
            f.write(member)
    return path


# -- WARC -----------------------------------------------------------------------------------------
def http_response(html: str, *, encoding: str = "") -> bytes:
    body = html.encode("utf-8")
    headers = ["HTTP/1.1 200 OK", "Content-Type: text/html; charset=utf-8",
               f"Content-Length: {len(body)}"]
    if encoding:
        headers.append(f"Content-Encoding: {encoding}")
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + body


def warc_record(uri: str, block: bytes, *, length: str | None = None) -> bytes:
    """One WARC response record; `length` overrides the true Content-Length (to lie)."""
    head = ("WARC/1.0\r\nWARC-Type: response\r\n"
            f"WARC-Target-URI: {uri}\r\n"
            f"WARC-Record-ID: <urn:uuid:{abs(hash(uri)):032x}>\r\n"
            "WARC-Date: 2021-06-16T10:00:00Z\r\n"
            "Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {length if length is not None else len(block)}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"


def article_page(n: int) -> str:
    return page(f"<h1>Report number {n} from the talks</h1>{BODY}<p>Report {n}.</p>",
                title=f"Report number {n} from the talks")


def warc_with_wrong_lengths(path: Path) -> Path:
    """Good records around records whose Content-Length lies: too short, too long (into the
    next record), not a number, negative. The last good record must still be read."""
    blocks = [http_response(article_page(n)) for n in range(6)]
    records = [
        warc_record("http://example.com/0", blocks[0]),
        warc_record("http://example.com/short", blocks[1], length=str(len(blocks[1]) - 40)),
        warc_record("http://example.com/2", blocks[2]),
        warc_record("http://example.com/long", blocks[3], length=str(len(blocks[3]) + 300)),
        warc_record("http://example.com/4", blocks[4]),
    ]
    path.write_bytes(b"".join(records))
    return path


def warc_with_huge_length(path: Path) -> Path:
    """A good record, then one claiming 10^18 bytes: the file ends long before."""
    block = http_response(article_page(7))
    path.write_bytes(warc_record("http://example.com/7", block)
                     + warc_record("http://example.com/huge", block, length=str(10**18)))
    return path


def warc_with_bad_length_values(path: Path) -> Path:
    """A good record, then one whose Content-Length is not a number at all."""
    block = http_response(article_page(8))
    path.write_bytes(warc_record("http://example.com/8", block)
                     + warc_record("http://example.com/nan", block, length="twelve"))
    return path


def warc_gzip_bomb(path: Path) -> Path:
    """A WARC whose one response carries a gzip Content-Encoding payload expanding to 1 GB."""
    bomb = gzip_member(b" " * (16 * MB)) * 64
    head = ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
            f"Content-Length: {len(bomb)}\r\n\r\n").encode()
    path.write_bytes(warc_record("http://example.com/bomb", head + bomb))
    return path


# -- nesting --------------------------------------------------------------------------------------
def deep_html(depth: int = 1_000_000, tag: str = "b") -> str:
    """An article buried under `depth` open elements (a million <b> is 7 MB)."""
    return page(f"<{tag}>" * depth + BODY + f"</{tag}>" * depth, title="Deep page")


def deep_junk_after(depth: int = 1_000_000) -> str:
    """A normal article followed by a million unclosed <div>."""
    return page(BODY + "<div>" * depth, title="Deep junk after the article")


def deep_json_lines(depth: int = 1_000_000) -> list[bytes]:
    """JSONL lines nested `depth` deep: at the top, as the text, and in an ignored key."""
    arrays = b"[" * depth + b"]" * depth
    objects = b'{"a":' * depth + b"1" + b"}" * depth
    return [arrays, b'{"id": "deep-text", "text": ' + arrays + b"}",
            b'{"id": "deep-extra", "text": "' + GOOD.replace("\n", "\\n").encode()
            + b'", "extra": ' + objects + b"}"]


# -- encodings ------------------------------------------------------------------------------------
def encodings() -> dict[str, bytes]:
    """Name → bytes of one article in a broken, mixed or unusual encoding."""
    text = "Société Générale\n\nFrance and Greece met in Athens on Tuesday, officials said."
    return {
        "cp1252.txt": text.encode("cp1252"),
        "mixed.txt": text.encode("utf-8") + b"\n\nA stray \x93quote\x94 and \xe9t\xe9 in Latin-1.",
        "utf16-bom.txt": text.encode("utf-16"),
        "utf16-nobom.txt": text.encode("utf-16-le"),
        "utf8-bom.txt": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "shift-jis.html": ('<html><head><meta charset="shift_jis"><title>東京</title></head><body>'
                           "<article><p>東京で会談が行われた。日本と韓国の外相が会った。</p>"
                           f"{BODY}</article></body></html>").encode("shift_jis"),
        "bogus-charset.html": ('<html><head><meta charset="x-no-such-charset-9"></head><body>'
                               f"<article>{BODY}</article></body></html>").encode(),
        "lying-charset.html": ('<html><head><meta charset="utf-8"></head><body><article><p>'
                               "Caf\xe9 talks: France and Greece met in Ath\xe8nes.</p>"
                               f"{BODY}</article></body></html>").encode("latin-1"),
        "overlong-utf8.txt": b"France and Greece met \xc0\xaf\xe0\x80\xaf in Athens on Tuesday.",
        "surrogates.txt": b"France and Greece met \xed\xa0\x80 in Athens on Tuesday.",
    }


def nul_bytes() -> dict[str, bytes]:
    """Stray NULs (kept as text, NULs dropped) and text that is mostly NULs (binary)."""
    text = ("France and Greece met in Athens on Tuesday, officials said. " * 40).encode()
    sprinkled = b"".join(text[i:i + 50] + b"\0" for i in range(0, len(text), 50))
    return {"nul-sprinkled.txt": sprinkled, "nul-mostly.txt": b"\0\0\0a" * 4000}


# -- languages and scripts ------------------------------------------------------------------------
LANGUAGES = {
    "arabic.txt": "تركيا وأذربيجان توقعان اتفاقية دفاعية\n\nوقعت تركيا وأذربيجان اتفاقية دفاعية في "
                  "باكو يوم الثلاثاء، حسبما قال مسؤولون.",
    "hebrew.txt": "טורקיה ואזרבייג'ן חתמו על הסכם\n\nטורקיה ואזרבייג'ן חתמו על הסכם הגנה בבאקו "
                  "ביום שלישי, כך אמרו גורמים רשמיים.",
    "persian.txt": "ترکیه و جمهوری آذربایجان پیمان دفاعی امضا کردند\n\nمی‌گویند این پیمان در باکو "
                   "امضا شد.",
    "chinese.txt": "土耳其与阿塞拜疆签署防务协议\n\n土耳其和阿塞拜疆周二在巴库签署了一项防务协议，官员说。",
    "russian.txt": "Турция и Азербайджан подписали пакт\n\nТурция и Азербайджан подписали во "
                   "вторник в Баку оборонный пакт, сообщили официальные лица.",
    "hindi.txt": "तुर्की और अज़रबैजान ने रक्षा समझौते पर हस्ताक्षर किए\n\nअधिकारियों ने कहा कि "
                 "समझौता बाकू में हुआ।",
    "mixed-rtl.txt": "Turkey and Azerbaijan signed a pact\n\nTurkey signed (تركيا) a defence pact "
                     "with Azerbaijan (אזרבייג'ן) in Baku on Tuesday, officials said.",
    "emoji-combining.txt": "Talks 🇹🇷🤝🇦🇿 in Baku\n\nZa̧l̈g̃o̊ text and 👨‍👩‍👧 families: Turkey and "
                           "Azerbaijan signed a defence pact in Baku on Tuesday.",
}

# Bidirectional controls around English words: invisible, and they must not hide the words.
BIDI = ("\u202eTurkey\u202c and \u2066Azerbaijan\u2069 signed a defence pact in \u200fBaku\u200e "
        "on Tuesday, officials said.")


def no_sentences() -> dict[str, str]:
    """Text without words, and words without any sentence punctuation."""
    return {
        "punctuation-only.txt": "!!! ??? ... --- *** ### ;;; ,,,\n\n" * 200,
        "whitespace-only.txt": " \t\n\u00a0\u2003\u3000\n\n" * 500,
        "no-punctuation.txt": "officials in baku said turkey and azerbaijan signed a pact " * 400,
    }


# -- many small articles --------------------------------------------------------------------------
def tiny_articles(n: int, *, duplicate_every: int = 10) -> Iterator[bytes]:
    """`n` JSONL lines of tiny articles, made lazily; every `duplicate_every`-th repeats the text
    of the one before it under a new id (a duplicate to detect)."""
    for i in range(n):
        k = i - 1 if duplicate_every and i % duplicate_every == duplicate_every - 1 else i
        yield (b'{"id":"t%d","text":"Greece and France met in Athens on day %d.",'
               b'"published":"2021-05-04"}\n' % (i, k))


def write_lines(path: Path, lines: Iterator[bytes]) -> Path:
    with open(path, "wb") as f:
        buf: list[bytes] = []
        for line in lines:
            buf.append(line)
            if len(buf) >= 10_000:
                f.write(b"".join(buf))
                buf = []
        f.write(b"".join(buf))
    return path
