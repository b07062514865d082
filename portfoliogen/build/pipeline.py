"""Orchestration: load -> resolve -> process images -> render -> write to a
staging folder -> swap it into place. Only this module writes to output/."""

from __future__ import annotations

import datetime as dt
import gc
import logging
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from portfoliogen.build import fastpath
from portfoliogen.build.anonymise import neutral_image_names
from portfoliogen.build.search import Previous, SearchUnavailable, build_index, searchable
from portfoliogen.build.cachedirs import CacheDirs
from portfoliogen.build.deps import render_changed
from portfoliogen.build.htmlstore import DiskStore
from portfoliogen.build.output import check_output_dir, output_site
from portfoliogen.build.staging import Staging, tidy_output
from portfoliogen.build.state import (
    BuildState,
    ContentCache,
    finish_state,
    global_signature,
    load_state,
    output_manifest,
    write_parts,
)
from portfoliogen.check import presence_warnings, untranslated_warnings
from portfoliogen.config import Config, load_config
from portfoliogen.content.loaders import load_content
from portfoliogen.content.media import video_copies
from portfoliogen.content.resolve import ImageUse, resolve_site
from portfoliogen.content.site import Site
from portfoliogen.content.sources import shown
from portfoliogen.documents.artifacts import build_documents
from portfoliogen.documents.pdf import pdf_unavailable
from portfoliogen.documents.plan import plan_pitches
from portfoliogen.errors import SiteError, SiteErrors, plural
from portfoliogen.fsutil import stat_of
from portfoliogen.images.clean import SvgError, clean_svg
from portfoliogen.images.plan import ImageErrors, ImageSettings
from portfoliogen.images.process import process_images
from portfoliogen.render.bodies import BodyRenderer
from portfoliogen.render.pages import Renderer
from portfoliogen.render.stored import MemoryStore
from portfoliogen.render.theme import load_theme
from portfoliogen.schema.yamlfile import read_bytes
from portfoliogen.seo.artifacts import build_seo_files
from portfoliogen.seo.llms import machine_files
from portfoliogen.urls import Urls, out_path_for

if TYPE_CHECKING:   # the dev server's: the command line's build never loads it
    from portfoliogen.build.live import LiveRound, LiveSite

log = logging.getLogger("portfoliogen.build.pipeline")


@dataclass(frozen=True)
class BuildOptions:
    config_path: Path = Path("config.yaml")
    output: Path | None = None          # --output, relative to the current folder
    drafts: bool = False
    base_url: str | None = None
    today: dt.date | None = None        # tests pin the date (pitch expiry, availability)
    progress: bool = False              # a progress bar for images on a terminal
    write: bool = True                  # False: `check` builds everything in memory only
    strict: bool = False                # presence warnings are errors (nothing is written)
    use_cache: bool = True              # --no-cache: ignore (and do not write) the build cache


@dataclass
class BuildReport:
    output_dir: Path
    pages: int
    images: int
    images_processed: int
    seconds: float
    files: int
    notices: list[str] = field(default_factory=list)
    warnings: list[SiteError] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=dict)
    site: Site | None = None            # None after a publishing build: let go before the search index
    rendered: int = 0                   # pages rendered (the rest were carried over unchanged)

    def summary(self, root: Path) -> str:
        try:
            where = self.output_dir.relative_to(root.resolve())
        except ValueError:
            where = self.output_dir
        verb = "Built" if self.files else "Checked"
        into = f" into {where}/" if self.files else ""
        return (f"{verb} {plural(self.pages, 'page')} and {plural(self.images, 'image')} "
                f"({self.images_processed} processed){into} in {self.seconds:.2f} s")


class _Timer:
    def __init__(self) -> None:
        self.stages: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.stages[name] = now - self._last
        log.debug("%s: %.3f s", name, self.stages[name])
        self._last = now


