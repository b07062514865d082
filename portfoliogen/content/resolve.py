"""Loaded content -> resolved Site: drafts and expired pitches dropped, slugs, ids and
references checked, front-matter image paths resolved, tags and the menu built."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from pathlib import Path

from portfoliogen.config import Config
from portfoliogen.content.loaders import LoadedContent, locations_of
from portfoliogen.content.media import resolve_gallery_media
from portfoliogen.content.model import CaseStudy, Model, Page, Pitch, Profile
from portfoliogen.content.site import AvailabilityView, MenuItem, Site, Tag
from portfoliogen.content.visibility import apply_visibility, inherit_visibility
from portfoliogen.content.views import content_in, language_prefixes, source_slugs, with_views
from portfoliogen.errors import ErrorCollector, Notice, SiteError, SiteErrors, closest, did_you_mean
from portfoliogen.slugs import tag_slug

# URL paths the theme owns; a free page may not take them.
RESERVED_SLUGS = {"work", "services", "testimonials", "contact", "p", "assets", "images", "cv", "resume.json",
                  "feed.xml", "sitemap.xml", "robots.txt", "404.html", "index.html", "static",
                  "search", "pagefind", "hire.json", "schemas", "llms.txt"}

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg", ".tif", ".tiff",
                  ".heic", ".heif", ".bmp"}


@dataclass(frozen=True, slots=True)
class ImageUse:
    """One place an image is used: where to point an error, and the file."""

    src: Path          # absolute path of the image source
    display: str       # the content file that uses it
    line: int
    column: int
    ref: str           # the path as written


# Every problem is collected, so the user sees all of them at once. Bodies' images come from
# their Markdown parse (render/bodies.py), not from here.
def resolve_site(content: LoadedContent, config: Config, today: dt.date,
                 keep: bool = True) -> tuple[Site, tuple[ImageUse, ...]]:
    """The site; a multilingual one is its default language's Site holding
    every language's (`views`), each resolved like a site of its own.
    `keep`: the copies made are kept for the next resolve in this process (_Reused)."""
    try:
        return _resolve_site(content, config, today)
    finally:
        if not keep:
            _RESOLVED.forget()   # (the command line builds once: its copies are not held to its end)


def _resolve_site(content: LoadedContent, config: Config, today: dt.date) -> tuple[Site, tuple[ImageUse, ...]]:
    if not config.languages:
        return _resolve_view(content, config, today)
    errors = ErrorCollector()
    views, images = [], []
    content = inherit_visibility(content)
    default_slugs = source_slugs(content)
    for lang in config.site_languages:
        try:
            view, uses = _resolve_view(content_in(content, lang, config), config.for_language(lang.code), today,
                                       lang.prefix, default_slugs, reserved=language_prefixes(config))
        except SiteErrors as err:
            errors.add(err)
            continue
        views.append(view)
        images.extend(uses)
    errors.raise_if_any()   # SiteErrors names a problem found in several languages once
    return with_views(views), tuple(dict.fromkeys(images))


def _resolve_view(content: LoadedContent, config: Config, today: dt.date, prefix: str = "/",
                  default_slugs: dict[str, str] | None = None,
                  reserved: frozenset[str] = frozenset()) -> tuple[Site, tuple[ImageUse, ...]]:
    """One language's site: its pages under `prefix`. `default_slugs`: the
    default language's slug of each translation group (ids refer to those)."""
    errors = ErrorCollector()
    images: list[ImageUse] = []
    notices: list[Notice] = []

    all_slugs = {cs.slug for cs in content.case_studies}  # drafts and private ones may still be referred to
    if default_slugs is not None:   # another language's pages refer to the default language's slugs
        all_slugs = set(default_slugs.values())
    testimonial_ids = _check_unique_ids(content.testimonials, "testimonial", errors)
    _check_blind(content, errors)
    content, hidden = apply_visibility(content, config, today)
    case_studies = [cs for cs in content.case_studies if config.drafts or not cs.draft]
    case_studies = _check_unique_slugs(case_studies, errors)
    all_slugs |= {cs.slug for cs in case_studies}   # a blind one by its public slug too
    service_ids = _check_unique_ids(content.services, "service", errors)

    profile = _resolve_profile(content.profile, config, errors, images)

    resolved_cs = [_resolve_case_study(cs, config, service_ids, testimonial_ids, errors, images, prefix,
                                       default_slugs) for cs in case_studies]
    # Full versions, shown only on pitches (render/pages.py gives them their URLs there).
    private_cs = tuple(_resolve_case_study(cs, config, service_ids, testimonial_ids, errors, images, prefix,
                                           default_slugs, public=False)
                       for cs in hidden.case_studies if config.drafts or not cs.draft)
    resolved_cs.sort(key=_RESOLVED.order)

    testimonials = []
    for t in content.testimonials:
        if t.case_study and t.case_study not in all_slugs:
            _error(errors, t, ("case_study",), f"no case study with slug '{t.case_study}'"
                                               f"{did_you_mean(t.case_study, all_slugs)}")
        paths = _resolve_images(config, t, [(("avatar",), t.avatar)], errors, images)
        testimonials.append(_RESOLVED.copy(t, ("testimonial", paths), {"image_paths": paths}))
    private_t = tuple(t.model_copy(update={"image_paths": _resolve_images(config, t, [(("avatar",), t.avatar)], errors, images)})
                      for t in hidden.testimonials)

    services = list(content.services)
    for s in content.services:
        if s.price and s.price.from_ is None and s.price.to is None:
            _error(errors, s, ("price",), "price needs 'from' (and optionally 'to')")
        elif s.price and s.price.from_ is not None and s.price.to is not None and s.price.to < s.price.from_:
            _error(errors, s, ("price", "to"), "price.to is lower than price.from")

    pages = _resolve_pages(content.pages, config, errors, images, prefix, reserved)
    pitches = []
    for pitch in content.pitches:
        if pitch.expires and pitch.expires < today:
            notices.append(Notice(pitch.src_path, f"pitch for {pitch.prospect} expired on "
                                                  f"{pitch.expires.isoformat()}, not built"))
            continue
        if pitch.proposal and pitch.proposal.valid_until < today:
            notices.append(Notice(pitch.src_path, f"proposal for {pitch.prospect} expired on "
                                                  f"{pitch.proposal.valid_until.isoformat()}, not built"))
            continue
        _check_refs(pitch, "case_studies", all_slugs, "case study", errors)
        _check_refs(pitch, "testimonials", testimonial_ids, "testimonial", errors)
        _check_refs(pitch, "services", service_ids, "service", errors)
        pitches.append(pitch.model_copy(update={"url_path": f"/p/{pitch.token}/"}))
    _check_unique_tokens(pitches, errors)
    for index, job in enumerate(content.cv.experience if content.cv else ()):
        for at, slug in enumerate(job.case_studies):
            if slug not in all_slugs:
                _error(errors, content.cv, ("experience", index, "case_studies", at),
                       f"no case study with slug '{slug}'{did_you_mean(slug, all_slugs)}")
    written = [cs.tags for cs in resolved_cs]   # (the same tuples as last time, for unchanged ones)
    _check_tag_slugs(resolved_cs, errors, written)

    errors.raise_if_any()
    tags = _build_tags(resolved_cs, prefix, "" if prefix == "/" else config.language, written)
    menu = tuple(MenuItem(p.title, p.url_path) for p in sorted(
        (p for p in pages if p.menu is not None), key=lambda p: (p.menu, p.title)))
    site = Site(
        config=config, profile=profile, case_studies=tuple(resolved_cs),
        testimonials=tuple(testimonials), services=tuple(services), pages=tuple(pages),
        pitches=tuple(pitches), tags=tags, menu=menu,
        availability=_availability(profile, today),
        static_files=content.static_files, today=today, notices=tuple(notices), cv=content.cv,
        language=config.language, prefix=prefix,
        private_case_studies=private_cs, private_testimonials=private_t, secrets=hidden.secrets,
    )
    return site, tuple(images)


