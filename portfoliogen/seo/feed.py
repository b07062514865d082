"""feed.xml: an Atom feed of the case studies, full content, absolute URLs."""

from __future__ import annotations

import re

from portfoliogen.content.site import Site
from portfoliogen.seo.xmltext import xml_attr, xml_text

_ROOT_RELATIVE = re.compile(r'(\s(?:href|src)=")(/[^"]*)"')
_FRAGMENT = re.compile(r'(\shref=")(#[^"]*)"')
_SRCSET = re.compile(r'(\ssrcset=")([^"]*)"')
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)


def absolutize(html: str, origin: str, page_url: str = "") -> str:
    """Root-relative href/src/srcset URLs -> absolute (feed readers have no
    base); `#fragment` links -> the page's URL with the fragment."""
    html = _ROOT_RELATIVE.sub(lambda m: f'{m.group(1)}{origin}{m.group(2)}"', html)
    if page_url:
        html = _FRAGMENT.sub(lambda m: f'{m.group(1)}{page_url}{m.group(2)}"', html)

    def fix_srcset(match: re.Match) -> str:
        parts = []
        for candidate in match.group(2).split(","):
            candidate = candidate.strip()
            parts.append(origin + candidate if candidate.startswith("/") else candidate)
        return f'{match.group(1)}{", ".join(parts)}"'

    return _SRCSET.sub(fix_srcset, html)


def _atom_date(d) -> str:
    return f"{d.isoformat()}T00:00:00Z"


def render_feed(site: Site, abs_url, origin: str, limit: int = 50) -> bytes:
    profile = site.profile
    entries = sorted(site.case_studies, key=lambda cs: (cs.date.date, cs.slug), reverse=True)[:limit]
    updated = entries[0].date.date if entries else site.today
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{xml_attr(site.config.language)}">',
           f"  <title>{xml_text(site.config.title)}</title>",
           f"  <subtitle>{xml_text(profile.headline)}</subtitle>",
           f'  <link href="{xml_attr(abs_url("/feed.xml"))}" rel="self" type="application/atom+xml"/>',
           f'  <link href="{xml_attr(abs_url("/"))}" rel="alternate" type="text/html"/>',
           f"  <id>{xml_text(abs_url('/'))}</id>",
           f"  <updated>{_atom_date(updated)}</updated>",
           f"  <author><name>{xml_text(profile.name)}</name><uri>{xml_text(abs_url('/'))}</uri></author>",
           '  <generator>portfoliogen</generator>',
           f"  <icon>{xml_text(abs_url('/favicon.ico'))}</icon>"]
    for cs in entries:
        page_url = abs_url(cs.url_path)
        body = _HEADERLINK.sub("", str(cs.body_html))   # the theme's "#" permalinks mean nothing in a reader
        if cs.cover_image is not None:
            src = cs.cover_image.src
            body = (f'<p><img src="{xml_attr(abs_url(src.url_path))}" width="{src.width}" '
                    f'height="{src.height}" alt="{xml_attr(cs.cover_alt or "")}"></p>\n'
                    + body)
        content = absolutize(body, origin, page_url)
        out += ["  <entry>",
                f"    <title>{xml_text(cs.title)}</title>",
                f'    <link href="{xml_attr(abs_url(cs.url_path))}" rel="alternate" type="text/html"/>',
                f"    <id>{xml_text(abs_url(cs.url_path))}</id>",
                f"    <published>{_atom_date(cs.date.date)}</published>",
                f"    <updated>{_atom_date(cs.date.date)}</updated>",
                f"    <summary>{xml_text(cs.summary)}</summary>",
                *[f'    <category term="{xml_attr(tag)}"/>' for tag in cs.tags],
                f'    <content type="html">{xml_text(content)}</content>',
                "  </entry>"]
    out.append("</feed>")
    return ("\n".join(out) + "\n").encode("utf-8")
