"""The build state as plain JSON data: content models, PageRecords and the rest turned
into lists, strings and numbers and back."""

from __future__ import annotations

import base64
import datetime as dt
import types
import typing
from array import array
from typing import Any, Callable

from portfoliogen.content import model as content_model
from portfoliogen.content.model import Model
from portfoliogen.fsutil import digest
from portfoliogen.schema.fields import PartialDate
from portfoliogen.schema.yamlfile import Locations


class BadState(ValueError):
    """The state file holds something a build never writes."""


# Type checks the decoders of the state's sections share (statecodec.py, plancache.py).
def strings(*values: Any) -> bool:
    return all(type(v) is str for v in values)


def ints(values: Any, count: int) -> bool:
    """A list of `count` ints."""
    return isinstance(values, list) and len(values) == count and all(type(v) is int for v in values)


MODELS: dict[str, type[Model]] = {
    name: cls for name, cls in vars(content_model).items()
    if isinstance(cls, type) and issubclass(cls, Model) and cls is not Model
}
# The fields of every content model (names only: an annotation's repr can
# hold memory addresses): a state written when a model had other fields is
# another format, discarded quietly like another version's.
MODELS_SIGNATURE = digest(repr(sorted((name, sorted(cls.model_fields)) for name, cls in MODELS.items())))


# ---------------------------------------------------------------- encode
class Encoder:
    """Python values -> JSON data. Tuples are JSON arrays (the models are
    full of them); every other non-scalar is a one-key object naming its kind."""

    def __init__(self, previous: "Decoder | None" = None) -> None:
        # Locations layouts, each once; a previous state's first, so its
        # encoded entries stay valid and are written again as they are.
        self.layouts: list = list(previous.raw_layouts) if previous else []
        self._layout_ids: dict[int, int] = {id(layout): i for i, layout in enumerate(previous.layouts)} \
            if previous else {}

    def value(self, obj: Any) -> Any:
        if obj is None or isinstance(obj, (bool, int, float, str)):
            return obj
        if isinstance(obj, tuple):
            return [self.value(v) for v in obj]
        if isinstance(obj, Model):
            name = type(obj).__name__
            if MODELS.get(name) is not type(obj):
                raise TypeError(f"cannot store {name}")
            return {"m": name, "f": {k: self.value(v) for k, v in obj.__dict__.items()},
                    "s": sorted(obj.model_fields_set)}
        if isinstance(obj, list):
            return {"l": [self.value(v) for v in obj]}
        if isinstance(obj, PartialDate):
            return {"pd": [obj.year, obj.month, obj.day]}
        if isinstance(obj, dt.date) and not isinstance(obj, dt.datetime):
            return {"date": obj.isoformat()}
        if isinstance(obj, Locations):
            return {"loc": [self._layout(obj._layout), base64.b64encode(obj._where.tobytes()).decode()]}
        if isinstance(obj, dict) and all(isinstance(k, str) for k in obj):
            return {"d": {k: self.value(v) for k, v in obj.items()}}
        raise TypeError(f"cannot store {type(obj).__name__}")

    def _layout(self, layout: tuple) -> int:
        index = self._layout_ids.get(id(layout))
        if index is None:
            index = self._layout_ids[id(layout)] = len(self.layouts)
            self.layouts.append([[list(path), key] for path, key in layout])
        return index


