"""One load_* per content kind: file -> model object(s), or SiteErrors.
Every loader reports all the problems it finds in its files."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
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
from portfoliogen.content.sources import check_source, entry_kind, list_files, split_language
from portfoliogen.content.translations import in_language
from portfoliogen.errors import ErrorCollector, SiteError, SiteErrors
from portfoliogen.fsutil import stat_of
from portfoliogen.schema.validate import validate_model
from portfoliogen.schema.yamlfile import Locations, decode_text, load_yaml, read_bytes
from portfoliogen.slugs import slugify

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
    # The other languages' YAML content: {code: (profile, testimonials, services, cv)}
    localized: dict = field(default_factory=dict)
    cv: Cv | None = None             # content/cv.yaml, when there is one


def is_content_file(path: Path) -> bool:
    """Skip hidden files, editor backups and swap files."""
    return is_content_file_name(path.name)


def is_content_file_name(name: str) -> bool:
    return not (name.startswith((".", "_", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp")))


class _NoCache:
    """Stands in for build.state.ContentCache when caching is off."""

    def by_stat(self, src: str, stat):
        return None

    def get(self, src: str, data: bytes):
        return "", None

    def put(self, src: str, digest: str, obj, stat=None) -> None:
        pass


def _cached(cache, path: Path, display: str, parse, key: str | None = None):
    """parse(text) for the file, or the object parsed from it last time
    (the same stat: not even read; the same bytes: read, not parsed).
    `key`: what the parse is cached under, when more than the file decides it."""
    key = key or display
    stat = stat_of(path)   # before reading: a change while we read shows next time
    hit = cache.by_stat(key, stat)
    if hit is not None:
        return hit
    data = read_bytes(Path(path), display)
    digest, hit = cache.get(key, data)
    if hit is None:
        hit = parse(decode_text(data, display))
    cache.put(key, digest, hit, stat)
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
    profiles = attempt(lambda: load_profile(config, cache, every_language=True), {})
    profile = profiles.get(config.language)
    case_studies = attempt(lambda: load_markdown_folder(config, "case-studies", CaseStudy, errors, cache,
                                                        bundles=True), ())
    testimonials = attempt(lambda: load_yaml_list(config, "testimonials.yaml", Testimonial, cache,
                                                  every_language=True), {})
    services = attempt(lambda: load_yaml_list(config, "services.yaml", Service, cache, every_language=True), {})
    pages = attempt(lambda: load_markdown_folder(config, "pages", Page, errors, cache), ())
    pitches = attempt(lambda: load_markdown_folder(config, "pitches", Pitch, errors, cache), ())
    static_dir = content / "static"
    static_files = tuple(list_files(static_dir, config.root, errors)) if os.path.lexists(static_dir) else ()
    cvs = attempt(lambda: load_cv(config, cache, every_language=True), {})
    errors.raise_if_any()
    default = config.language
    localized = {code: (profiles.get(code), testimonials.get(code, ()), services.get(code, ()), cvs.get(code))
                 for code in _codes(config)[1:]}
    return LoadedContent(profile, case_studies, testimonials.get(default, ()), services.get(default, ()),
                         pages, pitches, static_files, localized, cvs.get(default))


def load_cv(config: Config, cache=None, every_language: bool = False):
    """content/cv.yaml: optional; an empty file is an empty CV. Its values may be
    per-language maps like profile.yaml's; with every_language, {code: the CV in that language}."""
    path = config.content_dir / "cv.yaml"
    display = config.display(path)
    if not _is_project_file(config, path):
        return {} if every_language else None

    def parse(text: str):
        data, locs = load_yaml(text, display)
        return _views(config, data or {}, locs, display, lambda d, view, _picked: validate_model(
            Cv, d or {}, locs, display, extra={"src_path": display, "locs": locs, "view": view}))

    views = _cached(cache or _NoCache(), path, display, parse, _cache_key(config, display))
    views = views if config.languages else {config.language: views}
    return views if every_language else views[config.language]


def _codes(config: Config) -> tuple[str, ...]:
    """The site's languages, the default first."""
    return tuple(lang.code for lang in config.site_languages)


