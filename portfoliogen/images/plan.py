"""Pure image planning: settings, the value objects the build passes around, variant
widths and hashed file names, and the cache's metadata format. No PIL (STYLE.md 1)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portfoliogen.slugs import fit_slug

# Bump when a change in process.py changes the pixels or bytes of an output:
# it is part of every cache key and every output file name.
PIPELINE_VERSION = "1"

# Encoder settings that are not in config.yaml but change the output bytes.
# Measured on 2400px photos, variants 480/960/1600, libaom 3.14 one thread:
#   AVIF q75 speed 6: 2.1 s, 448 KB, 37.5 dB   (libavif's default speed)
#   AVIF q75 speed 8: 0.95 s, 457 KB, 37.3 dB
#   AVIF q65 speed 9: 0.25 s, 347 KB, 34.8 dB  <- chosen
#   JPEG q75:         0.06 s, 448 KB, 34.5 dB;  WebP q75 method 4: 0.26 s, 304 KB, 34.1 dB
# AVIF at the same number is far finer than JPEG, so it gets quality - 10:
# the same look as the JPEG fallback in 3/4 of the bytes, at 1/8 of the time.
AVIF_SPEED = 9
AVIF_QUALITY_OFFSET = -10
WEBP_METHOD = 4
JPEG_PROGRESSIVE = True
PNG_COMPRESS_LEVEL = 6

MODERN_FORMATS = ("avif", "webp")
MIME = {
    "avif": "image/avif",
    "webp": "image/webp",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "svg": "image/svg+xml",
}
EXTENSION = {mime: ext for ext, mime in MIME.items()}
EXTENSION["image/jpeg"] = "jpg"

_SLUG_RUN = re.compile(r"[^\w]+|_+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class ImageSettings:
    """Everything from config.images that changes a processed image."""

    widths: tuple[int, ...] = (480, 960, 1600)
    formats: tuple[str, ...] = ("avif", "webp")
    quality: int = 75
    max_pixels: int = 89_478_485  # Pillow's own default

    def __post_init__(self) -> None:
        # Normalise so equal settings give equal keys whatever the config's order;
        # "jpeg"/"png" in formats mean the fallback, which always exists.
        object.__setattr__(self, "widths", tuple(sorted({int(w) for w in self.widths if int(w) > 0})))
        fmts = tuple(f.lower() for f in self.formats)
        object.__setattr__(self, "formats", tuple(f for f in MODERN_FORMATS if f in fmts))
        if not self.widths:
            raise ValueError("images.widths must hold at least one positive width")

    def key(self) -> str:
        """Stable hash of the settings and encoder constants (16 hex)."""
        payload = json.dumps(
            {
                "v": PIPELINE_VERSION,
                "widths": self.widths,
                "formats": self.formats,
                "quality": self.quality,
                # max_pixels only decides whether an image is refused, not its
                # pixels, so it is left out: raising it reuses the cache.
                "avif_speed": AVIF_SPEED,
                "avif_quality_offset": AVIF_QUALITY_OFFSET,
                "webp_method": WEBP_METHOD,
                "jpeg_progressive": JPEG_PROGRESSIVE,
                "png_level": PNG_COMPRESS_LEVEL,
            },
            sort_keys=True,
        )
        return hashlib.sha256(payload.encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Variant:
    url_path: str  # "/images/cover-3f2a9c1b7d.960.webp", without the base path
    width: int
    height: int
    mime: str


@dataclass(frozen=True, slots=True)
class ProcessedImage:
    src_path: Path  # absolute source path
    width: int  # intrinsic size, after EXIF orientation
    height: int
    sources: tuple[tuple[str, tuple[Variant, ...]], ...]  # (mime, ascending variants) per modern format
    fallback: tuple[Variant, ...]  # ascending by width; one variant for SVG and animations
    placeholder: str  # "#rrggbb"
    cache_path: Path  # the cache folder holding this image's files

    @property
    def src(self) -> Variant:
        """The largest fallback variant: the <img src>."""
        return self.fallback[-1]

    @property
    def transparent(self) -> bool:
        """True when the fallback may show what is behind it (PNG, GIF, SVG)."""
        return self.src.mime != "image/jpeg"

    def variants(self) -> tuple[Variant, ...]:
        return tuple(v for _, vs in self.sources for v in vs) + self.fallback

    def files(self) -> dict[str, Path]:
        """url_path -> file in the cache, for every variant."""
        return {v.url_path: self.cache_path / cache_file_name(v.url_path) for v in self.variants()}


class ImageErrors(Exception):
    """Every source that could not be processed: path -> one-line message
    (without the path; the caller adds the content file and line).
    `report` holds what did succeed, for callers that go on (serve)."""

    def __init__(self, errors: dict[Path, str], report: Any = None):
        self.errors = dict(sorted(errors.items()))
        self.report = report
        super().__init__("\n".join(f"{path}: {message}" for path, message in self.errors.items()))


def slugify_stem(name: str) -> str:
    """The spec's slug rule (validators.slugify), kept here so worker processes
    do not import pydantic and babel."""
    return fit_slug(_SLUG_RUN.sub("-", Path(name).stem.lower()).strip("-") or "image")


def variant_widths(width: int, widths: tuple[int, ...]) -> tuple[int, ...]:
    """Configured widths the image can fill without upscaling, plus its own
    width when it is narrower than the largest configured one."""
    chosen = {w for w in widths if w <= width}
    if width < max(widths):
        chosen.add(width)
    return tuple(sorted(chosen))


def scaled_height(width: int, height: int, new_width: int) -> int:
    return max(1, round(height * new_width / width))


# Kinds whose published bytes changed after PIPELINE_VERSION "1" (scripts and
# metadata are now dropped): their own key, so an older cache entry is never
# published again, while every other image keeps its name.
_CLEANED_KINDS = {".svg": "clean-1", ".gif": "clean-1"}


def source_key(source_hash: str, settings: ImageSettings, suffix: str = "") -> str:
    """Cache key and name hash: source bytes hash + settings (+ the kind's
    cleaning version, by the source's file name suffix)."""
    cleaned = _CLEANED_KINDS.get(suffix.lower())
    payload = f"{source_hash}:{settings.key()}" + (f":{cleaned}" if cleaned else "")
    return hashlib.sha256(payload.encode()).hexdigest()


def variant_url(stem: str, key: str, suffix: str) -> str:
    """suffix: "960.webp", or "svg" for a copied file."""
    return f"/images/{stem}-{key[:10]}.{suffix}"


def cache_file_name(url_path: str) -> str:
    """The cache holds "960.webp" for "/images/cover-3f2a9c1b7d.960.webp":
    the same bytes under another source name reuse the cache entry."""
    return url_path.rsplit("/", 1)[-1].split(".", 1)[1]


def variant_suffix(width: int, mime: str) -> str:
    return f"{width}.{EXTENSION[mime]}"


# -- cache metadata: what a warm build reads instead of decoding ------------


def meta_to_json(meta: dict[str, Any]) -> str:
    return json.dumps(meta, sort_keys=True)


def image_from_meta(src_path: Path, key: str, cache_path: Path, meta: dict[str, Any]) -> ProcessedImage:
    """meta = {"width", "height", "placeholder", "sources": [[mime, [[suffix, w, h], ...]], ...],
    "fallback": [[suffix, w, h, mime], ...], "bytes": {suffix: size}}"""
    stem = slugify_stem(src_path.name)

    def variant(suffix: str, w: int, h: int, mime: str) -> Variant:
        return Variant(variant_url(stem, key, suffix), int(w), int(h), mime)

    # A browser takes the first <source> type it knows, and every browser that reads AVIF reads
    # WebP: so the modern format whose files are smaller for this image comes first. At the
    # encoders' settings (AVIF at quality - 10, speed 9; WebP at quality) the two look alike, and
    # which is smaller depends on the picture: WebP for most flat illustrations, either for photos.
    sizes = meta.get("bytes") or {}
    rows_by_format = sorted(meta["sources"], key=lambda source: sum(int(sizes.get(row[0], 0)) for row in source[1]))
    sources = tuple(
        (mime, tuple(variant(s, w, h, mime) for s, w, h in rows)) for mime, rows in rows_by_format
    )
    fallback = tuple(variant(s, w, h, mime) for s, w, h, mime in meta["fallback"])
    return ProcessedImage(
        src_path=src_path,
        width=int(meta["width"]),
        height=int(meta["height"]),
        sources=sources,
        fallback=fallback,
        placeholder=str(meta["placeholder"]),
        cache_path=cache_path,
    )