# ---------------------------------------------------------------- helpers
def _error(errors: ErrorCollector, obj: Model, path: tuple, message: str) -> None:
    line, col = locations_of(obj).of(path)
    errors.add(SiteError(obj.src_path, line, col, message))


def _resolve_case_study(cs: CaseStudy, config: Config, service_ids: set[str], testimonial_ids: set[str],
                        errors: ErrorCollector, images: list[ImageUse], prefix: str = "/",
                        default_slugs: dict[str, str] | None = None, public: bool = True) -> CaseStudy:
    _check_refs(cs, "services", service_ids, "service", errors)
    _check_refs(cs, "testimonials", testimonial_ids, "testimonial", errors)
    if cs.cover and not cs.cover_alt:
        _error(errors, cs, ("cover",), "cover_alt is required when a cover is given "
                                       "(describe the image for people who cannot see it)")
    paths = _resolve_images(config, cs, [(("cover",), cs.cover), (("og_image",), cs.og_image)]
                            + [(("gallery", index, "src"), item.src) for index, item in enumerate(cs.gallery)],
                            errors, images)
    source = (default_slugs or {}).get(cs.translation_group, "") if cs.view else ""
    if not cs.gallery:   # else its videos are looked up on disk each time
        reused = _RESOLVED.reuse(cs, (prefix, public, source, paths))
        if reused is not None:
            return reused
    tag_slugs = tuple(tag_slug(t) for t in cs.tags)
    loaded = cs
    cs = cs.model_copy(update={"url_path": f"{prefix}work/{cs.slug}/" if public else ""})
    gallery = resolve_gallery_media(config, cs, errors)   # videos, checked like images
    cs = cs.model_copy(update={"tag_slugs": tag_slugs, "image_paths": paths, "source_slug": source,
                               "gallery": gallery})
    if not loaded.gallery:
        _RESOLVED.keep(loaded, (prefix, public, source, paths), cs)
    return cs


