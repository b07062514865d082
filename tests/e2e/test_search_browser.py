"""In Chromium: site search finds every public case study by a word of its body, filters
by tag and industry, and finds nothing from a pitch; the home page loads nothing of it;
the work filter and the gallery lightbox work by keyboard alone with 0 axe violations."""

from __future__ import annotations


import pytest
from playwright.sync_api import sync_playwright

from tests.browser import axe_script, launch, serve_folder
from tests.conftest import run_cli
from tests.e2e.nda_site import BODY_WORDS, make_nda_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    site = make_nda_site(tmp_path_factory.mktemp("search"))
    result = run_cli("build", "--base-url", "https://example.com/portfolio/", cwd=site)
    assert result.returncode == 0, result.stderr
    with serve_folder(site / "output", "/portfolio/") as base, sync_playwright() as p:
        browser = launch(p)
        yield base, browser
        browser.close()


def _page(browser):
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return page, errors


def _results(page, query_string: str, base: str) -> list[str]:
    page.goto(f"{base}search/?{query_string}")
    page.wait_for_function("document.getElementById('search-status').textContent.trim() !== '' && "
                           "!document.getElementById('search-status').textContent.includes('…')", timeout=15000)
    return [a.get_attribute("href") for a in page.query_selector_all(".search__result a")]


def _axe(page) -> list[str]:
    page.add_script_tag(content=axe_script().read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document)")
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in result["violations"]]


def test_search_finds_every_public_case_study_and_no_pitch(served) -> None:
    base, browser = served
    page, errors = _page(browser)
    for slug, word in BODY_WORDS.items():
        assert _results(page, f"q={word}", base) == [f"/portfolio/work/{slug}/"], word
    for word in ("Initech", "Falcon", "Dear", "Globex", "Scorpio"):
        assert not [h for h in _results(page, f"q={word}", base) if "/p/" in h or "initech" in h], word
    assert _results(page, "q=zebracrossing&tag=fintech", base) == ["/portfolio/work/public-project/"]
    assert _results(page, "q=zebracrossing&tag=logistics", base) == []
    assert _results(page, "industry=Logistics", base) == [
        "/portfolio/work/a-route-planner-for-a-logistics-company/"]
    assert page.locator("#search-filters input[name=year]").count() >= 2
    assert _axe(page) == []
    assert errors == []


def test_search_leaves_out_the_call_to_action(served) -> None:
    """The call to action ends every page with the same words: it is not indexed, so a word of
    it finds only the pages that use it elsewhere."""
    base, browser = served
    page, errors = _page(browser)
    # "Tell me about it: the problem, the timeline and the budget.", on every page; the contact
    # form alone asks for a budget.
    assert _results(page, "q=budget", base) == ["/portfolio/contact/"]
    assert errors == []


def test_a_result_shows_a_fact_as_its_label_and_its_value(served) -> None:
    """The excerpt under a result reads "Role Wayfinding consultant", not "RoleWayfinding
    consultant": Pagefind joins a <dt> and a <dd> with nothing between them."""
    base, browser = served
    page, errors = _page(browser)
    assert _results(page, "q=wayfinding", base) == ["/portfolio/work/public-project/"]
    excerpt = page.locator(".search__result p").first.inner_text()
    assert "Role Wayfinding consultant" in excerpt, excerpt
    assert errors == []


def test_an_excerpt_shows_no_heading_permalink(served) -> None:
    """The "#" link after each heading of a text is not in the index: "The challenge", not
    "The challenge#"."""
    base, browser = served
    page, errors = _page(browser)
    assert _results(page, "q=challenge", base)
    excerpts = [p.inner_text() for p in page.locator(".search__result p").all()]
    assert excerpts and any("challenge" in e.lower() for e in excerpts), excerpts
    assert not [e for e in excerpts if "#" in e], excerpts
    assert errors == []


def test_home_loads_nothing_of_search_until_used(served) -> None:
    base, browser = served
    page, _ = _page(browser)
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(base)
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if "pagefind" in u or "search" in u]
    page.goto(f"{base}search/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if "pagefind" in u]   # not even on the search page before a search
    page.focus("#search-q")
    page.wait_for_function("performance.getEntriesByType('resource').some(e => e.name.includes('pagefind.js'))")


def test_search_box_without_javascript_falls_back_to_the_work_index(served) -> None:
    base, browser = served
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base)
    page.fill("#search-box-q", "quokka")
    page.press("#search-box-q", "Enter")
    page.wait_for_url("**/search/?q=quokka")
    links = [a.get_attribute("href") for a in page.query_selector_all(".search__browse a, .chips a")]
    assert "/portfolio/work/first-project/" in links and "/portfolio/work/tags/fintech/" in links
    context.close()


def test_work_filter_by_keyboard(served) -> None:
    base, browser = served
    page, errors = _page(browser)
    page.goto(f"{base}work/")
    cards = page.locator(".cards > li")
    total = cards.count()
    page.focus("#work-filter-industry")
    while page.evaluate("document.activeElement.id") != "work-filter-tag":   # keyboard only: Shift+Tab back
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("ArrowDown")                     # the first tag
    first_tag = page.eval_on_selector("#work-filter-tag", "s => s.value")
    assert first_tag and f"tag={first_tag}" in page.url
    visible = page.locator(".cards > li:not([hidden])").count()
    assert 0 < visible < total
    assert page.locator(".work-filter__status").inner_text() != ""
    assert _axe(page) == []
    page.reload()                                        # the address keeps the filter
    assert page.eval_on_selector("#work-filter-tag", "s => s.value") == first_tag
    assert page.locator(".cards > li:not([hidden])").count() == visible
    page.focus("#work-filter button[type=reset]")
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelectorAll('.cards > li:not([hidden])').length === {total}")
    assert "tag=" not in page.url
    assert errors == []


def test_gallery_lightbox_by_keyboard(served) -> None:
    base, browser = served
    page, errors = _page(browser)
    page.goto(f"{base}work/public-project/")
    for _ in range(80):                                  # Tab until the first image's button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('lightbox__open')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('lightbox__open')")
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('lightbox').open")
    first = page.eval_on_selector(".lightbox__img", "i => i.src")
    assert _axe(page) == []
    page.keyboard.press("ArrowRight")
    assert page.eval_on_selector(".lightbox__img", "i => i.src") != first
    assert "2" in page.locator(".lightbox__counter").inner_text()
    page.keyboard.press("ArrowLeft")
    assert page.eval_on_selector(".lightbox__img", "i => i.src") == first
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('lightbox').open")
    assert page.evaluate("document.activeElement === document.querySelector('.lightbox__open')")
    assert page.locator(".lightbox__open").count() == 2
    assert _axe(page) == []
    assert errors == []
