"""Jinja2 environment, template functions and one context per page: the plan of every
page, and the pages asked for rendered into a sink with what each read (tracking.py)."""

from __future__ import annotations

import re
import traceback
from functools import partial
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from portfoliogen import __version__, parallel
from portfoliogen.content.site import Site
from portfoliogen.errors import ErrorCollector, SiteError
from portfoliogen.i18n import availability_label, format_date, format_price, iso_date
from portfoliogen.render.fastgettext import install_gettext
from portfoliogen.render.language import language_globals, load_theme_language
from portfoliogen.images.html import picture_html
from portfoliogen.render.languages import LanguageLink, link_languages
from portfoliogen.render.pitchwork import pitch_work
from portfoliogen.render.theme import Theme
from portfoliogen.render.timezones import zone_facts
from portfoliogen.render.tracking import DepKey, Recorder, TrackingEnvironment
from portfoliogen.seo.jsonld import JsonLd
from portfoliogen.seo.meta import describe
from portfoliogen.seo.social import (
    CARD_SIZE,
    CardSpec,
    normalise_colour,
    pick_picture,
)
from portfoliogen.urls import Urls, out_path_for, site_host


@dataclass(frozen=True)
class PageInfo:
    kind: str
    url_path: str
    title: str
    description: str
    canonical: str
    breadcrumbs: tuple[tuple[str, str], ...] = ()
    noindex: bool = False
    og_image: str | None = None
    og_type: str = "website"
    jsonld: tuple[dict, ...] = ()
    alternate_feed: str = ""
    # Social card and Open Graph details (seo/social.py plans, seo/cards.py draws).
    card: CardSpec | None = None          # the generated card, when og_image is one
    og_image_alt: str = ""
    og_image_width: int | None = None
    og_image_height: int | None = None
    og_image_type: str = ""
    og_locale: str = ""                   # "en_GB"; empty for a bare language
    published: str = ""                   # article:published_time (case studies)
    tags: tuple[str, ...] = ()            # article:tag
    language: str = ""                    # BCP 47; the page renders with Renderer.environment(language)
    # A multilingual site (render/languages.py): this page in every language it exists in, as
    # (hreflang, absolute URL) with x-default last; og:locale of the others; the switcher's links.
    alternates: tuple[tuple[str, str], ...] = ()
    og_locale_alternates: tuple[str, ...] = ()
    switcher: tuple[LanguageLink, ...] = ()


@dataclass(frozen=True)
class PlannedPage:
    """A page to render: what it is, its template and its own variables."""

    info: PageInfo
    template: str
    context: dict[str, Any]

    @property
    def out_path(self) -> str:
        return out_path_for(self.info.url_path)


# Planning a case study's page (its title, description, card and structured data) was most of
# planning a thousand pages, every save, for pages whose plan could not have changed. With every
# page planned (no `only`, one language), a case study's page is handed over as a LazyPage: what
# its plan is made of (the site-wide inputs of planning, the case study and its neighbours: the
# same objects after a save that left them as they were) and how to make it, which build/deps.py
# does only when the last plan's fingerprint it kept was made of something else, or to render it.
@dataclass(frozen=True)
class LazyPage:
    """A case study's page, not planned yet: `plan()` makes its PlannedPage."""

    out_path: str
    made_of: tuple
    plan: Callable[[], PlannedPage]


@dataclass(frozen=True)
class RenderedPage:
    """A page written to the sink, with what its templates read."""

    out_path: str
    template: str
    # Each pair once, in no order: a tuple of pairs shared between the pages one process rendered
    # (a frozenset of a page's ~100 pairs was ~10 KB of hash table; every page's are alive at once
    # in the build process, ~80 MB at 4,000 case studies, before build/deps.py makes the records).
    deps: tuple[DepKey, ...]


