"""Debian's Chromium through Playwright, and axe-core. A missing browser or
axe-core is a test failure, never a skip."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update", "--no-first-run"]


def axe_script() -> Path:
    candidates = [os.environ.get("AXE_JS", ""),
                  REPO / "tests/.node/node_modules/axe-core/axe.min.js",
                  Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
                  / "portfoliogen-audit/node/node_modules/axe-core/axe.min.js"]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    pytest.fail("axe-core not found: run scripts/test.sh (it installs it with npm) or set AXE_JS")


def launch(playwright):
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing at /usr/bin/chromium (apt-get install chromium)")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@contextmanager
def serve_folder(folder: Path, base_path: str = "/", handler_class: type = _QuietHandler):
    """Serve `folder` at http://127.0.0.1:PORT{base_path} like a static host (`handler_class`:
    a SimpleHTTPRequestHandler that serves some files differently, e.g. with cache headers)."""
    root = folder
    if base_path != "/":
        # A static host serving the site under a sub-path: mount it there.
        mount = folder.parent / f"{folder.name}-mount"
        target = mount / base_path.strip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            target.symlink_to(folder, target_is_directory=True)
        root = mount
    handler = functools.partial(handler_class, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base_path}"
    finally:
        server.shutdown()
        server.server_close()