class _Reused:
    """Resolved case studies of the last resolves, by the loaded object they came from (the
    very object, ContentCache hands an unchanged file's back) and everything else their
    resolved copy is made of: the dev server resolves a thousand unchanged case studies a save,
    two model copies each. The checks that may fail, and the image paths (the disk may have
    changed), are done again every time; only the copy is reused. Testimonials, pages and the
    profile likewise: the body renderer then finds them unchanged too (render/bodies.py)."""

    KEPT = 8192

    def __init__(self) -> None:
        self._entries: dict[int, tuple] = {}
        self._orders: dict[int, tuple] = {}   # resolved case study -> its sort key (order())
        self._lock = threading.Lock()

    def reuse(self, loaded: CaseStudy, made_of: tuple) -> CaseStudy | None:
        entry = self._entries.get(id(loaded))
        if entry is not None and entry[0] is loaded and entry[1] == made_of:
            return entry[2]
        return None

    def order(self, cs: CaseStudy) -> tuple:
        """Where a resolved case study goes in the list: its own order first, then the newest."""
        found = self._orders.get(id(cs))
        if found is not None and found[0] is cs:
            return found[1]
        order = (cs.weight, -cs.date.date.toordinal(), cs.title.lower(), cs.slug)
        with self._lock:
            if len(self._orders) >= self.KEPT:
                self._orders.clear()
            self._orders[id(cs)] = (cs, order)   # holds `cs`: its id stays its own
        return order

    def copy(self, loaded: Model, made_of: tuple, update: dict) -> Model:
        """loaded.model_copy(update=update), the last one made when `made_of` (which holds what
        `update` is made of) is the same: a testimonial, a page, the profile."""
        reused = self.reuse(loaded, made_of)
        if reused is None:
            reused = loaded.model_copy(update=update)
            self.keep(loaded, made_of, reused)
        return reused

    def forget(self) -> None:
        with self._lock:
            self._entries, self._orders = {}, {}

    def keep(self, loaded: CaseStudy, made_of: tuple, resolved: CaseStudy) -> None:
        with self._lock:
            if len(self._entries) >= self.KEPT:
                self._entries.clear()   # a long session's old versions go; the next save rebuilds them
            self._entries[id(loaded)] = (loaded, made_of, resolved)   # holds `loaded`: its id stays its own


_RESOLVED = _Reused()


def _check_blind(content: LoadedContent, errors: ErrorCollector) -> None:
    """A blind item needs the words that replace who it was for."""
    for cs in content.case_studies:
        if cs.visibility == "blind" and cs.client and not cs.client_blind:
            _error(errors, cs, ("visibility",), "a blind case study (or a translation of one) with a client needs 'client_blind' "
                                                "(e.g. 'a Nordic digital bank') to name it in public")
    for t in content.testimonials:
        if t.visibility == "blind" and not (t.author_blind or t.role or t.company_blind):
            _error(errors, t, ("visibility",), f"blind testimonial '{t.id}' needs 'author_blind' "
                                               "(e.g. 'Head of Product') to name who said it")


def _check_unique_slugs(case_studies: list[CaseStudy], errors: ErrorCollector) -> list[CaseStudy]:
    seen: dict[str, CaseStudy] = {}
    for cs in case_studies:
        if cs.slug in seen:
            _error(errors, cs, ("slug",), f"slug '{cs.slug}' is already used by {seen[cs.slug].src_path}")
        else:
            seen[cs.slug] = cs
    return list(seen.values())


