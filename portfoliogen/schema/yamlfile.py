"""Safe YAML loading that remembers where every key and value stood, so a validation
error can point at `file:line:column`."""

from __future__ import annotations

import re
from array import array
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from portfoliogen.errors import SiteError

# libyaml's C parser when it is installed, the pure one otherwise.
_FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_NODES = 100_000  # far above any real content file, far below an alias bomb
MAX_DEPTH = 64

LocPath = tuple[str | int, ...]

# The characters YAML 1.1 refuses (PyYAML's Reader.NON_PRINTABLE): found here
# first, because the parser's own message has no line and spans two lines.
_NON_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


_LAYOUTS: dict[tuple, tuple] = {}   # every distinct layout once (files of one kind share theirs)
_INDEXES: dict[int, dict] = {}      # id(layout) -> {(path, is_key): position}


class Locations:
    """1-based (line, column) of each value and each mapping key, by path.

    Held by every content object for as long as the build runs (and kept
    in the JSON build state, build/statejson.py), so it is packed: the paths, in order, form a layout
    shared by all files with the same structure (4,000 case studies have a
    handful of layouts), and the positions are one array of integers."""

    __slots__ = ("_layout", "_where")

    def __init__(self, values: dict[LocPath, tuple[int, int]] | None = None,
                 keys: dict[LocPath, tuple[int, int]] | None = None):
        values, keys = values or {}, keys or {}
        layout = tuple((path, False) for path in values) + tuple((path, True) for path in keys)
        self._layout = _LAYOUTS.setdefault(layout, layout)
        self._where = array("Q", [(line << 32) | column for line, column in (*values.values(), *keys.values())])

    @classmethod
    def _packed(cls, layout: tuple, where: bytes) -> "Locations":
        locs = cls.__new__(cls)
        locs._layout = _LAYOUTS.setdefault(layout, layout)
        locs._where = array("Q")
        locs._where.frombytes(where)
        return locs

    def __reduce__(self):
        return Locations._packed, (self._layout, self._where.tobytes())

    def __setstate__(self, state) -> None:
        """A build cache written before Locations was packed (its format
        check then discards it quietly instead of warning)."""
        values, keys = (state or {}).get("values", {}), (state or {}).get("keys", {})
        self.__init__(values, keys)

    def _index(self) -> dict:
        index = _INDEXES.get(id(self._layout))
        if index is None:
            index = _INDEXES[id(self._layout)] = {entry: i for i, entry in enumerate(self._layout)}
        return index

    def _at(self, path: LocPath, key: bool) -> tuple[int, int] | None:
        i = self._index().get((path, key))
        if i is None:
            return None
        packed = self._where[i]
        return (packed >> 32, packed & 0xFFFFFFFF)

    def _table(self, key: bool) -> dict[LocPath, tuple[int, int]]:
        return {path: (w >> 32, w & 0xFFFFFFFF)
                for (path, is_key), w in zip(self._layout, self._where) if is_key == key}

    @property
    def values(self) -> dict[LocPath, tuple[int, int]]:
        return self._table(False)

    @property
    def keys(self) -> dict[LocPath, tuple[int, int]]:
        return self._table(True)

    def of(self, path: LocPath, *, key: bool = False) -> tuple[int, int]:
        """Where `path` is, or its nearest enclosing node that exists."""
        path = tuple(path)
        while True:
            found = (self._at(path, True) if key else None) or self._at(path, False)
            if found is not None:
                return found
            if not path:
                return (1, 1)
            path = path[:-1]
            key = False

    def has(self, path: LocPath) -> bool:
        return (tuple(path), False) in self._index()

    def sub(self, prefix: LocPath) -> "Locations":
        """The locations below `prefix`, re-rooted (for one item of a list)."""
        n = len(prefix)
        return Locations(
            {p[n:]: v for p, v in self.values.items() if p[:n] == prefix},
            {p[n:]: v for p, v in self.keys.items() if p[:n] == prefix},
        )

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Locations) and self._layout == other._layout
                and self._where == other._where)

    __hash__ = None   # mutable-looking, like the dicts it replaces

    def __repr__(self) -> str:
        return f"Locations(values={self.values!r}, keys={self.keys!r})"


