"""The HTTP side of `portfoliogen serve`: request targets to files of the built site,
the live-reload script injected into HTML, build events pushed over Server-Sent Events."""

from __future__ import annotations

import html
import json
import re
import select
import socket
import socketserver
import threading
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from portfoliogen.serve.rules import HostRule, content_type

INTERNAL = "/__portfoliogen/"
LIVE_JS = Path(__file__).parent / "live.js"


# Files are never served from outside the built site. Standard library only (http.server), like
# MkDocs' own livereload server (`mkdocs/livereload/__init__.py`), which replaced the `livereload`
# package: see serve/server.py (DevServer) for why.
@dataclass(frozen=True)
class Snapshot:
    """What the server shows right now; replaced as a whole (one attribute
    store), so a request sees one consistent state."""

    root: Path | None                    # the built site, None before a first good build
    root_id: object = 0                  # its identity when announced (DevServer.folder_id)
    base_path: str = "/"
    epoch: int = 0                       # bumped by every good build or asset swap
    errors: tuple[str, ...] = ()         # the last build's errors, () after a good one
    overlay: Mapping[str, bytes] = field(default_factory=dict)   # site path -> bytes (asset swap)
    rewrites: tuple[tuple[bytes, bytes], ...] = ()               # old -> new asset names in HTML


class Broadcast:
    """Build events for every connected browser; SSE handlers block on it."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._events: deque[tuple[int, str, str]] = deque(maxlen=64)
        self._seq = 0
        self.closed = False

    @property
    def seq(self) -> int:
        with self._cond:
            return self._seq

    def publish(self, name: str, data: dict) -> None:
        with self._cond:
            self._seq += 1
            self._events.append((self._seq, name, json.dumps(data)))
            self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            self.closed = True
            self._cond.notify_all()

    def wait(self, after: int, timeout: float) -> list[tuple[int, str, str]]:
        with self._cond:
            if self._seq <= after and not self.closed:
                self._cond.wait(timeout)
            return [e for e in self._events if e[0] > after]


# ---------------------------------------------------------------- routing
@dataclass(frozen=True)
class Route:
    kind: str          # "file", "redirect", "internal", "not_found", "bad"
    value: str = ""    # site-relative path, Location, or internal name


def route_request(target: str, base_path: str) -> Route:
    """Request target (as sent, still %-encoded) -> what to do. Pure, so the
    traversal rules are unit-testable: '..' and '.' segments (raw or
    %-encoded), NUL and backslashes are refused; empty segments are dropped,
    so '//etc/passwd' is 'etc/passwd' under the site, never '/etc/passwd'."""
    if target.startswith(("http://", "https://")):
        target = urlsplit(target).path or "/"   # absolute-form (RFC 9112 3.2.2): use its path
    if not target.startswith("/"):
        return Route("bad")
    raw_path = target.split("?", 1)[0].split("#", 1)[0]
    try:
        path = unquote(raw_path, errors="strict")
    except UnicodeDecodeError:
        return Route("bad")
    if "\x00" in path or "\\" in path:
        return Route("not_found")
    segments = path.split("/")
    if any(s in (".", "..") for s in segments):
        return Route("not_found")
    if path.startswith(INTERNAL):
        return Route("internal", path[len(INTERNAL):])
    if not path.startswith(base_path):
        if path + "/" == base_path or path == "/":
            return Route("redirect", base_path)
        return Route("not_found")
    rel = "/".join(s for s in path[len(base_path):].split("/") if s)
    if path.endswith("/") and rel:
        rel += "/"
    return Route("file", rel)


def find_file(root: Path, rel: str) -> tuple[str, Path | None]:
    """('ok', path) | ('dir', None) (needs a trailing slash) | ('forbidden',
    None) (resolves outside the site: a symlink out) | ('missing', None)."""
    parts = [p for p in rel.split("/") if p]
    candidate = root.joinpath(*parts)
    if not rel or rel.endswith("/"):
        candidate = candidate / "index.html"
    elif candidate.is_dir():
        return ("dir", None) if (candidate / "index.html").is_file() else ("missing", None)
    real = candidate.resolve()
    if not real.is_relative_to(root.resolve()):
        return ("forbidden", None)
    return ("ok", real) if real.is_file() else ("missing", None)


_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


def inject(document: bytes, snippet: bytes) -> bytes:
    """Put the script before the last </body>, or at the end."""
    matches = list(_BODY_END.finditer(document))
    if not matches:
        return document + snippet
    at = matches[-1].start()
    return document[:at] + snippet + document[at:]


NO_BUILD_PAGE = b"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>portfoliogen: no build yet</title></head><body>
<h1>The site has not built yet</h1><p>Fix the errors shown here (and on the terminal);
this page reloads by itself after the next good build.</p></body></html>"""


