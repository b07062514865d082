"""serve/http.py: a request target becomes a file under the site, a
redirect, an internal file or a refusal; never a path outside the site."""

from __future__ import annotations

import pytest

from portfoliogen.serve.http import route_request


@pytest.mark.parametrize(("target", "base", "expected"), [
    ("/", "/", ("file", "")),
    ("/work/x/?q=1#top", "/", ("file", "work/x/")),
    ("/work//x", "/", ("file", "work/x")),
    ("//etc/passwd", "/", ("file", "etc/passwd")),          # under the site, never /etc
    ("/caf%C3%A9/", "/", ("file", "café/")),
    ("/", "/portfolio/", ("redirect", "/portfolio/")),
    ("/portfolio", "/portfolio/", ("redirect", "/portfolio/")),
    ("/work/", "/portfolio/", ("not_found", "")),
    ("/__portfoliogen/live.js", "/portfolio/", ("internal", "live.js")),
    ("/../etc/passwd", "/", ("not_found", "")),
    ("/%2e%2e/etc/passwd", "/", ("not_found", "")),
    ("/a/%2E/b", "/", ("not_found", "")),
    ("/%2e%2e%2fetc%2fpasswd", "/", ("not_found", "")),
    ("/a%5c..%5cb", "/", ("not_found", "")),
    ("/a%00b", "/", ("not_found", "")),
    ("/%ff", "/", ("bad", "")),
    ("*", "/", ("bad", "")),
    ("http://x/../etc/passwd", "/", ("not_found", "")),
    ("http://x/portfolio/a", "/portfolio/", ("file", "a")),
])
def test_route_request(target: str, base: str, expected: tuple[str, str]) -> None:
    route = route_request(target, base)
    assert (route.kind, route.value) == expected