def strip_text(text: str) -> str:
    """Drop a UTF-8 byte-order mark and normalise CRLF/CR line endings."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_bytes(path, display: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise SiteError(display, None, None, f"cannot read file: {err.strerror}") from None


def read_text(path, display: str) -> str:
    return decode_text(read_bytes(path, display), display)


def decode_text(raw: bytes, display: str) -> str:
    try:
        return strip_text(raw.decode("utf-8"))
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise SiteError(display, line, 1, "not valid UTF-8 text (save the file as UTF-8)") from None


# Only the standard YAML tags are allowed (no Python objects), and alias expansion is bounded so
# a "billion laughs" document is refused instead of eating the machine's memory.
def load_yaml(text: str, display: str, line_offset: int = 0) -> tuple[Any, Locations]:
    """Parse `text` (already stripped of BOM/CRLF). `line_offset` is added to
    every line number: front matter starts below the opening `---`."""
    _check_characters(text, display, line_offset)
    try:
        node = _compose(text, display, line_offset)
    except RecursionError:
        # The composers recurse once per level: find the level that is too
        # deep from the parser's flat event stream instead.
        raise _too_deep(text, display, line_offset) from None
    if node is None:
        return None, Locations()
    builder = _Builder(display, line_offset)
    data = builder.build(node, (), 0)
    return data, Locations(builder.values, builder.keys)


def _compose(text: str, display: str, line_offset: int) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_FastLoader)
    except yaml.MarkedYAMLError:
        # Re-parse with the pure loader: its messages and marks are the exact ones.
        try:
            return yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as err:
            raise _yaml_error(err, display, line_offset) from None
    except yaml.YAMLError as err:
        raise SiteError(display, None, None, f"invalid YAML: {err}") from None


def _check_characters(text: str, display: str, line_offset: int) -> None:
    bad = _NON_PRINTABLE.search(text)
    if bad is None:
        return
    line = text.count("\n", 0, bad.start()) + 1
    column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
    raise SiteError(display, line + line_offset, column,
                    f"invalid YAML: control character U+{ord(bad.group()):04X} is not allowed (remove it)")


def _too_deep(text: str, display: str, line_offset: int) -> SiteError:
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):   # lazy: stops at the level
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH + 1:   # as _Builder counts: the root is level 0
                    mark = event.start_mark
                    return SiteError(display, mark.line + 1 + line_offset, mark.column + 1,
                                     f"invalid YAML: nested more than {MAX_DEPTH} levels deep")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as err:
        if isinstance(err, yaml.MarkedYAMLError):
            return _yaml_error(err, display, line_offset)
    return SiteError(display, None, None, f"invalid YAML: nested more than {MAX_DEPTH} levels deep")


def _yaml_error(err: yaml.MarkedYAMLError, display: str, line_offset: int) -> SiteError:
    mark = err.problem_mark or err.context_mark
    problem = err.problem or "invalid YAML"
    context = f" ({err.context})" if err.context and err.context not in problem else ""
    if mark is None:
        return SiteError(display, None, None, f"invalid YAML: {problem}{context}")
    return SiteError(display, mark.line + 1 + line_offset, mark.column + 1,
                     f"invalid YAML: {problem}{context}")


class _Builder:
    def __init__(self, display: str, line_offset: int):
        self.display = display
        self.line_offset = line_offset
        self.values: dict[LocPath, tuple[int, int]] = {}   # -> Locations when done
        self.keys: dict[LocPath, tuple[int, int]] = {}
        self.count = 0
        self.constructor = SafeConstructor()

    def where(self, node: yaml.Node) -> tuple[int, int]:
        return (node.start_mark.line + 1 + self.line_offset, node.start_mark.column + 1)

    def error(self, node: yaml.Node, message: str) -> SiteError:
        line, column = self.where(node)
        return SiteError(self.display, line, column, message)

    def build(self, node: yaml.Node, path: LocPath, depth: int) -> Any:
        self.count += 1
        if depth > MAX_DEPTH:
            raise self.error(node, f"invalid YAML: nested more than {MAX_DEPTH} levels deep")
        if self.count > MAX_NODES:
            raise self.error(node, f"document too large: more than {MAX_NODES:,} values "
                                   "(are YAML aliases expanding without end?)")
        self.values[path] = self.where(node)
        if isinstance(node, yaml.MappingNode):
            return self.build_mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag not in ("tag:yaml.org,2002:seq",):
                raise self.error(node, f"unsupported YAML tag {node.tag!r}")
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self.build_scalar(node)

    def build_mapping(self, node: yaml.MappingNode, path: LocPath, depth: int) -> dict:
        if node.tag != "tag:yaml.org,2002:map":
            raise self.error(node, f"unsupported YAML tag {node.tag!r}")
        result: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.error(key_node, "YAML merge keys ('<<') are not supported")
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.error(key_node, "a key must be plain text")
            key = self.build_scalar(key_node)
            key = key if isinstance(key, str) else str(key).lower() if isinstance(key, bool) else str(key)
            if key in result:
                raise self.error(key_node, f"duplicate key '{key}'")
            self.keys[path + (key,)] = self.where(key_node)
            result[key] = self.build(value_node, path + (key,), depth + 1)
        return result

    def build_scalar(self, node: yaml.Node) -> Any:
        try:
            return self.constructor.construct_object(node, deep=True)
        except ConstructorError as err:
            problem = err.problem or "cannot read this value"
            if "could not determine a constructor" in problem:
                problem = f"unsupported YAML tag {node.tag!r}"
            raise self.error(node, problem) from None
        except (ValueError, TypeError) as err:
            raise self.error(node, f"invalid value: {err}") from None