class DevHandler(BaseHTTPRequestHandler):
    server_version = "portfoliogen-serve"
    protocol_version = "HTTP/1.0"   # one request per connection: no idle keep-alive threads
    # A client that connects and sends nothing (a browser's speculative
    # preconnect, a stuck tool) holds one of the few workers: give it 5 s to
    # send its request, then 15 s per read or write of the answer (a phone
    # on slow Wi-Fi). Nothing holds a thread, or shutdown, forever.
    timeout = 5
    answer_timeout = 15

    # The server object carries `app` (serve.DevServer): snapshot, broadcast.
    def do_GET(self) -> None:
        self.connection.settimeout(self.answer_timeout)
        self._handle(head=False)

    def do_HEAD(self) -> None:
        self.connection.settimeout(self.answer_timeout)
        self._handle(head=True)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - quiet terminal
        pass

    # ------------------------------------------------------------ dispatch
    def _handle(self, head: bool) -> None:
        app = self.server.app  # type: ignore[attr-defined]
        refused = self.server.host_rule.check(  # type: ignore[attr-defined]
            self.headers.get_all("Host", []), self.headers.get("Origin"), self.path, self.request_version)
        if refused is not None:
            status, reason = refused
            return self._send(HTTPStatus(status), f"{reason}\n".encode(), "text/plain; charset=utf-8", head)
        snap: Snapshot = app.snapshot
        route = route_request(self.path, snap.base_path)
        if route.kind == "bad":
            return self._send(HTTPStatus.BAD_REQUEST, b"bad request\n", "text/plain; charset=utf-8", head)
        if route.kind == "redirect":
            return self._redirect(route.value, head)
        if route.kind == "internal":
            if route.value == "live.js":
                return self._send(HTTPStatus.OK, LIVE_JS.read_bytes(), "text/javascript; charset=utf-8", head)
            if route.value == "events" and not head:
                if not self.server.enter_event_stream():  # type: ignore[attr-defined]
                    return self._send(HTTPStatus.SERVICE_UNAVAILABLE, b"too many live-reload connections\n",
                                      "text/plain; charset=utf-8", head)
                return self._events(app)
            return self._not_found(snap, head)
        if route.kind == "not_found":
            return self._not_found(snap, head)
        if snap.root is None:
            return self._send(HTTPStatus.SERVICE_UNAVAILABLE, self._html(NO_BUILD_PAGE, snap), "text/html; charset=utf-8", head)
        if route.value in snap.overlay:
            return self._send_file_bytes(route.value, snap.overlay[route.value], snap, head)
        for attempt in range(50):
            # During the build's swap (build/staging.py) the folder is briefly renamed away: retry.
            try:
                root_id = app.folder_id(snap.root)
                break
            except OSError:
                time.sleep(0.01)
        else:
            root_id = snap.root_id
        if root_id != snap.root_id:
            snap = app.wait_for_newer(snap)   # a build just swapped in, not yet announced
            if route.value in snap.overlay:
                return self._send_file_bytes(route.value, snap.overlay[route.value], snap, head)
        status, path = find_file(snap.root, route.value)
        if status == "dir":
            return self._redirect(snap.base_path + route.value + "/", head)
        if status == "forbidden":
            return self._send(HTTPStatus.FORBIDDEN, b"forbidden\n", "text/plain; charset=utf-8", head)
        if status == "missing" or path is None:
            return self._not_found(snap, head)
        try:
            data = path.read_bytes()
        except OSError:  # removed by a swap between the lookup and the read
            return self._not_found(snap, head)
        app.note_visit(path)
        self._send_file_bytes(path.name, data, snap, head)
        app.leftovers.served(snap.epoch)   # sent: what the last build left may go now

    # ------------------------------------------------------------ responses
    def _html(self, data: bytes, snap: Snapshot, shown: str | None = None) -> bytes:
        """`shown`: the page served when it is not the one at the URL (the 404
        page): a build that changes it reloads this tab too (live.js)."""
        for old, new in snap.rewrites:
            data = data.replace(old, new)
        page = f' data-page="{html.escape(shown)}"' if shown else ""
        tag = (f'<script src="{INTERNAL}live.js" data-epoch="{snap.epoch}" '
               f'data-events="{INTERNAL}events"{page}></script>')
        return inject(data, tag.encode())

    def _send_file_bytes(self, name: str, data: bytes, snap: Snapshot, head: bool,
                         status: HTTPStatus = HTTPStatus.OK, shown: str | None = None) -> None:
        ctype = content_type(name, data)
        if ctype.startswith("text/html"):
            data = self._html(data, snap, shown)
        self._send(status, data, ctype, head)

    def _not_found(self, snap: Snapshot, head: bool) -> None:
        page = snap.root / "404.html" if snap.root else None
        if page is not None and page.is_file():
            try:
                return self._send_file_bytes("404.html", page.read_bytes(), snap, head, HTTPStatus.NOT_FOUND,
                                             shown=snap.base_path + "404.html")
            except OSError:
                pass
        self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8", head)

    def _redirect(self, location: str, head: bool) -> None:
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: HTTPStatus, data: bytes, ctype: str, head: bool) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            if not head:
                self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _events(self, app) -> None:
        """Server-Sent Events: a 'hello' with the current epoch and errors,
        then every build event; a comment every 10 s keeps proxies quiet."""
        broadcast: Broadcast = app.broadcast
        seq = broadcast.seq
        snap: Snapshot = app.snapshot
        try:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            # `?epoch=` is the page's own: if the builds since changed other pages only, it need not reload
            since = parse_qs(urlsplit(self.path).query).get("epoch", [""])[0]
            changed = app.pages_changed_since(int(since) if since.isdigit() else None)
            hello = json.dumps({"epoch": snap.epoch, "errors": list(snap.errors), "changed": changed})
            self.wfile.write(f"event: hello\ndata: {hello}\n\n".encode())
            self.wfile.flush()
            last_write = time.monotonic()
            # Wake every second to notice a closed tab, which frees its
            # stream slot (DevHTTPServer.EVENT_STREAMS) at once.
            while not broadcast.closed and not self._client_gone():
                events = broadcast.wait(seq, timeout=1)
                if not events and time.monotonic() - last_write < 10:
                    continue
                if not events:
                    self.wfile.write(b": ping\n\n")
                for seq, name, data in events:
                    self.wfile.write(f"event: {name}\ndata: {data}\n\n".encode())
                self.wfile.flush()
                last_write = time.monotonic()
        except (BrokenPipeError, ConnectionResetError, socket.timeout, OSError):
            pass

    def _client_gone(self) -> bool:
        """An event stream's client sends nothing after its request, so a
        readable socket with nothing to read means it hung up."""
        try:
            if not select.select([self.connection], [], [], 0)[0]:
                return False
            return self.connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True