def _cache_key(config: Config, display: str) -> str:
    """A YAML file's parse depends on the site's languages (its per-language maps)."""
    return display if not config.languages else \
        f"{display}#{','.join(f'{alias}={code}' for alias, code in config.language_aliases.items())}"


def _views(config: Config, data, locs: Locations, display: str, make):
    """{code: make(data in that language, view, picked paths)} for every
    language of a multilingual site; make(data, "", set()) for a site in one."""
    if not config.languages:
        return make(data, "", set())
    codes = _codes(config)
    out = {}
    for code in codes:
        picked: set = set()
        localized = in_language(data, code, config.language_aliases, locs, display, picked=picked) \
            if config.languages else data
        out[code] = make(localized, "" if code == codes[0] else code, picked)
    return out


def load_profile(config: Config, cache=None, every_language: bool = False):
    """The profile; with every_language, {code: the profile in that language}."""
    path = config.content_dir / "profile.yaml"
    display = config.display(path)
    if not _is_project_file(config, path):
        raise SiteError(display, None, None, "missing: every site needs content/profile.yaml with at least "
                                             "'name' and 'headline'")

    def parse(text: str) -> dict:
        data, locs = load_yaml(text, display)
        return _views(config, data, locs, display, lambda d, view, _picked: validate_model(
            Profile, d, locs, display, extra={"src_path": display, "locs": locs, "view": view}))

    views = _cached(cache or _NoCache(), path, display, parse, _cache_key(config, display))
    views = views if config.languages else {config.language: views}
    return views if every_language else views[config.language]


def load_yaml_list(config: Config, name: str, cls: type[M], cache=None, every_language: bool = False):
    """testimonials.yaml / services.yaml: an optional file holding a list;
    with every_language, {code: the list in that language}."""
    path = config.content_dir / name
    display = config.display(path)
    if not _is_project_file(config, path):
        return {} if every_language else ()

    def parse(text: str) -> dict:
        data, locs = load_yaml(text, display)
        if data is None:
            return {code: () for code in _codes(config)} if config.languages else ()
        if not isinstance(data, list):
            line, col = locs.of(())
            raise SiteError(display, line, col, f"{name} must be a list of entries, each starting with '- '")
        return _views(config, data, locs, display, lambda d, view, picked: _list_items(
            config, cls, d, locs, display, view, picked))

    views = _cached(cache or _NoCache(), path, display, parse, _cache_key(config, display))
    views = views if config.languages else {config.language: views}
    return views if every_language else views[config.language]


def _list_items(config: Config, cls: type[M], data: list, locs: Locations, display: str,
                view: str, picked: set) -> tuple[M, ...]:
    items, errors = [], ErrorCollector()
    for index, item in enumerate(data):
        extra = {"src_path": display, "locs": locs.sub((index,)), "view": view}
        if cls is Testimonial and isinstance(item, dict):
            extra["quote_lang"] = _quote_language(config, item, view, (index, "quote") in picked)
        try:
            items.append(validate_model(cls, item, locs, display, prefix=(index,), extra=extra))
        except SiteErrors as err:
            errors.add(err)
    errors.raise_if_any()
    return tuple(items)


def _quote_language(config: Config, item: dict, view: str, translated: bool) -> str:
    """The language a testimonial's quote is shown in, when it is not the
    page's: a quote stays as it was given unless translated for the page."""
    page = view or config.language
    written = page if translated else (item.get("language") or config.language)
    return "" if not isinstance(written, str) or written.lower() == page.lower() else written


