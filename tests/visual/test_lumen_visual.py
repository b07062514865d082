"""Visual regression for the lumen theme: the photographer's fixture site at 375, 768 and
1280 px, light and dark, compared with the baselines in tests/visual/baselines/lumen/
(UPDATE_BASELINES=1 rewrites them after an intended change: commit them with it).
Also what a visitor's browser does: no layout shift while photos load, and YouTube
is not contacted until the visitor presses play."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browser import launch, serve_folder
from tests.conftest import run_cli
from tests.visual.compare import SCHEMES, WIDTHS, check_against_baseline, shoot
from tests.visual.photo_site import make_photo_site

pytestmark = pytest.mark.browser

PAGES = {"home": "/", "case-study": "/work/cevennes-autumn/", "services": "/services/"}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    site = make_photo_site(tmp_path_factory.mktemp("lumen-visual") / "site")
    out = site.parent / "out"
    result = run_cli("build", "--output", str(out), cwd=site)   # --today fixed by run_cli
    assert result.returncode == 0, result.stderr
    with serve_folder(out) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        yield base, browser
        browser.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_page_looks_as_approved(served, tmp_path: Path, name: str, width: int, scheme: str) -> None:
    base, browser = served
    image = shoot(browser, base + PAGES[name].lstrip("/"), width, scheme)
    problem = check_against_baseline("lumen", f"{name}-{width}-{scheme}", image, out_dir=tmp_path)
    assert problem is None, f"{problem} (screenshot and difference in {tmp_path})"


# The page's layout shift, and what moved (element, from and to), so that a failure says where.
CLS_SCRIPT = """() => new Promise(resolve => {
  let total = 0; const moved = [];
  const where = r => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)}`;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) {
      total += e.value;
      for (const s of e.sources || []) moved.push(`${s.node ? s.node.nodeName + '.' + (s.node.className || '') : '?'} `
                                                  + `${where(s.previousRect)} -> ${where(s.currentRect)}`);
    } })
    .observe({type: "layout-shift", buffered: true});
  window.scrollTo(0, document.body.scrollHeight);          // bring every lazy photo in
  setTimeout(() => { window.scrollTo(0, 0); setTimeout(() => resolve([total, moved]), 300); }, 1500);
})"""


@pytest.mark.parametrize("url_path", ["/", "/work/", "/work/cevennes-autumn/"])
@pytest.mark.parametrize("width", [375, 1280])
def test_photos_load_without_moving_anything(served, url_path: str, width: int) -> None:
    base, browser = served
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    # Slow every image down so that they arrive after the layout: their boxes must be right already.
    page.route("**/images/**", lambda route: (page.wait_for_timeout(200), route.continue_()))
    page.goto(base + url_path.lstrip("/"))
    shift, moved = page.evaluate(CLS_SCRIPT)
    context.close()
    assert shift == 0, f"{url_path} at {width}px: cumulative layout shift {shift}; moved: {moved}"


def test_youtube_is_contacted_only_after_play_and_without_cookies(served) -> None:
    base, browser = served
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside: list[str] = []

    def record(route):   # never let a test reach the internet; just note what was asked
        outside.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>player</title>")

    page.route(lambda url: not url.startswith(base), record)
    page.goto(base + "work/cevennes-autumn/", wait_until="networkidle")
    page.mouse.wheel(0, 20000)
    page.wait_for_timeout(500)
    assert outside == [] and context.cookies() == []
    play = page.locator(".embed__play")
    assert play.get_attribute("href") == "https://www.youtube.com/watch?v=aqz-KE-bpKQ"   # the no-JS way
    play.click()
    frame = page.locator(".embed iframe")
    frame.wait_for()
    assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1"
    assert frame.get_attribute("title") == "A short film of the trip, two minutes"
    page.wait_for_timeout(300)
    assert outside and all(u.startswith("https://www.youtube-nocookie.com/") for u in outside)
    context.close()
