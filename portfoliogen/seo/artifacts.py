"""Every SEO file besides the pages: sitemap.xml, robots.txt, feed.xml, social cards, the
favicon family, site.webmanifest and contact.vcf."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from portfoliogen.fsutil import Stamps
from portfoliogen.seo.feed import render_feed
from portfoliogen.seo.sitemap import render_robots, render_sitemap
from portfoliogen.seo.social import (
    IconSpec,
    card_file,
    icon_files,
    normalise_colour,
    pick_picture,
    render_manifest,
    short_name,
)
from portfoliogen.seo.vcard import render_vcard
from portfoliogen.urls import Urls, localize

# Files a user may replace by putting their own in content/static/.
REPLACEABLE = ("robots.txt", "favicon.ico", "favicon.svg", "apple-touch-icon.png",
               "icon-192.png", "icon-512.png", "site.webmanifest", "contact.vcf")


@dataclass
class SeoFiles:
    files: dict[str, bytes] = field(default_factory=dict)   # out_path -> bytes
    links: dict[str, Path] = field(default_factory=dict)    # out_path -> file in the cache


# Returns bytes for the small text files and cache paths for the images (the pipeline copies
# those into the output like processed images). A file of the same name in content/static/ wins over
# a generated one.
def build_seo_files(pages, site, urls, theme_options: dict, cards_dir: Path,
                    static_names: set[str] = frozenset()) -> SeoFiles:
    out = SeoFiles()
    profile = site.profile
    accent = normalise_colour(theme_options.get("accent"))
    out.files["sitemap.xml"] = render_sitemap(pages, site, urls.abs_url)
    for view in site.all_views:   # one feed per language, under its prefix
        view_urls = Urls(urls.base_url + "/", view.prefix)
        out.files[localize("/feed.xml", view.prefix).lstrip("/")] = render_feed(view, view_urls.abs_url, urls.origin)
    out.files["robots.txt"] = render_robots(urls.abs_url)
    out.files["site.webmanifest"] = render_manifest(profile.name, short_name(profile.name), accent, urls.url)
    out.files["contact.vcf"] = render_vcard(profile, site.config.contact.email, urls.abs_url)

    specs = [p.card for p in pages if p.card is not None]
    icons = IconSpec(name=profile.name, accent=accent, picture=pick_picture(profile.photo_image, (512, 512)))
    cards = {spec.url_path: card_file(cards_dir, spec) for spec in specs}
    icon_paths = icon_files(cards_dir, icons)
    stamps = Stamps(cards_dir / "stamps.json")   # as cards.card_stamps: cached cards as drawn, or drawn again
    if not all(stamps.check(path) for path in (*cards.values(), *icon_paths.values())):
        # Something to draw: only now load Pillow (a warm build never does).
        from portfoliogen.seo.cards import write_cards
        from portfoliogen.seo.icons import write_icons
        cards = write_cards(specs, cards_dir, stamps)
        icon_paths = write_icons(icons, cards_dir, stamps)
    stamps.save()
    for url_path, path in cards.items():
        out.links[url_path.lstrip("/")] = path
    out.links.update(icon_paths)

    for name in static_names & set(REPLACEABLE):
        if name != "robots.txt":   # the pipeline's static copy handles robots.txt itself
            out.files.pop(name, None)
            out.links.pop(name, None)
    return out