# Input: a Site with its Markdown rendered (bodies.py) + the theme. Knows nothing of previous
# builds: build/deps.py chooses which pages to render.
class Renderer:
    def __init__(self, site: Site, theme: Theme):
        """`site` has its Markdown rendered and images attached (bodies.py)."""
        self.site = site
        self.config = site.config
        self.theme = theme
        self.urls = Urls(self.config.base_url)
        self.errors = ErrorCollector()
        self.check: Callable[[], None] = lambda: None   # raises to stop between pages (a newer save)
        self._only: set[str] | None = None   # page_plan(only=...): the out_paths to plan
        self._lazy = False   # page_plan: case studies' pages as LazyPage
        self._environments: dict[str, TrackingEnvironment] = {}
        self.env = self.environment(self.config.language)
        self.view = site   # the language being planned (page_plan)
        self._views = {view.language: view for view in site.all_views}
        self._urls = {view.language: Urls(self.config.base_url, view.prefix) for view in site.all_views}

    # ------------------------------------------------------------ environment
    def environment(self, language: str) -> TrackingEnvironment:
        """The Jinja2 environment of one language (its catalog installed), made once."""
        env = self._environments.get(language)
        if env is None:
            env = self._environments[language] = self._environment(language)
        return env

    def template_source(self, name: str) -> str | None:
        """A template's text as the build finds it (the most specific theme
        folder's), or None when no theme has it."""
        try:
            return self.env.loader.get_source(self.env, name)[0]
        except jinja2.TemplateNotFound:
            return None

    def gettext(self, language: str):
        """The theme's translations for Python-made text (titles, breadcrumbs, card labels)."""
        return self.environment(language).theme_language.translations.gettext

    def urls_of(self, language: str) -> Urls:
        """URLs as written in that language's pages (under its prefix)."""
        return self._urls.get(language, self.urls)

    def language_notices(self) -> list[str]:
        """One line per language rendered so far that the theme has no catalog for."""
        where = self.config.display(self.config.config_path)
        return [f"{where}: theme '{self.theme.name}' has no translation for language '{lang}'; "
                "its text stays in English" for lang, env in sorted(self._environments.items())
                if env.theme_language.missing]

    def _environment(self, language: str) -> TrackingEnvironment:
        env = TrackingEnvironment(
            loader=jinja2.FileSystemLoader([str(d) for d in self.theme.template_dirs]),
            autoescape=True, undefined=jinja2.StrictUndefined,
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
            extensions=["jinja2.ext.i18n"],
            # One environment per build: each {% extends %} / {% include %} of every page need not
            # stat the template's file again (a template edited mid-build waits for the next one).
            auto_reload=False,
        )
        # |tojson (the JSON-LD of every page) without the spaces json.dumps puts after , and :
        env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}
        # Every theme string goes through _() / ngettext / {% trans %} (newstyle gettext:
        # autoescaped, %(name)s placeholders), translated by the theme's catalog (render/language.py).
        env.theme_language = load_theme_language(self.config, self.theme, language)
        install_gettext(env, env.theme_language.translations)
        env.globals.update(language_globals(language, env.theme_language.translations))
        env.globals.update(
            url=self.urls.url, abs_url=self.urls.abs_url, asset=self.asset_url,
            asset_exists=lambda name: name in self.theme.assets,
            asset_inline=self.asset_inline, picture=self.picture,
            iso_date=iso_date, site=self.site, config=self.config,
            options=self.theme.options, generator=f"portfoliogen {__version__}",
            timezone_facts=zone_facts,
        )
        return env

    def asset_url(self, name: str) -> str:
        asset = self.theme.assets.get(name)
        if asset is None:
            raise KeyError(f"the theme has no asset '{name}' (looked in assets/ of "
                           f"{', '.join(str(f) for f in self.theme.folders)})")
        return self.urls.url(asset.url_path)

    def asset_inline(self, name: str) -> Markup:
        asset = self.theme.assets.get(name)
        if asset is None:
            raise KeyError(f"the theme has no asset '{name}'")
        return Markup(asset.data.decode("utf-8"))

    def picture(self, image: Any, alt: str | None, slot: str, priority: bool = False,
                css_class: str | None = None, eager: bool = False) -> Markup:
        if image is None:
            return Markup("")
        sizes = self.theme.image_sizes.get(slot, "100vw")
        return Markup(picture_html(image, alt or "", sizes, self.urls.url,
                                   priority=priority, eager=eager, css_class=css_class))

    # ------------------------------------------------------------ pages
    def render_pages(self, pages: list[PlannedPage],
                     sink: Callable[[str, bytes], None] | None = None) -> list[RenderedPage]:
        """Render `pages` into `sink(out_path, html)` as each is made (on all
        cores) and say what each read. A template error is a SiteError,
        all of them raised together at the end."""
        for language, name in sorted({(self._language(page.info), page.template) for page in pages}):
            try:   # compile once, before any worker starts
                self.environment(language).get_template(name)
            except jinja2.TemplateError:
                pass   # reported with its line when the page renders
        self._job = (pages, sink, {})   # ({}: the pairs shared by this call's pages, per process)
        try:
            outcomes = parallel.run(_render_job, self, len(pages))
        finally:
            self._job = None
        rendered = []
        for page, errors in outcomes:
            if page is not None:
                rendered.append(page)
            for path, line, column, message in errors:
                self.errors.add(SiteError(path, line, column, message))
        self.errors.raise_if_any()
        return rendered

    def page_plan(self, site: Site, only: Collection[str] | None = None) -> Iterator[PlannedPage]:
        """Every page of every language, in a stable order; with `only`, just
        the pages of those out_paths (the dev server's first look). A site in
        several languages is planned whole: each page links its translations."""
        self._only = None if only is None or site.views else set(only)
        self._lazy = only is None and not site.views
        try:
            planned: list = []
            for view in site.all_views:
                self.view = view
                for item in self._plan(view):
                    self.check()   # planning a thousand pages takes a while: a newer save stops it
                    if isinstance(item, LazyPage):
                        planned.append(item)
                    elif item[0] is not None:
                        planned.append(PlannedPage(*item))
        finally:
            self.view, self._only, self._lazy = self.site, None, False
        if site.views:
            planned = link_languages(planned, site, self.urls)
        if only is not None:
            planned = [page for page in planned if page.out_path in only]
        # Handed over one at a time and let go of here as they are: a thousand pages' plans (their
        # structured data: ~250,000 objects) freed at once when the last was taken held the
        # interpreter ~4.5 ms in one go, the dev server's other threads (a save, a request) waiting.
        planned.reverse()
        while planned:
            yield planned.pop()

    def _plan(self, site: Site, language: str | None = None):
        language = language or site.config.language
        _ = self.gettext(language)
        profile = site.profile
        name = profile.name
        home_desc = describe(profile.headline + (f". {profile.bio}" if profile.bio else ""))
        home_card = (profile.headline, profile.location or _("Portfolio"))
        info = partial(self.info, language=language)
        work = (_("Work"), "/work/")
        yield (info("home", "/", f"{name} — {profile.headline}", home_desc, card=home_card,
                    picture=profile.photo_image), "home.html", {})
        if self._asked("/work/"):   # (its description shortens a thousand titles: not made for nothing)
            yield (info("work", "/work/", _("Work") + f" — {name}",
                        describe(_("Case studies by %(name)s:") % {"name": name} + " "
                                 + ", ".join(cs.title for cs in site.case_studies)),
                        crumbs=(work,), card=(_("Selected work"), _("Case studies by %(name)s") % {"name": name})),
                   "work.html", {})
        for tag in site.tags:
            if not self._asked(tag.url_path):
                continue   # (what info() would say, without making its title and description)
            yield (info("tag", tag.url_path, f"{tag.name} — " + _("Work") + f" — {name}",
                        describe(_("Case studies by %(name)s tagged %(tag)s:") % {"name": name, "tag": tag.name}
                                 + " " + ", ".join(cs.title for cs in tag.case_studies)),
                        crumbs=(work, (tag.name, tag.url_path)),
                        card=(tag.name, _("Case studies tagged")), subject=tag),
                   "tag.html", {"tag": tag})
        # (made later, by build/deps.py, when this generator has moved on: what it reads is bound now)
        def case_study(cs, prev, nxt, info=info, name=name, work=work, _=_) -> tuple:
            return (info("case_study", cs.url_path, f"{cs.title} — {name}", describe(cs.summary),
                         crumbs=(work, (cs.title, cs.url_path)),
                         og_image=cs.og_image_file, og_type="article",
                         card=(cs.title, _("Case study") + (f" · {cs.client}" if cs.client else "")),
                         picture=cs.cover_image, subject=cs),
                    "case_study.html", {"cs": cs, "prev": prev, "next": nxt})

        inputs = self._plan_inputs(site, language) if self._lazy else None
        for cs in site.case_studies:
            if not self._asked(cs.url_path):
                continue
            prev, nxt = site.neighbours(cs)
            if inputs is None:
                yield case_study(cs, prev, nxt)
            else:
                yield LazyPage(out_path_for(cs.url_path), (inputs, cs, prev, nxt),
                               partial(self._planned, case_study, cs, prev, nxt))
        if site.services:
            tr = self.environment(language).theme_language.translations
            prices = "; ".join(f"{s.name} ({text})" if (text := format_price(s.price, language, tr)) else s.name
                               for s in site.services)
            yield (info("services", "/services/", _("Services") + f" — {name}",
                        describe(_("What %(name)s offers:") % {"name": name} + " " + prices),
                        crumbs=((_("Services"), "/services/"),),
                        card=(_("Services and prices"), _("Work with %(name)s") % {"name": name})),
                   "services.html", {})
        if site.testimonials:
            yield (info("testimonials", "/testimonials/", _("Testimonials") + f" — {name}",
                        describe(_("What clients say about working with %(name)s:") % {"name": name} + " "
                                 + " ".join(_("“%(quote)s” — %(author)s.") % {"quote": t.quote, "author": t.author}
                                            for t in site.featured_testimonials)),
                        crumbs=((_("Testimonials"), "/testimonials/"),),
                        card=(_("What clients say"), _("Testimonials"))), "testimonials.html", {})
        if site.cv:
            yield (info("cv", "/cv/", _("CV") + f" — {name}",
                        describe(_("Curriculum vitae of %(name)s:") % {"name": name} + " "
                                 + (site.cv.summary or profile.headline)),
                        crumbs=((_("CV"), "/cv/"),), card=(_("Curriculum vitae"), profile.headline),
                        picture=profile.photo_image), "cv.html", {})
        yield (info("search", "/search/", _("Search") + f" — {name}",
                    describe(_("Search the case studies and pages of %(name)s's portfolio.") % {"name": name}),
                    crumbs=((_("Search"), "/search/"),),
                    card=(_("Search"), _("Case studies by %(name)s") % {"name": name})),
               "search.html", {})
        contact_desc = _("Start a project with %(name)s, %(headline)s.") % {
            "name": name, "headline": f"{profile.headline[:1].lower()}{profile.headline[1:]}"}
        if profile.response_time:
            contact_desc += " " + _("Replies %(when)s.") % {"when": profile.response_time}
        if site.availability:
            tr = self.environment(language).theme_language.translations
            when = format_date(site.availability.from_date, language) if site.availability.from_date else ""
            contact_desc += f" {availability_label(site.availability.status, when, tr)}."
        yield (info("contact", "/contact/", _("Contact") + f" — {name}", describe(contact_desc),
                    crumbs=((_("Contact"), "/contact/"),), card=(_("Start a project"), _("Contact")),
                    picture=profile.photo_image), "contact.html", {})
        for page in site.pages:
            yield (info("page", page.url_path, f"{page.title} — {name}",
                        describe(page.description, body_html=page.body_html),
                        crumbs=((page.title, page.url_path),), og_image=page.og_image_file,
                        card=(page.title, profile.headline)),
                   "page.html", {"content": page})
        for pitch in site.pitches:
            proposal = _("A proposal for %(prospect)s") % {"prospect": pitch.prospect}
            # (not `work`: the case studies' lazy plans above read that name when they are made)
            shown = pitch_work(site, pitch)   # full versions of blind and pitch-only work
            yield (info("pitch", pitch.url_path, f"{pitch.title} — {name}",
                        describe(proposal, body_html=pitch.body_html),
                        noindex=True, card=(pitch.title, proposal), card_slug="proposal"),
                   "pitch.html", {"pitch": pitch, "pitch_case_studies": shown.case_studies,
                                  "pitch_testimonials": shown.testimonials, "pitch_services": shown.services,
                                  "pitch_fingerprint": shown.fingerprint})
            for cs in shown.private_pages:
                yield (info("pitch", cs.url_path, f"{cs.title} — {name}", describe(cs.summary), noindex=True),
                       "case_study.html", {"cs": cs, "prev": None, "next": None,
                                           "pitch_fingerprint": shown.fingerprint})
        yield (info("404", "/404.html", _("Page not found") + f" — {name}",
                    _("This page does not exist."), noindex=True,
                    card=home_card, picture=profile.photo_image, card_slug="home"),
               "404.html", {})

    def _plan_inputs(self, site: Site, language: str) -> tuple:
        """Everything but the case study and its neighbours that a case study's plan reads: the
        site-wide values (the profile, services and testimonials in its structured data, the
        config, base URL and language of its URLs and text, the theme's options and catalogs: the
        very theme object, as its catalogs are not among its fields; the dev server keeps it while
        no theme file changed). The last plan's own tuple when they are equal, so that each page
        compares it by identity."""
        inputs = (site.config, self.config.base_url, language, site.prefix, site.profile, site.services,
                  site.testimonials, _Identity(self.theme))
        last = _LAST_INPUTS.get(language)
        if last is not None and last == inputs:
            return last
        _LAST_INPUTS.clear()
        _LAST_INPUTS[language] = inputs
        return inputs

    def _planned(self, make: Callable[..., tuple], *args: Any) -> PlannedPage:
        """A LazyPage's plan: `make(*args)` as page_plan would have made it."""
        info, template, context = make(*args)
        return PlannedPage(info, template, context)

    def _asked(self, url_path: str) -> bool:
        """Whether page_plan(only=...) plans the page at `url_path` (always, without `only`):
        the dev server's first look plans one page of a thousand."""
        if self._only is None:
            return True
        urls = self.urls_of(self.view.language)
        out_path = _OUT_PATHS.get((urls.prefix, url_path))
        if out_path is None:
            if len(_OUT_PATHS) > 65536:
                _OUT_PATHS.clear()
            out_path = _OUT_PATHS[(urls.prefix, url_path)] = out_path_for(urls.path_in_language(url_path))
        return out_path in self._only

    def info(self, kind: str, url_path: str, title: str, description: str, *,
             crumbs: tuple = (), noindex: bool = False, og_image: Any = None,
             og_type: str = "website", card: tuple[str, str] | None = None,
             picture: Any = None, subject: Any = None, card_slug: str | None = None,
             language: str | None = None) -> PageInfo | None:
        """`og_image`: the page's own image (front matter og_image), which
        wins; else `card` = (title, label) plans a generated social card
        with a crop of `picture` (a cover, the profile photo) when given."""
        site = self.view
        urls = self.urls_of(site.language)
        abs_url = urls.abs_url
        url_path = urls.path_in_language(url_path)
        if self._only is not None and out_path_for(url_path) not in self._only:
            return None   # not asked for: its structured data, card and description are not made
        crumbs = tuple((title, urls.path_in_language(path)) for title, path in crumbs)
        spec = None
        if og_image is not None:
            src = og_image.src
            og, alt = abs_url(src.url_path), title
            width, height, mime = src.width, src.height, src.mime
        elif card is not None:
            slug = card_slug or ("-".join(p for p in url_path.strip("/").split("/") if p) or "home")
            slug = re.sub(r"[^a-z0-9-]+", "", slug.lower()) or "page"   # ASCII file names
            spec = CardSpec(slug=slug, title=card[0], label=card[1], name=site.profile.name,
                            host=site_host(self.config.base_url),
                            accent=normalise_colour(self.theme.options.get("accent")),
                            picture=pick_picture(picture),
                            picture_focus=0.35 if picture is site.profile.photo_image else 0.5)
            og, alt = abs_url(spec.url_path), f"{card[0]} — {site.profile.name}"
            (width, height), mime = CARD_SIZE, f"image/{spec.format}"
        else:
            og, alt, width, height, mime = None, "", None, None, ""
        language = language or site.config.language
        _ = self.gettext(language)
        breadcrumbs = (((_("Home"), site.prefix),) + tuple(crumbs)) if crumbs else ()
        locale = language.replace("-", "_") if "-" in language else ""
        published = tags = None
        if kind == "case_study" and subject is not None:
            published, tags = subject.date.date.isoformat(), tuple(subject.tags)
        jsonld = () if noindex else JsonLd(site, abs_url).for_page(
            kind, breadcrumbs, subject, og if kind == "case_study" else None)
        return PageInfo(kind=kind, url_path=url_path, title=title, description=description,
                        canonical=abs_url(url_path), breadcrumbs=breadcrumbs,
                        noindex=noindex, og_image=og, og_type=og_type, jsonld=jsonld,
                        alternate_feed=abs_url("/feed.xml"), card=spec, og_image_alt=alt,
                        og_image_width=width, og_image_height=height, og_image_type=mime,
                        og_locale=locale, published=published or "", tags=tags or (), language=language)

    def _language(self, info: PageInfo) -> str:
        return info.language or self.config.language

    def _render_page(self, info: PageInfo, template: str, context: dict) -> str | None:
        try:
            language = self._language(info)
            view = self._views.get(language, self.site)
            urls = self.urls_of(language)
            return self.environment(language).get_template(template).render(
                page=info, site=view, config=view.config, url=urls.url, abs_url=urls.abs_url, **context)
        except jinja2.TemplateSyntaxError as err:
            self.errors.add(SiteError(self._template_display(err.filename, err.name), err.lineno, 1,
                                      f"template syntax error: {err.message}"))
            return None
        except jinja2.TemplateNotFound as err:
            self.errors.add(SiteError(self.config.display(self.theme.folders[0]), None, None,
                                      f"template '{err.name}' not found in theme '{self.theme.name}'"))
            return None
        except Exception as err:   # a template's own runtime error ({{ 1/0 }}, a bad filter call)
            path, line = self._template_frame(err)
            if path is None:
                raise
            self.errors.add(SiteError(path, line, 1, f"template error: {err}"))
            return None

    def _template_display(self, filename: str | None, name: str | None) -> str:
        return self.config.display(Path(filename)) if filename else f"templates/{name}"

    def _template_frame(self, err: BaseException) -> tuple[str | None, int]:
        """Jinja2 rewrites tracebacks so template lines show as frames."""
        dirs = [str(d) for d in self.theme.template_dirs]
        for frame in reversed(traceback.extract_tb(err.__traceback__)):
            if any(frame.filename.startswith(d) for d in dirs):
                return self.config.display(Path(frame.filename)), frame.lineno or 1
        return None, 1


