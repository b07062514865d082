"""serve/rules.py: which Host headers this server answers, and the
Content-Type of each file it serves."""

from __future__ import annotations

import socket

import pytest

from portfoliogen.serve.rules import HostRule, content_type


@pytest.mark.parametrize("bind, host, allowed", [
    ("127.0.0.1", "localhost", True),
    ("127.0.0.1", "192.168.1.20", True),   # an IP literal cannot be rebound
    ("127.0.0.1", "[fe80::1]", True),
    ("127.0.0.1", "evil.example", False),
    ("127.0.0.1", "MACHINE", False),       # only announced on the LAN with --host 0.0.0.0
    ("0.0.0.0", "MACHINE", True),          # a phone on the LAN, by the machine's name
    ("0.0.0.0", "MACHINE.local", True),
    ("0.0.0.0", "evil.example", False),
    ("::", "MACHINE", True),
    ("mybox.lan", "mybox.lan", True),      # --host NAME
    ("mybox.lan", "evil.example", False),
])
def test_host_rule(bind: str, host: str, allowed: bool) -> None:
    machine = socket.gethostname()
    if machine.lower() in ("localhost", "evil.example", "mybox.lan"):
        pytest.skip("this machine's name is one the table uses")
    refused = HostRule(bind).check([host.replace("MACHINE", machine) + ":8000"], None, "/", "HTTP/1.1")
    assert (refused is None) == allowed, refused


@pytest.mark.parametrize("name, data, expected", [
    ("cv.pdf", b"%PDF-1.7", "application/pdf"),
    ("data.json", b"{}", "application/json; charset=utf-8"),
    ("font.woff2", b"wOF2", "font/woff2"),
    ("talk.ics", b"BEGIN:VCALENDAR", "text/calendar; charset=utf-8"),
    ("photo.AVIF", b"", "image/avif"),
    ("photo.webp", b"", "image/webp"),
    ("app.js", b"", "text/javascript; charset=utf-8"),
    ("news.xml", b'<?xml version="1.0"?>\n<!-- a feed -->\n<rss version="2.0">', "application/rss+xml; charset=utf-8"),
    ("other.xml", b'<?xml version="1.0"?><urlset>', "application/xml; charset=utf-8"),
    ("noext", b"", "application/octet-stream"),
])
def test_content_type_table(name: str, data: bytes, expected: str) -> None:
    assert content_type(name, data) == expected
