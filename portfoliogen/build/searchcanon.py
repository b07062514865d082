"""Pagefind writes its filter lists in hash-map order, so two builds of one site differ;
this sorts them and renames the files after their new contents: byte-identical builds."""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path

SIGNATURE = b"pagefind_dcd"   # what each decompressed Pagefind file starts with


def canonicalise(bundle: Path) -> None:
    renamed: dict[str, str] = {}
    for path in sorted((bundle / "filter").glob("*.pf_filter")):
        name, entries = _load(path)
        data = _save([name, sorted(entries, key=_encode)])
        renamed[path.stem] = _rewrite(path, data, 7)
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta = bundle / f"pagefind.{language['hash']}.pf_meta"
        value = _replace(_load(meta), renamed)
        language["hash"] = _rewrite(meta, _save(value), 10)
    entry["languages"] = dict(sorted(entry["languages"].items()))   # a multilingual site: hash-map order too
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _replace(value, renamed: dict[str, str]):
    """The filter files' new names put in, and lists of (filter, file) pairs sorted."""
    if isinstance(value, str):
        return renamed.get(value, value)
    if isinstance(value, list):
        items = [_replace(v, renamed) for v in value]
        if items and all(isinstance(i, list) and len(i) == 2 and i[1] in renamed.values() for i in items):
            items.sort()
        return items
    return value


def _rewrite(path: Path, data: bytes, digits: int) -> str:
    """Write `data` under a name made from its hash (keeping the language prefix); the new stem."""
    stem = path.name.split(".")[-2]
    language = stem.rsplit("_", 1)[0]
    new_stem = f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"
    target = path.with_name(path.name.replace(stem, new_stem))
    path.unlink()
    target.write_bytes(data)
    return new_stem


def _load(path: Path):
    raw = gzip.decompress(path.read_bytes())
    value, _ = _decode(raw, len(SIGNATURE))
    return value


def _save(value) -> bytes:
    return gzip.compress(SIGNATURE + _encode(value), compresslevel=9, mtime=0)


# ------------------------------------------------------------ a little CBOR (RFC 8949)
def _decode(data: bytes, pos: int):
    major, info = data[pos] >> 5, data[pos] & 0x1F
    pos += 1
    if info < 24:
        arg = info
    else:
        size = 1 << (info - 24)
        arg = int.from_bytes(data[pos:pos + size], "big")
        pos += size
    if major == 0:
        return arg, pos
    if major == 1:
        return -1 - arg, pos
    if major in (2, 3):
        chunk = data[pos:pos + arg]
        return (chunk if major == 2 else chunk.decode("utf-8")), pos + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, pos = _decode(data, pos)
            items.append(item)
        return items, pos
    if major == 5:
        pairs = []
        for _ in range(arg):
            key, pos = _decode(data, pos)
            val, pos = _decode(data, pos)
            pairs.append((key, val))
        return _Map(pairs), pos
    if major == 7 and info == 27:
        return struct.unpack(">d", data[pos - 8:pos])[0], pos
    raise ValueError(f"unexpected CBOR item {major}/{info} in a Pagefind file")


class _Map(list):
    """A CBOR map kept in its order (a list of pairs)."""


def _head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + arg.to_bytes(size, "big")
    raise ValueError("CBOR integer too large")


def _encode(value) -> bytes:
    if isinstance(value, _Map):
        return _head(5, len(value)) + b"".join(_encode(k) + _encode(v) for k, v in value)
    if isinstance(value, bool) or value is None:
        raise ValueError("unexpected value in a Pagefind file")
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, float):
        return b"\xfb" + struct.pack(">d", value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        encoded = value.encode("utf-8")
        return _head(3, len(encoded)) + encoded
    return _head(4, len(value)) + b"".join(_encode(v) for v in value)
