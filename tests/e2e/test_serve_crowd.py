"""`portfoliogen serve` under load and under attack: a crowd of requests at
once, open live-reload tabs, foreign Host and Origin headers (DNS
rebinding), and the Content-Type of every kind of file. Real CLI in a
subprocess, raw sockets on loopback only, every loop bounded."""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from portfoliogen.serve.http import DevHTTPServer
from tests.conftest import REPO, run_cli
from tests.e2e.test_serve import ServeProcess

CROWD = 200


def copy_example_site(to: Path) -> Path:
    shutil.copytree(REPO / "content", to / "content")
    shutil.copy2(REPO / "config.yaml", to / "config.yaml")
    return to


@pytest.fixture(scope="module")
def example_server(tmp_path_factory):
    """One server of a copy of the repository's example site for the module
    (a cold build makes every image: seconds); its cache stays in the copy."""
    site = copy_example_site(tmp_path_factory.mktemp("serve") / "example")
    # Make the images first (ServeProcess waits 20 s for the server to start,
    # a cold build on a busy machine can take longer); serve finds them cached.
    built = run_cli("build", "--output", str(site / "output"), cwd=site)
    assert built.returncode == 0, built.stderr
    server = ServeProcess(site)
    server.site = site
    try:
        yield server
    finally:
        assert server.stop() == 0, server.stderr


@pytest.fixture
def example_site(tmp_path: Path, example_server: ServeProcess) -> Path:
    """A copy of its own, with the module server's image cache."""
    site = copy_example_site(tmp_path / "example")
    cache = example_server.site / ".portfoliogen-cache"
    shutil.copytree(cache, site / ".portfoliogen-cache")
    return site


