"""<picture> markup for a processed image. Pure: no PIL, no I/O."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from .plan import ProcessedImage, Variant


def picture_html(
    image: ProcessedImage,
    alt: str,
    sizes: str,
    url: Callable[[str], str],
    *,
    priority: bool = False,
    eager: bool = False,
    css_class: str | None = None,
) -> str:
    """A <picture> with one <source> per modern format and an <img> fallback.

    `sizes` describes the slot (e.g. "(min-width: 60rem) 50vw, 100vw"); `url`
    turns a url_path into the final URL (adds the site's base path). A
    priority image (the hero, the LCP candidate) loads eagerly with
    fetchpriority="high"; an `eager` one loads eagerly at the browser's own priority
    (raised once it is on screen: an image the first screen shows on some devices and
    not on others); every other one is lazy and decodes off the main thread.
    """

    def srcset(variants: tuple[Variant, ...]) -> str:
        if len(variants) == 1 and variants[0].mime in ("image/svg+xml", "image/gif"):
            return escape(url(variants[0].url_path))
        return escape(", ".join(f"{url(v.url_path)} {v.width}w" for v in variants))

    sizes_attr = f' sizes="{escape(sizes)}"' if sizes else ""
    parts = ["<picture>"]
    for mime, variants in image.sources:
        if variants:
            parts.append(f'<source type="{escape(mime)}" srcset="{srcset(variants)}"{sizes_attr}>')

    src = image.src
    attrs = [f'src="{escape(url(src.url_path))}"']
    if len(image.fallback) > 1:
        attrs.append(f'srcset="{srcset(image.fallback)}"')
        if sizes_attr:
            attrs.append(sizes_attr.strip())
    # The largest variant's size: the aspect ratio (no layout shift) and a sane
    # default when CSS sets no width; never the multi-megapixel original.
    attrs.append(f'width="{src.width}" height="{src.height}"')
    attrs.append(f'alt="{escape(alt)}"')
    if priority:
        attrs.append('fetchpriority="high"')
    elif not eager:
        attrs.append('loading="lazy" decoding="async"')
    if css_class:
        attrs.append(f'class="{escape(css_class)}"')
    if not image.transparent:
        # The dominant colour, shown until the image paints (the theme's script
        # sets it: a style="" attribute would need 'unsafe-inline' in a CSP).
        # Not on PNG/GIF/SVG: it would show through their transparent parts.
        attrs.append(f'data-placeholder="{escape(image.placeholder)}"')
    parts.append(f"<img {' '.join(attrs)}>")
    parts.append("</picture>")
    return "".join(parts)
