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


class Urls:
    """URLs under base_url: root-relative for links, absolute for feeds/meta."""

    def __init__(self, base_url: str):
        self.base_url = base_url.rstrip("/")
        self.base_path = base_path_of(base_url)

    @property
    def origin(self) -> str:
        """'https://ada.github.io' for base_url 'https://ada.github.io/portfolio/'."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    def path_of(self, target: Any) -> str:
        if isinstance(target, str):
            return target
        url_path = getattr(target, "url_path", None)
        if url_path is None:
            raise TypeError(f"url() needs a path or an object with url_path, got {target!r}")
        return url_path

    def url(self, target: Any) -> str:
        path = self.path_of(target)
        if "://" in path or path.startswith(("mailto:", "tel:", "#")):
            return path
        return self.base_path + path.lstrip("/")

    def abs_url(self, target: Any) -> str:
        url = self.url(target)
        if "://" in url or url.startswith(("mailto:", "tel:")):
            return url
        return self.origin + url