class _Identity:
    """Equal to another only when holding the very same object."""

    __slots__ = ("held",)

    def __init__(self, held: Any):
        self.held = held

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Identity) and other.held is self.held

    def __hash__(self) -> int:
        return id(self.held)


# The site-wide inputs of the last plan of case studies' pages, by language (Renderer._plan_inputs).
_LAST_INPUTS: dict[str, tuple] = {}
# A page's file by its language's prefix and its path: the first look asks it of every case study.
_OUT_PATHS: dict[tuple[str, str], str] = {}


def _render_job(renderer: Renderer, index: int) -> tuple[RenderedPage | None, list[tuple]]:
    """Render one page (in a worker process, or in-process for small sites)."""
    pages, sink, shared = renderer._job
    renderer.check()
    page = pages[index]
    known = len(renderer.errors.errors)
    with renderer.environment(renderer._language(page.info)).recording(Recorder()) as recorder:
        html = renderer._render_page(page.info, page.template, page.context)
    errors = [(e.path, e.line, e.column, e.message) for e in renderer.errors.errors[known:]]
    del renderer.errors.errors[known:]
    if html is None:
        return None, errors
    out_path = page.out_path
    if sink is not None:
        sink(out_path, html.encode("utf-8"))
    deps = recorder.deps
    return RenderedPage(out_path, page.template, tuple(map(shared.setdefault, deps, deps))), errors
