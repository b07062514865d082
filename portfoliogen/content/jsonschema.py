"""JSON Schemas for editors (`portfoliogen schema`) and the field reference of
the user guide, both generated from the pydantic models so they never drift."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from portfoliogen.config import Config
from portfoliogen.content.cv import Cv
from portfoliogen.content.model import CaseStudy, Page, Pitch, Profile, Service, Testimonial

# schema name -> (model, whether the file holds a list of them, the file it describes)
SCHEMAS: dict[str, tuple[type[BaseModel], bool, str]] = {
    "config": (Config, False, "config.yaml"),
    "profile": (Profile, False, "content/profile.yaml"),
    "testimonials": (Testimonial, True, "content/testimonials.yaml"),
    "services": (Service, True, "content/services.yaml"),
    "case-study": (CaseStudy, False, "front matter of content/case-studies/*.md"),
    "page": (Page, False, "front matter of content/pages/*.md"),
    "pitch": (Pitch, False, "front matter of content/pitches/*.md"),
    "cv": (Cv, False, "content/cv.yaml"),
}
SCHEMA_DIR = Path(".portfoliogen/schemas")   # inside a site: editors find them by the $schema line


def schema_file(name: str) -> str:
    return f"{name}.schema.json"


def json_schema(name: str, language_maps: bool = True) -> dict[str, Any]:
    """The JSON Schema of one file kind, YAML keys as property names,
    fields portfoliogen fills in itself left out. `language_maps`: values of
    the PER_LANGUAGE files may also be per-language maps."""
    model, is_list, described = SCHEMAS[name]
    schema = model.model_json_schema(by_alias=True, mode="validation")
    _drop_derived(schema, model)
    for definition in schema.get("$defs", {}).values():
        _drop_derived(definition, _model_named(model, definition.get("title", "")))
    if name in PER_LANGUAGE and language_maps:
        for part in (schema, *schema.get("$defs", {}).values()):
            _allow_language_maps(part)
    if is_list:
        defs = schema.pop("$defs", {})
        schema = {"type": "array", "items": schema, **({"$defs": defs} if defs else {})}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": f"portfoliogen: {described}", **schema}


# Files whose values may be per-language maps (`headline: {en: ..., pt: ...}`, content/translations.py).
PER_LANGUAGE = {"profile", "testimonials", "services", "cv"}
_LANGUAGE_KEY = {"pattern": r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$"}


def _allow_language_maps(schema: dict) -> None:
    """Each property may also be a map from language codes to its value."""
    for key, prop in schema.get("properties", {}).items():
        description = prop.pop("description", None)
        schema["properties"][key] = {
            "anyOf": [prop, {"type": "object", "propertyNames": _LANGUAGE_KEY, "minProperties": 1,
                             "additionalProperties": prop}],
            **({"description": description} if description else {})}


def _drop_derived(schema: dict, model: type[BaseModel] | None) -> None:
    if model is None or "properties" not in schema:
        return
    keys = model.user_keys()
    schema["properties"] = {k: v for k, v in schema["properties"].items() if k in keys}
    for prop in schema["properties"].values():
        prop.pop("title", None)   # "Cover Alt": noise next to the description
    if "required" in schema:
        schema["required"] = [k for k in schema["required"] if k in keys]


def _model_named(root: type[BaseModel], title: str) -> type[BaseModel] | None:
    """The nested model a $defs entry was made from (found through the field types)."""
    seen, todo = set(), [root]
    while todo:
        model = todo.pop()
        if model.__name__ == title:
            return model
        seen.add(model)
        for field in model.model_fields.values():
            for sub in _models_in(field.annotation):
                if sub not in seen:
                    todo.append(sub)
    return None


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in getattr(annotation, "__args__", ()) for m in _models_in(arg)]


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = folder / schema_file(name)
        path.write_text(json.dumps(json_schema(name), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


def schema_line(yaml_path: str, schema_dir: Path = SCHEMA_DIR) -> str:
    """The yaml-language-server comment that makes VS Code (YAML extension)
    and other editors check a file as it is typed."""
    name = {"config.yaml": "config", "content/profile.yaml": "profile",
            "content/testimonials.yaml": "testimonials", "content/services.yaml": "services",
            "content/cv.yaml": "cv"}[yaml_path]
    up = "../" * yaml_path.count("/")
    return f"# yaml-language-server: $schema={up}{schema_dir.as_posix()}/{schema_file(name)}\n"


# ---------------------------------------------------------------- the guide's field reference
def field_reference() -> str:
    """docs/guide/fields.md: every key of every file, from the same schemas."""
    out = ["# Every field\n\n",
           "<!-- Generated by `portfoliogen schema --markdown > docs/guide/fields.md`: edit the\n"
           "     descriptions in portfoliogen/content/model.py and config.py, not here. -->\n\n",
           "Which text fields take Markdown is in [Content fields](../content-fields.md).\n"]
    for name in SCHEMAS:
        schema = json_schema(name, language_maps=False)   # one row per key, not per language
        out.append(f"\n## {SCHEMAS[name][2]}\n\n")
        if name in PER_LANGUAGE:
            out.append("Any text value may also be a per-language map (`headline: {en: ..., pt: ...}`); "
                       "see [Languages](languages.md).\n\n")
        if schema.get("type") == "array":
            out.append("A list; each item has these keys.\n\n")
            schema = {**schema["items"], "$defs": schema.get("$defs", {})}
        out.append("| Key | Required | Description | Example |\n|---|---|---|---|\n")
        out.extend(_rows(schema, schema.get("$defs", {}), ""))
    return "".join(out)


def _rows(schema: dict, defs: dict, prefix: str) -> list[str]:
    rows = []
    required = set(schema.get("required", ()))
    for key, prop in schema.get("properties", {}).items():
        example = json.dumps(prop["examples"][0], ensure_ascii=False) if prop.get("examples") else ""
        rows.append(f"| `{prefix}{key}` | {'yes' if key in required else 'no'} | "
                    f"{prop.get('description', '')} | `{example}` |\n")
        nested, is_list = _nested(prop, defs)
        if nested is not None:
            rows.extend(_rows(nested, defs, f"{prefix}{key}{'[]' if is_list else ''}."))
    return rows


def _nested(prop: dict, defs: dict) -> tuple[dict | None, bool]:
    """The object schema a property holds (directly, in a list or optional)."""
    for option in [prop, *prop.get("anyOf", ())]:
        if "$ref" in option:
            return defs[option["$ref"].rsplit("/", 1)[1]], False
        items = option.get("items", {})
        if "$ref" in items:
            return defs[items["$ref"].rsplit("/", 1)[1]], True
    return None, False
