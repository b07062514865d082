"""The default theme in Chromium on the example site: the phone menu (a <details> that works
without JavaScript; Escape closes it and focus returns to its toggle), a compact header, prices,
dates and the availability pill that never break inside at 375 px, outcome cards that never leave
an orphan at half width, and the home page's weight (under 100 KiB before images) and stability."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from portfoliogen.deploy.headers import HASHED_DIRS, IMMUTABLE
from tests.browser import _QuietHandler, launch, serve_folder

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(example_output):
    with serve_folder(example_output) as base:
        yield base


class _DeployedHandler(_QuietHandler):
    """Content-hashed files with the deploy presets' year-long caching (deploy/headers.py): a
    later page then finds the fonts in the cache, as on a host, instead of asking again."""

    def end_headers(self):
        if self.path.lstrip("/").split("/")[0] in HASHED_DIRS:
            self.send_header("Cache-Control", IMMUTABLE)
        super().end_headers()


@pytest.fixture(scope="module")
def deployed(example_output):
    with serve_folder(example_output, handler_class=_DeployedHandler) as base:
        yield base


def menu_open(page) -> bool:
    return page.evaluate("document.querySelector('details.menu').open")


def test_the_phone_menu_with_javascript(site, browser) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(site + "services/", wait_until="load")
    header = page.locator("header.site-header").bounding_box()
    assert header["height"] < 140, header                      # one row + the availability line
    links = page.locator(".site-nav a")
    assert not links.first.is_visible() and not menu_open(page)
    page.locator("summary.menu__toggle").click()
    assert menu_open(page) and links.first.is_visible()
    assert links.count() >= 3 and all(links.nth(i).is_visible() for i in range(links.count()))
    page.keyboard.press("Tab")                                   # into the list
    assert page.evaluate("document.activeElement.closest('.site-nav') !== null")
    page.keyboard.press("Escape")
    assert not menu_open(page) and not links.first.is_visible()
    assert page.evaluate("document.activeElement.matches('summary.menu__toggle')")   # focus came back
    page.keyboard.press("Enter")                                 # the toggle works from the keyboard
    assert menu_open(page)
    page.mouse.click(200, 700)                                   # a click outside closes it
    assert not menu_open(page)
    page.locator("summary.menu__toggle").click()
    for _ in range(links.count() + 1):                           # Tab past the last link closes it
        page.keyboard.press("Tab")
    assert not menu_open(page)
    context.close()


def test_the_phone_menu_without_javascript(site, browser) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    page.goto(site, wait_until="load")
    links = page.locator(".site-nav a")
    assert not links.first.is_visible()
    page.locator("summary.menu__toggle").click()
    assert links.first.is_visible()
    links.filter(has_text="Services").click()
    page.wait_for_url("**/services/")
    assert page.locator("h1").inner_text() == "Services and prices"
    context.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_wide_screens_show_the_navigation_and_no_toggle(site, browser, javascript) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(site, wait_until="load")
    assert not page.locator("summary.menu__toggle").is_visible()
    # every section (the Search item is for phones: wide screens have the header's field)
    links = page.locator(".site-nav li:not(.site-nav__search) a")
    assert all(links.nth(i).is_visible() for i in range(links.count()))
    assert page.locator(".site-header .search-box__input").is_visible()
    tops = {round(links.nth(i).bounding_box()["y"]) for i in range(links.count())}
    assert len(tops) == 1, tops                                  # one row
    context.close()


# Each of these is one unbroken phrase: its inline box must sit on a single line.
UNBROKEN = ".price__figure, .price__unit, .badge, .outcome__value, time, .offer__price .price__figure"
LINES = """(sel) => [...document.querySelectorAll(sel)].filter(e => e.getClientRects().length).map(e => {
    const walk = document.createTreeWalker(e, NodeFilter.SHOW_TEXT), tops = [];
    for (let t = walk.nextNode(); t; t = walk.nextNode()) {
        const r = document.createRange(); r.selectNodeContents(t);
        for (const b of r.getClientRects()) if (b.width > 0) tops.push(b.top);
    }
    tops.sort((a, b) => a - b);
    const lines = tops.filter((t, i) => i === 0 || t - tops[i - 1] > 4).length;   // one line box = one top
    return [e.className || e.tagName, e.textContent.trim(), lines];
})"""


@pytest.mark.parametrize("path", ["", "services/", "work/ledgerly-checkout/", "work/", "contact/"])
def test_prices_dates_and_the_pill_never_break_inside_at_375(site, browser, path) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(site + path, wait_until="load")
    seen = page.evaluate(LINES, UNBROKEN)
    assert seen, path
    broken = [s for s in seen if s[2] != 1]
    assert broken == [], broken
    # breadcrumbs: the separator ends an item, so no line starts with "/"
    marks = page.evaluate("""() => [...document.querySelectorAll('.crumbs li')].map(li =>
        [getComputedStyle(li, '::before').content, getComputedStyle(li, '::after').content])""")
    assert all(before in ("none", "normal") for before, _ in marks), marks
    assert all(after == '"/"' for _, after in marks[:-1]), marks
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= 375, overflow                             # nothing pushed out sideways either
    context.close()


@pytest.mark.parametrize("width", [375, 560, 768, 1280])
def test_outcome_cards_fill_their_rows(site, browser, width) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site + "work/ledgerly-checkout/", wait_until="load")
    rows = page.evaluate("""() => {
        const list = document.querySelector('.outcomes__list').getBoundingClientRect();
        const rows = {};
        for (const li of document.querySelectorAll('.outcome')) {
            const b = li.getBoundingClientRect();
            (rows[Math.round(b.top)] ||= []).push(b.right - list.left);
        }
        return [list.width, Object.values(rows).map(r => Math.max(...r))];
    }""")
    full, ends = rows
    assert all(end > full - 2 for end in ends), rows             # every row reaches the right edge
    context.close()


# Layout shifts that moved text, as a font swap does (words change width): their sum must be 0.
# Every shift is kept in __moved for the message. Under CPU load Chromium can also draw the header
# before its last items are parsed and then move it (elements only, no text node; seen before
# the fonts changed too): not a font's doing, so not counted here.
SHIFTS = """window.__shifts = []; window.__moved = [];
    new PerformanceObserver(l => l.getEntries().forEach(e => {
        if (e.sources.some(s => s.node && s.node.nodeType === Node.TEXT_NODE)) window.__shifts.push(e.value);
        window.__moved.push([Math.round(e.startTime), e.value, e.sources.map(s => s.node && (s.node.nodeName
            + ' ' + (s.node.textContent || '').trim().slice(0, 40)) + ' ' + JSON.stringify([s.previousRect, s.currentRect]))]);
    })).observe({type: 'layout-shift', buffered: true});"""
# assets/fonts.js has fetched the faces a first page needs (after its load) and recorded them.
FETCHED = "() => (JSON.parse(sessionStorage.getItem('portfoliogen-fonts') || 'null') || {faces: []}).faces.some(f => f.cached)"


def web_fonts_in_use(page) -> list[str]:
    """The faces Chromium drew the first heading and paragraph with (DevTools' platform fonts),
    once the page's display and text families are loaded and chosen in CSS."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    drawn = []
    for selector in ("h1", "main p"):
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        drawn += [f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]]
    cdp.detach()
    return drawn


