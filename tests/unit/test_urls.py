"""urls.py: base_url -> links, absolute URLs and output paths."""

from __future__ import annotations

import pytest

from portfoliogen.urls import Urls, base_path_of, out_path_for, site_host

SUB = Urls("https://ada.github.io/portfolio/")
ROOT = Urls("https://example.com/")


@pytest.mark.parametrize(("urls", "target", "url", "abs_url"), [
    (SUB, "/", "/portfolio/", "https://ada.github.io/portfolio/"),
    (SUB, "/work/x/", "/portfolio/work/x/", "https://ada.github.io/portfolio/work/x/"),
    (SUB, "work/x/", "/portfolio/work/x/", "https://ada.github.io/portfolio/work/x/"),
    (ROOT, "/feed.xml", "/feed.xml", "https://example.com/feed.xml"),
    (ROOT, "https://elsewhere.org/a", "https://elsewhere.org/a", "https://elsewhere.org/a"),
    (ROOT, "mailto:ada@example.com", "mailto:ada@example.com", "mailto:ada@example.com"),
])
def test_url_and_abs_url(urls, target, url, abs_url):
    assert urls.url(target) == url
    assert urls.abs_url(target) == abs_url


def test_an_object_with_a_url_path_is_a_target():
    class Page:
        url_path = "/about/"
    assert SUB.url(Page()) == "/portfolio/about/"
    assert SUB.url("#top") == "#top"
    with pytest.raises(TypeError, match="url_path"):
        SUB.url(42)


@pytest.mark.parametrize(("base_url", "base_path", "host", "origin"), [
    ("https://ada.github.io/portfolio/", "/portfolio/", "ada.github.io/portfolio", "https://ada.github.io"),
    ("https://example.com/", "/", "example.com", "https://example.com"),
    ("http://localhost:8000/", "/", "localhost:8000", "http://localhost:8000"),
])
def test_parts_of_base_url(base_url, base_path, host, origin):
    assert base_path_of(base_url) == base_path
    assert site_host(base_url) == host
    assert Urls(base_url).origin == origin


@pytest.mark.parametrize(("url_path", "out_path"), [
    ("/", "index.html"), ("/work/x/", "work/x/index.html"), ("/404.html", "404.html"),
    ("/p/abc/", "p/abc/index.html"),
])
def test_out_path_for(url_path, out_path):
    assert out_path_for(url_path) == out_path
