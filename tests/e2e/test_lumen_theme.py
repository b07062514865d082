"""The lumen theme: a site switches to it with one line of config.yaml and builds; image rows
carry each image's own aspect ratio; captions and credits show; self-hosted video is copied
byte for byte with its captions; YouTube and Vimeo are placeholders that load nothing from
the video host until a click; lumen speaks every language the default theme speaks."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import REPO, run_cli
from tests.visual.photo_site import built_photo_site, make_photo_site, page

THEME = REPO / "themes" / "lumen"


@pytest.fixture(scope="module")
def photo_out(tmp_path_factory) -> Path:
    return built_photo_site(tmp_path_factory.mktemp("lumen"), theme="lumen")


def test_the_example_site_switches_theme_with_one_line(tmp_path: Path) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    config = (REPO / "config.yaml").read_text()
    (tmp_path / "config.yaml").write_text(config + "theme: lumen\n")
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "output/index.html").read_text()
    assert 'class="lumen kind-home"' in html
    # One stylesheet: the default theme's site.css and lumen's layer, inlined by the build (the
    # home page's home.css; the other pages' theme.css adds the rules only they use).
    sheets = re.findall(r'<link rel="stylesheet" href="/assets/(home\.[0-9a-f]{10}\.css)">', html)
    css = (tmp_path / "output/assets" / sheets[0]).read_text(encoding="utf-8")
    assert len(sheets) == 1 and ".lumen{" in css and ".site-header" in css and "@import" not in css
    pages = sorted(p.relative_to(tmp_path / "output").as_posix() for p in (tmp_path / "output").rglob("*.html"))
    assert "services/index.html" in pages and "contact/index.html" in pages and "testimonials/index.html" in pages


def test_each_image_in_a_row_carries_its_own_aspect_ratio(photo_out: Path) -> None:
    html = page(photo_out, "/work/cevennes-autumn/")
    items = re.findall(r'<li class="jr__item r(\d+)"><figure class="fig">.*?<img src="([^"]+)"[^>]*'
                       r'width="(\d+)" height="(\d+)"', html, re.S)
    assert len(items) >= 3
    for ratio_class, src, width, height in items:
        assert int(ratio_class) == max(8, min(60, round(int(width) / int(height) * 20)))
        with Image.open(photo_out / src.lstrip("/")) as image:   # the file really has that shape
            assert abs(image.width / image.height - int(width) / int(height)) < 0.01
    # A panorama (wider than 2:1) is shown across the window, not squeezed into a row.
    assert re.search(r'<div class="bleed bleed--pano"><figure class="fig">\s*<picture>', html)
    assert not re.search(r"\sstyle=", html)   # no inline style: a strict CSP needs no 'unsafe-inline'


def test_captions_and_credits_come_from_the_front_matter(photo_out: Path) -> None:
    html = page(photo_out, "/work/cevennes-autumn/")
    assert ('<span class="fig__caption">The square in Anduze, early morning</span> <small class="fig__credit">'
            '<span class="visually-hidden">Image credit: </span>Photo — Noor Haddad</small>') in html
    assert '<span class="fig__caption">Plane trees</span></figcaption>' in html   # no credit: none shown


def test_youtube_is_a_placeholder_that_names_no_third_party_resource(photo_out: Path) -> None:
    html = page(photo_out, "/work/cevennes-autumn/")
    assert 'data-embed="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1"' in html
    assert '<a class="embed__play" href="https://www.youtube.com/watch?v=aqz-KE-bpKQ">' in html
    # Nothing the browser fetches by itself points at the video host.
    fetched = re.findall(r'<(?:img|script|iframe|link|source)\b[^>]*?(?:src|href|srcset)="([^"]+)"', html)
    assert fetched and not [u for u in fetched if "youtube" in u or "vimeo" in u]
    assert "/assets/embed." in html
    assert "/assets/embed." not in page(photo_out, "/work/night-shift/")   # only where there is an embed


def test_a_self_hosted_video_has_its_poster_captions_and_file(photo_out: Path) -> None:
    html = page(photo_out, "/work/night-shift/")
    video = re.search(r"<video .*?</video>", html, re.S).group(0)
    assert re.search(r'poster="/images/encore-poster-[0-9a-f]+\.\d+\.jpg"', video)
    assert '<source src="/work/night-shift/encore.mp4" type="video/mp4">' in video
    assert '<track kind="captions" src="/work/night-shift/encore.fr.vtt" srclang="fr" label="Captions (FR)" default>' in video
    assert '<track kind="captions" src="/work/night-shift/encore.vtt" srclang="en" label="Captions (EN)">' in video
    src = Path(__file__).parents[1] / "fixtures/photo-site/content/case-studies/night-shift/encore.vtt"
    assert (photo_out / "work/night-shift/encore.vtt").read_bytes() == src.read_bytes()
    assert (photo_out / "work/night-shift/encore.mp4").stat().st_size > 0


def test_the_first_photo_loads_first_and_the_rest_lazily(photo_out: Path) -> None:
    for url_path in ("/", "/work/", "/work/cevennes-autumn/"):
        imgs = re.findall(r"<img [^>]*>", page(photo_out, url_path))
        assert 'fetchpriority="high"' in imgs[0], url_path
        assert all('loading="lazy"' in i for i in imgs[1:]), url_path


def test_lumen_translates_its_own_strings_in_every_language_the_default_theme_ships() -> None:
    from babel.messages.pofile import read_po
    default = {p.parent.parent.name for p in (REPO / "themes/default/locale").glob("*/LC_MESSAGES/messages.po")}
    lumen = {p.parent.parent.name for p in (THEME / "locale").glob("*/LC_MESSAGES/messages.po")}
    assert lumen == default
    with (THEME / "locale/messages.pot").open("rb") as f:
        ids = {m.id for m in read_po(f) if m.id}
    for lang in sorted(lumen - {"pt_BR"}):
        with (THEME / f"locale/{lang}/LC_MESSAGES/messages.po").open("rb") as f:
            done = {m.id for m in read_po(f) if m.id and m.string and not m.fuzzy}
        assert done == ids, lang


@pytest.mark.parametrize("language", ["fr", "ar", "pt-BR"])
def test_a_translated_build_shows_lumens_strings_translated(tmp_path: Path, language: str) -> None:
    site = make_photo_site(tmp_path / "site")
    config = site / "config.yaml"
    config.write_text(config.read_text().replace("language: en", f"language: {language}"))
    result = run_cli("build", cwd=site)
    assert result.returncode == 0, result.stderr
    html = (site / "output/work/cevennes-autumn/index.html").read_text()
    for english in ("Image credit:", "Loads the player from", "Play: "):
        assert english not in html, (language, english)
    assert ">Projets<" in (site / "output/index.html").read_text() or language != "fr"   # the default's catalogs