def build(options: BuildOptions, live: "LiveSite | None" = None) -> BuildReport:
    """`live`: the dev server's session (build/live.py): state kept in memory,
    its folder updated in place with only the changed files."""
    # A build makes millions of objects that live until it ends and hardly
    # any reference cycles: the collector's passes over them were ~15% of an
    # incremental build at 4,000 case studies. Forked workers collect as
    # usual (parallel.py).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build(options, live)
    finally:
        if enabled:
            gc.enable()


def _build(options: BuildOptions, live: "LiveSite | None") -> BuildReport:
    started = time.perf_counter()
    started_ns = time.time_ns()   # inputs touched after this may differ from what was read
    timer = _Timer()
    overrides: dict[str, Any] = {"drafts": options.drafts}
    if options.base_url:
        overrides["base_url"] = options.base_url
    if options.output is not None:
        overrides["output"] = str(Path(options.output).resolve())
    config = load_config(options.config_path, overrides)
    out_site = output_site(config, from_command_line=options.output is not None)
    if live is None:   # the dev server's folder is its own, made by it (build/live.py)
        check_output_dir(config, options.write, out_site)
    cache = CacheDirs(config.cache_path)
    trash = cache.trash
    if options.write and live is None:
        tidy_output(out_site, trash)   # what a killed build left
    # (the dev server keeps the theme between saves that leave it as it was: live.theme_of)
    theme, page_wide = live.theme_of(config, load_theme) if live is not None else (load_theme(config), None)
    warned: list[str] = []
    if options.write and config.pdf and _may_print(config) and (missing := pdf_unavailable()):
        # PDFs are an optional extra: without WeasyPrint the site builds, its pages link no PDF.
        warned.append(f"{config.config_path.name}: {missing}")
        config = config.model_copy(update={"pdf": False})
    use_cache = options.use_cache and options.write
    if live is not None:
        state = live.start_state(lambda: load_state(config.cache_path, config.root, warned.append))
    else:
        state = load_state(config.cache_path, config.root, warned.append) if use_cache else BuildState()
    theme_files, template_paths = page_wide or theme.page_wide_files()
    parts = [config.config_path.read_bytes(), sorted(overrides.items()), template_paths]
    signature = (live.signature_of(parts, theme_files, global_signature) if live is not None
                 else global_signature(parts, theme_files))
    if state.global_signature != signature:
        state.pages = {}   # theme, config or version changed: every page renders again
        state.plans = {}   # (and is planned again: a theme's options and catalogs are in its plan)
    timer.lap("config")

    content_cache = ContentCache(state.content)
    content = load_content(config, content_cache)
    timer.lap("load")
    site, image_uses = resolve_site(content, config, options.today or dt.date.today(), keep=live is not None)
    site = plan_pitches(site)   # proposal dates, totals and errors (documents/plan.py)
    resolved = site
    # What a client would miss is only a report (an error with --strict): the dev server's
    # first look does not wait for it.
    warnings = (presence_warnings(site) + untranslated_warnings(config, theme.folders)
                if live is None or options.strict else None)
    if options.strict and warnings:
        raise SiteErrors(warnings)
    timer.lap("resolve")

    urls = Urls(config.base_url)
    store = DiskStore(cache.markdown, state.markdown, config.base_url) if use_cache else MemoryStore()
    state.markdown = {}
    bodies = BodyRenderer(site, urls.url, store, keep=live is not None)   # (the command line builds once)
    image_uses += bodies.parse()   # the images bodies show, from the one parse of each body
    timer.lap("markdown")
    if live is not None:
        live.check()   # a newer save: stop here

    settings = ImageSettings(widths=config.images.widths, formats=config.images.formats,
                             quality=config.images.quality, max_pixels=config.images.max_pixels)
    image_report = _process_images(image_uses, settings, config, options.progress)
    images = neutral_image_names(dict(image_report.images), site, image_uses)
    timer.lap("images")
    if live is not None:
        live.check()   # a newer save: stop here

    site = bodies.render_site(images, theme.image_sizes.get("body", "100vw"))
    timer.lap("render bodies")

    out = config.output_dir
    out_prefix = os.path.join(out, "")   # (a path joined as text: a thousand pages asked, and their search shards)

    def can_carry(out_path: str) -> bool:
        """The previous output file is there, untouched since we wrote it."""
        if live is not None:
            return live.has(out_path)    # its folder is private: only the session writes it
        recorded = state.output.get(out_path)
        return recorded is not None and stat_of(out_prefix + out_path) == recorded

    if live is not None:
        live.check()
    staging = (live.begin() if live is not None else Staging(out_site, trash)) if options.write else None
    search_index: dict = {}   # the search index's shards, for the next build to reuse (build/search.py)
    written = None            # the new state's parts, once on disk (state.write_parts)
    try:
        renderer = Renderer(site, theme)
        if live is not None:
            renderer.check = live.check   # a newer save stops the render between two pages
        if live is not None and live.on_show is not None and _is_live_round(staging):
            _show_visited_first(renderer, site, theme, images, live, staging)
            timer.lap("first look")
        if warnings is None:
            warnings = presence_warnings(resolved) + untranslated_warnings(config, theme.folders)
        rendered = render_changed(renderer, state.pages if options.write else None, state.dep_values,
                                  can_carry, staging.write if staging else None,
                                  plans=state.plans if use_cache and live is None else None,
                                  keep=live is not None)   # (the command line builds once a process)
        timer.lap("render")
        warned += renderer.language_notices()   # a language the theme has no catalog for: English text
        if live is not None:
            live.check()
        log.debug("pages: %d rendered, %d unchanged", len(rendered.rendered), len(rendered.carried))

        static_root = config.content_dir / "static"
        seo = build_seo_files(rendered.pages, site, urls, theme.options, cache.cards,
                              {p.relative_to(static_root).as_posix() for p in site.static_files})
        files = dict(seo.files)   # sitemap, feed, robots, manifest, vCard
        if live is not None:
            live.check()
        # cv.pdf, proposal.pdf and .ics beside pitches, resume.json (no PDFs for `check`);
        # a resume.json of the user's own in content/static/ wins over the generated one.
        documents = build_documents(site, renderer, cache.root / "documents", options.write)
        if any(p == static_root / "resume.json" for p in site.static_files):
            documents.pop("resume.json")
        files.update(documents)
        if live is not None:
            live.check()
        files.update(machine_files(site, urls.abs_url))   # hire.json, its schema, llms.txt
        for asset in theme.assets.values():
            files[asset.url_path.lstrip("/")] = asset.data
        pages = {out_path_for(p.url_path) for p in rendered.pages}
        copies = _static_copies(config, site, files, pages)
        # gallery videos and captions, as they are, for every language's public pages (the full
        # version of a blind study would publish its real slug in the file's path: not copied)
        copies.update(video_copies(cs for view in site.all_views for cs in view.case_studies))
        cached = dict(seo.links)   # social cards and icons, copied from the cache (never linked)
        for image in images.values():
            if image is not None:
                for url_path, path in image.files().items():
                    cached[url_path.lstrip("/")] = path
        links = {out_path: out / out_path for out_path in rendered.carried}   # unchanged pages
        staged = len(files) + len(copies) + len(cached) + len(links)
        report = BuildReport(
            output_dir=out, pages=len(rendered.pages), images=len(images),
            images_processed=image_report.decoded, seconds=0.0,
            files=(len(rendered.rendered) + staged) if options.write else 0,
            warnings=warnings, stages=timer.stages, site=site, rendered=len(rendered.rendered))
        site_notices = [str(n) for n in site.notices]
        timer.lap("seo+assets")

        if staging is not None:
            for rel, data in sorted(files.items()):
                staging.write(rel, data)
            for rel, src in sorted({**copies, **cached}.items()):
                staging.copy(rel, src)
            for rel, src in sorted(links.items()):
                staging.link(rel, src)
            # Staged: the generated files' bytes (resume.json, llms.txt, the sitemap: ~4 MB at
            # 4,000 case studies) are not held while the search index is built.
            del files, seo, documents, copies, cached, links
            timer.lap("stage")
            if live is None:
                # Publishing only: `serve` shows the site on this machine, with no search index
                # (its search page says so) and no leak check (nothing leaves the machine).
                searched = searchable(rendered.pages)
                leaks = _leaks(site, rendered.pages, images)
                outside = sorted({str(u.src) for u in image_uses if not u.src.is_relative_to(config.content_dir)})
                if use_cache:
                    new_state = BuildState(
                        project=str(config.root), global_signature=signature, content=content_cache.current,
                        markdown=store.used(bodies.used), pages=rendered.records,
                        dep_values=rendered.dep_values, plans=rendered.plans)
                    written = _write_parts(config.cache_path, new_state, state, warned)
                    state, new_state = state.head_only(), new_state.head_only()
                # What is left (the index, the leak check, the swap, the state's head) needs
                # none of the site: it is let go before Pagefind runs beside this process.
                report.site = None
                del site, resolved, content, content_cache, store, bodies, renderer, rendered
                del images, image_report, image_uses, theme, page_wide
                _give_back_memory()
                previous_index = Previous(state.search, lambda rel: out / rel if can_carry(rel) else None,
                                          staging.copy)
                search_index = _before_publishing(staging.path, config, searched, leaks, cache, use_cache,
                                                  warned, previous_index)
                timer.lap("search+leak check")
            staging.swap()
    except BaseException:
        if staging is not None:
            staging.discard()
        raise
    if live is not None:
        live.commit(BuildState(
            project=str(config.root), global_signature=signature, content=content_cache.current,
            markdown=store.used(bodies.used), pages=rendered.records, dep_values=rendered.dep_values),
            config.cache_path)
    elif written is not None:
        # The new site is in place: from here nothing may fail the build, or
        # the exit status would lie about output/. The cache is only a speed-up.
        try:
            out_files = fastpath.output_files(out)   # one walk for the state's manifest and the shortcut's record
            new_state.output, new_state.search = output_manifest(out, out_files), search_index
            finish_state(config.cache_path, new_state, written, previous=state)
            fastpath.record(options.config_path, fastpath.options_key(
                options.output, options.drafts, options.base_url, options.strict, options.today),
                out, config.cache_path, {"pages": report.pages, "images": report.images,
                                         "notices": warned + site_notices, "warnings": len(warnings)},
                outside, started_ns, out_files)
        except Exception as err:  # noqa: BLE001 - full disk, read-only cache: the next build does all the work
            _cache_not_saved(config.cache_path, err, warned)
    timer.lap("write")
    report.notices = warned + site_notices
    report.seconds = time.perf_counter() - started
    return report