# The tags of the case studies, in their order, as the last check that found no clash and the last
# tag pages were made from (by prefix and language: which case studies each tag page lists, by
# position). Both are functions of these tags alone; a save that left them as they were (a body
# edit) finds them equal, and makes neither again: ~2 ms a save at 1,000 case studies.
_TAGS_CHECKED: list = [None]
_TAG_LAYOUTS: dict[tuple[str, str], tuple[list, tuple]] = {}


def _check_tag_slugs(case_studies: list[CaseStudy], errors: ErrorCollector, written: list | None = None) -> None:
    """Two tags share a page only when they differ in case alone; 'C#' and
    'C++', or 'e-commerce' and 'e commerce', would share one URL."""
    if written is not None and written == _TAGS_CHECKED[0]:
        return
    clashed = False
    first: dict[str, tuple[str, CaseStudy, int]] = {}   # slug -> (name, where it was first seen)
    normal: dict[str, str] = {}   # a tag as written -> as compared (a site writes each tag many times)
    for cs in case_studies:
        for index, (name, slug) in enumerate(zip(cs.tags, cs.tag_slugs)):
            seen = first.setdefault(slug, (name, cs, index))
            if seen[0] is name or seen[0] == name:
                continue
            for written in (seen[0], name):
                if written not in normal:
                    normal[written] = " ".join(written.casefold().split())
            if normal[seen[0]] != normal[name]:
                clashed = True
                line, col = locations_of(seen[1]).of(("tags", seen[2]))
                _error(errors, cs, ("tags", index),
                       f"tag '{name}' would share the page /work/tags/{slug}/ with tag '{seen[0]}' "
                       f"({seen[1].src_path}:{line}:{col}); write both the same way")
    if written is not None and not clashed:
        _TAGS_CHECKED[0] = written


def _check_unique_ids(items, kind: str, errors: ErrorCollector) -> set[str]:
    seen: dict[str, Model] = {}
    for item in items:
        if item.id in seen:
            first_line, _ = locations_of(seen[item.id]).of(("id",))
            _error(errors, item, ("id",), f"{kind} id '{item.id}' is already used on line {first_line}")
        seen[item.id] = item
    return set(seen)


def _check_unique_tokens(pitches: list[Pitch], errors: ErrorCollector) -> None:
    seen: dict[str, Pitch] = {}
    for pitch in pitches:
        if pitch.token in seen:
            _error(errors, pitch, ("token",), f"token is already used by {seen[pitch.token].src_path}")
        seen[pitch.token] = pitch


def _check_refs(obj: Model, field: str, known: set[str], kind: str, errors: ErrorCollector) -> None:
    for index, ident in enumerate(getattr(obj, field)):
        if ident not in known:
            _error(errors, obj, (field, index), f"no {kind} with id '{ident}'{did_you_mean(ident, known)}"
                   if kind != "case study" else
                   f"no case study with slug '{ident}'{did_you_mean(ident, known)}")


def _resolve_profile(profile: Profile, config: Config, errors: ErrorCollector,
                     images: list[ImageUse]) -> Profile:
    if profile.photo and not profile.photo_alt:
        _error(errors, profile, ("photo",), "photo_alt is required when a photo is given")
    paths = _resolve_images(config, profile, [(("photo",), profile.photo)], errors, images)
    return _RESOLVED.copy(profile, ("profile", paths), {"image_paths": paths})


def _resolve_pages(pages, config: Config, errors: ErrorCollector, images: list[ImageUse],
                   prefix: str = "/", reserved: frozenset[str] = frozenset()) -> list[Page]:
    seen: dict[str, Page] = {}
    out = []
    for page in pages:
        if page.slug in RESERVED_SLUGS or (prefix == "/" and page.slug in reserved):
            _error(errors, page, ("slug",), f"the page slug '{page.slug}' is taken by the site itself "
                                            f"(/{page.slug}/); set another 'slug:'")
            continue
        if page.slug in seen:
            _error(errors, page, ("slug",), f"slug '{page.slug}' is already used by {seen[page.slug].src_path}")
            continue
        seen[page.slug] = page
        paths = _resolve_images(config, page, [(("og_image",), page.og_image)], errors, images)
        update = {"url_path": f"{prefix}{page.slug}/", "image_paths": paths}
        out.append(_RESOLVED.copy(page, ("page", update), update))
    return out


