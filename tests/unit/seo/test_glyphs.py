"""seo/glyphs.py: the bundled fonts, what they can draw, right-to-left text."""

from __future__ import annotations

import pytest

from portfoliogen.seo import glyphs


def test_bundled_fonts_and_licence_ship_with_the_package() -> None:
    for font in (glyphs.BOLD, glyphs.REGULAR):
        assert font.is_file() and font.stat().st_size < 400_000
    assert (glyphs.FONT_DIR / "LICENSE-DejaVu.txt").is_file()


@pytest.mark.parametrize("text, expected", [
    ("Café naïve Ærø — “quoted”", "Café naïve Ærø — “quoted”"),
    ("Ελληνικά и кириллица", "Ελληνικά и кириллица"),
    ("متجر إلكتروني", "متجر إلكتروني"),
    ("東京の店", None),                   # CJK: not in the fonts
    ("Launch 🚀 day", "Launch day"),      # a missing symbol alone is dropped
])
def test_drawable(text: str, expected: str | None) -> None:
    assert glyphs.drawable(text) == expected


def test_is_rtl() -> None:
    assert glyphs.is_rtl("שלום world") and glyphs.is_rtl("مرحبا")
    assert not glyphs.is_rtl("Hello مرحبا")
