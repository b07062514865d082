"""Every document file of a build: /cv.pdf, /resume.json, and beside each pitch with a
proposal its proposal.pdf, proposal.ics and (with `cv:`) its own cv.pdf."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from portfoliogen.content.cv import select
from portfoliogen.documents.ics import render_ics
from portfoliogen.documents.pdf import FONTS, css_string, page_label, paper_size, render_pdf, weasyprint_module
from portfoliogen.documents.resume import render_resume
from portfoliogen.urls import site_host


def build_documents(site, renderer, cache_dir: Path, print_pdfs: bool = True) -> dict[str, bytes]:
    """out_path -> bytes. Raises the one-line WeasyPrint error when PDFs are wanted without it.
    `print_pdfs` False (`check`, which writes nothing): every file but the PDFs."""
    config = site.config
    files: dict[str, bytes] = {"resume.json": render_resume(site)}
    gettext = plain_gettext(renderer.env)
    prints = []   # (out_path, template, variables, the language's site)
    for view in site.all_views:   # /cv.pdf, and /pt/cv.pdf for a CV with Portuguese values
        if view.cv:
            prints.append((view.prefix.lstrip("/") + "cv.pdf", "print/cv.html", {"cv": view.cv, "doc": "cv"}, view))
    for pitch in site.pitches:
        base = pitch.url_path.lstrip("/")
        if pitch.plan:
            files[base + "proposal.ics"] = render_ics(pitch, pitch.plan, site_host(config.base_url), gettext)
            prints.append((base + "proposal.pdf", "print/proposal.html",
                           {"pitch": pitch, "doc": "proposal", "created": _created(pitch)}, site))
        if pitch.cv and site.cv and pitch.cv.pdf:
            prints.append((base + "cv.pdf", "print/cv.html", {"cv": select(site.cv, pitch.cv), "doc": "cv"}, site))
    if prints and config.pdf and print_pdfs:
        weasyprint_module()   # the one-line error before any work
        for out_path, template, variables, view in prints:
            files[out_path] = render_pdf(_print_html(renderer, template, variables, view), cache_dir)
    return files


def plain_gettext(env):
    """The theme's gettext (whatever catalog the environment has) as plain text, outside a template."""
    template = env.from_string("{{ _(message, **values) }}")

    def gettext(message: str, **values) -> str:
        return Markup(template.render(message=message, values=values)).unescape()

    return gettext


def _created(pitch) -> str | None:
    proposal = pitch.proposal
    return (proposal.issued or proposal.start).isoformat() + "T00:00:00Z"


def _print_html(renderer, template: str, variables: dict, site) -> str:
    """`site`: the language's own (its profile, its text, its catalog)."""
    language = site.language or site.config.language
    env, urls = renderer.environment(language), renderer.urls_of(language)
    profile = site.profile
    title = variables["pitch"].title if "pitch" in variables else plain_gettext(env)("Curriculum vitae")
    css = env.get_template("print/print.css").render(
        paper=paper_size(site.config.paper, site.config.language),
        accent=renderer.theme.options.get("accent") or "#1f2328",
        font_regular=(FONTS / "DejaVuSans.ttf").as_uri(), font_bold=(FONTS / "DejaVuSans-Bold.ttf").as_uri(),
        footer=Markup(css_string(f"{profile.name} · {title}")), page_label=page_label(plain_gettext(env)))
    variables = {"created": None, **variables, "css": Markup(css)}
    return env.get_template(template).render(page=None, site=site, config=site.config, url=urls.url,
                                             abs_url=urls.abs_url, **variables)
