"""What `portfoliogen serve` answers: which Host and Origin headers it
accepts (DNS rebinding), and the Content-Type of each file it serves."""

from __future__ import annotations

import ipaddress
import mimetypes
import re
import socket
from collections.abc import Iterable
from urllib.parse import urlsplit

WILDCARD_HOSTS = {"", "0.0.0.0", "::"}


class HostRule:
    """Which names a request may address the dev server by.

    The rule, after webpack-dev-server's allowedHosts "auto": the Host name
    (and an Origin's name, when a browser sends one) must be an IP literal,
    `localhost`, the --host value, or, when bound to every interface
    (--host 0.0.0.0, for a phone on the LAN), this machine's host name and
    `<host name>.local`. A DNS-rebinding page has a name of its own
    (evil.example), never one of these, so it gets 403 and cannot read drafts.
    An IP literal can never be rebound. The port is not compared: ssh -L or
    docker -p forward to another one, and it protects nothing here."""

    def __init__(self, bind_host: str) -> None:
        names = {"localhost"}
        host = bind_host.strip("[]").lower()
        if host in WILDCARD_HOSTS:
            machine = socket.gethostname().lower()   # no DNS lookup: it can stall
            names |= {machine, f"{machine}.local"}
        elif host:
            names.add(host)
        self.names = frozenset(names)

    def allows_name(self, name: str) -> bool:
        name = name.lower()
        return name in self.names or _is_ip_literal(name)

    def check(self, host_values: Iterable[str], origin: str | None, target: str,
              http_version: str) -> tuple[int, str] | None:
        """None when the request may be answered, else (status, reason)."""
        hosts = list(host_values)
        if len(hosts) > 1:
            return 400, "more than one Host header"
        if not hosts:
            if http_version != "HTTP/1.0":   # RFC 9112 3.2: HTTP/1.1 needs one
                return 400, "no Host header"
        else:
            name = split_authority(hosts[0].strip())
            if name is None:
                return 400, "malformed Host header"
            if not self.allows_name(name):
                return 403, "this server is not known by that Host name"
        if target.startswith(("http://", "https://")):   # absolute-form: its authority wins
            name = split_authority(urlsplit(target).netloc)
            if name is None or not self.allows_name(name):
                return 403, "this server is not known by that host name"
        if origin is not None:
            parts = urlsplit(origin.strip())
            name = split_authority(parts.netloc) if parts.scheme in ("http", "https") else None
            if name is None or not self.allows_name(name):
                return 403, "requests from other sites are refused"
        return None


def split_authority(authority: str) -> str | None:
    """'host:port' | '[v6]:port' | 'host' -> the host name, None if malformed."""
    if authority.startswith("["):
        name, bracket, rest = authority[1:].partition("]")
        if not bracket or (rest and not re.fullmatch(r":\d{1,5}", rest)):
            return None
        return name if _is_ip_literal(name) else None
    name, colon, port = authority.partition(":")
    if colon and not re.fullmatch(r"\d{1,5}", port):
        return None
    return name if re.fullmatch(r"[A-Za-z0-9._-]+", name) else None


def _is_ip_literal(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------- content types
# Set up once, here, rather than with mimetypes.add_type: that changes the
# table of the whole process, and mimetypes' defaults come from the
# machine's /etc/mime.types, which differs between machines.
CONTENT_TYPES = {
    ".html": "text/html", ".htm": "text/html", ".css": "text/css",
    ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json",
    ".map": "application/json", ".webmanifest": "application/manifest+json",
    ".xml": "application/xml", ".xsl": "application/xml", ".txt": "text/plain",
    ".md": "text/markdown", ".csv": "text/csv", ".vcf": "text/vcard", ".ics": "text/calendar",
    ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
    ".gif": "image/gif", ".webp": "image/webp", ".avif": "image/avif", ".ico": "image/x-icon",
    ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".otf": "font/otf",
    ".pdf": "application/pdf", ".zip": "application/zip", ".wasm": "application/wasm",
    ".mp4": "video/mp4", ".webm": "video/webm", ".mp3": "audio/mpeg", ".ogg": "audio/ogg",
}
# Text types a browser must not guess the encoding of: portfoliogen writes UTF-8.
UTF8_TYPES = {"application/json", "application/manifest+json", "application/xml",
              "application/atom+xml", "application/rss+xml", "image/svg+xml"}
_XML_FEED = re.compile(rb"\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*)*<(feed|rss)[\s>]", re.DOTALL)


def content_type(name: str, data: bytes = b"") -> str:
    """The Content-Type header for a file called `name` holding `data`: an
    Atom or RSS feed is told apart from other XML (sitemap.xml) by its root."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    ctype = CONTENT_TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    if ctype == "application/xml":
        feed = _XML_FEED.match(data[:1024])
        if feed:
            ctype = "application/atom+xml" if feed[1] == b"feed" else "application/rss+xml"
    if ctype.startswith("text/") or ctype in UTF8_TYPES:
        ctype += "; charset=utf-8"
    return ctype
