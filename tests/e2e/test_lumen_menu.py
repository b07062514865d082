"""Lumen's navigation in Chromium: on phones a "Menu" <details> that shows every section once
opened, with and without JavaScript (it used to be one row scrolling sideways, its last links
off the edge of the screen); from 48rem one row of all the sections and no toggle."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browser import launch, serve_folder
from tests.visual.photo_site import built_photo_site

pytestmark = pytest.mark.browser

SECTIONS = ["Work", "Services", "Testimonials", "About", "Contact", "Search"]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    out: Path = built_photo_site(tmp_path_factory.mktemp("lumen-menu"), theme="lumen")
    with sync_playwright() as p, serve_folder(out) as base:
        browser = launch(p)
        yield browser, base
        browser.close()


def _within_screen(page, links) -> bool:
    width = page.viewport_size["width"]
    boxes = [links.nth(i).bounding_box() for i in range(links.count())]
    return all(box and box["x"] >= 0 and box["x"] + box["width"] <= width for box in boxes)


@pytest.mark.parametrize("javascript", [True, False])
def test_the_phone_menu_opens_on_every_section(served, javascript: bool) -> None:
    browser, base = served
    context = browser.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(base + "work/cevennes-autumn/", wait_until="load")
    links = page.locator(".bar__nav a")
    assert [links.nth(i).text_content().strip() for i in range(links.count())] == SECTIONS
    assert not links.first.is_visible()
    assert page.locator("header.bar").bounding_box()["height"] < 70      # one row: name and toggle
    page.locator("summary.menu__toggle").click()
    assert all(links.nth(i).is_visible() for i in range(links.count()))
    assert _within_screen(page, links)                                  # nothing off the edge
    if javascript:                                                      # the default theme's site.js
        page.keyboard.press("Escape")
        assert not links.first.is_visible()
        assert page.evaluate("document.activeElement.matches('summary.menu__toggle')")
    else:
        links.filter(has_text="Services").click()
        page.wait_for_url("**/services/")
    context.close()


@pytest.mark.parametrize("width", [768, 1280])
def test_wider_screens_show_one_row_and_no_toggle(served, width: int) -> None:
    browser, base = served
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(base, wait_until="load")
    assert not page.locator("summary.menu__toggle").is_visible()
    links = page.locator(".bar__nav a")
    assert all(links.nth(i).is_visible() for i in range(links.count()))
    assert len({round(links.nth(i).bounding_box()["y"]) for i in range(links.count())}) == 1
    assert _within_screen(page, links)
    page.keyboard.press("Escape")                                       # site.js leaves it shown
    assert links.first.is_visible()
    context.close()
