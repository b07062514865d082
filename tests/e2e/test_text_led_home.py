"""Both themes for a freelancer whose work is words, not pictures (a copywriter, a consultant),
seen on a German site and the same in Arabic: a case study without a cover is a panel (a tile)
of text, not an empty picture frame; a lone featured testimonial takes the width; the time zone
reads as a city; a very long headline gets a smaller size; a language of long compound words is
hyphenated by the browser, not cut mid-word; and no long word pushes a page wider than a phone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browser import launch, serve_folder
from tests.conftest import run_cli

LONG_HEADLINE = ("Unternehmenskommunikation, Geschäftsberichte und Nachhaltigkeitsberichterstattung "
                 "für mittelständische Familienunternehmen im deutschsprachigen Raum")


def _facts(html: str) -> str:
    return re.search(r'<dl class="facts">(.*?)</dl>', html, re.S).group(1)


def test_a_case_study_without_a_cover_is_a_text_card(built_site: Path) -> None:
    second = built_site / "content/case-studies/second-project.md"   # on the home page too
    second.write_text(second.read_text(encoding="utf-8").replace("\n---\n", "\nfeatured: true\n---\n", 1), encoding="utf-8")
    assert run_cli("build", cwd=built_site).returncode == 0
    for page in ("index.html", "work/index.html"):
        html = (built_site / "output" / page).read_text(encoding="utf-8")
        cards = re.findall(r'<article class="card[^"]*">.*?</article>', html, re.S)
        by_title = {re.search(r'class="card__title"><a [^>]*>([^<]+)<', c).group(1): c for c in cards}
        with_cover, without = by_title["A checkout that people finish"], by_title["A design system a small team can keep"]
        assert 'class="card"' in with_cover and "card__media" in with_cover and "<picture" in with_cover
        assert 'class="card card--text"' in without and "card__media" not in without, page
        assert "card__placeholder" not in html


def test_one_featured_testimonial_is_shown_large(built_site: Path) -> None:
    html = (built_site / "output/index.html").read_text(encoding="utf-8")
    voices = re.search(r'<ul class="quotes[^"]*">.*?</ul>', html, re.S).group(0)
    assert voices.startswith('<ul class="quotes quotes--solo">')
    assert voices.count('<figure class="quote quote--large">') == 1


def test_the_time_zone_fact_names_the_city_not_the_zone_id(built_site: Path) -> None:
    facts = _facts((built_site / "output/index.html").read_text(encoding="utf-8"))
    assert "Lisbon" in facts and "Europe/" not in facts


def _german(site: Path) -> None:
    config = site / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: en", "language: de"), encoding="utf-8")
    profile = site / "content/profile.yaml"
    text = re.sub(r"(?m)^headline: .*$", f"headline: {LONG_HEADLINE}", profile.read_text(encoding="utf-8"))
    profile.write_text(text, encoding="utf-8")


def test_a_very_long_headline_gets_the_smallest_size(new_site: Path) -> None:
    _german(new_site)
    assert run_cli("build", cwd=new_site).returncode == 0
    html = (new_site / "output/index.html").read_text(encoding="utf-8")
    assert 'class="hero__title hero__title--s"' in html
    assert "Lissabon" in _facts(html)   # the city as the site's language writes it


@pytest.mark.browser
def test_headings_hyphenate_in_german_and_not_in_english(new_site: Path, tmp_path: Path) -> None:
    assert run_cli("build", "--output", str(tmp_path / "en"), cwd=new_site).returncode == 0
    _german(new_site)
    assert run_cli("build", "--output", str(tmp_path / "de"), cwd=new_site).returncode == 0
    with sync_playwright() as p:
        browser = launch(p)
        try:
            seen = {}
            for language in ("en", "de"):
                with serve_folder(tmp_path / language) as base:
                    page = browser.new_page(viewport={"width": 375, "height": 800})
                    page.goto(base)
                    seen[language] = page.evaluate(   # headings, and on a phone the text; never an address
                        "[...document.querySelectorAll('h1, h2, h3, main p')].map(h => getComputedStyle(h).hyphens)")
                    seen[language + " mail"] = page.evaluate(
                        "[...document.querySelectorAll('a[href^=\\'mailto:\\']')].map(a => getComputedStyle(a).hyphens)")
                    page.close()
        finally:
            browser.close()
    assert seen["de"] and set(seen["de"]) == {"auto"}
    assert seen["en"] and set(seen["en"]) == {"manual"}
    assert seen["de mail"] and set(seen["de mail"]) == {"manual"}


def test_the_link_to_a_lone_case_study_does_not_say_all_one(new_site: Path) -> None:
    (new_site / "content/case-studies/second-project.md").unlink()
    first = new_site / "content/case-studies/first-project.md"   # it links to the second
    first.write_text(first.read_text(encoding="utf-8").replace("(second-project.md)", "(https://example.com/)"),
                     encoding="utf-8")
    assert run_cli("build", cwd=new_site).returncode == 0
    html = (new_site / "output/index.html").read_text(encoding="utf-8")
    assert re.search(r'class="arrow-link section__more" href="/work/">See the case study<', html)
    assert "All 1 " not in html


# An element past the right edge that no scroll box of its own holds (a wide table or a code block
# scrolls in its box; anything else is cut off, as <main> clips what overflows the page).
OVERFLOW = """() => { const width = document.documentElement.clientWidth; const out = [];
  const scrolled = el => { for (let a = el.parentElement; a; a = a.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(a).overflowX) && a.scrollWidth > a.clientWidth) return true; }
    return false; };
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    const out_of_page = box.right > width + 0.5 || box.left < -0.5;   // right-to-left pages overflow on the left
    if (box.width && out_of_page && getComputedStyle(el).position !== 'fixed' && !scrolled(el))
      out.push(el.tagName.toLowerCase() + '.' + el.className + ' spans ' + Math.round(box.left) + '..' + Math.round(box.right));
  }
  return out.slice(0, 5); }"""


@pytest.mark.browser
@pytest.mark.parametrize("language", ["de", "ar"])
@pytest.mark.parametrize("theme", ["default", "lumen"])
def test_long_words_never_push_a_page_wider_than_a_phone(new_site: Path, tmp_path: Path, theme: str,
                                                         language: str) -> None:
    # A word longer than the line (a compound, a company's name) used to set the width of a grid
    # column, a flex item or a no-wrap span: the page then scrolled sideways on a phone, or cut the
    # text off. In Arabic the same German names sit in <bdi>, which kept them on one line, and split
    # a button's label into two flex items side by side.
    _german(new_site)
    config = new_site / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: de", f"language: {language}")
                      + f"theme: {theme}\n", encoding="utf-8")
    services = new_site / "content/services.yaml"
    services.write_text(services.read_text(encoding="utf-8").replace(
        "name: Design system setup", "name: Nachhaltigkeitsberichterstattung nach CSRD"), encoding="utf-8")
    first = new_site / "content/case-studies/first-project.md"
    first.write_text(first.read_text(encoding="utf-8").replace(
        "client: Example Shop", "client: Hohenstein Maschinenbau GmbH & Co. KG")
        .replace("services: [product-design]", "services: [product-design, design-systems]")
        + "\n\n| Zahlungsmethode | Anteil der Zahlenden, die sie bevorzugten | Abgeschlossene Zahlungen |\n"
          "|---|---|---|\n| Überweisung | 21 % | 9 % |\n", encoding="utf-8")
    profile = new_site / "content/profile.yaml"   # said in German whatever the site's language
    profile.write_text(re.sub(r"(?m)^response_time: .*$", "response_time: innerhalb von zwei Werktagen",
                              profile.read_text(encoding="utf-8")), encoding="utf-8")
    assert run_cli("build", "--output", str(tmp_path / "out"), cwd=new_site).returncode == 0
    pages = ["", "services/", "work/", "work/first-project/", "contact/", "testimonials/"]
    with sync_playwright() as p, serve_folder(tmp_path / "out") as base:
        browser = launch(p)
        try:
            wide = {}
            for width in (320, 375):
                page = browser.new_page(viewport={"width": width, "height": 800})
                for path in pages:
                    page.goto(base + path)
                    found = page.evaluate(OVERFLOW)
                    if found:
                        wide[f"{width} /{path}"] = found
                page.close()
        finally:
            browser.close()
    assert not wide, wide


def test_lumen_shows_a_lead_without_a_photograph_as_a_tile_of_type(new_site: Path) -> None:
    config = new_site / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "theme: lumen\n", encoding="utf-8")
    first = new_site / "content/case-studies/first-project.md"   # the featured one: lumen's lead
    first.write_text(re.sub(r"(?m)^cover(_alt)?: .*\n", "", first.read_text(encoding="utf-8")), encoding="utf-8")
    assert run_cli("build", cwd=new_site).returncode == 0
    html = (new_site / "output/index.html").read_text(encoding="utf-8")
    assert "hero-shot" not in html
    tiles = re.findall(r'<article class="tile[^"]*">.*?</article>', html, re.S)
    titles = [re.search(r'class="tile__title"><a [^>]*>([^<]+)<', t).group(1) for t in tiles]
    assert "A checkout that people finish" in titles   # was left off the home page: neither hero nor tile
    for tile in tiles:
        assert tile.startswith('<article class="tile tile--text">')
        media = re.search(r'<div class="tile__media">(.*?)</div>', tile, re.S).group(1)
        assert 'class="tile__title"' in media and tile.count("tile__title") == 1