def _give_back_memory() -> None:
    """Free what the build let go (the collector is off during a build: build()) and hand the
    C allocator's free pages back to the system, so that they are not held beside Pagefind's:
    ~40 MB at 4,000 case studies. (Python's own arenas stay: a few live objects pin each.)"""
    gc.collect()
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None).malloc_trim(0)   # glibc's; musl has no such call
        except (AttributeError, OSError):
            pass


def _write_parts(cache_path: Path, state: BuildState, previous: BuildState, warned: list[str]):
    """The new state's big sections, written before the search index is built so that the site
    can be let go (state.write_parts); None if they could not be: the build goes on. Their
    entries are not kept: no next save in this process compares with them."""
    try:
        return write_parts(cache_path, state, previous).names_only()
    except Exception as err:  # noqa: BLE001 - full disk, read-only cache: the next build does all the work
        _cache_not_saved(cache_path, err, warned)
        return None


def _cache_not_saved(cache_path: Path, err: Exception, warned: list[str]) -> None:
    log.debug("saving the build cache failed", exc_info=True)
    warned.append(f"{cache_path}: could not save the build cache ({type(err).__name__}: "
                  f"{err}); the next build does all the work again")


# The dev server's first look: before anything else of the site is planned or compared, the pages
# open in a browser are planned alone (no other page's structured data or card is made), rendered
# and put on screen with what they may show that is new (the theme's assets, processed images).
# A page whose bytes did not change is left alone. The build then goes on as always; it renders
# those pages again, and the same bytes are not written twice (build/live.py).
def _show_visited_first(renderer: Renderer, site: Site, theme, images: dict, live: "LiveSite",
                        staging: "LiveRound") -> None:
    visited = live.visited()
    if not visited:
        return
    planned = list(renderer.page_plan(site, only=visited))
    if not planned:
        return
    pages: dict[str, bytes] = {}
    renderer.render_pages(planned, pages.__setitem__)
    assets = {asset.url_path.lstrip("/"): asset.data for asset in theme.assets.values()}
    pictures = {url.lstrip("/"): path for image in images.values() if image is not None
                for url, path in image.files().items()}
    staging.show_now(pages, assets=assets, copies=pictures)


