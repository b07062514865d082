"""Which browsers reload after a dev-server build: the pages it changed, by the
paths a browser shows them at; files named by their content never count."""

from __future__ import annotations


def test_page_urls_name_each_page_as_a_browser_shows_it() -> None:
    from portfoliogen.serve.server import page_urls

    assert page_urls({"work/a/index.html", "index.html", "404.html"}, "/portfolio/") == [
        "/portfolio/404.html", "/portfolio/index.html", "/portfolio/", "/portfolio/work/a/index.html",
        "/portfolio/work/a/"]


def test_only_files_named_by_their_content_are_left_out_of_a_reload() -> None:
    from portfoliogen.build.live import _named_by_content

    for hashed in ("images/cover-c6d4b44353.960.avif", "cards/home-6526ee6ff9.jpg", "assets/site.da0fd19c3b.css"):
        assert _named_by_content(hashed), hashed
    for fixed in ("favicon.svg", "files/report-2024.pdf", "videos/demo.mp4", "cv.pdf", "robots.txt"):
        assert not _named_by_content(fixed), fixed