def uses_the_web_fonts(page) -> bool:
    chosen = page.evaluate("""() => [getComputedStyle(document.querySelector('h1')).fontFamily,
        [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family.replace(/"/g, '')),
        document.fonts.check('600 1em Fraunces') && document.fonts.check('400 1em Inter')]""")
    family, loaded, checked = chosen
    drawn = web_fonts_in_use(page)
    return (family.replace('"', "").startswith("Fraunces,") and {"Fraunces", "Inter"} <= set(loaded) and checked
            and any(f.startswith("Fraunces") for f in drawn) and any(f.startswith("Inter") for f in drawn))


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_home_weighs_under_100_kib_before_images_and_does_not_shift(site, browser, width, scheme) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    context.add_init_script(SHIFTS)
    page = context.new_page()
    page.goto(site, wait_until="networkidle")
    page.wait_for_function(FETCHED)              # the fonts count too, though fetched after the load
    page.wait_for_load_state("networkidle")
    sizes = page.evaluate("""() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const rest = performance.getEntriesByType('resource')
            .filter(r => r.initiatorType !== 'img' && !/\\.(avif|webp|jpe?g|png|svg|gif)$/.test(r.name))
            .map(r => [r.name, r.decodedBodySize]);
        return [nav.decodedBodySize, rest];
    }""")
    html, rest = sizes
    assert any(name.endswith(".woff2") for name, _ in rest) and any(".css" in name for name, _ in rest)
    total = html + sum(size for _, size in rest)
    assert total < 100 * 1024, (total, html, rest)
    assert sum(page.evaluate("window.__shifts")) == 0, page.evaluate("window.__moved")   # "CLS 0"
    context.close()


