"""The one place base_url becomes URLs (root-relative links, absolute URLs for
feeds and meta) and a page's url_path becomes its file in the output."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit


def base_path_of(base_url: str) -> str:
    """The path part of base_url, always with slashes: '/' or '/portfolio/'."""
    return urlsplit(base_url).path or "/"


def site_host(base_url: str) -> str:
    """'https://ada.github.io/portfolio/' -> 'ada.github.io/portfolio'."""
    parts = urlsplit(base_url)
    return (parts.netloc + parts.path).rstrip("/")


def out_path_for(url_path: str) -> str:
    """'/work/x/' -> 'work/x/index.html'; '/404.html' -> '404.html'."""
    path = url_path.lstrip("/")
    return path + "index.html" if path.endswith("/") or not path else path


# Files published once per language (under its prefix); every other file (icons, images, the
# vCard) is shared by all languages and keeps its path.
PER_LANGUAGE_FILES = ("/feed.xml", "/404.html", "/cv.pdf")   # cv.pdf: each language's CV (cv.yaml's maps)


def localize(path: str, prefix: str) -> str:
    """A site path in the language published under `prefix` ('/' or '/pt/'):
    '/work/' -> '/pt/work/'. Pages (paths ending in '/') and per-language
    files move; shared files and paths already under the prefix do not."""
    if prefix == "/" or not path.startswith("/") or path.startswith(prefix):
        return path
    if path.endswith("/") or path in PER_LANGUAGE_FILES:
        return prefix + path.lstrip("/")
    return path


class Urls:
    """URLs under base_url: root-relative for links, absolute for feeds/meta.
    With a language `prefix`, page paths written for the default language
    ('/contact/') lead to that language's page ('/pt/contact/')."""

    def __init__(self, base_url: str, prefix: str = "/"):
        self.base_url = base_url.rstrip("/")
        self.base_path = base_path_of(base_url)
        self.prefix = prefix

    @property
    def origin(self) -> str:
        """'https://ada.github.io' for base_url 'https://ada.github.io/portfolio/'."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    def path_in_language(self, path: str) -> str:
        """A site path written for the default language, in this one's."""
        return localize(path, self.prefix)

    def path_of(self, target: Any) -> str:
        if isinstance(target, str):
            return target
        url_path = getattr(target, "url_path", None)
        if url_path is None:
            raise TypeError(f"url() needs a path or an object with url_path, got {target!r}")
        return url_path

    def url(self, target: Any) -> str:
        """A path written in a template is the current language's; an object's
        url_path is already where it lives."""
        path = self.path_of(target)
        if "://" in path or path.startswith(("mailto:", "tel:", "#")):
            return path
        if isinstance(target, str):
            path = localize(path, self.prefix)
        return self.base_path + path.lstrip("/")

    def abs_url(self, target: Any) -> str:
        url = self.url(target)
        if "://" in url or url.startswith(("mailto:", "tel:")):
            return url
        return self.origin + url
