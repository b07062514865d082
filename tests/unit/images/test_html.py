"""picture_html and the pure planning helpers: no Pillow, no files."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from portfoliogen.images.html import picture_html
from portfoliogen.images.plan import (
    ImageErrors,
    ImageSettings,
    ProcessedImage,
    Variant,
    cache_file_name,
    image_from_meta,
    slugify_stem,
    variant_widths,
)

KEY = "3f2a9c1b7d" + "0" * 54


def photo(fallback_mime: str = "image/jpeg") -> ProcessedImage:
    ext = "jpg" if fallback_mime == "image/jpeg" else "png"
    meta = {
        "width": 2400,
        "height": 1600,
        "placeholder": "#336699",
        "sources": [
            ["image/avif", [["480.avif", 480, 320], ["960.avif", 960, 640]]],
            ["image/webp", [["480.webp", 480, 320], ["960.webp", 960, 640]]],
        ],
        "fallback": [[f"480.{ext}", 480, 320, fallback_mime], [f"960.{ext}", 960, 640, fallback_mime]],
    }
    return image_from_meta(Path("/site/content/Cover Photo.jpg"), KEY, Path("/cache/x"), meta)


def base(url_path: str) -> str:
    return "/portfolio" + url_path


def parse(html: str):
    soup = BeautifulSoup(html, "html.parser")
    picture = soup.find("picture")
    assert picture is not None and str(soup).count("<picture>") == 1
    return picture, picture.find_all("source"), picture.find("img")


def test_lazy_picture_with_a_source_per_format():
    picture, sources, img = parse(picture_html(photo(), 'Ada\'s "new" <site> & shop', "(min-width: 60rem) 50vw, 100vw", base))
    assert [s["type"] for s in sources] == ["image/avif", "image/webp"]
    assert sources[0]["srcset"] == (
        "/portfolio/images/cover-photo-3f2a9c1b7d.480.avif 480w, /portfolio/images/cover-photo-3f2a9c1b7d.960.avif 960w"
    )
    for source in sources:
        assert source["sizes"] == "(min-width: 60rem) 50vw, 100vw"
        assert [d.split()[1] for d in source["srcset"].split(", ")] == ["480w", "960w"]
    assert img["src"] == "/portfolio/images/cover-photo-3f2a9c1b7d.960.jpg"
    assert img["srcset"].endswith(".960.jpg 960w") and img["sizes"] == "(min-width: 60rem) 50vw, 100vw"
    assert (img["width"], img["height"]) == ("960", "640")
    assert img["alt"] == 'Ada\'s "new" <site> & shop'
    assert (img["loading"], img["decoding"]) == ("lazy", "async")
    assert not img.has_attr("fetchpriority")
    assert img["data-placeholder"] == "#336699" and not img.get("style")
    assert not img.has_attr("class")


def test_priority_image_loads_eagerly():
    _, _, img = parse(picture_html(photo(), "Hero", "100vw", base, priority=True, css_class="hero cover"))
    assert img["fetchpriority"] == "high"
    assert not img.has_attr("loading") and not img.has_attr("decoding")
    assert img["class"] == ["hero", "cover"]


def test_an_eager_image_loads_at_the_browsers_own_priority():
    # a case study's cover: the largest thing on a wide first screen, below the fold on phones
    _, _, img = parse(picture_html(photo(), "Cover", "100vw", base, eager=True))
    assert not img.has_attr("loading") and not img.has_attr("fetchpriority")


def test_alt_is_escaped_and_may_be_empty():
    html = picture_html(photo(), '"><script>alert(1)</script>', "100vw", base)
    assert "<script>" not in html and "&quot;&gt;&lt;script&gt;" in html
    _, _, img = parse(picture_html(photo(), "", "100vw", base))
    assert img["alt"] == ""  # decorative: alt present and empty


def test_transparent_fallback_gets_no_background_colour():
    _, _, img = parse(picture_html(photo("image/png"), "Logo", "10rem", base))
    assert img["src"].endswith(".960.png")
    assert not img.has_attr("style") and not img.has_attr("data-placeholder")


def test_svg_and_single_variant_images():
    svg = image_from_meta(
        Path("/c/logo.svg"), KEY, Path("/cache/y"),
        {"width": 120, "height": 40, "placeholder": "#ffffff", "sources": [],
         "fallback": [["svg", 120, 40, "image/svg+xml"]]},
    )
    picture, sources, img = parse(picture_html(svg, "Logo", "10rem", base))
    assert sources == []
    assert img["src"] == "/portfolio/images/logo-3f2a9c1b7d.svg"
    assert not img.has_attr("srcset") and not img.has_attr("sizes")
    assert (img["width"], img["height"]) == ("120", "40")

    gif = image_from_meta(
        Path("/c/spinner.gif"), KEY, Path("/cache/z"),
        {"width": 64, "height": 64, "placeholder": "#000000",
         "sources": [["image/webp", [["64.webp", 64, 64]]]], "fallback": [["64.gif", 64, 64, "image/gif"]]},
    )
    _, sources, img = parse(picture_html(gif, "Loading", "64px", base))
    assert sources[0]["srcset"] == "/portfolio/images/spinner-3f2a9c1b7d.64.webp 64w"
    assert img["src"] == "/portfolio/images/spinner-3f2a9c1b7d.64.gif" and not img.has_attr("srcset")


def test_files_map_url_paths_into_the_cache():
    image = photo()
    files = image.files()
    assert len(files) == 6
    assert files["/images/cover-photo-3f2a9c1b7d.960.webp"] == Path("/cache/x/960.webp")
    assert image.src == Variant("/images/cover-photo-3f2a9c1b7d.960.jpg", 960, 640, "image/jpeg")
    assert cache_file_name("/images/a-b-3f2a9c1b7d.1600.avif") == "1600.avif"


@pytest.mark.parametrize(
    ("width", "widths", "expected"),
    [
        (2400, (480, 960, 1600), (480, 960, 1600)),
        (1600, (480, 960, 1600), (480, 960, 1600)),
        (1200, (480, 960, 1600), (480, 960, 1200)),
        (960, (480, 960, 1600), (480, 960)),
        (300, (480, 960, 1600), (300,)),
        (480, (480,), (480,)),
    ],
)
def test_variant_widths_never_upscale(width, widths, expected):
    assert variant_widths(width, widths) == expected


def test_settings_key_is_stable_and_tracks_the_output():
    a = ImageSettings(widths=(960, 480), formats=("webp", "avif"), quality=75)
    b = ImageSettings(widths=(480, 960, 480), formats=("avif", "webp", "jpeg"), quality=75, max_pixels=10)
    assert a.key() == b.key()  # order, duplicates, "jpeg" (the fallback) and max_pixels do not change pixels
    assert a.widths == (480, 960) and a.formats == ("avif", "webp")
    assert a.key() != ImageSettings(widths=(480, 960), formats=("avif", "webp"), quality=76).key()
    assert a.key() != ImageSettings(widths=(480, 960), formats=("webp",), quality=75).key()
    assert a.key() != ImageSettings(widths=(480, 961), formats=("avif", "webp"), quality=75).key()
    with pytest.raises(ValueError):
        ImageSettings(widths=(), formats=(), quality=75)


@pytest.mark.parametrize(
    ("name", "stem"),
    [("Cover Photo.JPG", "cover-photo"), ("IMG_5195.HEIC", "img-5195"), ("Café été.png", "café-été"), ("---.png", "image")],
)
def test_stems_follow_the_slug_rule(name, stem):
    assert slugify_stem(name) == stem


def test_image_errors_lists_every_source_sorted():
    err = ImageErrors({Path("/b.jpg"): "this is a text file, not an image", Path("/a.png"): "image file not found"})
    assert str(err) == "/a.png: image file not found\n/b.jpg: this is a text file, not an image"
    assert list(err.errors) == [Path("/a.png"), Path("/b.jpg")]
