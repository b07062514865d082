"""`portfoliogen import resume.json`: a JSON Resume file -> content/profile.yaml and content/cv.yaml,
validated as a whole first (one line per invalid field, at its place in the JSON), then both written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from portfoliogen.content.cv import Cv
from portfoliogen.content.model import Profile
from portfoliogen.errors import SiteError, SiteErrors
from portfoliogen.fsutil import write_atomic
from portfoliogen.schema.validate import validate_model
from portfoliogen.schema.yamlfile import Locations, load_yaml, read_text

NOT_IMPORTED = {"projects": "write them as case studies", "references": "add them to testimonials.yaml",
                "interests": "not part of a portfoliogen CV"}


class _Target:
    """A YAML document being built, with where in the JSON each value came from."""

    def __init__(self, source_locs: Locations):
        self.data: dict[str, Any] = {}
        self.values: dict[tuple, tuple[int, int]] = {}
        self.source = source_locs

    def put(self, path: tuple, value: Any, source: tuple) -> None:
        if value in (None, "", [], {}):
            return
        node = self.data
        for part in path[:-1]:
            node = node.setdefault(part, {}) if isinstance(part, str) else node[part]
        node[path[-1]] = value
        self.values[path] = self.source.of(source)
        for depth in range(1, len(path)):
            self.values.setdefault(path[:depth], self.source.of(source[:depth]))

    def locations(self) -> Locations:
        return Locations(self.values)


def _text(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _dates(out: _Target, target: tuple, item: dict, source: tuple, start: str = "start") -> None:
    for json_key, key in (("startDate", start), ("endDate", "end")):
        out.put(target + (key,), _text(item.get(json_key)), source + (json_key,))


def import_resume(resume_path: Path, content_dir: Path, display: str) -> tuple[list[Path], list[str]]:
    """Write profile.yaml and cv.yaml from the JSON Resume at `resume_path`. Returns the files
    written and notes on what was left out. Raises SiteErrors and writes nothing when a field is invalid."""
    text = read_text(resume_path, display)
    try:
        resume = json.loads(text)
    except json.JSONDecodeError as err:
        raise SiteError(display, err.lineno, err.colno, f"not valid JSON: {err.msg}") from None
    if not isinstance(resume, dict):
        raise SiteError(display, 1, 1, "a JSON Resume is an object with 'basics', 'work', ...")
    _, locs = load_yaml(text, display)   # JSON is YAML: the same positions for messages
    profile_path, cv_path = content_dir / "profile.yaml", content_dir / "cv.yaml"
    existing = _existing(profile_path)
    profile, cv = _profile(resume, locs, existing), _cv(resume, locs)
    errors: list[SiteError] = []
    for cls, target in ((Profile, profile), (Cv, cv)):
        try:
            validate_model(cls, target.data, target.locations(), display)
        except SiteErrors as err:
            errors.extend(err.errors)
    if errors:
        raise SiteErrors(errors)
    outputs = {profile_path: _yaml(profile.data), cv_path: _yaml(cv.data)}
    for path, data in outputs.items():   # both validated: now write, each file atomically
        write_atomic(path, data)
    notes = [f"{key}: not imported ({why})" for key, why in NOT_IMPORTED.items() if resume.get(key)]
    if (resume.get("basics") or {}).get("image"):
        notes.append("basics.image: not imported (put your photo in content/images/ and set 'photo')")
    return list(outputs), notes


def _existing(path: Path) -> dict:
    """The profile.yaml there now: the keys a JSON Resume has no place for are kept."""
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def _profile(resume: dict, locs: Locations, existing: dict) -> _Target:
    basics = resume.get("basics") or {}
    out = _Target(locs)
    out.data.update({k: v for k, v in existing.items() if k not in ("name", "headline", "bio", "location", "links")})
    source = ("basics",)
    out.put(("name",), _text(basics.get("name")) or existing.get("name"), source + ("name",))
    out.put(("headline",), _text(basics.get("label")) or existing.get("headline"), source + ("label",))
    out.put(("bio",), _text(basics.get("summary")) or existing.get("bio"), source + ("summary",))
    place = basics.get("location") or {}
    where = ", ".join(p for p in (_text(place.get("city")), _text(place.get("region"))) if p)
    out.put(("location",), where or existing.get("location"), source + ("location",))
    if place.get("countryCode"):
        out.put(("country",), str(place["countryCode"]).upper(), source + ("location", "countryCode"))
    for index, item in enumerate(basics.get("profiles") or []):
        at = source + ("profiles", index)
        out.data.setdefault("links", [])
        out.data["links"].append({})
        out.put(("links", index, "label"), _text(item.get("network")) or _text(item.get("username")), at + ("network",))
        out.put(("links", index, "url"), _text(item.get("url")), at + ("url",))
    if "links" not in out.data and existing.get("links"):
        out.data["links"] = existing["links"]
    return out


def _cv(resume: dict, locs: Locations) -> _Target:
    out = _Target(locs)
    out.put(("summary",), _text((resume.get("basics") or {}).get("summary")), ("basics", "summary"))
    jobs = [("work", i, item, ()) for i, item in enumerate(resume.get("work") or [])]
    jobs += [("volunteer", i, item, ("volunteer",)) for i, item in enumerate(resume.get("volunteer") or [])]
    for index, (section, at, item, tags) in enumerate(jobs):
        src = (section, at)
        out.data.setdefault("experience", []).append({})
        tgt = ("experience", index)
        out.put(tgt + ("role",), _text(item.get("position")), src + ("position",))
        out.put(tgt + ("organisation",), _text(item.get("name") or item.get("organization")),
                src + ("name" if "name" in item else "organization",))
        _dates(out, tgt, item, src)
        for key in ("location", "url", "summary"):
            out.put(tgt + (key,), _text(item.get(key)), src + (key,))
        out.put(tgt + ("highlights",), item.get("highlights"), src + ("highlights",))
        out.put(tgt + ("tags",), list(tags), src)
    for index, item in enumerate(resume.get("education") or []):
        src, tgt = ("education", index), ("education", index)
        out.data.setdefault("education", []).append({})
        out.put(tgt + ("institution",), _text(item.get("institution")), src + ("institution",))
        degree = " ".join(p for p in (_text(item.get("studyType")), _text(item.get("area"))) if p)
        out.put(tgt + ("degree",), degree, src + ("studyType" if item.get("studyType") else "area",))
        out.put(tgt + ("url",), _text(item.get("url")), src + ("url",))
        _dates(out, tgt, item, src)
    credits = (("certificates", "certifications", "name", "issuer", "date"),
               ("publications", "publications", "name", "publisher", "releaseDate"),
               ("awards", "awards", "title", "awarder", "date"))
    for section, target, title, by, date in credits:
        for index, item in enumerate(resume.get(section) or []):
            src, tgt = (section, index), (target, index)
            out.data.setdefault(target, []).append({})
            out.put(tgt + ("title",), _text(item.get(title)), src + (title,))
            out.put(tgt + ("by",), _text(item.get(by)), src + (by,))
            out.put(tgt + ("date",), _text(item.get(date)), src + (date,))
            for key in ("url", "summary"):
                out.put(tgt + (key,), _text(item.get(key)), src + (key,))
    for index, item in enumerate(resume.get("languages") or []):
        src, tgt = ("languages", index), ("languages", index)
        out.data.setdefault("languages", []).append({})
        out.put(tgt + ("language",), _text(item.get("language")), src + ("language",))
        out.put(tgt + ("level",), _text(item.get("fluency")), src + ("fluency",))
    for index, item in enumerate(resume.get("skills") or []):
        src, tgt = ("skills", index), ("skills", index)
        out.data.setdefault("skills", []).append({})
        out.put(tgt + ("name",), _text(item.get("name")), src + ("name",))
        out.put(tgt + ("skills",), item.get("keywords") or [_text(item.get("name"))], src + ("keywords",))
        out.put(tgt + ("level",), _text(item.get("level")), src + ("level",))
    return out


def _yaml(data: dict) -> str:
    return ("# Imported from a JSON Resume by `portfoliogen import`; edit freely.\n"
            + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))
