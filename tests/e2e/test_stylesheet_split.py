"""The home page links home.css, every other page theme.css: the same theme without the rules
only the other pages use (assets/inner.css, media.css). What may go wrong is a rule left out of
a page that needs it, so every built page of the example site and of the photographer's site,
in both themes, is checked: each class the page's HTML or its scripts use that the whole
theme styles is styled by the stylesheet the page links too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.visual.photo_site import built_photo_site

_LINK = re.compile(r'<link rel="stylesheet" href="/assets/([a-z]+)\.[0-9a-f]{10}\.css">')
_SCRIPT = re.compile(r'<script src="/assets/([a-z-]+\.[0-9a-f]{10}\.js)"')
_CLASS_ATTR = re.compile(r'\bclass="([^"]*)"')
# class names a script sets ("lightbox__open", "embed--on"): quoted words with a BEM shape
_SCRIPT_CLASS = re.compile(r"""["']([a-z][a-z0-9-]*(?:__|--)[a-z0-9-]+)["']""")
_CSS_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_STRINGS_AND_COMMENTS = re.compile(r"""/\*.*?\*/|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|url\([^)]*\)""", re.S)


def _styled(css: str) -> set[str]:
    """The class names a stylesheet's selectors name."""
    return set(_CSS_CLASS.findall(_STRINGS_AND_COMMENTS.sub("", css)))


def _unstyled_pages(out: Path) -> list[str]:
    assets = out / "assets"
    sheet = {name: next(assets.glob(f"{name}.??????????.css")).read_text(encoding="utf-8")
             for name in ("home", "theme")}
    everything = _styled(sheet["theme"]) | _styled(sheet["home"])
    problems = []
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        linked = _LINK.findall(html)
        if not linked:
            continue   # a print document or a redirect: its own styles
        assert linked[0] in ("home", "theme"), (page, linked)
        used = {c for attr in _CLASS_ATTR.findall(html) for c in attr.split()}
        for script in _SCRIPT.findall(html):
            used |= set(_SCRIPT_CLASS.findall((assets / script).read_text(encoding="utf-8")))
        styled = set().union(*(_styled(sheet[name]) for name in linked if name in sheet))
        missing = sorted((used & everything) - styled)
        if missing:
            problems.append(f"{page.relative_to(out)} ({linked[0]}.css): {missing}")
    return problems


def _home_pages_link_home_css(out: Path) -> None:
    for home in [out / "index.html", *out.glob("*/index.html")]:
        html = home.read_text(encoding="utf-8")
        if re.search(r'<body class="[^"]*\bkind-home\b', html):
            assert _LINK.findall(html)[0] == "home", home


def test_every_page_of_the_example_site_has_the_rules_it_uses(example_output: Path) -> None:
    _home_pages_link_home_css(example_output)
    assert _unstyled_pages(example_output) == []
    home = next((example_output / "assets").glob("home.??????????.css")).stat().st_size
    theme = next((example_output / "assets").glob("theme.??????????.css")).stat().st_size
    assert home < theme - 8000, (home, theme)     # what the home page is spared


@pytest.mark.parametrize("theme", ["default", "lumen"])
def test_every_page_of_a_photographers_site_has_the_rules_it_uses(tmp_path: Path, theme: str) -> None:
    out = built_photo_site(tmp_path, theme=theme)
    _home_pages_link_home_css(out)
    assert _unstyled_pages(out) == []
