"""Planning social cards and icons: what each one shows and its file name, known at render
time so pages can link them before they are drawn. Pure: no PIL (cards.py draws)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, fields
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from portfoliogen.seo.glyphs import BOLD, REGULAR

# Bump when cards.py draws differently for the same inputs.
CARD_VERSION = "4"
CARD_SIZE = (1200, 630)
PICTURE_PANEL = (480, 630)     # the right-hand crop of a cover or photo
ICON_NAMES = ("favicon.ico", "favicon.svg", "apple-touch-icon.png", "icon-192.png", "icon-512.png")
DEFAULT_ACCENT = "#4338ca"
_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_DRAWABLE_MIME = ("image/jpeg", "image/png", "image/webp")


@cache
def fonts_digest() -> str:
    h = hashlib.sha256()
    for font in (BOLD, REGULAR):
        h.update(font.read_bytes())
    return h.hexdigest()[:16]


def normalise_colour(value: Any, default: str = DEFAULT_ACCENT) -> str:
    """'#0F766E' / '0f766e' / '#0f7' -> '#0f766e'; anything else -> default
    (a CSS colour name or color-mix() is fine for the theme, not for Pillow)."""
    match = _HEX.match(str(value or "").strip())
    if not match:
        return default
    digits = match.group(1).lower()
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits


def initials(name: str) -> str:
    """'Mira Solberg' -> 'MS'; 'Prince' -> 'P'; '' -> ''."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w[0].isalnum()]
    if not words:
        return ""
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


@dataclass(frozen=True)
class Picture:
    """A processed image's variant to crop from: its file in the image
    cache and its url_path (hashed, so it identifies the pixels)."""

    path: str
    url_path: str


def pick_picture(image: Any, size: tuple[int, int] = PICTURE_PANEL) -> Picture | None:
    """The smallest raster variant of a processed image that still covers
    `size` after scaling (else the largest), or None for SVG/GIF/none."""
    if image is None:
        return None
    variants = [v for v in image.fallback if v.mime in _DRAWABLE_MIME]
    if not variants:
        return None
    tw, th = size
    chosen = variants[-1]
    for v in variants:
        scale = max(tw / v.width, th / v.height)
        if scale <= 1:
            chosen = v
            break
    path = image.files().get(chosen.url_path)
    return Picture(str(path), chosen.url_path) if path else None


# No I/O beyond hashing the bundled fonts. A card's name carries a hash of everything that changes
# its pixels: the texts, the colours, the picture's own hashed variant name (which changes exactly
# when the source's bytes or the image settings do), the fonts and CARD_VERSION. The same hash keys
# the cache, so a warm build draws nothing.
@dataclass(frozen=True)
class CardSpec:
    slug: str                   # stem of the file name: "home", "work-ledgerly-checkout"
    title: str                  # the big text
    label: str                  # the small line above it
    name: str                   # the freelancer, bottom left
    host: str                   # "mira-solberg.example", under the name
    accent: str                 # "#rrggbb"
    picture: Picture | None = None
    picture_focus: float = 0.5  # vertical centre of the crop (faces sit high)

    @cached_property
    def key(self) -> str:
        # Shallow (asdict deep-copies, a tenth of planning the pages); the same JSON.
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "slug"}
        if self.picture is not None:
            data["picture"] = self.picture.url_path  # not the cache path: it moves
        payload = json.dumps({"v": CARD_VERSION, "fonts": fonts_digest(), **data},
                             sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()

    @property
    def format(self) -> str:
        """JPEG when a photo is in it (a PNG of a photo is 5x larger)."""
        return "jpeg" if self.picture else "png"

    @property
    def url_path(self) -> str:
        ext = "jpg" if self.format == "jpeg" else "png"
        return f"/cards/{self.slug}-{self.key[:10]}.{ext}"

    @property
    def cache_name(self) -> str:
        return f"{self.key}.{'jpg' if self.format == 'jpeg' else 'png'}"


@dataclass(frozen=True)
class IconSpec:
    """The favicon family: a centre crop of the profile photo, or the name's
    initials on the accent colour."""

    name: str
    accent: str
    picture: Picture | None = None

    @property
    def key(self) -> str:
        payload = json.dumps({"v": CARD_VERSION, "fonts": fonts_digest(), "name": self.name,
                              "accent": self.accent,
                              "picture": self.picture.url_path if self.picture else None},
                             sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()


def text_on(accent: str) -> str:
    """White on the accent when that reads (WCAG 4.5:1), else near-black."""
    return "#ffffff" if contrast(accent, "#ffffff") >= 4.5 else "#111827"


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _luminance(colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def render_manifest(name: str, short_name: str, accent: str, url) -> bytes:
    """site.webmanifest. `url` maps a root path to one under the base path."""
    manifest = {
        "name": name,
        "short_name": short_name,
        "start_url": url("/"),
        "scope": url("/"),
        "display": "browser",
        "theme_color": accent,
        "background_color": "#ffffff",
        "icons": [
            {"src": url("/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": url("/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": url("/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
        ],
    }
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def short_name(name: str, limit: int = 12) -> str:
    """The manifest's short_name: the name when it fits under a home-screen
    icon, else its first word."""
    name = name.strip()
    return name if len(name) <= limit else (name.split()[0][:limit] if name.split() else name[:limit])


def card_file(cards_dir: Path, spec: CardSpec) -> Path:
    """Where a card lives in the card cache (`cards_dir`, named by build.cachedirs)."""
    return cards_dir / spec.cache_name


ICON_NAMES = ("favicon.ico", "favicon.svg", "apple-touch-icon.png", "icon-192.png", "icon-512.png")


def icon_files(cards_dir: Path, spec: IconSpec) -> dict[str, Path]:
    """Where cards.write_icons keeps the favicon family of `spec`."""
    folder = cards_dir / f"icons-{spec.key[:32]}"
    return {name: folder / name for name in ICON_NAMES}
