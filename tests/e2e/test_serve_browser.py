"""`portfoliogen serve` in Debian's Chromium: a content save reloads the
page, a CSS save swaps the stylesheet without a reload, a broken save shows
the error overlay over the last good page and the next good save clears it.
A missing /usr/bin/chromium fails these tests (tests.browser.launch)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browser import CHROMIUM, launch
from tests.e2e.test_serve import ServeProcess

pytestmark = pytest.mark.browser
TIMEOUT = 10_000  # ms


def test_live_reload_css_swap_and_error_overlay(own_theme_site: Path) -> None:
    assert CHROMIUM.exists(), "Debian's chromium is missing at /usr/bin/chromium"
    site = own_theme_site
    study = site / "content" / "case-studies" / "first-project.md"
    css = site / "themes" / "fixture" / "assets" / "site.css"
    services = site / "content" / "services.yaml"
    with ServeProcess(site) as server, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        console: list[str] = []
        page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: console.append(str(e)))
        page.goto(server.origin + "/work/first-project/", wait_until="load")
        page.wait_for_function("() => document.querySelector('h1').textContent.includes('A checkout that people finish')")
        live = "() => window.__portfoliogenLive !== undefined"   # the event stream said hello
        page.wait_for_function(live)

        # 1. A content save reloads the page by itself.
        page.evaluate("() => { window.__beforeSave = 'still here'; }")
        study.write_text(study.read_text(encoding="utf-8").replace(
            "A checkout that people finish", "A checkout nobody abandons"), encoding="utf-8")
        page.wait_for_function("() => window.__beforeSave === undefined && "
                               "document.querySelector('h1').textContent.includes('A checkout nobody abandons')",
                               timeout=TIMEOUT)

        # 2. A CSS-only save swaps the stylesheet in place: no reload.
        page.wait_for_function(live)
        page.evaluate("() => { window.__beforeCss = 42; }")
        before = page.evaluate("() => getComputedStyle(document.body).borderTopWidth")
        assert before != "7px"
        sheets = page.evaluate("() => document.querySelectorAll('link[rel=stylesheet]').length")   # theme.css (site.css + fonts)
        with css.open("a", encoding="utf-8") as f:
            f.write("\nbody { border-top: 7px solid rgb(1, 2, 3); }\n")
        page.wait_for_function("() => getComputedStyle(document.body).borderTopWidth === '7px'", timeout=TIMEOUT)
        assert page.evaluate("() => window.__beforeCss") == 42, "the page reloaded on a CSS-only change"
        assert page.evaluate("() => getComputedStyle(document.body).borderTopColor") == "rgb(1, 2, 3)"
        assert page.evaluate("() => document.querySelectorAll('link[rel=stylesheet]').length") == sheets
        assert page.evaluate("() => document.querySelectorAll('link[rel=stylesheet][href*=\"/theme.\"]').length") == 1

        # 3. A broken save: the overlay lists the error over the last good page.
        good = services.read_text(encoding="utf-8")
        services.write_text(good.replace("  name: Product design sprint", "  name: [unclosed"), encoding="utf-8")
        overlay = page.locator("#portfoliogen-error-overlay")
        overlay.wait_for(state="visible", timeout=TIMEOUT)
        assert "content/services.yaml:" in overlay.inner_text()
        assert page.evaluate("() => window.__beforeCss") == 42, "the last good page stays, unreloaded"
        assert "A checkout nobody abandons" in page.locator("h1").inner_text()

        # A page opened while the site is broken shows the overlay too.
        other = browser.new_page()
        other.goto(server.origin + "/", wait_until="load")
        other.locator("#portfoliogen-error-overlay").wait_for(state="visible", timeout=TIMEOUT)
        other.close()

        # 4. The next good save clears it (and brings the change).
        services.write_text(good.replace("Product design sprint", "Design sprint, fixed"), encoding="utf-8")
        overlay.wait_for(state="detached", timeout=TIMEOUT)
        page.wait_for_function("() => window.__beforeCss === undefined", timeout=TIMEOUT)
        page.goto(server.origin + "/services/", wait_until="load")
        assert "Design sprint, fixed" in page.content()
        assert page.locator("#portfoliogen-error-overlay").count() == 0
        browser.close()
    assert console == [], console
    assert server.proc.returncode == 0


def test_pages_load_under_a_base_url_path(own_theme_site: Path) -> None:
    site = own_theme_site
    config = site / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "base_url: https://example.com/", "base_url: https://ada.github.io/portfolio/"), encoding="utf-8")
    with ServeProcess(site) as server, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        failed: list[str] = []
        # (The event stream is cut, by design, when the page navigates away,
        # and so is a favicon request still in flight: "net::ERR_ABORTED".)
        page.on("requestfailed", lambda r: failed.append(f"{r.failure} {r.url}")
                if "/__portfoliogen/" not in r.url and r.failure != "net::ERR_ABORTED" else None)
        page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.goto(server.origin + "/", wait_until="load")
        assert page.url == server.url
        assert page.evaluate("() => getComputedStyle(document.body).fontFamily") != ""
        assert page.evaluate("() => document.styleSheets.length") >= 1
        page.click("a[href='/portfolio/work/']")
        page.wait_for_url(server.url + "work/")
        browser.close()
    assert failed == []


def test_a_save_reloads_only_the_tabs_showing_a_page_it_changed(own_theme_site: Path) -> None:
    """Two tabs: a case study and the contact page. A save to the case study's
    body changes its page only: that tab reloads, the contact tab stays as it
    is (its scroll position and state kept), and a tab opened on an old epoch
    of an unchanged page does not reload when it reconnects."""
    assert CHROMIUM.exists(), "Debian's chromium is missing at /usr/bin/chromium"
    study = own_theme_site / "content" / "case-studies" / "first-project.md"
    with ServeProcess(own_theme_site) as server, sync_playwright() as p:
        browser = launch(p)
        live = "() => window.__portfoliogenLive !== undefined"
        tabs = {}
        for path in ("/work/first-project/", "/contact/"):
            tab = browser.new_page()
            tab.goto(server.origin + path, wait_until="load")
            tab.wait_for_function(live)
            tab.evaluate("() => { window.__kept = 'yes'; }")
            tabs[path] = tab
        study.write_text(study.read_text(encoding="utf-8").replace(
            "A checkout that people finish", "A checkout nobody abandons"), encoding="utf-8")
        edited = tabs["/work/first-project/"]
        edited.wait_for_function("() => window.__kept === undefined && "
                                 "document.querySelector('h1').textContent.includes('A checkout nobody abandons')",
                                 timeout=TIMEOUT)
        server.wait_line(r"^Rebuilt \d+ pages in")
        contact = tabs["/contact/"]
        contact.wait_for_function("(e) => window.__portfoliogenLive >= e", arg=3, timeout=TIMEOUT)   # it heard both
        assert contact.evaluate("() => window.__kept") == "yes", "a tab whose page did not change reloaded"
        # a tab that missed those builds (its stream was closed) reconnects: no reload either
        contact.evaluate("() => { window.__kept = 'again'; }")
        status = contact.evaluate("""async () => {
            const r = await fetch('/__portfoliogen/events?epoch=1');
            const reader = r.body.getReader();
            const { value } = await reader.read();
            reader.cancel();
            return new TextDecoder().decode(value);
        }""")
        assert '"changed": [' in status and "/contact/" not in status and "/work/first-project/" in status, status
        browser.close()


def test_a_tab_on_a_missing_page_reloads_when_the_page_or_the_404_page_changes(own_theme_site: Path) -> None:
    """A writer opens the URL of a case study they have not written yet (the 404
    page); saving it shows it. A tab on another missing URL reloads when the 404
    page itself changes."""
    assert CHROMIUM.exists(), "Debian's chromium is missing at /usr/bin/chromium"
    studies = own_theme_site / "content" / "case-studies"
    not_found = own_theme_site / "themes" / "fixture" / "templates" / "404.html"
    with ServeProcess(own_theme_site) as server, sync_playwright() as p:
        browser = launch(p)
        live = "() => window.__portfoliogenLive !== undefined"
        waiting = browser.new_page()
        waiting.goto(server.origin + "/work/brand-new-study/", wait_until="load")
        waiting.wait_for_function(live)
        (studies / "brand-new-study.md").write_text(
            (studies / "second-project.md").read_text(encoding="utf-8").replace("title: ", "title: Brand new ", 1),
            encoding="utf-8")
        waiting.wait_for_function("() => document.querySelector('h1').textContent.includes('Brand new')",
                                  timeout=TIMEOUT)
        server.wait_line(r"^Rebuilt \d+ pages in")

        lost = browser.new_page()
        lost.goto(server.origin + "/no/such/page/", wait_until="load")
        lost.wait_for_function(live)
        lost.evaluate("() => { window.__kept = 'yes'; }")
        not_found.write_text(not_found.read_text(encoding="utf-8").replace(
            "{% block content %}", "{% block content %}<p id=\"lost-marker\">Lost?</p>", 1), encoding="utf-8")
        lost.wait_for_function("() => window.__kept === undefined && document.getElementById('lost-marker')",
                               timeout=TIMEOUT)
        browser.close()
