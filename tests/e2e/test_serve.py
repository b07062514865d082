"""`portfoliogen serve` for real: the CLI in a subprocess on a free port,
real files edited on disk, real HTTP (urllib and raw sockets), Ctrl-C."""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import FIXED_TODAY

SERVING = re.compile(r"Serving (http://\S+)\s+\(built in (\S+);")


# ---------------------------------------------------------------- helpers
class ServeProcess:
    """`portfoliogen serve --port 0` in a subprocess; `stop()` sends SIGINT
    (Ctrl-C) and returns the exit status."""

    def __init__(self, site: Path, *args: str, port: int = 0) -> None:
        argv = [sys.executable, "-m", "portfoliogen", "serve", "--port", str(port),
                "--today", FIXED_TODAY, *args]
        if os.environ.get("SERVE_DEBUG"): argv.insert(3, "--debug")
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(argv, cwd=site, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, env=env)
        self.lines: queue.Queue[tuple[str, str]] = queue.Queue()
        self.stdout: list[str] = []
        self.stderr: list[str] = []
        for name, stream, sink in (("out", self.proc.stdout, self.stdout), ("err", self.proc.stderr, self.stderr)):
            threading.Thread(target=self._pump, args=(name, stream, sink), daemon=True).start()
        line = self.wait_line(SERVING, timeout=20)
        match = SERVING.search(line)
        self.url, self.build_dir = match[1], Path(match[2])
        self.origin = re.match(r"http://[^/]+", self.url)[0]
        self.port = int(self.origin.rsplit(":", 1)[1])

    def _pump(self, name: str, stream, sink: list[str]) -> None:
        for line in stream:
            sink.append(line.rstrip("\n"))
            self.lines.put((name, line.rstrip("\n")))

    def wait_line(self, pattern: re.Pattern | str, timeout: float = 10, stream: str | None = None) -> str:
        pattern = re.compile(pattern) if isinstance(pattern, str) else pattern
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                name, line = self.lines.get(timeout=0.05)
            except queue.Empty:
                if self.proc.poll() is not None and self.lines.empty():
                    break
                continue
            if pattern.search(line) and (stream is None or stream == name):
                return line
        raise AssertionError(f"no line matching {pattern.pattern!r}; stdout={self.stdout} stderr={self.stderr}")

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(timeout=15)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()

    def __enter__(self) -> ServeProcess:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def fetch(url: str, timeout: float = 5) -> tuple[int, str, dict]:
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace"), dict(response.headers)
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace"), dict(err.headers)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def wait_for(url: str, needle: str, timeout: float = 10) -> str:
    deadline = time.monotonic() + timeout
    body = ""
    while time.monotonic() < deadline:
        status, body, _ = fetch(url)
        if status == 200 and needle in body:
            return body
        time.sleep(0.05)
    raise AssertionError(f"{needle!r} never appeared at {url}")


