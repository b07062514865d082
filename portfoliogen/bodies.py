"""Every Markdown field of the site rendered to HTML (bodies, bio, quotes)
and every image reference replaced by its processed image: resolved Site ->
Site ready for the templates.

Rendered HTML is cached by everything it depends on (the text, where it
lives, the URLs of the files it may link to, the processed images, the base
URL), so an unchanged body is never rendered twice."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any

from portfoliogen import parallel
from portfoliogen.content.model import Model
from portfoliogen.content.resolve import resolve_image_path
from portfoliogen.content.site import Site
from portfoliogen.deps import digest
from portfoliogen.errors import ErrorCollector, SiteError, SiteErrors
from portfoliogen.htmlstore import MemoryStore
from portfoliogen.images.html import picture_html
from portfoliogen.markdown import LinkProblem, MarkdownRenderer, line_of

_MARKDOWN: MarkdownRenderer | None = None


def _markdown() -> MarkdownRenderer:
    """One per process: building Python-Markdown instances is slow."""
    global _MARKDOWN
    if _MARKDOWN is None:
        _MARKDOWN = MarkdownRenderer()
    return _MARKDOWN


class BodyRenderer:
    def __init__(self, site: Site, images: dict[Path, Any], body_sizes: str, url: Callable[[str], str],
                 process_late_image: Callable[[Path], Any] | None = None,
                 store: Any = None):
        """`store`: htmlstore.DiskStore (the build cache) or MemoryStore."""
        self.site = site
        self.config = site.config
        self.images = images
        self.body_sizes = body_sizes
        self.url = url
        self.process_late_image = process_late_image
        self.store = store if store is not None else MemoryStore()
        self.used: set[str] = set()   # keys this build used, saved for the next
        self.errors = ErrorCollector()
        self.content_urls = {item.src_path: item.url_path for item in (*site.case_studies, *site.pages)}
        self._context = digest(repr((sorted(self.content_urls.items()), self.config.base_url, body_sizes,
                                     sorted((str(k), repr(v)) for k, v in images.items()))))

    def key(self, owner: Model, text: str, first_line: int) -> str:
        return digest(f"{self._context}|{owner.src_path}|{first_line}|{text}")

    def markdown(self, owner: Model, text: str, first_line: int, lazy: bool = True) -> Any:
        """Markup, or with a DiskStore and `lazy` a StoredHtml read when printed."""
        key = self.key(owner, text, first_line)
        if not self.store.has(key):
            self.store.add(key, self.store.make(key, *self._render(owner, text, first_line)))
        self.used.add(key)
        html, problems = self.store.value(key, lazy)
        for line, col, message in problems:
            self.errors.add(SiteError(owner.src_path, line, col, message))
        return html

    def _render(self, owner: Model, text: str, first_line: int) -> tuple[str, list]:
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
                if candidate in self.content_urls:
                    return self.url(self.content_urls[candidate]) + hash_ + fragment
            raise LinkProblem(f"link to '{path}': no such case study or page")

        def render_image(src: str, alt: str, title: str | None) -> str | None:
            source = resolve_image_path(self.config, owner.src_path, src)
            image = self.images.get(source)
            if image is None and self.process_late_image is not None:
                image = self.process_late_image(source)
            return picture_html(image, alt, self.body_sizes, self.url) if image is not None else None

        html, problems = _markdown().render(text, resolve_link, render_image)
        located = []
        for href, message in problems:
            line, col = line_of(text, f"({href}", first_line)
            located.append((line, col + 1 if col > 1 else col, message))
        return html, located

    def image_for(self, owner: Model, ref: str | None) -> Any:
        return self.images.get(resolve_image_path(self.config, owner.src_path, ref)) if ref else None

    def _prerender(self) -> None:
        """Render every body missing from the cache, on all cores."""
        s = self.site
        todo = [(cs, cs.body, cs.body_line) for cs in s.case_studies] + \
               [(p, p.body, p.body_line) for p in (*s.pages, *s.pitches)]
        missing = []
        for owner, text, line in todo:
            key = self.key(owner, text, line)
            if not self.store.has(key):
                missing.append((key, owner, text, line))
        self._missing = missing
        for key, entry in parallel.run(_render_missing, self, len(missing)):
            self.store.add(key, entry)
        self._missing = []

    def render_site(self) -> Site:
        """The site with every Markdown field rendered and images attached."""
        self._prerender()
        s = self.site
        md, image_for = self.markdown, self.image_for
        case_studies = tuple(cs.model_copy(update={
            "body_html": md(cs, cs.body, cs.body_line),
            "cover_image": image_for(cs, cs.cover),
            "og_image_file": image_for(cs, cs.og_image),
            "gallery": tuple(g.model_copy(update={"image": image_for(cs, g.src)}) for g in cs.gallery),
        }) for cs in s.case_studies)
        testimonials = tuple(t.model_copy(update={
            "quote_html": md(t, t.quote, 1, lazy=False), "avatar_image": image_for(t, t.avatar),
        }) for t in s.testimonials)
        pages = tuple(p.model_copy(update={
            "body_html": md(p, p.body, p.body_line), "og_image_file": image_for(p, p.og_image),
        }) for p in s.pages)
        pitches = tuple(p.model_copy(update={"body_html": md(p, p.body, p.body_line)}) for p in s.pitches)
        profile = s.profile.model_copy(update={
            "bio_html": md(s.profile, s.profile.bio or "", 1, lazy=False),
            "photo_image": image_for(s.profile, s.profile.photo),
        })
        self.errors.raise_if_any()
        by_slug = {cs.slug: cs for cs in case_studies}
        tags = tuple(type(t)(t.name, t.slug, t.url_path, tuple(by_slug[c.slug] for c in t.case_studies))
                     for t in s.tags)
        return Site(config=s.config, profile=profile, case_studies=case_studies,
                    testimonials=testimonials, services=s.services, pages=pages, pitches=pitches,
                    tags=tags, menu=s.menu, availability=s.availability, static_files=s.static_files,
                    today=s.today, notices=s.notices)


def _render_missing(renderer: BodyRenderer, index: int) -> tuple[str, Any]:
    """In a worker: render, store (a DiskStore writes the file), return the small entry."""
    key, owner, text, line = renderer._missing[index]
    return key, renderer.store.make(key, *renderer._render(owner, text, line))


__all__ = ["BodyRenderer", "SiteErrors"]