def resolve_image_path(config: Config, owner_src_path: str, ref: str) -> Path:
    """A path relative to the content file, or from content/ (also with a
    leading '/'). Returns an absolute, symlink-free path; not checked."""
    owner_dir = (config.root / owner_src_path).parent
    candidates = []
    if ref.startswith("/"):
        candidates.append(config.content_dir / ref.lstrip("/"))
    else:
        candidates.append(owner_dir / ref)
        candidates.append(config.content_dir / ref)
    for candidate in candidates:
        if candidate.exists():
            return candidate.resolve()
    try:
        return candidates[0].resolve()
    except (RuntimeError, OSError):   # a symlink loop: check_image_path reports it
        return candidates[0].absolute()


def check_image_path(config: Config, path: Path, ref: str) -> str | None:
    """The problem with an image path, or None."""
    root = config.root.resolve()
    if not path.is_relative_to(root):
        return f"image '{ref}' is outside the project folder"
    if not path.is_file():
        if path.is_symlink():
            return f"image '{ref}' is a symbolic link that leads nowhere (or round in a loop)"
        return f"image '{ref}' not found{_similar_file(path, ref)}"
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        return f"'{ref}' is not an image file (use JPEG, PNG, WebP, AVIF, GIF, SVG, TIFF or HEIC)"
    return None


def _resolve_images(config: Config, obj: Model, refs: list[tuple[tuple, str | None]],
                    errors: ErrorCollector, images: list[ImageUse]) -> dict[str, Path]:
    """Resolve and check the image paths a file's front matter names, each
    (key path, path as written). Returns {path as written: file}, kept on
    the document (image_paths) so no later stage resolves them again."""
    found: dict[str, Path] = {}
    for path, ref in refs:
        if not ref:
            continue
        line, col = locations_of(obj).of(path)
        src = found.get(ref)
        if src is None:
            src = resolve_image_path(config, obj.src_path, ref)
            problem = check_image_path(config, src, ref)
            if problem:
                errors.add(SiteError(obj.src_path, line, col, problem))
                continue
            found[ref] = src
        images.append(ImageUse(src, obj.src_path, line, col, ref))
    return found


def _similar_file(path: Path, ref: str) -> str:
    """' (did you mean 'img/cover.jpg'?)' for a file beside the missing one
    whose name differs by case or a typo."""
    try:
        names = [p.name for p in path.parent.iterdir() if p.is_file()]
    except OSError:
        return ""
    match = closest(path.name, names)
    if match is None:
        return ""
    head, _, _ = ref.rpartition("/")
    return f" (did you mean '{head + '/' if head else ''}{match}'?)"


def _build_tags(case_studies: list[CaseStudy], prefix: str = "/", view: str = "",
                written: list | None = None) -> tuple[Tag, ...]:
    written = [cs.tags for cs in case_studies] if written is None else written
    last = _TAG_LAYOUTS.get((prefix, view))
    if last is not None and last[0] == written:
        layout = last[1]
    else:
        layout = _tag_layout(case_studies, prefix)
        if len(_TAG_LAYOUTS) > 16:
            _TAG_LAYOUTS.clear()
        _TAG_LAYOUTS[(prefix, view)] = (written, layout)
    return tuple(Tag(name, slug, url_path, tuple(case_studies[i] for i in members), view)
                 for name, slug, url_path, members in layout)


def _tag_layout(case_studies: list[CaseStudy], prefix: str) -> tuple[tuple[str, str, str, tuple[int, ...]], ...]:
    """Each tag page: (name, slug, URL path, positions of its case studies), the biggest first."""
    names: dict[str, str] = {}
    members: dict[str, list[int]] = {}
    for position, cs in enumerate(case_studies):
        for name, slug in zip(cs.tags, cs.tag_slugs):
            names.setdefault(slug, name)
            group = members.setdefault(slug, [])
            if not group or group[-1] != position:  # a tag written twice on one case study
                group.append(position)
    return tuple((names[s], s, f"{prefix}work/tags/{s}/", tuple(members[s]))
                 for s in sorted(names, key=lambda s: (-len(members[s]), s)))


def _availability(profile: Profile, today: dt.date) -> AvailabilityView | None:
    a = profile.availability
    if a is None:
        return None
    start = a.from_.date if a.from_ else None
    future = start is not None and start > today
    stale = start is not None and start < today
    # The label is written per page language by the theme (i18n.availability_label).
    return AvailabilityView(a.status, start if future else None, not future, stale, a.note)
