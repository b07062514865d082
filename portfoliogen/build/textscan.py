"""Every text a published file carries, whatever its type: HTML and XML text and attributes
(entities decoded, tags removed), JSON escapes, gzip and ZIP members, PNG text chunks
(also compressed), EXIF/XMP/IPTC and other metadata strings, PDF streams; for the leak check."""

from __future__ import annotations

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


def normalise(text: str) -> str:
    """NFKC, case-folded, invisible format characters (soft hyphens, zero-width
    spaces) removed, runs of white space made one space."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return _WS.sub(" ", text.casefold())


def texts_of(data: bytes, depth: int = 0) -> Iterator[str]:
    """The texts in a file's bytes, each normalised; sniffed by content, not by name."""
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


def _decoded(data: bytes) -> Iterator[str]:
    """A text file in its variants; binary data as Latin-1 and UTF-16 (EXIF's
    XP* tags are UTF-16), where metadata strings sit uncompressed."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        yield normalise(data.decode("latin-1"))
        yield normalise(data.decode("utf-8", "ignore"))   # UTF-8 strings inside binary data (CBOR, XMP)
        for start in (0, 1):
            chunk = data[start:len(data) - ((len(data) - start) % 2)]
            yield normalise(chunk.decode("utf-16-le", "ignore"))
            yield normalise(chunk.decode("utf-16-be", "ignore"))
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
