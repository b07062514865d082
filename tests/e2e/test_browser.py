"""The example site in a real browser: every page loads with no console
error, no horizontal scroll at 375 px, zero axe-core violations, and still
reads right with JavaScript off."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browser import axe_script, launch, serve_folder
from tests.conftest import REPO, run_cli

pytestmark = pytest.mark.browser


def page_urls(out: Path) -> list[str]:
    urls = []
    for html in sorted(out.rglob("*.html")):
        rel = html.relative_to(out).as_posix()
        urls.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return urls


def test_every_page_is_clean_in_chromium(example_output: Path) -> None:
    axe = axe_script().read_text(encoding="utf-8")
    problems: list[str] = []
    with serve_folder(example_output) as base, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 375, "height": 812})
        console: list[str] = []
        page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: console.append(str(e)))
        for url in page_urls(example_output):
            console.clear()
            response = page.goto(base + url, wait_until="load")
            assert response is not None
            if url != "404.html" and response.status != 200:
                problems.append(f"{url}: HTTP {response.status}")
            if console:
                problems.append(f"{url}: console errors {console}")
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                problems.append(f"{url}: scrolls sideways by {overflow}px at 375px wide")
            page.add_script_tag(content=axe)
            result = page.evaluate("async () => await axe.run(document)")
            for violation in result["violations"]:
                targets = [n["target"] for n in violation["nodes"]][:3]
                problems.append(f"{url}: axe {violation['id']} on {targets}")
        browser.close()
    assert problems == []


def test_pages_read_right_without_javascript(example_output: Path) -> None:
    with serve_folder(example_output) as base, sync_playwright() as p:
        browser = launch(p)
        context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        for url in ("", "work/", "contact/", "services/", "testimonials/"):
            page.goto(base + url)
            assert page.locator("main").is_visible(), url
            assert page.locator("h1").first.inner_text().strip(), url
            assert page.locator("nav a").count() >= 3, url
        page.goto(base + "work/")
        cards = page.locator("main article")
        assert cards.count() >= 6
        assert cards.first.is_visible()
        browser.close()


def test_site_works_under_a_base_path(tmp_path: Path) -> None:
    out = tmp_path / "output"
    result = run_cli("build", "--output", str(out), "--base-url", "https://ada.github.io/portfolio/", cwd=REPO)
    assert result.returncode == 0, result.stderr
    failed: list[str] = []
    with serve_folder(out, "/portfolio/") as base, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.on("requestfailed", lambda r: failed.append(r.url))
        page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        for url in ("", "work/", "contact/"):
            page.goto(base + url, wait_until="networkidle")
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            page.wait_for_timeout(200)
        # the stylesheet applied: the page is not unstyled
        assert page.evaluate("getComputedStyle(document.body).fontFamily") != "\"Times New Roman\""
        browser.close()
    assert failed == []