@pytest.mark.parametrize("path", ["", "work/", "work/ledgerly-checkout/", "services/", "process/", "about/",
                                  "contact/", "pt/"])
def test_a_first_page_keeps_its_fallback_faces_and_fetches_the_fonts_after_it_is_shown(site, browser, path) -> None:
    # A first visit is drawn in the metric-matched fallback faces and stays in them: nothing
    # swaps, so nothing moves. The fonts are asked for once the first contentful paint is shown,
    # for the next pages.
    context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75)
    context.add_init_script(SHIFTS)
    page = context.new_page()
    page.goto(site + path, wait_until="networkidle")
    page.wait_for_function(FETCHED)
    page.wait_for_timeout(200)
    fcp, fonts = page.evaluate("""() => [
        performance.getEntriesByName('first-contentful-paint')[0].startTime,
        performance.getEntriesByType('resource').filter(r => r.name.endsWith('.woff2')).map(r => r.startTime)]""")
    assert fonts and min(fonts) >= fcp, (fcp, fonts)
    assert page.evaluate("document.querySelector('link[data-webfonts]').media") == "print"
    assert not uses_the_web_fonts(page), path
    assert sum(page.evaluate("window.__shifts")) == 0, (path, page.evaluate("window.__moved"))
    context.close()


def first_page_seen(deployed, browser):
    """A phone visitor's first page (services), shown and its fonts fetched for the next ones."""
    context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75)
    context.add_init_script(SHIFTS)
    page = context.new_page()
    page.goto(deployed + "services/", wait_until="networkidle")
    page.wait_for_function(FETCHED)
    return context, page


def test_the_next_pages_of_a_visit_use_the_web_fonts_from_their_first_frame(deployed, browser) -> None:
    # Later pages add the cached faces before their first frame, or, if that frame came first
    # (a busy device), keep the fallback faces for that page: either way nothing moves.
    context, page = first_page_seen(deployed, browser)
    assert sum(page.evaluate("window.__shifts")) == 0, page.evaluate("window.__moved")
    used = []
    for path in ("process/", "work/", "about/", "contact/"):     # followed like a visitor would
        page.evaluate("path => { location.href = '/' + path; }", path)   # as a link's click does
        page.wait_for_url(f"**/{path}")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        assert sum(page.evaluate("window.__shifts")) == 0, (path, page.evaluate("window.__moved"))
        assert page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
        used.append(uses_the_web_fonts(page))
    # The first of them nearly always; one drawn before its faces were ready may keep the fallbacks.
    assert used[0] or sum(used) >= 2, used
    context.close()


def test_a_later_page_drawn_before_its_fonts_are_ready_keeps_the_fallback_faces(deployed, browser) -> None:
    # The fonts come late (routing bypasses the cache; each file waits 300 ms): the page must not
    # take them once drawn, since that would move its words.
    context, page = first_page_seen(deployed, browser)
    page.route("**/*.woff2", lambda route: (page.wait_for_timeout(300), route.continue_()))
    page.evaluate("location.href = '/process/'")
    page.wait_for_url("**/process/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert page.evaluate("performance.getEntriesByType('resource').some(r => r.name.endsWith('.woff2'))")
    assert sum(page.evaluate("window.__shifts")) == 0, page.evaluate("window.__moved")
    assert not uses_the_web_fonts(page)
    context.close()


def test_without_javascript_the_web_fonts_apply_at_once(site, browser) -> None:
    # The <noscript> link: the fonts load with the page (no script could keep them out of it).
    context = browser.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    for path in ("", "services/"):
        page.goto(site + path, wait_until="networkidle")
        assert uses_the_web_fonts(page), path
    context.close()
