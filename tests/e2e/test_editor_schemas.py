"""JSON Schemas for editors: generated from the models, every field described,
the example site valid against them, and a new site pointing at them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from pydantic import BaseModel

from portfoliogen.content.jsonschema import (
    SCHEMA_DIR,
    SCHEMAS,
    json_schema,
    schema_file,
)
from tests.conftest import REPO, run_cli

FRONT_MATTER = {"case-study": "case-studies", "page": "pages", "pitch": "pitches"}


def as_editor_sees(value):
    """YAML dates as the text the editor shows (a JSON Schema knows no date type)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(v) for v in value]
    return value


def schema_errors(name: str, data) -> list[str]:
    validator = jsonschema.Draft202012Validator(json_schema(name))
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(as_editor_sees(data))]


def front_matter(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])


def site_documents(root: Path) -> list[tuple[str, Path, object]]:
    docs = [("config", root / "config.yaml", yaml.safe_load((root / "config.yaml").read_text(encoding="utf-8")))]
    for name in ("profile", "testimonials", "services", "cv"):
        path = root / "content" / f"{name}.yaml"
        if name == "cv" and not path.exists():   # optional: the scaffold has none
            continue
        docs.append((name, path, yaml.safe_load(path.read_text(encoding="utf-8"))))
    for name, folder in FRONT_MATTER.items():
        for path in sorted((root / "content" / folder).rglob("*.md")):
            docs.append((name, path, front_matter(path)))
    return docs


def test_the_example_site_is_valid_against_the_schemas() -> None:
    docs = site_documents(REPO)
    assert {name for name, _, _ in docs} == set(SCHEMAS)   # every schema is exercised
    problems = [f"{path.relative_to(REPO)}: {error}" for name, path, data in docs
                for error in schema_errors(name, data)]
    assert problems == []


def _models(model: type[BaseModel], seen: set) -> list[type[BaseModel]]:
    if model in seen:
        return []
    seen.add(model)
    found = [model]
    for field in model.model_fields.values():
        for arg in [field.annotation, *getattr(field.annotation, "__args__", ())]:
            for inner in [arg, *getattr(arg, "__args__", ())]:
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    found += _models(inner, seen)
    return found


def test_every_field_of_every_model_has_a_description_and_an_example() -> None:
    seen: set = set()
    models = [m for model, _, _ in SCHEMAS.values() for m in _models(model, seen)]
    assert len(models) >= 14
    missing = [f"{model.__name__}.{name}" for model in models
               for name, field in model.model_fields.items()
               if not field.exclude and not (field.description and field.examples)]
    assert missing == []
    # ... and they reach the schemas, under the YAML key (alias), derived fields left out.
    services = json_schema("services")
    price = services["$defs"]["Price"]["properties"]
    assert "from" in price and "from_" not in price
    assert set(services["items"]["properties"]) == {"id", "name", "summary", "deliverables", "timeline",
                                                   "price", "includes", "not_included"}
    for name in SCHEMAS:
        text = json.dumps(json_schema(name))
        assert "src_path" not in text and "locs" not in text and '"title": "Cover Alt"' not in text


def test_each_fields_example_is_valid() -> None:
    problems = []
    for name in SCHEMAS:
        schema = json_schema(name)
        defs = schema.get("$defs", {})
        objects = [schema.get("items", schema), *defs.values()]
        for obj in objects:
            for key, prop in obj.get("properties", {}).items():
                for example in prop.get("examples", ()):
                    sub = {**prop, "$defs": defs}
                    errors = list(jsonschema.Draft202012Validator(sub).iter_errors(example))
                    problems += [f"{name}.{key}: {example!r}: {e.message}" for e in errors]
    assert problems == []


@pytest.mark.parametrize("name, data", [
    ("config", {"title": "x", "base_url": "example.com"}),
    ("config", {"title": "x", "base_url": "https://example.com/", "base_ulr": "x"}),
    ("profile", {"name": "A", "headline": "B", "working_hours": "9 to 5"}),
    ("services", [{"id": "x", "name": "A", "summary": "B", "price": {"from": 1, "currency": "EURO"}}]),
    ("services", [{"id": "x", "name": "A", "summary": "B", "price": {"currency": "EUR", "unit": "jour"}}]),
    ("testimonials", [{"id": "Sam Client", "quote": "Q", "author": "A"}]),
    ("case-study", {"title": "T", "summary": "S", "date": "May 2024"}),
    ("pitch", {"title": "T", "prospect": "P", "token": "abc", "expires": "2025-13"}),
])
def test_the_schemas_reject_what_the_build_rejects(name: str, data) -> None:
    assert schema_errors(name, data)


def test_schema_command_writes_what_new_sites_get(tmp_path: Path) -> None:
    result = run_cli("new", str(tmp_path / "site"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    result = run_cli("schema", "--output", str(tmp_path / "schemas"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for name in SCHEMAS:
        written = json.loads((tmp_path / "schemas" / schema_file(name)).read_text(encoding="utf-8"))
        assert written == json_schema(name)
        assert (site / SCHEMA_DIR / schema_file(name)).read_bytes() == \
            (tmp_path / "schemas" / schema_file(name)).read_bytes()
    # Every scaffolded YAML file names its schema on line 1, by a path that exists.
    for rel in ("config.yaml", "content/profile.yaml", "content/testimonials.yaml", "content/services.yaml"):
        first = (site / rel).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), rel
        target = (site / rel).parent / first.split("$schema=", 1)[1]
        assert target.resolve().is_file(), rel
    problems = [f"{path.name}: {e}" for name, path, data in site_documents(site) for e in schema_errors(name, data)]
    assert problems == []
