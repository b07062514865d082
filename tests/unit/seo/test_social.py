"""seo/cards.py and seo/social.py: card text fitting and drawing, the card
cache, icons, colours, initials, manifest."""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from portfoliogen.seo import cards, icons, social


def _draw() -> ImageDraw.ImageDraw:
    return ImageDraw.Draw(Image.new("RGB", (10, 10)))


@pytest.mark.parametrize("text", [
    "Short",
    "A title long enough to wrap over several lines of the card, and then some more words " * 3,
    "Supercalifragilisticexpialidocious" * 4,               # one word wider than the line
    "إعادة تصميم متجر إلكتروني للأزياء في الرياض " * 3,
])
def test_fit_text_never_overflows(text: str) -> None:
    draw = _draw()
    font, lines = cards.fit_text(draw, text, 700, 320)
    assert 1 <= len(lines) <= 4
    assert len(lines) * font.size * 1.16 <= 320 + 1
    for line in lines:
        assert draw.textlength(line, font=font) <= 700


def test_fit_text_shrinks_before_it_ellipsises() -> None:
    draw = _draw()
    big, lines = cards.fit_text(draw, "Short title", 700, 320)
    assert big.size == 76 and lines == ["Short title"]
    small, lines = cards.fit_text(draw, "word " * 200, 700, 320)
    assert small.size == 40 and lines[-1].endswith("…")


def spec(title: str, **kw) -> social.CardSpec:
    return social.CardSpec(slug="x", title=title, label="Case study", name="Ada Lovelace",
                           host="ada.example", accent="#0f766e", **kw)


@pytest.mark.parametrize("title", ["Checkout", "東京のオンラインストアの再設計", "متجر إلكتروني للأزياء", ""])
def test_render_card_is_a_1200x630_png(title: str) -> None:
    data = cards.render_card(spec(title))
    im = Image.open(io.BytesIO(data))
    assert im.format == "PNG" and im.size == (1200, 630)


def test_render_card_with_a_picture_is_jpeg(tmp_path: Path) -> None:
    photo = tmp_path / "p.jpg"
    Image.new("RGB", (960, 600), (200, 30, 30)).save(photo)
    s = spec("With cover", picture=social.Picture(str(photo), "/images/p-0123456789.960.jpg"))
    assert s.url_path.endswith(".jpg")
    im = Image.open(io.BytesIO(cards.render_card(s)))
    assert im.format == "JPEG" and im.size == (1200, 630)
    r, g, b = im.convert("RGB").getpixel((1100, 300))   # the crop fills the right-hand panel
    assert r > 150 and g < 80


def test_card_key_changes_with_every_input() -> None:
    base = spec("Title")
    assert spec("Title").key == base.key
    assert spec("Other").key != base.key
    assert dataclasses.replace(base, accent="#000000").key != base.key
    pic = social.Picture("/cache/a", "/images/a-1.jpg")
    moved = social.Picture("/elsewhere/a", "/images/a-1.jpg")
    assert spec("T", picture=pic).key == spec("T", picture=moved).key   # the cache path is not an input


def test_write_cards_uses_the_cache(tmp_path: Path) -> None:
    s = spec("Cached")
    first = cards.write_cards([s, s], tmp_path)
    path = first[s.url_path]
    mtime = path.stat().st_mtime_ns
    assert cards.write_cards([s], tmp_path)[s.url_path] == path
    assert path.stat().st_mtime_ns == mtime
    assert path.parent == tmp_path


def test_icons_from_a_monogram(tmp_path: Path) -> None:
    files = icons.write_icons(social.IconSpec("Ada Lovelace", "#0f766e"), tmp_path)
    ico = Image.open(files["favicon.ico"])
    assert {(16, 16), (32, 32), (48, 48)} <= set(ico.info["sizes"])
    assert Image.open(files["apple-touch-icon.png"]).size == (180, 180)
    assert Image.open(files["icon-512.png"]).size == (512, 512)
    svg = files["favicon.svg"].read_text()
    assert ">AL</text>" in svg and 'fill="#0f766e"' in svg


def test_icons_from_a_photo(tmp_path: Path) -> None:
    photo = tmp_path / "me.jpg"
    Image.new("RGB", (600, 800), (10, 200, 10)).save(photo)
    files = icons.write_icons(social.IconSpec("Ada", "#0f766e", social.Picture(str(photo), "/images/me-1.jpg")),
                              tmp_path)
    r, g, b = Image.open(files["icon-192.png"]).convert("RGB").getpixel((96, 96))
    assert g > 150 and r < 60
    assert "data:image/jpeg;base64," in files["favicon.svg"].read_text()


@pytest.mark.parametrize("value, expected", [
    ("#0F766E", "#0f766e"), ("0f766e", "#0f766e"), ("#abc", "#aabbcc"),
    ("rebeccapurple", social.DEFAULT_ACCENT), (None, social.DEFAULT_ACCENT),
])
def test_normalise_colour(value, expected) -> None:
    assert social.normalise_colour(value) == expected


def test_text_colour_keeps_contrast() -> None:
    assert social.text_on("#0f766e") == "#ffffff"
    assert social.text_on("#fde68a") == "#111827"


def test_initials_and_short_name() -> None:
    assert social.initials("Mira Solberg") == "MS"
    assert social.initials("Jean-Luc Picard") == "JP"
    assert social.initials("Prince") == "P"
    assert social.short_name("Mira Solberg") == "Mira Solberg"
    assert social.short_name("Maximilian Alexander-Smythe") == "Maximilian"


def test_manifest() -> None:
    data = json.loads(social.render_manifest("Ada", "Ada", "#0f766e", lambda p: "/sub" + p))
    assert data["start_url"] == "/sub/" and data["scope"] == "/sub/"
    assert {i["sizes"] for i in data["icons"]} == {"192x192", "512x512"}
