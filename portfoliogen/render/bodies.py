"""Every Markdown field of the site (bodies, bio, quotes) parsed once, its images handed
to the image pipeline, then rendered: resolved Site -> Site ready for the templates."""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any

from markupsafe import Markup

from portfoliogen import parallel
from portfoliogen.content.model import Model
from portfoliogen.content.resolve import ImageUse, check_image_path, resolve_image_path
from portfoliogen.content.site import Site
from portfoliogen.errors import ErrorCollector, SiteError, SiteErrors
from portfoliogen.fsutil import digest
from portfoliogen.images.html import picture_html
from portfoliogen.render.markdown import (
    LinkProblem,
    MarkdownRenderer,
    image_position,
    insert_pictures,
    line_of,
)
from portfoliogen.render.stored import StoredHtml
from portfoliogen.urls import base_path_of

_MARKDOWN: dict[bool, MarkdownRenderer] = {}


def _markdown(raw_html: bool) -> MarkdownRenderer:
    """One per process and raw-HTML policy: building Python-Markdown is slow."""
    if raw_html not in _MARKDOWN:
        _MARKDOWN[raw_html] = MarkdownRenderer(raw_html)
    return _MARKDOWN[raw_html]


def prepare_markdown(raw_html: bool, stop: Callable[[], bool] = lambda: False) -> None:
    """Build this process's Markdown instances (~10-25 ms each) before a body needs one: the dev
    server's start-up build parses in forked workers, or nothing at all on a warm start."""
    markdown = _markdown(raw_html)
    for parse, text in ((markdown.parse, "x"), (markdown.parse, "# x"), (markdown.inline, "x")):
        if stop():
            return
        parse(text, lambda href: href)


class PicturedHtml(StoredHtml):
    """A stored body with its image markers filled in when read. Its repr
    names the pictures too, so a page is rendered again when they change."""

    __slots__ = ("pictures",)

    def __init__(self, path: str, digest_: str, size: int, pictures: tuple[str, ...]):
        super().__init__(path, digest_, size)
        self.pictures = pictures

    def text(self) -> str:
        return insert_pictures(super().text(), self.pictures)

    def __repr__(self) -> str:
        return f"StoredHtml({self.digest!r}, {digest(repr(self.pictures))!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PicturedHtml) and repr(other) == repr(self)

    def __hash__(self) -> int:
        return hash(repr(self))

    def __reduce__(self):
        return PicturedHtml, (self.path, self.digest, self.size, self.pictures)


# A field's key digests its whole text: ~15 ms a save at 1,000 case studies, for texts that
# hardly ever changed. The last parse's keys are kept by what they digest (a pure function, so
# any build may use them); an unchanged text is the very string loaded last time (ContentCache),
# so finding it costs no pass over the text.
_LAST_KEYS: dict[tuple, str] = {}
# Likewise a rendered case study, testimonial, page or profile (a model copy with its Markdown and
# images attached), by the resolved one it was made from (the very object: resolve.py hands an
# unchanged case study back, ContentCache the YAML files' items) and what was attached: the
# text's stored HTML (by its key and the store's folder: files unused by a build are deleted) and
# the processed images. Each entry holds its resolved object, so its id is its own.
_LAST_RENDERED: dict[int, tuple] = {}

# (owner, text, line of its first line, inline Markdown?, read lazily?)
Field = tuple[Model, str, int, bool, bool]


