"""sitemap.xml and robots.txt: pure functions of the rendered pages."""

from __future__ import annotations

from portfoliogen.content.site import Site
from portfoliogen.seo.xmltext import xml_text

EXCLUDED_KINDS = {"404", "pitch"}


def render_sitemap(pages, site: Site, abs_url) -> bytes:
    """`pages`: PageInfo of every rendered page. lastmod comes from content
    dates (never the build time, so two builds are byte-identical)."""
    dated, newest = {}, {}
    for view in site.all_views:   # every language's pages
        dated.update({cs.url_path: cs.date.date for cs in view.case_studies})
        newest[view.language] = max((cs.date.date for cs in view.case_studies), default=None)
        # A listing changes when its newest item does.
        for tag in view.tags:
            dated[tag.url_path] = max((cs.date.date for cs in tag.case_studies), default=None)
        quotes = [t.date.date for t in view.testimonials if t.date]
        if quotes:
            dated[view.prefix + "testimonials/"] = max(quotes)
    # A multilingual site lists each page's translations with it (hreflang; the same set on each).
    namespaces = ' xmlns:xhtml="http://www.w3.org/1999/xhtml"' if any(p.alternates for p in pages) else ""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{namespaces}>']
    for page in sorted(pages, key=lambda p: p.url_path):
        if page.kind in EXCLUDED_KINDS or page.noindex:
            continue
        lastmod = dated.get(page.url_path) or (newest.get(page.language) if page.kind in ("home", "work") else None)
        lines.append("  <url>")
        lines.append(f"    <loc>{xml_text(abs_url(page.url_path))}</loc>")
        if lastmod:
            lines.append(f"    <lastmod>{lastmod.isoformat()}</lastmod>")
        for hreflang, href in page.alternates:
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{xml_text(hreflang)}" href="{xml_text(href)}"/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def render_robots(abs_url) -> bytes:
    return f"User-agent: *\nAllow: /\n\nSitemap: {abs_url('/sitemap.xml')}\n".encode("utf-8")