def _is_live_round(staging) -> bool:
    from portfoliogen.build.live import LiveRound

    return isinstance(staging, LiveRound)


def _may_print(config: Config) -> bool:
    """Whether the site has what cv.pdf or proposal.pdf are made from (a CV, a pitch): only
    then is WeasyPrint loaded to see whether it works (its import costs ~0.3 s a build)."""
    pitches = config.content_dir / "pitches"
    return (config.content_dir / "cv.yaml").is_file() or (pitches.is_dir() and any(pitches.iterdir()))


def _leaks(site: Site, pages, images: dict) -> tuple | None:
    """What the leak check needs of the site: its secrets and leakcheck.leak_inputs (None
    without secrets, and the check's module is not loaded)."""
    if not site.secrets:
        return None
    from portfoliogen.build.leakcheck import leak_inputs

    return site.secrets, leak_inputs(site, pages, images)


def _before_publishing(root: Path, config: Config, searched: list[str], leaks: tuple | None, cache: CacheDirs,
                       use_cache: bool, warned: list[str], previous_index: Previous) -> dict:
    """The search index over the staged pages `searched` (its shards' records returned), then
    the leak check over everything staged (the index too): a leak raises, and nothing is
    swapped in. `leaks`: the site's secrets and leakcheck.leak_inputs, None without secrets."""
    search_index: dict = {}
    try:
        search_index = build_index(root, searched, cache.root, previous_index)
    except SearchUnavailable as err:
        warned.append(str(err))
    if leaks is not None:
        from portfoliogen.build.leakcheck import check_leaks

        secrets, inputs = leaks
        check_leaks(root, config, secrets, *inputs, record=cache.leak_file if use_cache else None)
    return search_index