# A parse is cached by everything it depends on (the text, where it lives, the URLs of the files
# it may link to, the base URL's path, the raw-HTML policy), so an unchanged body is never parsed
# twice. Links in bodies are root-relative (Urls.url): the host is not part of the key, so `serve`
# (http://127.0.0.1:8000/) and `build` (https://you.example/) share their parses.
# The parse holds a marker for each image; the processed image's HTML is put in when the body is
# printed, so a body follows its images' pixels without being parsed again.
class BodyRenderer:
    def __init__(self, site: Site, url: Callable[[str], str], store: Any, keep: bool = True):
        """`store`: build/htmlstore.DiskStore (the build cache) or stored.MemoryStore. `keep`:
        this build's keys and rendered copies are kept for the next one in this process."""
        self.site = site
        self.config = site.config
        self.url = url
        self.raw_html = self.config.markdown.raw_html
        self.store = store
        self.used: set[str] = set()   # keys this build used, saved for the next
        self.errors = ErrorCollector()
        self.content_urls = _link_targets(site)   # {view: {source path: url path}}
        self._contexts = {view: _context(view, urls, base_path_of(self.config.base_url), self.raw_html)
                          for view, urls in self.content_urls.items()}
        self._sources: dict[tuple[str, str], Path] = {}   # (owner, src as written) -> image file
        self._missing: list = []
        self._keys: dict[tuple, str] = {}   # this build's keys, by what they digest
        self._rendered: dict[int, tuple] = {}   # this build's rendered copies (_LAST_RENDERED)
        self._keep = keep
        self._store = (type(store), str(getattr(store, "folder", "")))   # where a key's HTML is

    def fields(self) -> list[Field]:
        out: list[Field] = []
        for s in self.site.all_views:
            out += ([(cs, cs.body, cs.body_line, False, True) for cs in (*s.case_studies, *s.private_case_studies)]
                    + [(p, p.body, p.body_line, False, True) for p in (*s.pages, *s.pitches)]
                    + [(t, t.quote, 1, True, False) for t in (*s.testimonials, *s.private_testimonials)]
                    + [(s.profile, s.profile.bio or "", 1, False, False)])
        return out

    def key(self, owner: Model, text: str, first_line: int, inline: bool) -> str:
        parts = (self._contexts[owner.view], owner.src_path, first_line, inline, text)
        found = self._keys.get(parts) or _LAST_KEYS.get(parts)
        if found is None:
            found = digest(f"{parts[0]}|{parts[1]}|{first_line}|{inline}|{text}")
        self._keys[parts] = found
        return found

    # ------------------------------------------------------------ parse
    def parse(self) -> tuple[ImageUse, ...]:
        """Parse every field (those not cached on all cores); return the
        images they show. Broken links and bad images are SiteErrors."""
        global _LAST_KEYS
        keyed = [(self.key(*f[:4]), *f[:4]) for f in self.fields()]
        if self._keep:
            _LAST_KEYS = self._keys
        self._missing = [item for item in keyed if not self.store.has(item[0])]
        for key, entry in parallel.run(_parse_missing, self, len(self._missing)):
            self.store.add(key, entry)
        self._missing = []
        uses: list[ImageUse] = []
        for key, owner, _text, _line, _inline in keyed:
            self.used.add(key)
            problems, images = self.store.problems(key), self.store.images(key)
            for p_line, col, message in problems:
                self.errors.add(SiteError(owner.src_path, p_line, col, message))
            for src, _alt, _title, i_line, col in images:
                self._use_image(owner, src, i_line, col, uses)
        self.errors.raise_if_any()
        return tuple(uses)

    def _use_image(self, owner: Model, ref: str, line: int, col: int, uses: list[ImageUse]) -> None:
        """Resolve a body's image once per file and path as written; one its
        front matter names too was resolved and checked by resolve.py."""
        path = self._sources.get((owner.src_path, ref)) or (owner.image_paths or {}).get(ref)
        if path is None:
            path = resolve_image_path(self.config, owner.src_path, ref)
            problem = check_image_path(self.config, path, ref)
            if problem:
                self.errors.add(SiteError(owner.src_path, line, col, problem))
                return
        self._sources[(owner.src_path, ref)] = path
        uses.append(ImageUse(path, owner.src_path, line, col, ref))

    def _parse(self, owner: Model, text: str, first_line: int, inline: bool) -> tuple[str, list, list]:
        owner_dir = posixpath.dirname(owner.src_path)

        def resolve_link(href: str) -> str:
            path, hash_, fragment = href.partition("#")
            if path.startswith("/") and not path.endswith(".md"):
                return self.url(path) + hash_ + fragment
            if not path.endswith((".md", "/")):
                return href
            for base in (owner_dir, "content"):
                candidate = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
                if not candidate.endswith(".md"):
                    candidate = posixpath.join(candidate, "index.md")
                targets = self.content_urls[owner.view]
                if candidate in targets:
                    return self.url(targets[candidate]) + hash_ + fragment
            raise LinkProblem(f"link to '{path}': no such case study or page")

        markdown = _markdown(self.raw_html)
        parsed = (markdown.inline if inline else markdown.parse)(text, resolve_link)
        problems = []
        for href, message in parsed.problems:
            line, col = line_of(text, f"({href}", first_line)
            problems.append((line, col + 1 if col > 1 else col, message))
        images = [(i.src, i.alt, i.title, *image_position(text, i.src, first_line)) for i in parsed.images]
        return parsed.html, problems, images

    # ------------------------------------------------------------ render
    def render_site(self, images: dict[Path, Any], body_sizes: str) -> Site:
        """The site with every Markdown field rendered and images attached
        (`images`: processed images by source, including those of parse());
        every language's, for a multilingual site."""
        global _LAST_RENDERED
        views = [self._render_view(view, images, body_sizes) for view in self.site.all_views]
        if self._keep:
            _LAST_RENDERED = self._rendered
        return dataclasses.replace(views[0], views=tuple(views)) if self.site.views else views[0]

    def _render_view(self, s: Site, images: dict[Path, Any], body_sizes: str) -> Site:

        def pictures_of(owner: Model, key: str) -> tuple[str, ...]:
            return tuple(self._picture(owner, images, body_sizes, src, alt, title)
                         for src, alt, title, _line, _col in self.store.images(key))

        def md(owner: Model, key: str, pictures: tuple[str, ...], lazy: bool = True) -> Any:
            html, _, _ = self.store.value(key, lazy)
            if not pictures:
                return html
            if isinstance(html, StoredHtml):
                return PicturedHtml(html.path, html.digest, html.size, pictures)
            return Markup(insert_pictures(str(html), pictures))

        def image_for(owner: Model, ref: str | None) -> Any:
            return images.get(owner.image_paths[ref]) if ref else None   # resolved by resolve.py

        def reused(owner: Model, made_of: tuple, make: Callable[[], Any]) -> Any:
            """The last build's copy of `owner` when it was made of the same (_LAST_RENDERED)."""
            entry = _LAST_RENDERED.get(id(owner))
            done = entry[2] if entry is not None and entry[0] is owner and entry[1] == made_of else make()
            self._rendered[id(owner)] = (owner, made_of, done)
            return done

        # What a copy is made of: its text's key (which fixes the stored HTML: the store's folder
        # is in self._store), the pictures put into it and the images attached. Neither the HTML
        # value nor a file is read to find an unchanged one (a thousand case studies a save).
        def case_study(cs):
            key = self.key(cs, cs.body, cs.body_line, False)
            made_of = (self._store, key, pictures_of(cs, key), image_for(cs, cs.cover), image_for(cs, cs.og_image),
                       tuple(image_for(cs, g.src) for g in cs.gallery) if cs.gallery else ())
            return reused(cs, made_of, lambda: cs.model_copy(update={
                "body_html": md(cs, key, made_of[2]), "cover_image": made_of[3], "og_image_file": made_of[4],
                "gallery": tuple(g.model_copy(update={"image": image}) for g, image in zip(cs.gallery, made_of[5])),
            }))

        def testimonial(t):
            key = self.key(t, t.quote, 1, True)
            made_of = (self._store, key, pictures_of(t, key), image_for(t, t.avatar))
            return reused(t, made_of, lambda: t.model_copy(update={
                "quote_html": _in_language(md(t, key, made_of[2], lazy=False), t.quote_lang),
                "avatar_image": made_of[3],
            }))

        def page(p):
            key = self.key(p, p.body, p.body_line, False)
            made_of = (self._store, key, pictures_of(p, key), image_for(p, p.og_image))
            return reused(p, made_of, lambda: p.model_copy(update={
                "body_html": md(p, key, made_of[2]), "og_image_file": made_of[3]}))

        def pitch(p):
            key = self.key(p, p.body, p.body_line, False)
            return p.model_copy(update={"body_html": md(p, key, pictures_of(p, key))})

        def with_bio(profile):
            key = self.key(profile, profile.bio or "", 1, False)
            made_of = (self._store, key, pictures_of(profile, key), image_for(profile, profile.photo))
            return reused(profile, made_of, lambda: profile.model_copy(update={
                "bio_html": md(profile, key, made_of[2], lazy=False), "photo_image": made_of[3]}))

        case_studies = tuple(case_study(cs) for cs in s.case_studies)
        testimonials = tuple(testimonial(t) for t in s.testimonials)
        pages = tuple(page(p) for p in s.pages)
        pitches = tuple(pitch(p) for p in s.pitches)
        profile = with_bio(s.profile)
        by_slug = {cs.slug: cs for cs in case_studies}
        tags = tuple(type(t)(t.name, t.slug, t.url_path, tuple(by_slug[c.slug] for c in t.case_studies), t.view)
                     for t in s.tags)
        return Site(config=s.config, profile=profile, case_studies=case_studies,
                    testimonials=testimonials, services=s.services, pages=pages, pitches=pitches,
                    tags=tags, menu=s.menu, availability=s.availability, static_files=s.static_files,
                    today=s.today, notices=s.notices, language=s.language, prefix=s.prefix,
                    cv=s.cv,
                    private_case_studies=tuple(case_study(cs) for cs in s.private_case_studies),
                    private_testimonials=tuple(testimonial(t) for t in s.private_testimonials),
                    secrets=s.secrets)

    def _picture(self, owner: Model, images: dict[Path, Any], body_sizes: str,
                 src: str, alt: str, title: str | None) -> str:
        # parse() checked every image; process_images() raised for any it could not process.
        return picture_html(images[self._sources[(owner.src_path, src)]], alt, body_sizes, self.url)


