"""seo/: descriptions, glyph coverage, card text fitting and drawing, icons,
vCard escaping and folding, JSON-LD prices, manifest."""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image, ImageDraw

from portfoliogen.seo import cards, glyphs, social
from portfoliogen.seo.jsonld import JsonLd, _clean
from portfoliogen.seo.meta import describe, shorten
from portfoliogen.seo.vcard import escape_value, fold, render_vcard, split_name


# ---------------------------------------------------------------- meta
def test_shorten_cuts_on_a_word_boundary() -> None:
    text = "word " * 60
    cut = shorten(text, 155)
    assert len(cut) <= 155 and cut.endswith("…") and not cut.endswith(" …")
    assert cut[:-1].split() == ["word"] * len(cut[:-1].split())


def test_describe_falls_back_to_the_first_paragraph() -> None:
    assert describe(None, "  ", body_html="<h2>Hi</h2><p>First <em>para</em>.</p><p>Second</p>") == "First para."
    assert describe("Own **summary**") == "Own **summary**"


# ---------------------------------------------------------------- glyphs
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


# ---------------------------------------------------------------- cards
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
    assert path.parent == tmp_path / "cards"


def test_icons_from_a_monogram(tmp_path: Path) -> None:
    files = cards.write_icons(social.IconSpec("Ada Lovelace", "#0f766e"), tmp_path)
    ico = Image.open(files["favicon.ico"])
    assert {(16, 16), (32, 32), (48, 48)} <= set(ico.info["sizes"])
    assert Image.open(files["apple-touch-icon.png"]).size == (180, 180)
    assert Image.open(files["icon-512.png"]).size == (512, 512)
    svg = files["favicon.svg"].read_text()
    assert ">AL</text>" in svg and 'fill="#0f766e"' in svg


def test_icons_from_a_photo(tmp_path: Path) -> None:
    photo = tmp_path / "me.jpg"
    Image.new("RGB", (600, 800), (10, 200, 10)).save(photo)
    files = cards.write_icons(social.IconSpec("Ada", "#0f766e", social.Picture(str(photo), "/images/me-1.jpg")),
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


# ---------------------------------------------------------------- vCard
def test_vcard_escaping_and_folding() -> None:
    assert escape_value("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    long = "NOTE:" + "é" * 80
    folded = fold(long)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == long
    assert split_name("Ada King Lovelace") == ("Lovelace", "Ada King")
    assert split_name("Prince") == ("Prince", "")


def test_vcard_without_optional_fields() -> None:
    profile = SimpleNamespace(name="Ada", headline="Engineer", photo_image=None, location=None,
                              timezone=None, links=(), languages=())
    text = render_vcard(profile, None, lambda p: "https://a.example" + p).decode()
    assert text.split("\r\n")[:5] == ["BEGIN:VCARD", "VERSION:3.0", "N:Ada;;;;", "FN:Ada", "TITLE:Engineer"]
    assert "EMAIL" not in text and "PHOTO" not in text and "ADR" not in text


# ---------------------------------------------------------------- JSON-LD
def _service(price):
    return SimpleNamespace(id="s", name="Audit", summary="A review", price=price)


@pytest.mark.parametrize("price, expected", [
    (SimpleNamespace(from_=4800, to=None, currency="EUR", unit="project"),
     {"@type": "PriceSpecification", "priceCurrency": "EUR", "minPrice": 4800}),
    (SimpleNamespace(from_=4800, to=9000, currency="EUR", unit="project"),
     {"@type": "PriceSpecification", "priceCurrency": "EUR", "minPrice": 4800, "maxPrice": 9000}),
    (SimpleNamespace(from_=95.5, to=None, currency="USD", unit="hour"),
     {"@type": "UnitPriceSpecification", "priceCurrency": "USD", "unitCode": "HUR", "unitText": "hour",
      "minPrice": 95.5}),
    (SimpleNamespace(from_=None, to=3000, currency="GBP", unit="month"),
     {"@type": "UnitPriceSpecification", "priceCurrency": "GBP", "unitCode": "MON", "unitText": "month",
      "price": 3000}),
])
def test_offer_price_specification(price, expected) -> None:
    ld = JsonLd.__new__(JsonLd)
    ld.abs_url = lambda p: "https://a.example" + p
    ld.person_id = "https://a.example/#person"
    assert ld.offer(_service(price))["priceSpecification"] == expected
    assert "priceSpecification" not in ld.offer(_service(None))


def test_clean_drops_empty_values() -> None:
    assert _clean({"a": None, "b": "", "c": [], "d": {"e": None}, "f": [1, None], "g": 0}) == {"f": [1], "g": 0}