def request(port: int, head: str, timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    """Send `head` (request line and headers, CRLF-separated, without the
    final blank line) on a new connection; (status, headers, body)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(head.encode() + b"\r\n\r\n")
        data = bytearray()
        while chunk := sock.recv(65536):
            data += chunk
    top, _, body = bytes(data).partition(b"\r\n\r\n")
    lines = top.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split(" ", 2)[1]), headers, body


def get(port: int, target: str, host: str | None = None, extra: str = "") -> tuple[int, dict[str, str], bytes]:
    host = f"127.0.0.1:{port}" if host is None else host
    return request(port, f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close{extra}")


def open_event_stream(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.sendall(f"GET /__portfoliogen/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
    return sock


def read_until(sock: socket.socket, needle: bytes) -> bytes:
    seen = b""
    while needle not in seen:
        chunk = sock.recv(65536)
        if not chunk:
            break
        seen += chunk
    return seen


def site_targets(port: int) -> list[str]:
    """The home page and the same-site files it links to."""
    _, _, home = get(port, "/")
    found = re.findall(rb'(?:href|src)="(?:http://127\.0\.0\.1:%d)?(/[^"#]*)"' % port, home)
    return ["/"] + sorted({t.decode() for t in found if not t.startswith(b"/__portfoliogen/")})


# ---------------------------------------------------------------- a crowd
def test_a_crowd_of_200_requests_is_all_answered_within_a_second(example_server: ServeProcess) -> None:
    """socketserver's listen backlog of 5 left 110 of 200 unanswered after 60 s."""
    port = example_server.port
    targets = site_targets(port)
    assert len(targets) > 10
    streams = [open_event_stream(port) for _ in range(8)]   # eight open tabs meanwhile
    try:
        for sock in streams:
            assert b"event: hello" in read_until(sock, b"event: hello")
        barrier = threading.Barrier(CROWD)
        results: list[tuple[object, float]] = []
        lock = threading.Lock()

        def one(i: int) -> None:
            barrier.wait(timeout=30)
            started = time.perf_counter()
            try:
                outcome: object = get(port, targets[i % len(targets)])[0]
            except OSError as err:
                outcome = type(err).__name__
            with lock:
                results.append((outcome, time.perf_counter() - started))

        threads = [threading.Thread(target=one, args=(i,)) for i in range(CROWD)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        for sock in streams:
            sock.close()
    outcomes = [outcome for outcome, _ in results]
    assert outcomes == [200] * CROWD, {o: outcomes.count(o) for o in set(outcomes)}
    latencies = sorted(seconds for _, seconds in results)
    p99 = latencies[int(0.99 * CROWD) - 1]
    assert p99 < 1.0, f"p99 {p99:.3f} s, p50 {latencies[CROWD // 2]:.3f} s"


def test_open_tabs_beyond_their_bound_never_starve_page_requests(example_site: Path) -> None:
    bound = DevHTTPServer.EVENT_STREAMS
    with ServeProcess(example_site) as server:
        port = server.port
        streams = [open_event_stream(port) for _ in range(bound + DevHTTPServer.WORKERS + 4)]
        try:
            answers = [read_until(sock, b"\r\n\r\n") for sock in streams]
            statuses = [a.split(b" ", 2)[1] for a in answers]
            assert statuses.count(b"200") == bound and statuses.count(b"503") == len(answers) - bound
            started = time.perf_counter()
            status, _, _ = get(port, "/")
            assert status == 200 and time.perf_counter() - started < 1.0
        finally:
            for sock in streams:
                sock.close()
        # Closed tabs give their slots back within a second or two.
        time.sleep(2)
        again = [open_event_stream(port) for _ in range(bound)]
        try:
            assert all(read_until(sock, b"\r\n\r\n").startswith(b"HTTP/1.0 200") for sock in again)
        finally:
            for sock in again:
                sock.close()


def test_silent_connections_hold_workers_for_seconds_not_forever(example_server: ServeProcess) -> None:
    """More idle connections than workers (preconnects that never send a
    request): a real request waits in the backlog, then is answered."""
    port = example_server.port
    silent = [socket.create_connection(("127.0.0.1", port), timeout=10)
              for _ in range(DevHTTPServer.WORKERS + 8)]
    try:
        started = time.perf_counter()
        status, _, _ = get(port, "/")
        waited = time.perf_counter() - started
        assert status == 200 and waited < 9, waited
        for sock in silent:   # each was closed by the server after its 5 s
            assert sock.recv(1024) == b""
    finally:
        for sock in silent:
            sock.close()


# ---------------------------------------------------------------- Host and Origin
@pytest.mark.parametrize("host, expected", [
    ("127.0.0.1:{port}", 200),
    ("localhost:{port}", 200),
    ("LOCALHOST:{port}", 200),
    ("[::1]:{port}", 200),
    ("127.0.0.1", 200),                 # no port: the name is what rebinding would change
    ("localhost:9000", 200),            # ssh -L 9000:localhost:PORT forwards to another port
    ("evil.example", 403),              # DNS rebinding: evil.example now resolves to 127.0.0.1
    ("evil.example:{port}", 403),
    ("localhost.evil.example:{port}", 403),
    ("127.0.0.1.nip.io:{port}", 403),
    ("localhost:abc", 400),
    ("", 400),
])
def test_host_header_must_name_this_server(example_server: ServeProcess, host: str, expected: int) -> None:
    port = example_server.port
    for target in ("/", "/sitemap.xml", "/__portfoliogen/live.js"):
        status, headers, body = get(port, target, host=host.format(port=port))
        assert status == expected, (target, body)
        if expected != 200:
            assert headers["Content-Type"] == "text/plain; charset=utf-8" and len(body) < 80


def test_a_rebinding_page_cannot_read_drafts_or_the_event_stream(example_site: Path) -> None:
    draft = example_site / "content" / "case-studies" / "secret-draft.md"
    # a public, default-language study (a blind one is published under another slug)
    studies = [p for p in sorted((example_site / "content" / "case-studies").glob("*.md"))
               if p.name.count(".") == 1 and "visibility:" not in p.read_text(encoding="utf-8")]
    draft.write_text(studies[0].read_text(encoding="utf-8").replace("\n---", "\ndraft: true\n---", 1)
                     .replace("title:", "title: SECRET", 1), encoding="utf-8")
    with ServeProcess(example_site, "--drafts") as server:
        port = server.port
        status, _, body = get(port, "/work/secret-draft/")
        assert status == 200 and b"SECRET" in body
        status, _, body = get(port, "/work/secret-draft/", host=f"evil.example:{port}")
        assert status == 403 and b"SECRET" not in body
        status, _, body = get(port, "/__portfoliogen/events", host=f"evil.example:{port}")
        assert status == 403 and b"event:" not in body
        # An Origin from another site is refused, even with a good Host.
        for target in ("/__portfoliogen/events", "/work/secret-draft/"):
            status, _, body = get(port, target, extra="\r\nOrigin: http://evil.example")
            assert status == 403 and b"SECRET" not in body
        status, _, body = get(port, "/", extra="\r\nOrigin: null")
        assert status == 403
        # Absolute-form names the host too.
        status, _, _ = get(port, "http://evil.example/work/secret-draft/")
        assert status == 403
        # The site's own pages (same origin) are answered.
        status, _, _ = get(port, "/", extra=f"\r\nOrigin: http://127.0.0.1:{port}")
        assert status == 200


def test_missing_or_repeated_host_header(example_server: ServeProcess) -> None:
    port = example_server.port
    assert request(port, "GET / HTTP/1.1\r\nConnection: close")[0] == 400
    assert request(port, "GET / HTTP/1.0")[0] == 200          # HTTP/1.0 needs no Host
    assert request(port, f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nHost: evil.example")[0] == 400


# ---------------------------------------------------------------- Content-Type
@pytest.mark.parametrize("target, expected", [
    ("/sitemap.xml", "application/xml; charset=utf-8"),
    ("/feed.xml", "application/atom+xml; charset=utf-8"),
    ("/site.webmanifest", "application/manifest+json; charset=utf-8"),
    ("/contact.vcf", "text/vcard; charset=utf-8"),
    ("/robots.txt", "text/plain; charset=utf-8"),
    ("/favicon.svg", "image/svg+xml; charset=utf-8"),
    ("/favicon.ico", "image/x-icon"),
    ("/", "text/html; charset=utf-8"),
])
def test_content_types_of_the_example_site(example_server: ServeProcess, target: str, expected: str) -> None:
    status, headers, _ = get(example_server.port, target)
    assert status == 200 and headers["Content-Type"] == expected
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_content_types_of_images_and_stylesheets(example_server: ServeProcess) -> None:
    port = example_server.port
    seen = {}
    for target in site_targets(port):
        suffix = target.rsplit(".", 1)[-1] if "." in target.rsplit("/", 1)[-1] else ""
        if suffix in ("css", "avif", "webp", "jpg", "png") and suffix not in seen:
            seen[suffix] = get(port, target)[1]["Content-Type"]
    assert seen.get("css") == "text/css; charset=utf-8"
    for suffix, ctype in (("avif", "image/avif"), ("webp", "image/webp"), ("jpg", "image/jpeg")):
        assert seen.get(suffix, ctype) == ctype
