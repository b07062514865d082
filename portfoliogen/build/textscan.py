"""Every text a published file carries, whatever its type: HTML and XML text and attributes
(entities decoded, tags removed), JSON escapes, gzip and ZIP members, PNG text chunks
(also compressed), EXIF/XMP/IPTC and other metadata strings, PDF streams; for the leak check."""

from __future__ import annotations

import functools
import gzip
import html
import io
import re
import struct
import unicodedata
import urllib.parse
import zipfile
import zlib
from collections.abc import Iterator

MAX_INFLATE = 64 * 1024 * 1024   # a decompression bomb is not scanned past this (and fails the check)
_TAG = re.compile(r"<[^<>]*>")
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_PDF_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.DOTALL)
_WS = re.compile(r"\s+")


# Invisible format characters (soft hyphen, zero-width space and joiners, bidi marks), dropped;
# the few outside the BMP are listed (scanning all of Unicode would slow every start).
@functools.cache
def _format_characters() -> re.Pattern:
    return re.compile("[" + "".join(re.escape(chr(cp)) for cp in range(0x10000)
                                    if unicodedata.category(chr(cp)) == "Cf")
                      + "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
                      + "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]")


_NOT_ALNUM = {"utf-8": rb"[^0-9A-Za-z\x80-\xff]{0,8}", "latin-1": rb"[^0-9A-Za-z\xa0-\xff]{0,8}",
              "utf-16-le": rb"(?:[^0-9A-Za-z]\x00){0,8}", "utf-16-be": rb"(?:\x00[^0-9A-Za-z]){0,8}"}


def normalise(text: str) -> str:
    """NFKC, case-folded, invisible format characters (soft hyphens, zero-width
    spaces) removed, runs of white space made one space."""
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        text = _format_characters().sub("", text)
    return _WS.sub(" ", text.casefold())


def byte_patterns(words: list[str]) -> list[re.Pattern]:
    """A name's words (normalised) as they sit in binary data (image metadata, Pagefind's
    index), to search in the data with ASCII lowered: in UTF-8, Latin-1 or UTF-16,
    with or without separators."""
    patterns = {}
    for encoding, separator in _NOT_ALNUM.items():
        try:
            parts = [b"".join(_either_case(ch, encoding) for ch in word) for word in words]
        except UnicodeEncodeError:
            continue
        source = separator.join(parts)
        # Searched in data.lower(): a case-sensitive pattern starting with a literal is
        # found by a fast scan, where IGNORECASE would try every position.
        patterns.setdefault(source, re.compile(source, re.DOTALL))
    return list(patterns.values())


def _either_case(ch: str, encoding: str) -> bytes:
    """ASCII letters lower-case (the data is lowered), others in both cases."""
    forms = {ch} if ch.isascii() else {form for form in (ch, ch.upper(), ch.lower()) if len(form) == 1}
    forms = sorted(re.escape(form.encode(encoding)) for form in forms)
    return forms[0] if len(forms) == 1 else b"(?:" + b"|".join(forms) + b")"


def texts_of(data: bytes, depth: int = 0) -> Iterator[str | bytes]:
    """The texts in a file's bytes, each normalised, sniffed by content, not by name;
    binary data (bytes) is for byte_patterns."""
    if depth > 3:
        return
    if data[:2] == b"\x1f\x8b":
        yield from texts_of(_inflate(lambda: gzip.GzipFile(fileobj=io.BytesIO(data))), depth + 1)
    elif data[:4] == b"PK\x03\x04":
        yield from _zip_texts(data, depth)
    elif data[:8] == b"\x89PNG\r\n\x1a\n":
        yield from _png_texts(data)
    elif data[:5] == b"%PDF-":
        for stream in _PDF_STREAM.findall(data):
            try:
                yield from _decoded(_inflate(lambda s=stream: zlib.decompressobj(), raw=stream))
            except zlib.error:
                pass
    yield from _decoded(data)


def _decoded(data: bytes) -> Iterator[str | bytes]:
    """A text file in its variants; binary data as it is, where metadata strings sit
    uncompressed (EXIF, XMP, IPTC; EXIF's XP* tags in UTF-16)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        yield data
        return
    yield from _text_variants(text)


def _text_variants(text: str) -> Iterator[str]:
    unescaped = html.unescape(_JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text))
    yield normalise(unescaped)
    # A name split by markup ("Bright<b>bank</b>") or percent-encoded in a URL.
    yield normalise(html.unescape(_TAG.sub("", text)))
    if "%" in text:
        yield normalise(urllib.parse.unquote(unescaped))


def _png_texts(data: bytes) -> Iterator[str]:
    pos = 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"zTXt":
            key, _, rest = body.partition(b"\0")
            yield from _decoded(key + b" " + _inflate_zlib(rest[1:]))
        elif kind == b"iTXt":
            key, _, rest = body.partition(b"\0")
            compressed, rest = rest[:1] == b"\1", rest[2:]
            lang, _, rest = rest.partition(b"\0")
            translated, _, text = rest.partition(b"\0")
            yield from _decoded(b" ".join((key, lang, translated, _inflate_zlib(text) if compressed else text)))


def _zip_texts(data: bytes, depth: int) -> Iterator[str]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        for info in archive.infolist():
            yield normalise(info.filename)
            if info.file_size <= MAX_INFLATE:
                yield from texts_of(archive.read(info), depth + 1)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error):
        return


def _inflate_zlib(data: bytes) -> bytes:
    try:
        return _inflate(lambda: zlib.decompressobj(), raw=data)
    except zlib.error:
        return b""


def _inflate(make, raw: bytes | None = None) -> bytes:
    """Decompress at most MAX_INFLATE bytes (a gzip file object, or zlib over `raw`)."""
    if raw is None:
        try:
            return make().read(MAX_INFLATE)
        except (OSError, EOFError):
            return b""
    return make().decompress(raw, MAX_INFLATE)
