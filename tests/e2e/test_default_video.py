"""Videos in the default theme's case-study galleries: the same content as in lumen (a
self-hosted file with poster and captions, a YouTube/Vimeo placeholder that loads nothing from
the host before a click) shows in the default theme too, instead of an empty figure; the
lightbox takes only the images (a video item made its script throw, found by the audit)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browser import launch, serve_folder
from tests.visual.photo_site import built_photo_site, page


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return built_photo_site(tmp_path_factory.mktemp("default-video"), theme="default")


def test_a_self_hosted_video_shows_with_its_poster_and_captions(out: Path) -> None:
    html = page(out, "/work/night-shift/")
    video = re.search(r"<video .*?</video>", html, re.S).group(0)
    assert re.search(r'poster="/images/encore-poster-[0-9a-f]+\.\d+\.jpg"', video)
    assert '<source src="/work/night-shift/encore.mp4" type="video/mp4">' in video
    assert 'srclang="fr"' in video and 'srclang="en"' in video
    sheet = re.search(r'<link rel="stylesheet" href="/assets/(theme\.[0-9a-f]+\.css)">', html)
    assert ".fig__video" in (out / "assets" / sheet[1]).read_text()   # media.css, in the one stylesheet
    assert "/assets/embed." not in html                        # no placeholder on this page


def test_a_youtube_video_is_a_placeholder_that_fetches_nothing_from_youtube(out: Path) -> None:
    html = page(out, "/work/cevennes-autumn/")
    embed = re.search(r'<div class="embed" data-embed="([^"]+)".*?</div>', html, re.S)
    assert embed and embed.group(1).startswith("https://www.youtube-nocookie.com/embed/")
    assert 'href="https://www.youtube.com/watch?v=' in embed.group(0)
    fetched = re.findall(r'<(?:img|script|iframe|link|source)\b[^>]*?(?:src|href|srcset)="([^"]+)"', html)
    assert not [u for u in fetched if "youtube" in u]
    assert "/assets/embed." in html


def test_the_gallery_rules_stay_off_the_home_page_and_only_embeds_load_the_script(out: Path) -> None:
    assert "/assets/embed." not in page(out, "/work/kitchen-table/")      # photos, no embed
    sheet = re.search(r'href="/assets/(theme\.[0-9a-f]{10}\.css)"', page(out, "/work/cevennes-autumn/"))
    home = re.search(r'href="/assets/(home\.[0-9a-f]{10}\.css)"', page(out, "/"))
    assert ".embed__play" in (out / "assets" / sheet[1]).read_text()    # in the one stylesheet
    assert ".embed__play" not in (out / "assets" / home[1]).read_text()


@pytest.mark.browser
def test_the_lightbox_takes_the_images_and_leaves_the_video(out: Path) -> None:
    html = page(out, "/work/cevennes-autumn/")
    images = len(re.findall(r'<figure class="gallery__item[^"]*">\s*<picture>', html))
    assert images and "embed" in html
    with sync_playwright() as p, serve_folder(out) as base:
        browser = launch(p)
        errors = []
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto(base + "work/cevennes-autumn/", wait_until="networkidle")
        assert tab.evaluate("document.querySelectorAll('.lightbox__open').length") == images
        assert tab.evaluate("document.querySelectorAll('.embed .lightbox__open').length") == 0
        tab.click(".embed__play")                          # the player loads on the click
        assert tab.wait_for_selector(".embed iframe[src*='youtube-nocookie.com']")
        assert not errors, errors
        browser.close()
