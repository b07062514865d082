"""Each big section of the build state, one shard at a time, as JSON data and back
(build/stateparts.py stores the shards). Decoding checks every value's type: a damaged
or crafted shard raises ValueError, never runs code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from portfoliogen.build.deps import PageRecord
from portfoliogen.build.plancache import decode_plans, encode_plans
from portfoliogen.build.statejson import BadState, Decoder, Encoder, ints, strings


# ---------------------------------------------------------------- content: src -> (digest, object, stat)
def encode_content(entries: dict) -> dict:
    encoder = Encoder()
    out = {}
    for src, (digest, obj, stat) in entries.items():
        try:
            out[src] = [digest, encoder.value(obj), stat]
        except TypeError:
            continue   # not storable: parsed again next time
    return {"layouts": encoder.layouts, "entries": out}


def decode_content(data: Any, layouts: dict | None = None) -> dict:
    """`layouts`: those of the shards read before (statejson.Decoder)."""
    if not (isinstance(data, dict) and data.keys() == {"layouts", "entries"} and isinstance(data["entries"], dict)):
        raise BadState("content shard")
    decoder = Decoder(data["layouts"], layouts)
    content = {}
    for src, entry in data["entries"].items():
        if not (isinstance(entry, list) and len(entry) == 3):
            raise BadState("content entry")
        digest, obj, stat = entry
        if not (strings(digest) and (stat is None or ints(stat, 4))):
            raise BadState("content entry")
        content[src] = (digest, decoder.value(obj), tuple(stat) if stat else None)
    return content


# ---------------------------------------------------------------- markdown: key -> htmlstore entry
def encode_markdown(entries: dict) -> dict:
    return {key: [digest, size, [list(p) for p in problems], [list(i) for i in images]]
            for key, (digest, size, problems, images) in entries.items()}


def decode_markdown(data: Any) -> dict:
    if not isinstance(data, dict):
        raise BadState("markdown shard")
    markdown = {}
    for key, entry in data.items():
        if not (isinstance(entry, list) and len(entry) == 4):
            raise BadState("markdown entry")
        digest, size, problems, images = entry
        if not (strings(digest) and type(size) is int and isinstance(problems, list) and isinstance(images, list)):
            raise BadState("markdown entry")
        checked = []
        for problem in problems:
            if not (isinstance(problem, list) and len(problem) == 3):
                raise BadState("markdown problem")
            line, column, message = problem
            if not (type(line) is int and type(column) is int and strings(message)):
                raise BadState("markdown problem")
            checked.append((line, column, message))
        shown = []
        for image in images:
            if not (isinstance(image, list) and len(image) == 5):
                raise BadState("markdown image")
            src, alt, title, line, column = image
            if not (strings(src, alt) and (title is None or type(title) is str)
                    and type(line) is int and type(column) is int):
                raise BadState("markdown image")
            shown.append((src, alt, title, line, column))
        markdown[key] = (digest, size, checked, shown)
    return markdown


# ---------------------------------------------------------------- pages: out_path -> PageRecord
# Records name what they read by index into one table of (object, attribute) pairs, its own file:
# a table per shard repeated the site-wide pairs sixteen times (twice the pairs to read). The
# table is only appended to, so a shard written against it stays valid when another adds pairs;
# it starts afresh (every shard written again) once it holds twice what the pages name.
class DepTable:
    def __init__(self, deps: list[tuple[str, str]] | None = None):
        self.deps = list(deps or ())
        self.index = {dep: i for i, dep in enumerate(self.deps)}

    def add(self, dep: tuple[str, str]) -> int:
        i = self.index.get(dep)
        if i is None:
            i = self.index[dep] = len(self.deps)
            self.deps.append(dep)
        return i


def encode_table(table: DepTable) -> list:
    return [list(dep) for dep in table.deps]


def decode_table(data: Any, shared: dict) -> DepTable:
    """`shared`: one tuple per (object, attribute), held once after loading (the values' too)."""
    if not isinstance(data, list):
        raise BadState("dependency table")
    deps = []
    for dep in data:   # (tens of thousands: the checks written out)
        if not (type(dep) is list and len(dep) == 2 and type(dep[0]) is str and type(dep[1]) is str):
            raise BadState("dependency")
        dep = (dep[0], dep[1])
        deps.append(shared.setdefault(dep, dep))
    return DepTable(deps)


def encode_pages(records: dict, table: DepTable) -> dict:
    add = table.add
    return {out_path: [record.template, record.context, sorted(add(dep) for dep in record.deps)]
            for out_path, record in records.items()}


def decode_pages(data: Any, table: DepTable) -> dict:
    if not isinstance(data, dict):
        raise BadState("pages shard")
    deps, count = table.deps, len(table.deps)
    pages = {}
    for out_path, entry in data.items():
        if not (isinstance(entry, list) and len(entry) == 3):
            raise BadState("page record")
        template, context, used = entry
        if not (strings(template, context) and isinstance(used, list)
                and all(type(i) is int and 0 <= i < count for i in used)):
            raise BadState("page record")
        pages[out_path] = PageRecord(template, context, tuple(map(deps.__getitem__, used)))
    return pages


# ---------------------------------------------------------------- dependency values: (object, attribute) -> value
def encode_values(values: dict) -> list:
    return [[obj, attr, value] for (obj, attr), value in values.items()]


def decode_values(data: Any, shared: dict) -> dict:
    if not isinstance(data, list):
        raise BadState("values shard")
    values = {}
    for entry in data:
        if not (type(entry) is list and len(entry) == 3 and type(entry[0]) is str and type(entry[1]) is str
                and type(entry[2]) is str):
            raise BadState("dependency value")
        dep = (entry[0], entry[1])
        values[shared.setdefault(dep, dep)] = entry[2]
    return values


# ---------------------------------------------------------------- the sections, as state.json lists them
def _identical(new: Any, old: Any) -> bool:
    return new is old   # a content entry the build reused is the very tuple loaded


def _by_key(key: str) -> str:
    return key


def _by_object(key: tuple[str, str]) -> str:
    return key[0]   # an object's attributes in one shard: an edit rewrites one


def sections(image_cache: Path, table: DepTable) -> dict[str, tuple]:
    """name -> (BuildState field, the text an entry's key is sharded by, sameness of an
    entry with the loaded one (None: equality), encode(shard), decode(data, shared)). `table`: the pages'
    pairs (loaded before the pages, written after them)."""
    layouts: dict = {}
    return {
        "content": ("content", _by_key, _identical, encode_content,
                    lambda data, shared: decode_content(data, layouts)),
        "markdown": ("markdown", _by_key, None, encode_markdown, lambda data, shared: decode_markdown(data)),
        "pages": ("pages", _by_key, None, lambda records: encode_pages(records, table),
                  lambda data, shared: decode_pages(data, table)),
        "values": ("dep_values", _by_object, None, encode_values, decode_values),
        "plans": ("plans", _by_key, None, encode_plans, lambda data, shared: decode_plans(data, image_cache)),
    }
