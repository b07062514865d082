"""One load_* per content kind: file -> model object(s), or SiteErrors.
Every loader reports all the problems it finds in its files."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from portfoliogen.config import Config
from portfoliogen.content.cv import Cv
from portfoliogen.content.frontmatter import split_front_matter
from portfoliogen.content.model import (
    CaseStudy,
    Model,
    Page,
    Pitch,
    Profile,
    Service,
    Testimonial,
)
from portfoliogen.content.sources import check_source, entry_kind, list_files
from portfoliogen.errors import ErrorCollector, SiteError, SiteErrors
from portfoliogen.fsutil import stat_of
from portfoliogen.schema.fields import slugify
from portfoliogen.schema.validate import validate_model
from portfoliogen.schema.yamlfile import Locations, decode_text, load_yaml, read_bytes

M = TypeVar("M", bound=Model)


@dataclass(frozen=True, slots=True)
class LoadedContent:
    profile: Profile
    case_studies: tuple[CaseStudy, ...]
    testimonials: tuple[Testimonial, ...]
    services: tuple[Service, ...]
    pages: tuple[Page, ...]
    pitches: tuple[Pitch, ...]
    static_files: tuple[Path, ...]   # absolute paths under content/static/
    cv: Cv | None = None             # content/cv.yaml, when there is one


def is_content_file(path: Path) -> bool:
    """Skip hidden files, editor backups and swap files."""
    name = path.name
    return not (name.startswith((".", "_", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp")))


class _NoCache:
    """Stands in for build.state.ContentCache when caching is off."""

    def by_stat(self, src: str, stat):
        return None

    def get(self, src: str, data: bytes):
        return "", None

    def put(self, src: str, digest: str, obj, stat=None) -> None:
        pass


def _cached(cache, path: Path, display: str, parse):
    """parse(text) for the file, or the object parsed from it last time
    (the same stat: not even read; the same bytes: read, not parsed)."""
    stat = stat_of(path)   # before reading: a change while we read shows next time
    hit = cache.by_stat(display, stat)
    if hit is not None:
        return hit
    data = read_bytes(path, display)
    digest, hit = cache.get(display, data)
    if hit is None:
        hit = parse(decode_text(data, display))
    cache.put(display, digest, hit, stat)
    return hit


def load_content(config: Config, cache=None) -> LoadedContent:
    cache = cache or _NoCache()
    errors = ErrorCollector()

    def attempt(load, default):
        try:
            return load()
        except (SiteError, SiteErrors) as err:
            errors.add(err)
            return default

    content = config.content_dir
    real = check_source(content, config.root)
    if real is None or not real.is_dir():
        raise SiteError(config.display(content), None, None, "no content/ folder next to config.yaml")
    profile = attempt(lambda: load_profile(config, cache), None)
    case_studies = attempt(lambda: load_markdown_folder(config, "case-studies", CaseStudy, errors, cache,
                                                        bundles=True), ())
    testimonials = attempt(lambda: load_yaml_list(config, "testimonials.yaml", Testimonial, cache), ())
    services = attempt(lambda: load_yaml_list(config, "services.yaml", Service, cache), ())
    pages = attempt(lambda: load_markdown_folder(config, "pages", Page, errors, cache), ())
    pitches = attempt(lambda: load_markdown_folder(config, "pitches", Pitch, errors, cache), ())
    static_dir = content / "static"
    static_files = tuple(list_files(static_dir, config.root, errors)) if os.path.lexists(static_dir) else ()
    cv = attempt(lambda: load_cv(config, cache), None)
    errors.raise_if_any()
    return LoadedContent(profile, case_studies, testimonials, services, pages, pitches, static_files, cv)


def load_cv(config: Config, cache=None) -> Cv | None:
    """content/cv.yaml: optional; an empty file is an empty CV."""
    path = config.content_dir / "cv.yaml"
    display = config.display(path)
    if not _is_project_file(config, path):
        return None

    def parse(text: str) -> Cv:
        data, locs = load_yaml(text, display)
        return validate_model(Cv, data or {}, locs, display, extra={"src_path": display, "locs": locs})

    return _cached(cache or _NoCache(), path, display, parse)


def load_profile(config: Config, cache=None) -> Profile:
    path = config.content_dir / "profile.yaml"
    display = config.display(path)
    if not _is_project_file(config, path):
        raise SiteError(display, None, None, "missing: every site needs content/profile.yaml with at least "
                                             "'name' and 'headline'")

    def parse(text: str) -> Profile:
        data, locs = load_yaml(text, display)
        return validate_model(Profile, data, locs, display, extra={"src_path": display, "locs": locs})

    return _cached(cache or _NoCache(), path, display, parse)


def load_yaml_list(config: Config, name: str, cls: type[M], cache=None) -> tuple[M, ...]:
    """testimonials.yaml / services.yaml: an optional file holding a list."""
    path = config.content_dir / name
    display = config.display(path)
    if not _is_project_file(config, path):
        return ()

    def parse(text: str) -> tuple[M, ...]:
        data, locs = load_yaml(text, display)
        if data is None:
            return ()
        if not isinstance(data, list):
            line, col = locs.of(())
            raise SiteError(display, line, col, f"{name} must be a list of entries, each starting with '- '")
        items, errors = [], ErrorCollector()
        for index, item in enumerate(data):
            try:
                items.append(validate_model(cls, item, locs, display, prefix=(index,),
                                            extra={"src_path": display, "locs": locs.sub((index,))}))
            except SiteErrors as err:
                errors.add(err)
        errors.raise_if_any()
        return tuple(items)

    return _cached(cache or _NoCache(), path, display, parse)


def load_markdown_folder(config: Config, folder: str, cls: type[M], errors: ErrorCollector,
                         cache=None, bundles: bool = False) -> tuple[M, ...]:
    """Every `*.md` in content/<folder>/ (and `*/index.md` bundles)."""
    root = config.content_dir / folder
    real = check_source(root, config.root)
    if real is None or not real.is_dir():
        return ()
    files = []
    for entry in sorted(root.iterdir()):
        if not is_content_file(entry):
            continue
        try:
            if entry.suffix.lower() == ".md" and _is_project_file(config, entry):
                files.append((entry, entry.stem))
            elif bundles and entry.is_dir() and entry_kind(entry, config.root) == "dir" \
                    and _is_project_file(config, entry / "index.md"):
                files.append((entry / "index.md", entry.name))   # other entries are never read
        except SiteError as err:
            errors.add(err)
    items = []
    for path, name in files:
        try:
            items.append(load_markdown_file(config, path, name, cls, cache))
        except (SiteError, SiteErrors) as err:
            errors.add(err)
    return tuple(items)


def _is_project_file(config: Config, path: Path) -> bool:
    """True for a regular file inside the project; False if there is none.
    Raises SiteError for a link out of the project or a special file."""
    return entry_kind(path, config.root) == "file"


def load_markdown_file(config: Config, path: Path, name: str, cls: type[M], cache=None) -> M:
    display = config.display(path)

    def parse(text: str) -> M:
        split = split_front_matter(text, display)
        data, locs = load_yaml(split.front_matter, display, line_offset=split.front_matter_line - 1)
        if data is None:
            data = {}
        extra = {"src_path": display, "body": split.body, "body_line": split.body_line, "locs": locs}
        if "slug" in cls.model_fields and not (isinstance(data, dict) and "slug" in data):
            extra["slug"] = slugify(name) or "untitled"
        return validate_model(cls, data, locs, display, extra=extra)

    return _cached(cache or _NoCache(), path, display, parse)


def locations_of(obj: Model) -> Locations:
    return obj.locs if isinstance(obj.locs, Locations) else Locations()
