"""An Arabic site in Chromium: mirrored (dir="rtl", the brand at the right, lists and quotes
flipped), no sideways scroll, zero axe-core violations at 375 and 1280 px, light and dark.
Set RTL_SHOTS=<folder> to keep the screenshots for a person to look at."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browser import axe_script, launch, serve_folder
from tests.conftest import REPO, run_cli, set_site_language

pytestmark = pytest.mark.browser
PAGES = ["", "work/", "work/ledgerly-checkout/", "services/", "testimonials/", "contact/", "404.html"]


@pytest.fixture(scope="module")
def arabic_output(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("arabic")
    shutil.copytree(REPO / "content", site / "content")
    shutil.copy(REPO / "config.yaml", site / "config.yaml")
    set_site_language(site / "config.yaml", "ar")
    result = run_cli("build", "--output", str(site / "out"), cwd=site)
    assert result.returncode == 0, result.stderr
    return site / "out"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_arabic_site_is_mirrored_and_accessible(arabic_output, width, scheme):
    axe = axe_script().read_text(encoding="utf-8")
    shots = Path(os.environ["RTL_SHOTS"]) if os.environ.get("RTL_SHOTS") else None
    problems: list[str] = []
    with serve_folder(arabic_output) as base, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
        for url in PAGES:
            page.goto(base + url, wait_until="load")
            assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                problems.append(f"{url}: scrolls sideways by {overflow}px")
            page.add_script_tag(content=axe)
            result = page.evaluate("async () => await axe.run(document)")
            problems += [f"{url}: axe {v['id']} on {[n['target'] for n in v['nodes']][:3]}"
                         for v in result["violations"]]
            if shots:
                shots.mkdir(parents=True, exist_ok=True)
                name = (url.strip("/").replace("/", "-").replace(".html", "") or "home")
                page.screenshot(path=str(shots / f"{name}-{width}-{scheme}.png"), full_page=True)
        # Mirrored: the brand sits at the right edge, the list markers of a price card at the right.
        page.goto(base, wait_until="load")
        brand = page.locator(".brand").bounding_box()
        assert brand["x"] + brand["width"] > width * 0.8, brand
        page.goto(base + "services/", wait_until="load")   # the full price cards (home: summaries)
        marker = page.evaluate("""() => {
            const li = document.querySelector('.checks li');
            const before = getComputedStyle(li, '::before');
            return [before.insetInlineStart, before.right, getComputedStyle(li).paddingRight];
        }""")
        assert marker[1] == "0px" and marker[2] != "0px", marker
        # The time-zone line timezone.js writes speaks the page's language too.
        page.goto(base + "contact/", wait_until="load")
        assert page.locator(".tz__live").inner_text().startswith("الساعة عندك")
        browser.close()
    assert problems == []