class DevHTTPServer(ThreadingHTTPServer):
    """One thread per connection, but at most WORKERS at a time: while all
    are busy the accept loop waits and new connections queue in the listen
    backlog (socketserver's default of 5 dropped a crowd of 200). A live-
    reload event stream lasts as long as its tab, so it hands its worker
    slot back and holds one of EVENT_STREAMS instead: open tabs never starve
    page requests. No keep-alive (DevHandler speaks HTTP/1.0) and a socket
    timeout, so an idle or silent client holds a worker for seconds, not
    forever."""

    request_queue_size = 1024   # the kernel caps it at net.core.somaxconn
    WORKERS = 32
    EVENT_STREAMS = 64
    # Track handler threads and join them in server_close(), so a stopped
    # server leaves none behind (ThreadingHTTPServer's default is daemons).
    daemon_threads = False
    block_on_close = True

    def __init__(self, address: tuple[str, int], app, host_rule: HostRule | None = None) -> None:
        self.app = app
        self.host_rule = host_rule or HostRule(address[0])
        self._workers = threading.BoundedSemaphore(self.WORKERS)
        self._streams = threading.BoundedSemaphore(self.EVENT_STREAMS)
        self._holds_worker = threading.local()
        self._closing = threading.Event()
        super().__init__(address, DevHandler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind calls socket.getfqdn(), a reverse DNS lookup
        # that can stall for seconds on a machine without DNS.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def process_request(self, request, client_address) -> None:
        while not self._workers.acquire(timeout=0.25):   # wake up to see a shutdown
            if self._closing.is_set():
                return self.shutdown_request(request)
        try:
            super().process_request(request, client_address)   # starts a thread
        except BaseException:
            self._workers.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        self._holds_worker.slot = "worker"
        try:
            super().process_request_thread(request, client_address)
        finally:
            if self._holds_worker.slot == "worker":
                self._workers.release()
            elif self._holds_worker.slot == "stream":
                self._streams.release()

    def enter_event_stream(self) -> bool:
        """Called by the handler of an event stream: trade the worker slot for
        a stream slot; False (keep the worker slot) when all are taken."""
        if not self._streams.acquire(blocking=False):
            return False
        self._holds_worker.slot = "stream"
        self._workers.release()
        return True

    def shutdown(self) -> None:
        self._closing.set()
        super().shutdown()


class DevHTTPServer6(DevHTTPServer):
    address_family = socket.AF_INET6


def bind(host: str, port: int, app, tries: int = 20) -> DevHTTPServer:
    """The first free port from `port` on (0: any free port)."""
    last: OSError | None = None
    server_class = DevHTTPServer6 if ":" in host else DevHTTPServer
    for candidate in ([0] if port == 0 else range(port, port + tries)):
        try:
            return server_class((host, candidate), app)
        except OSError as err:  # EADDRINUSE (or EACCES for a privileged port)
            last = err
    raise OSError(f"no free port in {port}-{port + tries - 1} on {host}: {last}")