def load_markdown_folder(config: Config, folder: str, cls: type[M], errors: ErrorCollector,
                         cache=None, bundles: bool = False) -> tuple[M, ...]:
    """Every `*.md` in content/<folder>/ (and `*/index.md` bundles)."""
    root = config.content_dir / folder
    real = check_source(root, config.root)
    if real is None or not real.is_dir():
        return ()
    aliases = config.language_aliases if config.languages else {}
    # A plain file's display path is its folder's and its name: resolving each of a thousand files
    # (config.display) was half of a dev-server save. Links still go through display().
    shown_folder = config.display(root)
    files = []
    with os.scandir(root) as listing:
        entries = sorted(listing, key=lambda e: e.name)
    if len(_PLAIN_NAMES) > 64:
        _PLAIN_NAMES.clear()   # (tests make many sites in one process)
    plain = _PLAIN_NAMES.setdefault((shown_folder, tuple(sorted(aliases.items()))), {})
    for found in entries:
        name = found.name
        known = plain.get(name)
        if known is not None and found.is_file(follow_symlinks=False):
            files.append((found.path, *known))
            continue
        if not is_content_file_name(name):
            continue
        stem, suffix = os.path.splitext(name)
        try:
            if suffix.lower() == ".md" and found.is_file(follow_symlinks=False):
                # a path string: making a thousand Path objects was a third of loading them
                known = plain[name] = (*split_language(stem, aliases), _joined(shown_folder, name))
                files.append((found.path, *known))
                continue
            entry = root / name
            if suffix.lower() == ".md" and _is_project_file(config, entry):
                files.append((entry, *split_language(entry.stem, aliases), None))
            elif bundles and found.is_dir() and entry_kind(entry, config.root) == "dir":
                # index.md, and its translations index.<code>.md sharing the bundle's images
                for name in ("index", *(f"index.{alias}" for alias in aliases)):
                    if _is_project_file(config, entry / f"{name}.md"):
                        files.append((entry / f"{name}.md", entry.name, split_language(name, aliases)[1], None))
        except SiteError as err:
            errors.add(err)
    items = []
    for path, name, language, display in files:
        if display is not None:   # a plain file: an unchanged one as load_markdown_file would find it, sooner
            hit = (cache or _NoCache()).by_stat(_cache_key(config, display), stat_of(path))
            if hit is not None:
                items.append(hit)
                continue
        view = "" if language in (None, config.language) else language
        try:
            items.append(load_markdown_file(config, path, name, cls, cache, view=view, group=f"{folder}:",
                                            display=display))
        except (SiteError, SiteErrors) as err:
            errors.add(err)
    return tuple(items)


# What a plain Markdown file's name says (its name and language, and its display path), by folder
# and name: worked out once, not for each of a thousand files every save. A pure function of both.
_PLAIN_NAMES: dict[tuple, dict[str, tuple[str, str | None, str]]] = {}


def _joined(folder: str, name: str) -> str:
    """config.display() of a file that is no link, in a folder shown as `folder`."""
    return name if folder == "." else f"{folder}/{name}"


def _is_project_file(config: Config, path: Path) -> bool:
    """True for a regular file inside the project; False if there is none.
    Raises SiteError for a link out of the project or a special file."""
    return entry_kind(path, config.root) == "file"


def load_markdown_file(config: Config, path: Path | str, name: str, cls: type[M], cache=None,
                       view: str = "", group: str = "", display: str | None = None) -> M:
    """`view`: the file's language when not the default; `group`: the folder's
    prefix of translation groups (the key or the file name completes it);
    `display`: config.display(path), when the caller knows it."""
    display = display or config.display(path)

    def parse(text: str) -> M:
        split = split_front_matter(text, display)
        data, locs = load_yaml(split.front_matter, display, line_offset=split.front_matter_line - 1)
        if data is None:
            data = {}
        extra = {"src_path": display, "body": split.body, "body_line": split.body_line, "locs": locs}
        if "translation_group" in cls.model_fields:
            key = data.get("translation_key") if isinstance(data, dict) else None
            extra.update(view=view, translation_group=group + (key if isinstance(key, str) else name))
        if "slug" in cls.model_fields and not (isinstance(data, dict) and "slug" in data):
            extra["slug"] = slugify(name) or "untitled"
        return validate_model(cls, data, locs, display, extra=extra)

    return _cached(cache or _NoCache(), path, display, parse, _cache_key(config, display))


def locations_of(obj: Model) -> Locations:
    return obj.locs if isinstance(obj.locs, Locations) else Locations()
