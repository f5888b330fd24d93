"""Bytes → text: binary sniffing and a decoding policy that never drops an article for one byte.

Policy (why): news files are UTF-8 far more often than not, but scraped and archived text regularly
carries a stray Windows-1252 byte (a curly quote pasted from a word processor, a mis-declared page,
two files concatenated). Failing the whole article over one character would lose real events, and a
blind `errors="replace"` would turn "Société" into "Soci�t�" and break actor names. So:

1. a byte-order mark decides (UTF-8, UTF-16, UTF-32);
2. strict UTF-8;
3. the charset a page or HTTP header declares, when it is not UTF-8 and the bytes fit it;
4. otherwise UTF-8 with each invalid byte read as Windows-1252 (the usual culprit; its five
   undefined bytes become U+FFFD), and the caller logs a warning naming the file and line.

Binary data (PDFs, images, archives, executables, or bytes that are mostly control characters) is
refused: it holds no article, and decoding it would feed garbage to the parser.
"""

from __future__ import annotations

import codecs
import re

# Leading bytes of common binary formats that end up in scraped folders, with a name for messages.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a DOCX/XLSX/EPUB file)"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"RIFF", "a RIFF media file"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"BZh9", "a bzip2 archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
GZIP_MAGIC = b"\x1f\x8b"
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control bytes that never occur in text (tab, newlines, form feed and ESC excepted).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27)) + b"\x7f"
SNIFF_BYTES = 8192
# A text sample with more control bytes than this share is binary; fewer are stray bytes to strip.
MAX_CONTROL_SHARE = 0.05
_DECLARED = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{2,40})""", re.I)
_UTF8_NAMES = {"utf-8", "utf8", "utf_8", "unicode-1-1-utf-8"}
# As browsers do (WHATWG Encoding), pages labelled Latin-1 or ASCII are read as Windows-1252.
_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
            "ascii": "cp1252", "iso8859-1": "cp1252"}


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return bad.decode("cp1252", errors="replace"), exc.end


codecs.register_error("entente-cp1252", _cp1252_fallback)


def sniff_binary(head: bytes) -> str | None:
    """What binary format `head` (the first bytes of an input) looks like, or None for text."""
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    sample = head[:SNIFF_BYTES]
    if not sample or _utf16_without_bom(sample):
        return None
    control = len(sample) - len(sample.translate(None, _CONTROL))
    if control > MAX_CONTROL_SHARE * len(sample):
        return "binary data"
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when every other byte is NUL (UTF-16 text without a BOM)."""
    if len(sample) < 16:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def declared_charset(head: bytes) -> str | None:
    """The charset an HTML page declares in its first bytes (`<meta charset>` or http-equiv)."""
    m = _DECLARED.search(head[:4096])
    return m.group(1).decode("ascii").lower() if m else None


def decode(data: bytes, *, declared: str | None = None) -> tuple[str, bool]:
    """Decode `data` by the policy above. Returns the text and whether bytes had to be repaired."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), False
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        pass
    guess = _utf16_without_bom(data[:SNIFF_BYTES])
    if guess:
        return data.decode(guess, errors="replace"), False
    if declared and declared.lower() not in _UTF8_NAMES:
        try:
            return data.decode(_ALIASES.get(declared.lower(), declared)), False
        except (LookupError, UnicodeDecodeError):
            pass
    return data.decode("utf-8", errors="entente-cp1252"), True