# The digest of a language's link targets (a thousand URLs: ~1 ms a save), kept while they are the same.
_LAST_CONTEXTS: dict[tuple, tuple[dict[str, str], str]] = {}


def _context(view: str, urls: dict[str, str], base_path: str, raw_html: bool) -> str:
    """What every key of one language's texts starts with: where its links may lead, the base
    URL's path and the raw-HTML policy (all a parse depends on besides the text and its place)."""
    last = _LAST_CONTEXTS.get((view, base_path, raw_html))
    if last is not None and last[0] == urls:
        return last[1]
    found = digest(repr((sorted(urls.items()), base_path, raw_html)))
    if len(_LAST_CONTEXTS) > 16:
        _LAST_CONTEXTS.clear()
    _LAST_CONTEXTS[(view, base_path, raw_html)] = (urls, found)
    return found


def _link_targets(site: Site) -> dict[str, dict[str, str]]:
    """For each language, where a link to a content file leads: a page's
    translation in that language where there is one (a link written to
    `about.md` leads to /pt/sobre/ on a Portuguese page), else the page."""
    default = {item.src_path: item.url_path for item in (*site.case_studies, *site.pages)}
    source_of = {item.translation_group: item.src_path for item in (*site.case_studies, *site.pages)}
    out = {"": default}
    for view in site.all_views[1:]:
        targets = dict(default)
        for item in (*view.case_studies, *view.pages):
            targets[item.src_path] = item.url_path
            if item.translation_group in source_of:
                targets[source_of[item.translation_group]] = item.url_path
        out[view.view] = targets
    return out


def _in_language(html: Any, lang: str) -> Any:
    """A quote shown as it was written, in another language than the page: marked with it."""
    return Markup(f'<div lang="{lang}">{html}</div>') if lang else html


def _parse_missing(renderer: BodyRenderer, index: int) -> tuple[str, Any]:
    """In a worker: parse, store (a DiskStore writes the file), return the small entry."""
    key, owner, text, line, inline = renderer._missing[index]
    return key, renderer.store.make(key, *renderer._parse(owner, text, line, inline))


__all__ = ["BodyRenderer", "SiteErrors"]
