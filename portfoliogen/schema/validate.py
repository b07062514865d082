"""Turn YAML data into a model, or into SiteErrors that point at the
offending key or value with a "did you mean" for near misses."""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from portfoliogen.errors import SiteError, SiteErrors, did_you_mean
from portfoliogen.schema.yamlfile import Locations, LocPath


def field_label(path: LocPath) -> str:
    """('gallery', 2, 'alt') -> 'gallery[2].alt'"""
    out = ""
    while path and isinstance(path[0], int):  # an item of a top-level list
        path = path[1:]
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def validate_model(cls: type[BaseModel], data: Any, locs: Locations, display: str,
                   prefix: LocPath = (), extra: dict | None = None) -> BaseModel:
    """Validate `data` (the YAML mapping at `prefix`) as `cls`. Keys that name
    derived fields are refused like any unknown key. `extra` adds derived
    values (src_path, body...) after the user's keys were checked."""
    if not isinstance(data, dict):
        line, col = locs.of(prefix)
        what = field_label(prefix) or "the file"
        raise SiteErrors([SiteError(display, line, col,
                                    f"{what} must be a mapping of keys to values, got {_kind(data)}")])
    errors: list[SiteError] = []
    allowed = cls.user_keys()
    for key in data:
        if key not in allowed:
            line, col = locs.of(prefix + (key,), key=True)
            errors.append(SiteError(display, line, col,
                                    f"unknown key '{field_label(prefix + (key,))}'{did_you_mean(key, allowed)}"))
    clean = {k: v for k, v in data.items() if k in allowed}
    try:
        model = cls.model_validate({**clean, **(extra or {})})
    except ValidationError as err:
        errors.extend(_convert(err, cls, clean, locs, display, prefix))
        model = None
    if errors:
        raise SiteErrors(errors)
    return model


def _convert(err: ValidationError, cls: type[BaseModel], data: dict, locs: Locations,
             display: str, prefix: LocPath) -> list[SiteError]:
    out = []
    for item in err.errors(include_url=False):
        loc = _clean_loc(item["loc"], data)
        path = prefix + loc
        label = field_label(path)
        kind = item["type"]
        if kind == "missing":
            line, col = locs.of(path[:-1])
            where = f" in {field_label(path[:-1])}" if len(path) > 1 else ""
            out.append(SiteError(display, line, col, f"missing required field '{path[-1]}'{where}"))
            continue
        if kind == "extra_forbidden":
            allowed = _model_at(cls, loc[:-1])
            hint = did_you_mean(loc[-1], allowed.user_keys()) if allowed else ""
            line, col = locs.of(path, key=True)
            out.append(SiteError(display, line, col, f"unknown key '{label}'{hint}"))
            continue
        line, col = locs.of(path)
        value = _value_at(data, loc)
        out.append(SiteError(display, line, col, f"{label}: {_message(item, value)}"))
    return out


def _message(item: dict, value: Any) -> str:
    kind, msg = item["type"], item["msg"]
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    if kind == "literal_error":
        expected = item.get("ctx", {}).get("expected", "")
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ",").split(",") if c.strip()]
        return f"{value!r} is not one of {expected}{did_you_mean(str(value), choices)}"
    simple = {
        "int_parsing": "expected a whole number", "int_type": "expected a whole number",
        "int_from_float": "expected a whole number",
        "float_parsing": "expected a number", "float_type": "expected a number",
        "bool_parsing": "expected true or false", "bool_type": "expected true or false",
        "string_type": "expected text", "tuple_type": "expected a list",
        "list_type": "expected a list", "model_type": "expected a mapping of keys to values",
        "dict_type": "expected a mapping of keys to values",
        "model_attributes_type": "expected a mapping of keys to values",
    }
    if kind in simple:
        return f"{simple[kind]}, got {_describe(value)}"
    return f"{msg[0].lower()}{msg[1:]}" + (f", got {_describe(value)}" if value is not None else "")


def _describe(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return _kind(value)
    return repr(value)


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", type(None): "nothing"}.get(
        type(value), type(value).__name__)


def _clean_loc(loc: tuple, data: Any) -> LocPath:
    """Keep only the loc parts that name real keys/indices of the data
    (pydantic adds union member names and validator names)."""
    out: list = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            out.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            out.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and part not in node and not _is_internal(part):
            out.append(part)  # a missing key
            node = None
    return tuple(out)


def _is_internal(part: str) -> bool:
    return "[" in part or part in {"str", "int", "float", "bool", "list", "tuple", "dict"} \
        or part.startswith(("function-", "tagged-union", "lax-", "json-"))


def _value_at(data: Any, loc: LocPath) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _model_at(cls: Any, loc: LocPath) -> type[BaseModel] | None:
    """The model class that validates the mapping at `loc`, for suggestions."""
    for part in loc:
        if isinstance(part, int):
            cls = _item_type(cls)
        else:
            fields = {f.alias or n: f for n, f in cls.model_fields.items()}
            if part not in fields:
                return None
            cls = _unwrap(fields[part].annotation)
        if cls is None:
            return None
    return cls if isinstance(cls, type) and issubclass(cls, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (tuple, list):
        return annotation
    for arg in typing.get_args(annotation) or (annotation,):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
        if typing.get_origin(arg) in (tuple, list):
            return arg
    return annotation


def _item_type(cls: Any) -> Any:
    args = typing.get_args(cls)
    return _unwrap(args[0]) if args else None
