"""Neutral file names for the images of blind and pitch-only items: a source named after the
client ('brightbank-cover.jpg') must not name the published file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from portfoliogen.content.resolve import ImageUse
from portfoliogen.content.site import Site

NEUTRAL_STEM = "image"


def neutral_image_names(images: dict[Path, Any], site: Site, uses: tuple[ImageUse, ...]) -> dict[Path, Any]:
    """`images` with every image a hidden item uses renamed '/images/image-<hash>...'.
    The cache file names carry no stem (plan.cache_file_name), so the files stay the same."""
    hidden = {item.src_path for item in (*site.private_case_studies, *site.private_testimonials)}
    sources = {use.src for use in uses if use.display in hidden}
    return {src: _renamed(image) if src in sources and image is not None else image
            for src, image in images.items()}


def _renamed(image: Any) -> Any:
    def variant(v):
        name = v.url_path.rsplit("/", 1)[-1]
        stem_and_key = name.split(".", 1)[0]              # "<stem>-<key10>"
        key = stem_and_key.rsplit("-", 1)[-1]
        return replace(v, url_path=v.url_path[: -len(name)] + f"{NEUTRAL_STEM}-{key}." + name.split(".", 1)[1])

    return replace(image, sources=tuple((mime, tuple(variant(v) for v in vs)) for mime, vs in image.sources),
                   fallback=tuple(variant(v) for v in image.fallback))