# ---------------------------------------------------------------- decode
# Decoding builds only the classes named here and checks each field's type, so a crafted or
# damaged state file can be refused but never runs code.
class Decoder:
    """JSON data -> Python values, refusing anything Encoder does not write."""

    def __init__(self, layouts: Any, known: dict[str, tuple] | None = None):
        """`known`: layouts read already, by their JSON's repr (shards of one state share most)."""
        if not isinstance(layouts, list):
            raise BadState("layouts")
        self.raw_layouts = layouts
        # Each layout interned once (as Locations does), shared by every use.
        known = {} if known is None else known
        self.layouts = []
        for layout in layouts:
            text = repr(layout)   # (JSON data: equal reprs, equal values)
            read = known.get(text)
            if read is None:
                read = known[text] = Locations._packed(self._read_layout(layout), b"")._layout
            self.layouts.append(read)

    @staticmethod
    def _read_layout(layout: Any) -> tuple:
        entries = []
        for path, key in layout:
            if not (isinstance(path, list) and isinstance(key, bool)
                    and all(isinstance(p, (str, int)) and not isinstance(p, bool) for p in path)):
                raise BadState("layout")
            entries.append((tuple(path), key))
        return tuple(entries)

    def value(self, data: Any) -> Any:
        if data is None or isinstance(data, (bool, int, float, str)):
            return data
        if isinstance(data, list):
            return tuple(self.value(v) for v in data)
        if not (isinstance(data, dict) and len(data) in (1, 3)):
            raise BadState("unknown value")
        if "m" in data:
            return self._model(data)
        (kind, body), = data.items()
        if kind == "l" and isinstance(body, list):
            return [self.value(v) for v in body]
        if kind == "pd" and isinstance(body, list) and len(body) == 3:
            year, month, day = body
            if not (type(year) is int and type(month) is int and (day is None or type(day) is int)):
                raise BadState("date")
            dt.date(year, month, day or 1)   # ValueError if it is no date
            return PartialDate(year, month, day)
        if kind == "date" and isinstance(body, str):
            return dt.date.fromisoformat(body)
        if kind == "loc" and isinstance(body, list) and len(body) == 2:
            layout, where = body
            if type(layout) is not int or not 0 <= layout < len(self.layouts) or not isinstance(where, str):
                raise BadState("locations")
            raw = base64.b64decode(where, validate=True)
            if len(raw) != 8 * len(self.layouts[layout]):
                raise BadState("locations")
            locs = Locations.__new__(Locations)
            locs._layout = self.layouts[layout]
            locs._where = array("Q")
            locs._where.frombytes(raw)
            return locs
        if kind == "d" and isinstance(body, dict):
            return {k: self.value(v) for k, v in body.items()}
        raise BadState(f"unknown value kind {kind!r}")

    def _model(self, data: dict) -> Model:
        cls = MODELS.get(data.get("m"))
        fields, fields_set = data.get("f"), data.get("s")
        if cls is None or not isinstance(fields, dict) or not isinstance(fields_set, list):
            raise BadState("model")
        checks = _field_checks(cls)
        if fields.keys() != checks.keys() or not set(fields_set) <= checks.keys():
            raise BadState(f"{cls.__name__}: wrong fields")
        values = {}
        for name, raw in fields.items():
            # (most fields are strings or empty: not a call of value() each, ~12,000 of them a thousand studies)
            value = raw if raw is None or type(raw) is str else self.value(raw)
            if not checks[name](value):
                raise BadState(f"{cls.__name__}.{name}: wrong type")
            values[name] = value
        # What unpickling a model did: the checked values, no validation run.
        obj = cls.__new__(cls)
        object.__setattr__(obj, "__dict__", values)
        object.__setattr__(obj, "__pydantic_fields_set__", set(fields_set))
        object.__setattr__(obj, "__pydantic_extra__", None)
        object.__setattr__(obj, "__pydantic_private__", None)
        return obj


# ---------------------------------------------------------------- field types
Check = Callable[[Any], bool]
_CHECKS: dict[type, dict[str, Check]] = {}


def _field_checks(cls: type[Model]) -> dict[str, Check]:
    checks = _CHECKS.get(cls)
    if checks is None:
        checks = _CHECKS[cls] = {name: _check(field.annotation) for name, field in cls.model_fields.items()}
    return checks


def _check(annotation: Any) -> Check:
    """A test that a value fits the annotation (element types of tuples
    included; Any fields hold things resolve adds later, None when cached)."""
    if annotation is Any:
        return lambda value: True
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _check(args[0])
    if origin in (typing.Union, types.UnionType):
        plain = _plain_types(args)
        if plain is not None:   # str | None and the like: one isinstance, not a check per option
            return lambda value: isinstance(value, plain)
        options = [_check(arg) for arg in args]
        return lambda value: any(option(value) for option in options)
    if origin is typing.Literal:
        return lambda value: value in args
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _check(args[0])
            return lambda value: isinstance(value, tuple) and all(item(v) for v in value)
        return lambda value: isinstance(value, tuple)
    if origin is dict or annotation is dict:
        return lambda value: isinstance(value, dict)
    if annotation is type(None) or annotation is None:
        return lambda value: value is None
    if annotation is float:
        return lambda value: isinstance(value, (int, float)) and not isinstance(value, bool)
    if annotation is int:
        return lambda value: isinstance(value, int) and not isinstance(value, bool)
    if isinstance(annotation, type):
        return lambda value: isinstance(value, annotation)
    raise TypeError(f"no check for {annotation!r}")


def _plain_types(args: tuple) -> tuple[type, ...] | None:
    """The classes a union's options are, when each is one that isinstance tests exactly
    (not int or float: a bool is an int to isinstance), else None."""
    plain = []
    for arg in args:
        if typing.get_origin(arg) is typing.Annotated:
            arg = typing.get_args(arg)[0]
        if arg is None:
            arg = type(None)
        if (arg is Any or not isinstance(arg, type) or typing.get_origin(arg) is not None
                or arg in (int, float, bool)):
            return None
        plain.append(arg)
    return tuple(plain)
