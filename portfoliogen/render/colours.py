"""Colour arithmetic for theme tokens: the dark-mode accent is derived in OKLCH (same hue,
kept saturation, lighter) until it reads at AA on dark surfaces — designed, not inverted."""

from __future__ import annotations

import math

DARK_SURFACE = "#1f232b"   # the lightest dark surface links and buttons sit on
DARK_TEXT = "#0f1115"      # text on an accent button in dark mode


def _lin(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    c = min(1.0, max(0.0, c))
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def hex_to_rgb(value: str) -> tuple[float, float, float]:
    h = value.lstrip("#")
    if len(h) == 3:
        h = "".join(ch * 2 for ch in h)
    return tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def rgb_to_hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(min(1, max(0, c)) * 255):02x}" for c in rgb)


def to_oklch(value: str) -> tuple[float, float, float]:
    r, g, b = (_lin(c) for c in hex_to_rgb(value))
    l_ = (0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b) ** (1 / 3)
    m_ = (0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b) ** (1 / 3)
    s_ = (0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b) ** (1 / 3)
    L = 0.2104542553 * l_ + 0.7936177850 * m_ - 0.0040720468 * s_
    a = 1.9779984951 * l_ - 2.4285922050 * m_ + 0.4505937099 * s_
    bb = 0.0259040371 * l_ + 0.7827717662 * m_ - 0.8086757660 * s_
    return L, math.hypot(a, bb), math.atan2(bb, a)


def _oklch_rgb(L: float, C: float, h: float) -> tuple[float, float, float]:
    a, b = C * math.cos(h), C * math.sin(h)
    l_ = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3
    m_ = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3
    s_ = (L - 0.0894841775 * a - 1.2914855480 * b) ** 3
    return (4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_,
            -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_,
            -0.0041960863 * l_ - 0.7034186147 * m_ + 1.7076147010 * s_)


def from_oklch(L: float, C: float, h: float) -> str:
    """The nearest sRGB colour: chroma reduced until it fits (hue and lightness kept)."""
    while C > 0:
        rgb = _oklch_rgb(L, C, h)
        if all(-1e-4 <= c <= 1 + 1e-4 for c in rgb):
            return rgb_to_hex(tuple(_gamma(c) for c in rgb))  # type: ignore[arg-type]
        C -= 0.005
    return rgb_to_hex(tuple(_gamma(c) for c in _oklch_rgb(L, 0, h)))  # type: ignore[arg-type]


def luminance(value: str) -> float:
    r, g, b = (_lin(c) for c in hex_to_rgb(value))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def dark_accent(accent: str, minimum: float = 5.0) -> str:
    """The accent for dark mode: same hue, as much of its chroma as fits, lightened
    just enough to reach `minimum` contrast on the dark surfaces."""
    L, C, h = to_oklch(accent)
    L = max(L, 0.62)
    while L < 0.97:
        candidate = from_oklch(L, max(C, 0.09) if C > 0.03 else C, h)
        if contrast(candidate, DARK_SURFACE) >= minimum:
            return candidate
        L += 0.01
    return from_oklch(0.97, 0.03, h)