def raw_request(port: int, target: str) -> tuple[int, bytes]:
    """Send the request line exactly as written (no client normalisation)."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1])
    return status, data


class EventStream:
    """Reads the dev server's Server-Sent Events in a thread (a raw socket,
    so close() can interrupt a blocked read)."""

    def __init__(self, origin: str) -> None:
        self.events: queue.Queue[tuple[str, dict]] = queue.Queue()
        host, port = origin.removeprefix("http://").rsplit(":", 1)
        self.sock = socket.create_connection((host, int(port)), timeout=30)
        self.sock.sendall(f"GET /__portfoliogen/events HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        name = None
        try:
            for raw in self.sock.makefile("rb"):
                line = raw.decode().rstrip("\r\n")
                if line.startswith("event: "):
                    name = line[7:]
                elif line.startswith("data: ") and name:
                    self.events.put((name, json.loads(line[6:])))
        except (OSError, ValueError):
            pass

    def next(self, timeout: float = 10) -> tuple[str, dict]:
        return self.events.get(timeout=timeout)

    def close(self) -> None:
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()


def assert_build(event: tuple[str, dict], epoch: int, page: str | None = None) -> None:
    """A build event: "full" (every browser reloads), or "pages" naming the pages it
    changed (only browsers showing one reload), naming `page` when given."""
    name, data = event
    assert name == "build" and data["epoch"] == epoch, event
    assert data["kind"] == "full" or (data["kind"] == "pages" and (page is None or page in data["pages"])), event


def set_base_url(site: Path, base_url: str) -> None:
    config = site / "config.yaml"
    text = re.sub(r"(?m)^base_url: .*$", f"base_url: {base_url}", config.read_text(encoding="utf-8"))
    config.write_text(text, encoding="utf-8")


def stylesheet_href(html: str) -> str:
    return re.search(r'<link rel="stylesheet" href="([^"]+)"', html)[1]


# ---------------------------------------------------------------- tests
def test_serves_rebuilds_on_save_and_stops_cleanly_on_ctrl_c(new_site: Path) -> None:
    study = new_site / "content" / "case-studies" / "first-project.md"
    server = ServeProcess(new_site)
    try:
        assert server.url == f"{server.origin}/"
        status, home, headers = fetch(server.url)
        assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
        assert "Alex Example" in home
        assert '<script src="/__portfoliogen/live.js" data-epoch="1"' in home
        # base_url's host is replaced: canonicals and feeds point at the dev server.
        assert f'<link rel="canonical" href="{server.url}">' in home
        status, body, _ = fetch(server.origin + "/work/first-project/")
        assert status == 200 and "A checkout that people finish" in body
        # Missing pages: the site's own 404.html, with status 404.
        status, body, _ = fetch(server.origin + "/no/such/page/")
        assert status == 404 and "This page doesn’t exist" in body and "live.js" in body
        # A folder without its slash redirects to it.
        status, _, headers = fetch(server.origin + "/work")
        assert status in (301, 302) and headers["Location"] == "/work/"

        study.write_text(study.read_text(encoding="utf-8").replace(
            "A checkout that people finish", "A checkout nobody abandons"), encoding="utf-8")
        body = wait_for(server.origin + "/work/first-project/", "A checkout nobody abandons")
        # epoch 2: the page open in the browser, shown first; 3: the rest of the build
        assert re.search(r'data-epoch="[23]"', body), body[-300:]
        server.wait_line(r"^Rebuilt \d+ pages in")
        # The user's output/ is never touched: the dev build lives in the cache's serve/ folder.
        assert not (new_site / "output").exists()
        assert server.build_dir == (new_site / ".portfoliogen-cache" / "serve").resolve()
    finally:
        code = server.stop()
    assert code == 0, server.stderr
    assert server.stdout[-1] == "Stopped."
    # kept for the next start, with the manifest that lets it carry pages over
    assert (server.build_dir / "files.json").is_file() and (server.build_dir / "site/index.html").is_file()
    assert not any(line.startswith("Traceback") for line in server.stderr), server.stderr


def test_base_url_path_is_kept_and_root_redirects(new_site: Path) -> None:
    set_base_url(new_site, "https://ada.github.io/portfolio/")
    with ServeProcess(new_site) as server:
        assert server.url == f"{server.origin}/portfolio/"
        status, _, headers = fetch(server.origin + "/")
        assert status in (301, 302) and headers["Location"] == "/portfolio/"
        status, _, headers = fetch(server.origin + "/portfolio")
        assert status in (301, 302) and headers["Location"] == "/portfolio/"
        status, home, _ = fetch(server.url)
        assert status == 200
        assert f'href="{server.origin}/portfolio/"' in home          # canonical, on this host
        assert 'href="/portfolio/assets/home.' in home
        href = stylesheet_href(home)
        assert fetch(server.origin + href)[0] == 200
        status, body, _ = fetch(server.origin + "/work/first-project/")  # outside the base path
        assert status == 404 and "This page doesn’t exist" in body
        assert fetch(server.url + "work/first-project/")[0] == 200


def test_next_free_port_when_taken(new_site: Path) -> None:
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    port = busy.getsockname()[1]
    try:
        server = ServeProcess(new_site, port=port)
        try:
            assert server.port != port
            assert fetch(server.url)[0] == 200
            assert any(f"Port {port} is in use; using port {server.port} instead." in line
                       for line in server.stderr)
        finally:
            assert server.stop() == 0
    finally:
        busy.close()


TRAVERSALS = [
    "/../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
    "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/..%2f..%2f..%2fetc/passwd",
    "/work/../../../etc/passwd",
    "/..%5c..%5cetc%5cpasswd",
    "//etc/passwd",
    "/etc/passwd",
    "/%00/etc/passwd",
    "http://127.0.0.1/../../etc/passwd",
    "http://evil.example/%2e%2e/%2e%2e/etc/passwd",
    "/portfolio/../../etc/passwd",
    "etc/passwd",
]


def test_requests_outside_the_site_are_refused(new_site: Path) -> None:
    set_base_url(new_site, "https://ada.github.io/portfolio/")
    with ServeProcess(new_site) as server:
        for target in TRAVERSALS:
            status, data = raw_request(server.port, target)
            assert status in (400, 403, 404), (target, status)
            assert b"root:" not in data, target
        # Sanity: the same raw client gets real pages.
        assert raw_request(server.port, "/portfolio/")[0] == 200
        assert raw_request(server.port, f"http://127.0.0.1:{server.port}/portfolio/")[0] == 200


def test_symlink_pointing_out_of_the_site_is_refused(new_site: Path) -> None:
    from portfoliogen.serve.server import DevServer, ServeOptions

    with DevServer(ServeOptions(config_path=new_site / "config.yaml", port=0),
                   say=lambda m: None, warn=lambda m: None) as server:
        (server.output_dir / "leak.txt").symlink_to("/etc/passwd")
        (server.output_dir / "leakdir").symlink_to("/etc", target_is_directory=True)
        (server.output_dir / "inside.txt").symlink_to(server.output_dir / "robots.txt")
        for target in ("/leak.txt", "/leakdir/passwd", "/leakdir/"):
            status, data = raw_request(server.port, target)
            assert status in (403, 404), (target, status)
            assert b"root:" not in data
        assert raw_request(server.port, "/inside.txt")[0] == 200
    assert not server.tmp.exists()
    assert not [t for t in threading.enumerate() if t.name.startswith("portfoliogen")]


def test_broken_save_keeps_serving_and_reports_then_clears(own_theme_site: Path) -> None:
    new_site = own_theme_site
    services = new_site / "content" / "services.yaml"
    good = services.read_text(encoding="utf-8")
    with ServeProcess(new_site) as server:
        events = EventStream(server.origin)
        assert events.next() == ("hello", {"epoch": 1, "errors": [], "changed": None})
        services.write_text(good.replace("  name: Product design sprint", "  name: [unclosed"), encoding="utf-8")
        name, data = events.next()
        assert name == "failed" and data["epoch"] == 1
        assert len(data["errors"]) >= 1 and data["errors"][0].startswith("content/services.yaml:")
        line = server.wait_line(r"^content/services\.yaml:\d+:\d+: ", stream="err")
        assert line == data["errors"][0]
        server.wait_line("still serving the last good build", stream="err")
        # The last good site is still there, and a new browser hears about the error.
        status, home, _ = fetch(server.url)
        assert status == 200 and "Alex Example" in home
        late = EventStream(server.origin)
        assert late.next() == ("hello", {"epoch": 1, "errors": data["errors"], "changed": None})
        late.close()

        services.write_text(good.replace("Product design sprint", "Design sprint"), encoding="utf-8")
        assert_build(events.next(), 2, "/services/")
        wait_for(server.origin + "/services/", "Design sprint")
        events.close()
        assert server.proc.poll() is None


def test_bursts_and_editor_temp_files_are_debounced(own_theme_site: Path) -> None:
    new_site = own_theme_site
    studies = new_site / "content" / "case-studies"
    with ServeProcess(new_site) as server:
        events = EventStream(server.origin)
        assert events.next()[0] == "hello"
        # Swap, lock, backup and probe files alone never rebuild.
        for name in (".first-project.md.swp", "first-project.md~", ".#first-project.md", "4913"):
            (studies / name).write_text("junk", encoding="utf-8")
            (studies / name).unlink()
        with pytest.raises(queue.Empty):
            events.next(timeout=0.6)
        # A `git checkout` touching 50 files: one rebuild.
        template = (studies / "second-project.md").read_text(encoding="utf-8")
        for i in range(50):
            (studies / f"bulk-{i:02}.md").write_text(
                template.replace("title: ", f"title: Bulk {i:02} ", 1), encoding="utf-8")
        assert_build(events.next(), 2, "/work/bulk-49/")
        with pytest.raises(queue.Empty):
            events.next(timeout=0.6)
        assert fetch(server.origin + "/work/bulk-49/")[0] == 200
        # An editor's atomic save (write a temp file, rename it over): one rebuild.
        target = studies / "first-project.md"
        tmp = studies / ".first-project.md.tmp"
        tmp.write_text(target.read_text(encoding="utf-8").replace(
            "A checkout that people finish", "Atomically saved"), encoding="utf-8")
        os.replace(tmp, target)
        assert_build(events.next(), 3, "/work/first-project/")
        with pytest.raises(queue.Empty):
            events.next(timeout=0.6)
        wait_for(server.origin + "/work/first-project/", "Atomically saved")
        events.close()
    assert sum(line.startswith("Rebuilt") for line in server.stdout) == 2


def test_css_change_swaps_assets_without_a_full_build(own_theme_site: Path) -> None:
    new_site = own_theme_site
    css = new_site / "themes" / "fixture" / "assets" / "site.css"
    with ServeProcess(new_site) as server:
        events = EventStream(server.origin)
        assert events.next()[0] == "hello"
        old_href = stylesheet_href(fetch(server.url)[1])
        with css.open("a", encoding="utf-8") as f:
            f.write("\nbody { border-top: 7px solid rgb(1, 2, 3); }\n")
        assert events.next() == ("build", {"epoch": 2, "kind": "css"})
        # site.css is in both bundles: the home page's home.css and the other pages' theme.css
        server.wait_line(r"^Updated home\.css, site\.css, theme\.css in ")
        swapped = {}
        for url in (server.url, server.origin + "/work/first-project/", server.origin + "/missing"):
            href = swapped[url] = stylesheet_href(fetch(url)[1])
            assert href != old_href, url
            status, body, headers = fetch(server.origin + href)
            assert status == 200 and "rgb(1, 2, 3)" in body and headers["Content-Type"].startswith("text/css")
        # A later full build writes exactly the names the swap served.
        study = new_site / "content" / "case-studies" / "first-project.md"
        study.write_text(study.read_text(encoding="utf-8").replace("finish", "complete"), encoding="utf-8")
        assert_build(events.next(), 3, "/work/first-project/")   # visited: shown first
        server.wait_line(r"^Rebuilt \d+ pages in")
        assert all(stylesheet_href(fetch(url)[1]) == href for url, href in swapped.items())
        assert any((d / href.lstrip("/")).is_file() for d in server.build_dir.iterdir())
        events.close()
    assert sum(line.startswith("Rebuilt") for line in server.stdout) == 1


def test_missing_config_is_an_error(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "portfoliogen", "serve", "--port", "0"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert result.stderr.startswith("config.yaml: no config.yaml here")


def test_a_long_rebuild_shows_the_page_in_the_browser_first(new_site: Path) -> None:
    """A template save that re-renders many pages: the page a browser has open
    is put in place and announced (an extra epoch) before the rest is done, and
    the build's end announces again with everything in place."""
    from portfoliogen.fsutil import builtin_themes_dir
    from portfoliogen.serve.server import DevServer, ServeOptions

    template = new_site / "themes/default/templates/case_study.html"
    template.parent.mkdir(parents=True)
    builtin = (builtin_themes_dir() / "default/templates/case_study.html").read_text(encoding="utf-8")
    template.write_text(builtin, encoding="utf-8")
    with DevServer(ServeOptions(config_path=new_site / "config.yaml", port=0, today=None),
                      say=lambda m: None, warn=lambda m: None) as server:
        page = server.url + "work/second-project/"
        assert fetch(page)[0] == 200
        assert server.live.visited() == ["work/second-project/index.html"]
        epoch, builds = server.snapshot.epoch, server.builds
        template.write_text(builtin.replace('<article class="cs">', '<article class="cs" data-saved="1">'),
                            encoding="utf-8")
        wait_for(page, 'data-saved="1"')
        deadline = time.monotonic() + 20
        while server.builds == builds and time.monotonic() < deadline:
            time.sleep(0.02)
        assert server.snapshot.epoch == epoch + 2     # shown first, then the whole build
        assert 'data-saved="1"' in fetch(server.url + "work/first-project/")[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_restart_on_the_same_port_carries_the_pages_over(new_site: Path) -> None:
    """The folder is kept in the cache between sessions: a second start renders
    nothing and serves the same bytes; a file changed behind its back (or a
    second server at the same time) means a folder of its own, all rendered."""
    from portfoliogen.serve.server import DevServer, ServeOptions

    options = ServeOptions(config_path=new_site / "config.yaml", port=_free_port())
    quiet = {"say": lambda m: None, "warn": lambda m: None}
    with DevServer(options, **quiet) as first:
        kept = new_site / ".portfoliogen-cache/serve/site"
        assert first.output_dir == kept.resolve() or first.output_dir == kept
        pages = first.last_report.pages
        home = fetch(first.url)[1]
        with DevServer(ServeOptions(config_path=new_site / "config.yaml", port=0), **quiet) as second:
            assert second.output_dir.is_relative_to(second.tmp)   # the kept folder is taken
            assert second.last_report.rendered == pages
    assert (new_site / ".portfoliogen-cache/serve/files.json").is_file()

    with DevServer(options, **quiet) as again:
        assert again.last_report.rendered == 0                    # warm: every page carried over
        assert fetch(again.url)[1] == home
        assert not (new_site / ".portfoliogen-cache/serve/files.json").exists()   # taken as it was read

    contact = kept / "contact/index.html"
    contact.write_text("<p>changed behind the server's back</p>", encoding="utf-8")
    with DevServer(options, **quiet) as after:
        assert after.last_report.rendered == pages                # not as left: emptied, all rendered
        assert "behind the server" not in fetch(after.url + "contact/")[1]


def test_the_kept_folder_manifest_is_data_checked_before_use(tmp_path: Path) -> None:
    from portfoliogen.build.live import _read_manifest

    path = tmp_path / "files.json"
    for bad in ("not json", "[]", '{"format": 1, "files": {"../x": [["data"], [1, 2, 3, 4]]}}',
                '{"format": 1, "files": {"/etc/passwd": [["data"], [1, 2, 3, 4]]}}',
                '{"format": 1, "files": {"a.html": [["exec", "x"], [1, 2, 3, 4]]}}',
                '{"format": 99, "files": {}}', '{"format": 1, "files": {"a.html": [["data"], "big"]}}'):
        path.write_text(bad, encoding="utf-8")
        assert _read_manifest(path) is None, bad
    path.write_text('{"format": 1, "files": {"a.html": [["data"], [1, 2, 3, 4]], '
                    '"i.png": [["copy", "/c/i.png", [5, 6, 7, 8]], [5, 9, 9, 9]]}}', encoding="utf-8")
    assert _read_manifest(path) == {"a.html": (("data",), (1, 2, 3, 4)),
                                    "i.png": (("copy", "/c/i.png", (5, 6, 7, 8)), (5, 9, 9, 9))}