def _process_images(uses: tuple[ImageUse, ...], settings: ImageSettings, config: Config, progress: bool):
    try:
        return process_images([u.src for u in uses], settings, CacheDirs(config.cache_path).images, progress=progress)
    except ImageErrors as err:
        errors = []
        for use in uses:
            message = err.errors.get(use.src)
            if message:
                errors.append(SiteError(use.display, use.line, use.column, f"image '{use.ref}': {message}"))
        raise SiteErrors(errors) from None


def _static_copies(config: Config, site: Site, files: dict[str, bytes], pages: set[str]) -> dict[str, Path]:
    """content/static/** -> output root. A user's own robots.txt wins over
    the generated one; any other clash with a generated file is an error.
    SVG is published cleaned (into `files`): on the site's own origin, a
    script in it could read and change every page."""
    static_root = config.content_dir / "static"
    copies: dict[str, Path] = {}
    errors = []
    for path in site.static_files:
        rel = path.relative_to(static_root).as_posix()
        if rel == "robots.txt":
            files.pop("robots.txt", None)
        elif rel in files or rel in pages:
            errors.append(SiteError(config.display(path), None, None,
                                    f"'{rel}' clashes with a page portfoliogen generates; rename or remove it"))
            continue
        if path.suffix.lower() == ".svg":
            try:
                files[rel] = clean_svg(read_bytes(path, shown(config.root, path)))
            except SvgError as err:
                errors.append(SiteError(shown(config.root, path), None, None, str(err)))
            except SiteError as err:
                errors.append(err)
        else:
            copies[rel] = path
    if errors:
        raise SiteErrors(errors)
    return copies
